import type { ContributionNode, PolicyIr } from '../../runtime/rule-graph.js';
import { round2 } from '../../runtime/support.js';

/** The lowest and highest value a total can take; `±Infinity` when unbounded. */
export interface Bounds {
  min: number;
  max: number;
}

export interface ScoreRanges {
  /** Each section's total, in the order of the policy. */
  sections: Array<{ name: string } & Bounds>;
  /** The rules outside sections, which add to the score directly. */
  direct: Bounds;
  /** The score: the sections plus the rules outside sections. */
  score: Bounds;
}

/**
 * The range of one rule's points. A rule that scores once gives 0 or its
 * points (decay only lowers them); `each` gives up to its cap, or without a
 * cap any amount; `subtract` mirrors that below 0; `blacklist` gives nothing.
 */
export function contributionBounds(contribution: ContributionNode): Bounds {
  if (contribution.effect === 'blacklist' || contribution.points === 0) return { min: 0, max: 0 };
  const magnitude = contribution.mode === 'each' ? (contribution.cap ?? Infinity) : contribution.points;
  return contribution.effect === 'add' ? { min: 0, max: magnitude } : { min: -magnitude, max: 0 };
}

function add(a: Bounds, b: Bounds): Bounds {
  return { min: a.min + b.min, max: a.max + b.max };
}

/** Totals are rounded to cents as the runtime rounds them; rounding is monotonic, so the bounds stay bounds. */
function rounded(bounds: Bounds): Bounds {
  return { min: round2(bounds.min) + 0, max: round2(bounds.max) + 0 };
}

/** Every section's range and the score's, from the rule graph; caps and decay considered. */
export function scoreRanges(ir: PolicyIr): ScoreRanges {
  const totals = new Map<string | null, Bounds>([[null, { min: 0, max: 0 }], ...ir.sections.map((section): [string, Bounds] => [section.name, { min: 0, max: 0 }])]);
  for (const contribution of ir.contributions) {
    const current = totals.get(contribution.section) ?? { min: 0, max: 0 };
    totals.set(contribution.section, add(current, contributionBounds(contribution)));
  }
  const sections = ir.sections.map((section) => ({ name: section.name, ...rounded(totals.get(section.name)!) }));
  // As the runtime does: the rounded section totals plus the unrounded direct points, rounded.
  const score = rounded(sections.reduce<Bounds>(add, totals.get(null)!));
  const direct = rounded(totals.get(null)!);
  return { sections, direct, score };
}
