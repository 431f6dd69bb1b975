import { LeadError, type Explanation, type Policy, type RuleTrace } from '../runtime/index.js';
import { round2 } from '../runtime/support.js';
import { decisionNames, type DecisionName } from '../runtime/rule-graph.js';
import type { LeadInput } from '../leads/index.js';
import { matchRules, type RuleChange, type RuleMatching } from './rules.js';

/** One lead scored under the old and the new policy; `error` where it could not be scored. */
export interface ScoredPair {
  line: number;
  id: string | number | null;
  old: Explanation | { error: string };
  new: Explanation | { error: string };
}

export { decisionNames, type DecisionName };

export interface Transition {
  from: string | null;
  to: string | null;
  count: number;
}

export interface Bucket {
  label: string;
  count: number;
}

/** One version of a rule, with its points for the lead. */
export interface RuleSide {
  rule: string;
  /** The rule's name (`as "…"`), when it has one. */
  name?: string;
  line: number;
  points: number;
  fired: boolean;
}

/** A rule whose points for one lead differ between the two policies. */
export interface RuleDelta {
  old: RuleSide | null;
  new: RuleSide | null;
  section: string | null;
  change: number;
}

export interface LeadChange {
  line: number;
  id: string | number | null;
  oldScore: number;
  newScore: number;
  change: number;
  old: Record<DecisionName, string | null>;
  new: Record<DecisionName, string | null>;
  rules: RuleDelta[];
}

export interface FailedLead {
  line: number;
  id: string | number | null;
  old?: string;
  new?: string;
}

export interface ImpactReport {
  leads: number;
  /** Scored under both policies. */
  scored: number;
  failed: FailedLead[];
  /** How many leads (scored under both) changed score, grade, stage, route. */
  changed: { score: number } & Record<DecisionName, number>;
  transitions: Record<DecisionName, Transition[]>;
  scoreChanges: { buckets: Bucket[]; min: number; median: number; max: number } | null;
  /** The largest changes first. */
  top: LeadChange[];
  rules: RuleChange[];
}

/** Scores each lead under both policies; never throws for a bad lead. */
export function scoreUnderBoth(oldPolicy: Policy, newPolicy: Policy, leads: Iterable<LeadInput>, now: Date): ScoredPair[] {
  const run = (policy: Policy, lead: unknown): Explanation | { error: string } => {
    try {
      return policy.explain(lead, { now });
    } catch (error) {
      if (error instanceof LeadError) return { error: error.message };
      return { error: `internal error: ${(error as Error).message}` };
    }
  };
  const pairs: ScoredPair[] = [];
  for (const input of leads) {
    if (input.error !== undefined) {
      pairs.push({ line: input.line, id: input.id, old: { error: input.error }, new: { error: input.error } });
      continue;
    }
    pairs.push({ line: input.line, id: input.id, old: run(oldPolicy, input.lead), new: run(newPolicy, input.lead) });
  }
  return pairs;
}

/** The buckets of score changes (new − old), from the largest drop to the largest rise. */
export const bucketBounds: ReadonlyArray<{ label: string; test: (change: number) => boolean }> = [
  { label: '< -20', test: (d) => d < -20 },
  { label: '-20..-5', test: (d) => d >= -20 && d < -5 },
  { label: '-5..0', test: (d) => d >= -5 && d < 0 },
  { label: '0', test: (d) => d === 0 },
  { label: '0..5', test: (d) => d > 0 && d <= 5 },
  { label: '5..20', test: (d) => d > 5 && d <= 20 },
  { label: '> 20', test: (d) => d > 20 },
];

