import { describe, expect, test } from 'vitest';
import type { ScoreResult } from '../../runtime/index.js';
import { baselineOf, compare, describeOthers, describeTransition, hasChanges } from './changes.js';
import type { LeadRow } from './protocol.js';

const who = { name: '', company: '', title: '', email: '' };

function row(id: string, score: number, stage: string, grade = 'B', route: string | null = 'SDR'): LeadRow {
  const result: ScoreResult = { id, score, dimensions: {}, grade, stage, route, blacklisted: false, reasons: [], policy: { name: null, version: null, hash: '0000000000000000' } };
  return { line: 1, id, who, result };
}

const failed = (id: string): LeadRow => ({ line: 1, id, who, error: 'bad' });

describe('changes against a baseline', () => {
  test('counts stage transitions per pair, most leads first, and says them as "N leads A → B"', () => {
    const baseline = baselineOf([row('a', 10, 'Nurture'), row('b', 12, 'Nurture'), row('c', 30, 'MQL'), row('d', 50, 'SQL')]);
    const summary = compare(baseline, [row('d', 20, 'MQL'), row('a', 40, 'MQL'), row('b', 35, 'MQL'), row('c', 30, 'MQL')]);
    expect(summary.stages).toEqual([
      { from: 'Nurture', to: 'MQL', count: 2 },
      { from: 'SQL', to: 'MQL', count: 1 },
    ]);
    expect(summary.stages.map(describeTransition)).toEqual(['2 leads Nurture → MQL', '1 lead SQL → MQL']);
    expect(summary).toMatchObject({ scoresUp: 2, scoresDown: 1, gradeChanges: 0, added: 0, removed: 0 });
    expect(hasChanges(summary)).toBe(true);
  });

  test('the same results change nothing', () => {
    const rows = [row('a', 10, 'Nurture'), failed('b')];
    const summary = compare(baselineOf(rows), rows);
    expect(hasChanges(summary)).toBe(false);
    expect(describeOthers(summary)).toEqual([]);
  });

  test('a lead that can no longer be scored is a transition to "(not scored)"; grades, routes, added and removed leads are counted', () => {
    const baseline = baselineOf([row('a', 10, 'MQL', 'B', 'SDR'), row('b', 10, 'MQL'), row('gone', 1, 'Nurture')]);
    const summary = compare(baseline, [failed('a'), row('b', 10, 'MQL', 'A', null), row('new', 5, 'Nurture')]);
    expect(summary.stages.map(describeTransition)).toEqual(['1 lead MQL → (not scored)']);
    expect(describeOthers(summary)).toEqual(['2 leads change grade', '2 leads change route', '1 lead not in the baseline', '1 lead of the baseline gone']);
  });

  test('leads that share an id are told apart by their order', () => {
    const baseline = baselineOf([row('x', 1, 'Nurture'), row('x', 2, 'MQL')]);
    expect(compare(baseline, [row('x', 1, 'Nurture'), row('x', 2, 'SQL')]).stages).toEqual([{ from: 'MQL', to: 'SQL', count: 1 }]);
  });
});
