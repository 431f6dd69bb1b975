import { describe, expect, test } from 'vitest';
import policy from '../../examples/b2b-saas.score?raw';
import { EngineSession, evaluate, parseLeads } from './engine.js';
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

describe('the engine session (the worker)', () => {
  const sample = { name: 'sample leads', format: 'jsonl' as const, text: sampleLeads };

  test('an edited lead is rescored; its JSON comes back when it is selected', () => {
    const session = new EngineSession();
    const first = session.handle({ type: 'run', id: 1, source: policy, now, leads: sample, selected: 1 });
    expect(JSON.parse(first.selectedLead?.json ?? '')).toMatchObject({ id: 'L1', title: 'CTO' });
    const edited = session.handle({ type: 'run', id: 2, source: policy, now, edit: { line: 1, json: '{"id":"L1","title":"Student"}' }, selected: 1 });
    expect(edited.edit).toEqual({ line: 1 });
    expect(edited.rows?.find((row) => row.id === 'L1')?.result).toMatchObject({ score: -15, stage: 'Nurture' });
    expect(edited.selectedLead).toEqual({ line: 1, json: '{\n  "id": "L1",\n  "title": "Student"\n}' });
  });

  test('invalid JSON or a lead with a wrong type is refused with its reason, and the old lead stays', () => {
    const session = new EngineSession();
    session.handle({ type: 'run', id: 1, source: policy, now, leads: sample });
    const notJson = session.handle({ type: 'run', id: 2, source: policy, now, edit: { line: 1, json: '{"id": "L1",' } });
    expect(notJson.edit?.error).toMatch(/^not JSON/);
    const wrongType = session.handle({ type: 'run', id: 3, source: policy, now, edit: { line: 1, json: '{"id":"L1","employees":"many"}' } });
    expect(wrongType.edit?.error).toContain('employees');
    expect(wrongType.rows?.find((row) => row.id === 'L1')?.result?.stage).toBe('SQL');
  });

  test('a CSV file is scored with its values typed by the policy', () => {
    const session = new EngineSession();
    // CTO 15, 200 employees 10, DACH 5, no phone -5.
    const csv = { name: 'leads.csv', format: 'csv' as const, text: 'id,title,employees,country\nC1,CTO,200,DE\nC2,CTO,lots,DE\n' };
    const response = session.handle({ type: 'run', id: 1, source: policy, now, leads: csv });
    expect(response.rows?.map((row) => [row.id, row.line, row.result?.dimensions['fit'], row.error])).toEqual([
      ['C1', 2, 25, undefined],
      ['C2', 3, undefined, 'row 3, column employees: "lots" is not a number'],
    ]);
  });
});
