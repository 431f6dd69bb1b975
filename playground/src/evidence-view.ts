/**
 * The evidence of the results: the scores set beside the outcomes loaded with the leads (the AUC
 * with its interval, the ROC and gains curves) and what could not be paired, counted so that
 * nothing is dropped in silence; and the change in AUC against the baseline, on the leads both
 * scored. Pure data in, data out: the page draws it, the unit tests check it.
 */
import {
  aucDifference,
  aucOf,
  csvOutcomes,
  gainsCurve,
  jsonlOutcomes,
  pairOutcomes,
  rocCurve,
  type AucDifference,
  type AucEstimate,
  type CurvePoint,
  type Outcomes,
} from '../../evidence/index.js';
import type { LeadRow } from './protocol.js';

export interface EvidenceCounts {
  /** Scored leads that have an outcome: the AUC and the curves are about them. */
  withOutcome: number;
  converted: number;
  /** Scored leads that no outcome names. */
  withoutOutcome: number;
  /** Leads that could not be scored (their outcome, if any, is not used). */
  notScored: number;
  /** Outcomes whose id no lead has. */
  outcomesWithoutLead: number;
  /** Leads whose id an earlier lead has: only the first is paired. */
  repeatedLeads: number;
  /** Rows (or lines) of the outcomes file that could not be read. */
  unreadableOutcomes: number;
}

export interface Evidence {
  auc: AucEstimate;
  counts: EvidenceCounts;
  roc: CurvePoint[];
  gains: CurvePoint[];
  /** The score of each lead with an outcome, by id: what a later version is compared with. */
  scores: Map<string, number>;
}

/** Outcomes from a file's text: JSON Lines for .jsonl, .ndjson and .json, else CSV. */
export function outcomesOf(name: string, text: string): Outcomes {
  return /\.(jsonl|ndjson|json)$/i.test(name) ? jsonlOutcomes(text) : csvOutcomes(text);
}

/** The scores of `rows` beside `outcomes`. */
export function evidenceOf(rows: readonly LeadRow[], outcomes: Outcomes): Evidence {
  const scored = rows.flatMap((row) => (row.result ? [{ id: row.id, result: row.result }] : []));
  const { paired, leadsWithoutOutcome, repeatedLeads } = pairOutcomes(scored, outcomes);
  const scores = paired.map((lead) => lead.result.score);
  const converted = paired.map((lead) => lead.outcome.converted);
  // The outcome of a lead that could not be scored has a lead: it is counted with the leads not scored.
  const ids = new Set(rows.map((row) => row.id));
  const outcomesWithoutLead = [...outcomes.byId.keys()].filter((id) => !ids.has(id)).length;
  return {
    auc: aucOf(scores, converted),
    counts: {
      withOutcome: paired.length,
      converted: converted.filter(Boolean).length,
      withoutOutcome: leadsWithoutOutcome.count,
      notScored: rows.length - scored.length,
      outcomesWithoutLead,
      repeatedLeads: repeatedLeads.count,
      unreadableOutcomes: outcomes.problems.length,
    },
    roc: rocCurve(scores, converted),
    gains: gainsCurve(scores, converted),
    scores: new Map(paired.map((lead) => [lead.id, lead.result.score])),
  };
}

export interface AucChange {
  /** The leads with an outcome that both the baseline and the current results scored. */
  leads: number;
  before: number;
  after: number;
  difference: AucDifference;
}

/** The AUC of the baseline and of the current results on the leads both scored, and its paired change. */
export function aucChange(baseline: Evidence, current: Evidence, outcomes: Outcomes): AucChange {
  const both = [...current.scores.keys()].filter((id) => baseline.scores.has(id));
  const before = both.map((id) => baseline.scores.get(id)!);
  const after = both.map((id) => current.scores.get(id)!);
  const converted = both.map((id) => outcomes.byId.get(id)!.converted);
  return { leads: both.length, before: aucOf(before, converted).auc, after: aucOf(after, converted).auc, difference: aucDifference(before, after, converted) };
}

const auc = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(3));
const signed = (value: number) => (Number.isNaN(value) ? '—' : `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(3)}`);

/** `AUC 0.729 (95%: 0.703 to 0.755)`, or why there is none. */
export function describeAuc(estimate: AucEstimate): string {
  if (estimate.interval === null) return 'AUC — (it needs converted and unconverted leads)';
  return `AUC ${auc(estimate.auc)} (95%: ${auc(estimate.interval.low)} to ${auc(estimate.interval.high)})`;
}

/** `AUC 0.729 → 0.741 (+0.012, 95%: −0.004 to +0.028, paired)`. */
export function describeAucChange(change: AucChange): string {
  const { difference, interval } = change.difference;
  const range = interval === null ? '—' : `${signed(interval.low)} to ${signed(interval.high)}`;
  return `AUC ${auc(change.before)} → ${auc(change.after)} (${signed(difference)}, 95%: ${range}, paired)`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The counts in words, every one that is not zero (and the leads with an outcome always). */
export function describeCounts(counts: EvidenceCounts, unit: Outcomes['unit']): string[] {
  const lines = [`${count(counts.withOutcome, 'lead')} with an outcome, ${counts.converted} converted`];
  if (counts.withoutOutcome > 0) lines.push(`${count(counts.withoutOutcome, 'lead')} without an outcome`);
  if (counts.notScored > 0) lines.push(`${count(counts.notScored, 'lead')} not scored`);
  if (counts.repeatedLeads > 0) lines.push(`${count(counts.repeatedLeads, 'lead')} with an id seen before`);
  if (counts.outcomesWithoutLead > 0) lines.push(`${count(counts.outcomesWithoutLead, 'outcome')} without a lead`);
  if (counts.unreadableOutcomes > 0) lines.push(`${count(counts.unreadableOutcomes, `unreadable outcome ${unit}`)}`);
  return lines;
}
