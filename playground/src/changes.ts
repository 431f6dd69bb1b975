/**
 * What an edit changes against a saved version (the baseline): which leads move from one stage
 * to another ("12 leads Nurture → MQL"), how many change grade or route, and how scores move.
 * Pure data in, data out: the page renders it, the unit tests check it.
 */
import type { LeadRow } from './protocol.js';

/** A lead that could not be scored, as a stage in a transition. */
export const notScored = '(not scored)';

export interface Outcome {
  score: number | null;
  grade: string | null;
  stage: string;
  route: string | null;
}

/** The outcomes of a set of results, by lead (id, with `#2`, `#3`… for an id seen again). */
export type Baseline = Map<string, Outcome>;

export interface Transition {
  from: string;
  to: string;
  count: number;
}

export interface ChangeSummary {
  /** Stage transitions, most leads first (ties by from, then to). */
  stages: Transition[];
  gradeChanges: number;
  routeChanges: number;
  scoresUp: number;
  scoresDown: number;
  /** Leads now that the baseline does not have, and leads of the baseline that are gone. */
  added: number;
  removed: number;
}

function keys(rows: readonly LeadRow[]): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const count = (seen.get(row.id) ?? 0) + 1;
    seen.set(row.id, count);
    return count === 1 ? row.id : `${row.id}#${count}`;
  });
}

function outcome(row: LeadRow): Outcome {
  if (!row.result) return { score: null, grade: null, stage: notScored, route: null };
  const { score, grade, stage, route } = row.result;
  return { score, grade, stage: stage ?? '—', route };
}

export function baselineOf(rows: readonly LeadRow[]): Baseline {
  const ids = keys(rows);
  return new Map(rows.map((row, index) => [ids[index]!, outcome(row)]));
}

export function compare(baseline: Baseline, rows: readonly LeadRow[]): ChangeSummary {
  const summary: ChangeSummary = { stages: [], gradeChanges: 0, routeChanges: 0, scoresUp: 0, scoresDown: 0, added: 0, removed: 0 };
  const transitions = new Map<string, Transition>();
  const ids = keys(rows);
  const present = new Set<string>();
  rows.forEach((row, index) => {
    const id = ids[index]!;
    present.add(id);
    const before = baseline.get(id);
    if (!before) {
      summary.added++;
      return;
    }
    const after = outcome(row);
    if (before.stage !== after.stage) {
      const key = `${before.stage}\u0000${after.stage}`;
      const transition = transitions.get(key) ?? { from: before.stage, to: after.stage, count: 0 };
      transition.count++;
      transitions.set(key, transition);
    }
    if (before.grade !== after.grade) summary.gradeChanges++;
    if (before.route !== after.route) summary.routeChanges++;
    if (before.score !== null && after.score !== null) {
      if (after.score > before.score) summary.scoresUp++;
      else if (after.score < before.score) summary.scoresDown++;
    }
  });
  for (const id of baseline.keys()) if (!present.has(id)) summary.removed++;
  summary.stages = [...transitions.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return summary;
}

const leads = (count: number) => `${count} lead${count === 1 ? '' : 's'}`;

/** One line per stage transition, e.g. `12 leads Nurture → MQL`. */
export function describeTransition(transition: Transition): string {
  return `${leads(transition.count)} ${transition.from} → ${transition.to}`;
}

/** Whether anything differs from the baseline. */
export function hasChanges(summary: ChangeSummary): boolean {
  return summary.stages.length > 0 || summary.gradeChanges + summary.routeChanges + summary.scoresUp + summary.scoresDown + summary.added + summary.removed > 0;
}

/** The rest of the summary in words: grades, routes, scores, leads added or removed. */
export function describeOthers(summary: ChangeSummary): string[] {
  const lines: string[] = [];
  if (summary.gradeChanges > 0) lines.push(`${leads(summary.gradeChanges)} change grade`);
  if (summary.routeChanges > 0) lines.push(`${leads(summary.routeChanges)} change route`);
  if (summary.scoresUp + summary.scoresDown > 0) lines.push(`scores: ${summary.scoresUp} up, ${summary.scoresDown} down`);
  if (summary.added > 0) lines.push(`${leads(summary.added)} not in the baseline`);
  if (summary.removed > 0) lines.push(`${leads(summary.removed)} of the baseline gone`);
  return lines;
}
