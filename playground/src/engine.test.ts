import { describe, expect, test } from 'vitest';
import policy from '../../examples/b2b-saas.score?raw';
import { EngineSession, evaluate, eventsAfter, parseLeads } from './engine.js';
import sampleLeads from './sample-leads.jsonl?raw';
import expectedResults from '../../examples/expected.jsonl?raw';
import fixtureLeads from '../../test-support/fixtures/csv/leads.csv?raw';
import fixtureEvents from '../../test-support/fixtures/csv/events.csv?raw';
import fixturePolicy from '../../test-support/fixtures/csv/policy.score?raw';
import badLeads from '../../test-support/fixtures/csv/bad-leads.csv?raw';
import badEvents from '../../test-support/fixtures/csv/bad-events.csv?raw';
import hubspotContacts from '../../test-support/fixtures/crm/hubspot-contacts.csv?raw';
import hubspotEvents from '../../test-support/fixtures/crm/hubspot-events.csv?raw';
import salesforceLeads from '../../test-support/fixtures/crm/salesforce-leads.csv?raw';

const now = '2026-11-23T12:00:00Z';
/** A request's files when the policy is the only open file. */
const only = (text: string) => ({ files: { reset: true, set: { 'policy.score': text } } });

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
    expect(rows[1]?.error).toContain('not valid JSON');
    expect(rows[2]?.error).toContain('employees');
  });
});

