import { describe, expect, test } from 'vitest';
import policy from '../../examples/b2b-saas.score?raw';
import { evaluate, parseLeads } from './engine.js';
import sampleLeads from './sample-leads.jsonl?raw';

const now = '2026-11-23T12:00:00Z';

describe('the playground engine', () => {
  test('scores every sample lead with the reference policy, highest score first', () => {
    const response = evaluate(1, policy, now, parseLeads(sampleLeads));
    expect(response.ok).toBe(true);
    expect(response.sections).toEqual(['fit', 'engagement']);
    const rows = response.rows ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(50);
    expect(rows.every((row) => row.result !== undefined)).toBe(true);
    const scores = rows.map((row) => row.result?.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(rows[0]).toMatchObject({ id: 'L1', who: { name: 'Anna Becker', company: 'Nordsoft', title: 'CTO' }, result: { stage: 'SQL' } });
  });

  test('the sample leads reach every stage of the reference policy', () => {
    const stages = new Set(evaluate(1, policy, now, parseLeads(sampleLeads)).rows?.map((row) => row.result?.stage));
    expect(stages).toEqual(new Set(['SQL', 'MQL', 'Nurture', 'Blacklisted']));
  });

  test('a policy with errors gives its diagnostics and no rows', () => {
    const response = evaluate(2, policy.replace('when title', 'when titel'), now, parseLeads(sampleLeads));
    expect(response.ok).toBe(false);
    expect(response.rows).toBeUndefined();
    expect(response.diagnostics).toMatchObject([{ code: 'LS2001', severity: 'error', suggestions: ['title'] }]);
  });

  test('a `now` that is not a time is reported, not scored', () => {
    const response = evaluate(3, policy, 'yesterday', parseLeads(sampleLeads));
    expect(response).toMatchObject({ ok: true, nowError: expect.stringContaining('not an ISO-8601 time') });
    expect(response.rows).toBeUndefined();
  });

  test('a line that is not JSON and a lead with a wrong type are rows with errors, ranked last', () => {
    const leads = parseLeads('{"id":"a","title":"CTO"}\n\nnot json\n{"id":"b","employees":"many"}\n');
    const rows = evaluate(4, policy, now, leads).rows ?? [];
    expect(rows.map((row) => [row.id, row.line, row.result === undefined])).toEqual([
      ['a', 1, false],
      ['line 3', 3, true],
      ['b', 4, true],
    ]);
    expect(rows[1]?.error).toContain('line 3 is not JSON');
    expect(rows[2]?.error).toContain('employees');
  });
});
