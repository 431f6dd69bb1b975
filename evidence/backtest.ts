/**
 * A backtest: a policy's results on past leads set beside what became of them. How well the score
 * ranks converted leads above the rest (AUC), how conversion rises through the score deciles, and
 * how each grade, stage and route converted — every figure with its count and 95% interval.
 */
import type { ScoreResult } from '../runtime/index.js';
import type { Outcome, Outcomes } from './outcomes.js';
import { aucDifference, aucOf, wilsonInterval, type AucDifference, type AucEstimate, type Interval } from './statistics.js';

/** A rate with the counts it comes from. */
export interface Rate {
  count: number;
  of: number;
  rate: number | null;
  interval: Interval | null;
}

export interface Decile {
  /** 1 holds the highest scores. */
  decile: number;
  leads: number;
  lowestScore: number;
  highestScore: number;
  conversion: Rate;
  /** The share of all conversions in this decile and those above it. */
  cumulativeGain: number;
  /** This decile's conversion rate over the overall rate. */
  lift: number | null;
}

export interface LabelFigures {
  /** The grade, stage or route; null for leads it left without one. */
  label: string | null;
  leads: number;
  /** Of the leads with this label, how many converted: the label's precision. */
  conversion: Rate;
  /** Of all converted leads, how many had this label. */
  recall: Rate;
}

/** The leads and outcomes that could not be paired, counted and listed (the first few ids). */
export interface Unmatched {
  count: number;
  ids: string[];
}

export interface BacktestReport {
  /** Scored leads that have an outcome: every figure is about them. */
  leads: number;
  conversion: Rate;
  auc: number;
  aucInterval: Interval | null;
  sections: Array<{ name: string } & AucEstimate>;
  deciles: Decile[];
  decisions: { grade: LabelFigures[]; stage: LabelFigures[]; route: LabelFigures[] };
  leadsWithoutOutcome: Unmatched;
  outcomesWithoutLead: Unmatched;
  /** Leads whose id an earlier lead has: only the first is paired with the outcome. */
  repeatedLeads: Unmatched;
}

/** The labels of each decision in the policy's order, so that tables list them as the policy does. */
export type LabelOrder = Partial<Record<'grade' | 'stage' | 'route', readonly string[]>>;

/** A scored lead: its result, or none when its input could not be read or scored. */
export interface ScoredLead {
  id: string;
  result: ScoreResult;
}

const listed = 20;

function rate(count: number, of: number): Rate {
  return { count, of, rate: of === 0 ? null : count / of, interval: wilsonInterval(count, of) };
}

function unmatched(ids: string[]): Unmatched {
  return { count: ids.length, ids: ids.slice(0, listed) };
}

/** The leads paired with their outcomes, in input order, and what could not be paired. */
export function pairOutcomes(
  scored: readonly ScoredLead[],
  outcomes: Outcomes,
): { paired: Array<ScoredLead & { outcome: Outcome }>; leadsWithoutOutcome: Unmatched; outcomesWithoutLead: Unmatched; repeatedLeads: Unmatched } {
  const paired: Array<ScoredLead & { outcome: Outcome }> = [];
  const withoutOutcome: string[] = [];
  const repeated: string[] = [];
  const seen = new Set<string>();
  for (const lead of scored) {
    if (seen.has(lead.id)) {
      repeated.push(lead.id);
      continue;
    }
    const outcome = outcomes.byId.get(lead.id);
    seen.add(lead.id);
    if (outcome) paired.push({ ...lead, outcome });
    else withoutOutcome.push(lead.id);
  }
  const withoutLead = [...outcomes.byId.keys()].filter((id) => !seen.has(id));
  return { paired, leadsWithoutOutcome: unmatched(withoutOutcome), outcomesWithoutLead: unmatched(withoutLead), repeatedLeads: unmatched(repeated) };
}