describe('the engine session (the worker)', () => {
  const sample = { name: 'sample leads', format: 'jsonl' as const, text: sampleLeads };

  test('an edited lead is rescored; its JSON comes back when it is selected', () => {
    const session = new EngineSession();
    const first = session.handle({ type: 'run', id: 1, ...only(policy), now, leads: sample, selected: 1 });
    expect(JSON.parse(first.selectedLead?.json ?? '')).toMatchObject({ id: 'L1', title: 'CTO' });
    const edited = session.handle({ type: 'run', id: 2, ...only(policy), now, edit: { line: 1, json: '{"id":"L1","title":"Student"}' }, selected: 1 });
    expect(edited.edit).toEqual({ line: 1 });
    expect(edited.rows?.find((row) => row.id === 'L1')?.result).toMatchObject({ score: -15, stage: 'Nurture' });
    expect(edited.selectedLead).toEqual({ line: 1, json: '{\n  "id": "L1",\n  "title": "Student"\n}' });
  });

  test('invalid JSON or a lead with a wrong type is refused with its reason, and the old lead stays', () => {
    const session = new EngineSession();
    session.handle({ type: 'run', id: 1, ...only(policy), now, leads: sample });
    const notJson = session.handle({ type: 'run', id: 2, ...only(policy), now, edit: { line: 1, json: '{"id": "L1",' } });
    expect(notJson.edit?.error).toMatch(/^not JSON/);
    const wrongType = session.handle({ type: 'run', id: 3, ...only(policy), now, edit: { line: 1, json: '{"id":"L1","employees":"many"}' } });
    expect(wrongType.edit?.error).toContain('employees');
    expect(wrongType.rows?.find((row) => row.id === 'L1')?.result?.stage).toBe('SQL');
  });

  test('a CSV file is scored with its values typed by the policy', () => {
    const session = new EngineSession();
    // CTO 15, 200 employees 10, DACH 5, no phone -5.
    const csv = { name: 'leads.csv', format: 'csv' as const, text: 'id,title,employees,country\nC1,CTO,200,DE\nC2,CTO,lots,DE\n' };
    const response = session.handle({ type: 'run', id: 1, ...only(policy), now, leads: csv });
    expect(response.rows?.map((row) => [row.id, row.line, row.result?.dimensions['fit'], row.error])).toEqual([
      ['C1', 2, 25, undefined],
      ['C2', 3, undefined, 'row 3, column employees: "lots" is not a number'],
    ]);
  });

  test('a profile CSV with its events CSV scores as the JSON Lines leads do (the CLI fixtures give examples/expected.jsonl)', () => {
    const session = new EngineSession();
    const leads = { name: 'leads.csv', format: 'csv' as const, text: fixtureLeads, events: { name: 'events.csv', text: fixtureEvents } };
    const response = session.handle({ type: 'run', id: 1, ...only(policy), now, leads });
    const expected = expectedResults
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; score: number; stage: string; route: string | null; grade: string | null });
    const byId = new Map(response.rows?.map((row) => [row.id, row.result]));
    expect(byId.size).toBe(expected.length);
    for (const { id, score, stage, route, grade } of expected) expect(byId.get(id), id).toMatchObject({ score, stage, route, grade });
    expect(response.leadProblems).toBeUndefined();
  });

  test("a HubSpot export and its events, read through the policy's CRM mapping, score as the JSON Lines leads do", () => {
    const session = new EngineSession();
    const mapped = `import "leadscore:hubspot"\nevent download whitepaper from "Whitepaper Download"\nevent request demo from "Demo Request"\n${policy}`;
    const leads = { name: 'hubspot-contacts.csv', format: 'csv' as const, text: hubspotContacts, events: { name: 'hubspot-events.csv', text: hubspotEvents } };
    const response = session.handle({ type: 'run', id: 1, ...only(mapped), now, leads });
    const expected = expectedResults
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; score: number; stage: string; route: string | null; grade: string | null });
    const byId = new Map(response.rows?.map((row) => [row.id, row.result]));
    for (const { id, score, stage, route, grade } of expected) expect(byId.get(id), id).toMatchObject({ score, stage, route, grade });
    expect(response.leadProblems).toBeUndefined();
  });

  test('a CRM export whose id column the policy does not read names the mapping that reads it; with it imported, the file scores', () => {
    const session = new EngineSession();
    const run = (text: string, source: string) => session.handle({ type: 'run', id: 1, ...only(source), now, leads: { name: 'export.csv', format: 'csv' as const, text } });
    expect(run(hubspotContacts, policy).noIdColumn).toEqual({ mappings: ['hubspot'] });
    expect(run(salesforceLeads, policy).noIdColumn).toEqual({ mappings: ['salesforce'] });
    expect(run('Key,Job\nK1,CTO\n', policy).noIdColumn).toEqual({ mappings: [] });
    const mapped = run(hubspotContacts, `import "leadscore:hubspot"\n${policy}`);
    expect(mapped.noIdColumn).toBeUndefined();
    expect(mapped.rows?.filter((row) => row.error !== undefined)).toEqual([]);
    expect(run('id,title\nC1,CTO\n', policy).noIdColumn).toBeUndefined();
  });

  test('every bad row of the two files is reported with its row number, as `leadscore score --events` reports it', () => {
    const session = new EngineSession();
    const leads = { name: 'bad-leads.csv', format: 'csv' as const, text: badLeads, events: { name: 'bad-events.csv', text: badEvents } };
    const response = session.handle({ type: 'run', id: 1, ...only(fixturePolicy), now: '2026-11-23T12:00:00Z', leads });
    const rows = [...(response.rows ?? [])].sort((a, b) => a.line - b.line);
    expect(rows.map((row) => [row.line, row.id, row.error ?? row.result?.stage])).toEqual([
      [2, 'A1', 'SQL'],
      [3, 'A2', 'row 3, column employees: "abc" is not a number; row 3, column newsletter: "maybe" is not true or false (nor yes/no, 1/0)'],
      [4, 'A3', 'row 4: 3 values, but the header has 5 columns'],
      [5, 'line 5', 'row 5, column id: empty; every lead needs an id'],
      [6, 'A1', 'row 6, column id: "A1" is also the id of row 2'],
      [7, 'A6', 'SQL'],
      [8, 'A7', 'Nurture'],
      [9, 'A8', 'events row 3, column at: "yesterday" is not an ISO-8601 time such as 2026-11-23T12:00:00Z'],
    ]);
    expect(response.leadProblems).toEqual(['bad-events.csv row 7: no lead_id', 'bad-events.csv rows 5, 6: lead_id "Z9" has no row in bad-leads.csv']);
  });

  test('an events file without the events columns is one problem; the leads are scored without events', () => {
    const session = new EngineSession();
    const leads = { name: 'leads.csv', format: 'csv' as const, text: 'id,title\nC1,CTO\n', events: { name: 'wrong.csv', text: 'lead,kind\nC1,open\n' } };
    const response = session.handle({ type: 'run', id: 1, ...only(policy), now, leads });
    expect(response.leadProblems).toEqual(['wrong.csv has no lead_id, type, at columns; an events file has the columns lead_id,type,object,name,at (its header is: lead,kind)']);
    expect(response.rows?.map((row) => row.id)).toEqual(['C1']);
  });

  test('the edits are told to the page, and edits from a shared link are applied to the leads they came with', () => {
    const session = new EngineSession();
    expect(session.handle({ type: 'run', id: 1, ...only(policy), now, leads: sample }).edited).toEqual([]);
    const edited = session.handle({ type: 'run', id: 2, ...only(policy), now, edit: { line: 1, json: '{\n "id": "L1", "title": "Student"}' } });
    expect(edited.edited).toEqual([{ line: 1, json: '{"id":"L1","title":"Student"}' }]);
    // Unchanged edits are not sent again.
    expect(session.handle({ type: 'run', id: 3, ...only(policy), now }).edited).toBeUndefined();
    const opened = new EngineSession().handle({
      type: 'run',
      id: 1,
      ...only(policy),
      now,
      leads: sample,
      edits: [...(edited.edited ?? []), { line: 2, json: '{"id":"L2","employees":"many"}' }],
    });
    // The valid edit is applied; the one the policy refuses is not, and that lead stays as loaded.
    expect(opened.edited).toEqual([{ line: 1, json: '{"id":"L1","title":"Student"}' }]);
    expect(opened.rows?.find((row) => row.id === 'L1')?.result).toMatchObject({ score: -15, stage: 'Nurture' });
    expect(opened.rows?.find((row) => row.id === 'L2')?.result).toBeDefined();
  });
});

describe('events after now', () => {
  test('are counted, for the page to say they were not scored', () => {
    const leads = parseLeads(
      '{"id":"a","events":[{"type":"open","object":"email","at":"2026-11-24T00:00:00Z"},{"type":"open","object":"email","at":"2026-11-20T00:00:00Z"}]}\n{"id":"b"}\n{"id":"c","events":[{"type":"visit","object":"page","at":"2027-01-01T00:00:00+01:00"}]}\n',
    );
    expect(eventsAfter(leads, Date.parse('2026-11-23T12:00:00Z'))).toBe(2);
    expect(evaluate(1, 'when open email add 5', '2026-11-23T12:00:00Z', leads).futureEvents).toBe(2);
    expect(evaluate(2, 'when open email add 5', '2028-01-01T00:00:00Z', leads).futureEvents).toBeUndefined();
  });
});
