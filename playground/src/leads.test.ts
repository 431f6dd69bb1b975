import { describe, expect, test } from 'vitest';
import type { ValueType } from '../../runtime/index.js';
import { csvLeads, csvRecords, formatOf, isEventsCsv, LeadStore, parseLeads } from './leads.js';

const types = new Map<string, ValueType>([
  ['title', 'text'],
  ['employees', 'number'],
  ['phone', 'text'],
]);

describe('leads from a CSV file', () => {
  test("are typed by the policy's fields, with header names matched regardless of case, and rows numbered as in a spreadsheet", () => {
    const text = '\ufeffid,Title,EMPLOYEES,first_name,ignored\r\nL1,CTO,"1,200",Anna,x\r\n\r\nL2,"Head of ""Growth""",1.5k,Ben,y\r\n';
    expect(csvLeads(csvRecords(text), types, 'leads.csv')).toEqual([
      { line: 2, lead: { id: 'L1', title: 'CTO', employees: 1200, first_name: 'Anna' } },
      { line: 4, lead: { id: 'L2', title: 'Head of "Growth"', employees: 1500, first_name: 'Ben' } },
    ]);
  });

  test('every bad row is an error row with its number and reason; nothing is dropped', () => {
    const text = 'id,title,employees\nL1,CTO,abc\nL2,VP\n,CEO,10\nL1,CEO,10\nL4,CEO,"12\n';
    const leads = csvLeads(csvRecords(text), types, 'leads.csv');
    expect(leads.map((lead) => [lead.line, lead.error])).toEqual([
      [2, 'row 2, column employees: "abc" is not a number'],
      [3, 'row 3: 2 values, but the header has 3 columns'],
      [4, 'row 4, column id: empty; every lead needs an id'],
      [5, 'row 5, column id: "L1" is also the id of row 2'],
      [6, 'row 6: a quoted value is never closed (a " is missing); this row and the rest of the file were not read'],
    ]);
  });

  test('a header that names a column twice is one error, as in `leadscore score`', () => {
    expect(csvLeads(csvRecords('id,title,Title\nL1,CTO,CEO\n'), types, 'leads.csv')).toEqual([
      { line: 1, error: 'row 1: leads.csv: the header names the column "Title" twice (columns 2 and 3)' },
    ]);
  });

  test('a file without an id column is one error', () => {
    expect(csvLeads(csvRecords('name,title\nAnna,CTO\n'), types, 'leads.csv')).toEqual([{ line: 1, error: 'row 1: leads.csv has no id column; its header is: name,title' }]);
  });
});

describe('the lead store', () => {
  test('types a CSV again when the policy reads a field as another type, and keeps edited leads', () => {
    const store = new LeadStore({ name: 'leads.csv', format: 'csv', text: 'id,employees\nL1,200\n' });
    expect(store.leads(types)[0]?.lead).toEqual({ id: 'L1', employees: 200 });
    expect(store.leads(new Map([['employees', 'text']]))[0]?.lead).toEqual({ id: 'L1', employees: '200' });
    store.edit(2, { id: 'L1', employees: 5 });
    expect(store.leads(types)).toEqual([{ line: 2, lead: { id: 'L1', employees: 5 } }]);
    store.load({ name: 'other.jsonl', format: 'jsonl', text: '{"id":"X"}\nnope\n' });
    expect(store.leads(types)).toEqual(parseLeads('{"id":"X"}\nnope\n'));
    expect(store.leads(types)[1]).toMatchObject({ line: 2, raw: 'nope' });
  });

  test('an events CSV is told from a profile CSV by its header: lead_id and no id', () => {
    expect(isEventsCsv('\ufeffat,"Lead_ID",type\n2026-11-20T00:00:00Z,L1,open\n')).toBe(true);
    expect(isEventsCsv('lead_id,type,at\r\n')).toBe(true);
    expect(isEventsCsv('id,title,lead_id\nL1,CTO,X\n')).toBe(false);
    expect(isEventsCsv('id,title\n')).toBe(false);
  });

  test('an events CSV with JSON Lines leads is one problem, not read', () => {
    const store = new LeadStore({
      name: 'leads.jsonl',
      format: 'jsonl',
      text: '{"id":"L1"}\n',
      events: { name: 'events.csv', text: 'lead_id,type,at\nL1,open,2026-11-20T00:00:00Z\n' },
    });
    expect(store.leads(types)).toEqual([{ line: 1, lead: { id: 'L1' } }]);
    expect(store.problems()).toEqual(['events.csv: events CSV go with a profile CSV (a header with an id column), not with JSON Lines; the events were not read']);
  });

  test('a file is CSV by its extension, JSON Lines otherwise', () => {
    expect([formatOf('a.CSV'), formatOf('a.jsonl'), formatOf('a.json')]).toEqual(['csv', 'jsonl', 'jsonl']);
  });
});