export function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : round2((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/** The rules whose points for this lead differ, largest difference first. */
export function ruleDeltas(old: Explanation, now: Explanation, pairs: ReadonlyMap<string, string>): RuleDelta[] {
  const newById = new Map(now.rules.map((rule) => [rule.id, rule]));
  const seen = new Set<string>();
  const side = (trace: RuleTrace | undefined): RuleSide | null =>
    trace ? { rule: trace.rule, ...(trace.name !== undefined && { name: trace.name }), line: trace.line, points: trace.points, fired: trace.fired } : null;
  const deltas: RuleDelta[] = [];
  const consider = (o: RuleTrace | undefined, n: RuleTrace | undefined) => {
    const change = round2((n?.points ?? 0) - (o?.points ?? 0));
    const blacklistChanged = (o?.effect === 'blacklist' || n?.effect === 'blacklist') && (o?.fired ?? false) !== (n?.fired ?? false);
    if (change === 0 && !blacklistChanged) return;
    deltas.push({ old: side(o), new: side(n), section: (n ?? o)!.section, change });
  };
  for (const o of old.rules) {
    const pairedId = pairs.get(o.id);
    const n = pairedId === undefined ? undefined : newById.get(pairedId);
    if (n) seen.add(n.id);
    consider(o, n);
  }
  for (const n of now.rules) if (!seen.has(n.id)) consider(undefined, n);
  return deltas.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
}

function isScored(value: Explanation | { error: string }): value is Explanation {
  return !('error' in value);
}

/** The impact of changing a policy, over leads scored under both versions. */
export function compareResults(pairs: readonly ScoredPair[], matching: RuleMatching, options: { top: number }): ImpactReport {
  const failed: FailedLead[] = [];
  const changed = { score: 0, grade: 0, stage: 0, route: 0 };
  const transitions = { grade: new Map<string, Transition>(), stage: new Map<string, Transition>(), route: new Map<string, Transition>() };
  const deltas: number[] = [];
  const candidates: Array<{ pair: ScoredPair; old: Explanation; new: Explanation; change: number }> = [];
  for (const pair of pairs) {
    const { old, new: now } = pair;
    if (!isScored(old) || !isScored(now)) {
      failed.push({ line: pair.line, id: pair.id, ...(!isScored(old) && { old: old.error }), ...(!isScored(now) && { new: now.error }) });
      continue;
    }
    const change = round2(now.score - old.score);
    deltas.push(change);
    if (change !== 0) changed.score++;
    let decided = false;
    for (const name of decisionNames) {
      if (old[name] === now[name]) continue;
      decided = true;
      changed[name]++;
      const key = JSON.stringify([old[name], now[name]]);
      const transition = transitions[name].get(key) ?? { from: old[name], to: now[name], count: 0 };
      transition.count++;
      transitions[name].set(key, transition);
    }
    if (change !== 0 || decided) candidates.push({ pair, old, new: now, change });
  }
  // Largest change first; a change of decision without a change of score comes after; then input order.
  candidates.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.pair.line - b.pair.line);
  const decisionsOf = (result: Explanation) => ({ grade: result.grade, stage: result.stage, route: result.route });
  const top = candidates.slice(0, options.top).map(({ pair, old, new: now, change }): LeadChange => ({
    line: pair.line,
    id: pair.id,
    oldScore: old.score,
    newScore: now.score,
    change,
    old: decisionsOf(old),
    new: decisionsOf(now),
    rules: ruleDeltas(old, now, matching.pairs),
  }));
  const sorted = [...deltas].sort((a, b) => a - b);
  const byCount = (map: Map<string, Transition>) => [...map.values()].sort((a, b) => b.count - a.count);
  return {
    leads: pairs.length,
    scored: deltas.length,
    failed,
    changed,
    transitions: { grade: byCount(transitions.grade), stage: byCount(transitions.stage), route: byCount(transitions.route) },
    scoreChanges:
      sorted.length === 0
        ? null
        : {
            buckets: bucketBounds.map(({ label, test }) => ({ label, count: deltas.filter(test).length })),
            min: sorted[0]!,
            median: median(sorted),
            max: sorted[sorted.length - 1]!,
          },
    top,
    rules: matching.changes,
  };
}

/** Scores the leads under both policies and compares: the whole impact of a change. */
export function impactOf(oldPolicy: Policy, newPolicy: Policy, leads: Iterable<LeadInput>, options: { now: Date; top: number }): ImpactReport {
  const pairs = scoreUnderBoth(oldPolicy, newPolicy, leads, options.now);
  return compareResults(pairs, matchRules(oldPolicy.ir, newPolicy.ir), { top: options.top });
}