/** The figures of a backtest over leads paired with outcomes. */
export function backtest(scored: readonly ScoredLead[], outcomes: Outcomes, labels: LabelOrder = {}): BacktestReport {
  const { paired, leadsWithoutOutcome, outcomesWithoutLead, repeatedLeads } = pairOutcomes(scored, outcomes);
  const converted = paired.map((lead) => lead.outcome.converted);
  const scores = paired.map((lead) => lead.result.score);
  const total = converted.filter(Boolean).length;
  const { auc, interval } = aucOf(scores, converted);
  const sectionNames = paired.length > 0 ? Object.keys(paired[0]!.result.dimensions) : [];
  return {
    leads: paired.length,
    conversion: rate(total, paired.length),
    auc,
    aucInterval: interval,
    sections: sectionNames.map((name) => ({
      name,
      ...aucOf(
        paired.map((lead) => lead.result.dimensions[name] ?? 0),
        converted,
      ),
    })),
    deciles: deciles(scores, converted),
    decisions: {
      grade: byLabel(paired, (result) => result.grade, total, labels.grade),
      stage: byLabel(paired, (result) => result.stage, total, labels.stage),
      route: byLabel(paired, (result) => result.route, total, labels.route),
    },
    leadsWithoutOutcome,
    outcomesWithoutLead,
    repeatedLeads,
  };
}

/**
 * Ten groups of (nearly) equal size by score, highest first. Leads with equal scores stay in
 * input order, so a decile boundary may split a score; the score range of each decile shows it.
 */
function deciles(scores: readonly number[], converted: readonly boolean[]): Decile[] {
  const order = scores.map((_, index) => index).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const total = converted.filter(Boolean).length;
  const overall = scores.length === 0 ? 0 : total / scores.length;
  const groups: Decile[] = [];
  let cumulative = 0;
  for (let decile = 0; decile < 10; decile++) {
    const members = order.slice(Math.floor((decile * order.length) / 10), Math.floor(((decile + 1) * order.length) / 10));
    if (members.length === 0) continue;
    const conversions = members.filter((index) => converted[index]).length;
    cumulative += conversions;
    const conversion = rate(conversions, members.length);
    groups.push({
      decile: decile + 1,
      leads: members.length,
      lowestScore: scores[members.at(-1)!]!,
      highestScore: scores[members[0]!]!,
      conversion,
      cumulativeGain: total === 0 ? 0 : cumulative / total,
      lift: overall === 0 ? null : conversion.rate! / overall,
    });
  }
  return groups;
}

function byLabel(
  paired: ReadonlyArray<ScoredLead & { outcome: Outcome }>,
  labelOf: (result: ScoreResult) => string | null,
  totalConverted: number,
  order: readonly string[] = [],
): LabelFigures[] {
  const groups = new Map<string | null, { leads: number; conversions: number }>();
  for (const lead of paired) {
    const label = labelOf(lead.result);
    const group = groups.get(label) ?? groups.set(label, { leads: 0, conversions: 0 }).get(label)!;
    group.leads++;
    if (lead.outcome.converted) group.conversions++;
  }
  if (groups.size === 1 && groups.has(null)) return [];
  // A label no lead got is a finding too ("no lead became SQL").
  for (const label of order) if (!groups.has(label)) groups.set(label, { leads: 0, conversions: 0 });
  // The policy's order, then labels it does not list (Blacklisted), then leads without a label.
  const rank = (label: string | null) => (label === null ? Infinity : order.includes(label) ? order.indexOf(label) : order.length);
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([label, { leads, conversions }]) => ({ label, leads, conversion: rate(conversions, leads), recall: rate(conversions, totalConverted) }));
}

export interface BacktestComparison {
  before: BacktestReport;
  after: BacktestReport;
  /** The change in AUC on the leads both scored, with DeLong's paired interval. */
  auc: AucDifference;
}

/** Two policies' backtests on the same leads and outcomes, and the change in AUC between them. */
export function compareBacktests(
  before: readonly ScoredLead[],
  after: readonly ScoredLead[],
  outcomes: Outcomes,
  labels: { before?: LabelOrder; after?: LabelOrder } = {},
): BacktestComparison {
  const scoreAfter = new Map(after.map((lead) => [lead.id, lead.result.score]));
  const both = pairOutcomes(before, outcomes).paired.filter((lead) => scoreAfter.has(lead.id));
  return {
    before: backtest(before, outcomes, labels.before),
    after: backtest(after, outcomes, labels.after),
    auc: aucDifference(
      both.map((lead) => lead.result.score),
      both.map((lead) => scoreAfter.get(lead.id)!),
      both.map((lead) => lead.outcome.converted),
    ),
  };
}
