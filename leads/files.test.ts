import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ValueType } from '../runtime/index.js';
import { csvRecords, CsvFileError, parseCsvBoolean, parseCsvNumber, NoIdColumnError, ProfileReader, readEvents, type CsvItem } from './node.js';
import { acceptanceNow, fixtures, jsonLines, readRepoFile, runCli, withoutPolicy } from '../test-support/harness.js';

const csv = `${fixtures}/csv`;
const expected = jsonLines(readRepoFile('examples/expected.jsonl'));

async function records(...chunks: string[]): Promise<CsvItem[]> {
  const items: CsvItem[] = [];
  for await (const item of csvRecords(Readable.from(chunks))) items.push(item);
  return items;
}

describe('csvRecords', () => {
  it('reads a BOM, CRLF, and quoted values with commas, quotes and line breaks; rows are numbered as in a spreadsheet', async () => {
    expect(await records('\ufeffid,notes\r\nL1,"a, ""b""\r\nc"\r\nL2,plain\r\n')).toEqual([
      { row: 1, cells: ['id', 'notes'] },
      { row: 2, cells: ['L1', 'a, "b"\r\nc'] },
      { row: 3, cells: ['L2', 'plain'] },
    ]);
  });

  it('skips blank lines but counts them, accepts LF and CRLF mixed, and values split across chunks', async () => {
    expect(await records('id,n\n', 'L1,1\r\n\r\nL', '2,"2', '"\nL3,3')).toEqual([
      { row: 1, cells: ['id', 'n'] },
      { row: 2, cells: ['L1', '1'] },
      { row: 4, cells: ['L2', '2'] },
      { row: 5, cells: ['L3', '3'] },
    ]);
  });

  it('keeps a quote inside an unquoted value as text', async () => {
    expect(await records('id,size\nL1,27" screen\n')).toEqual([
      { row: 1, cells: ['id', 'size'] },
      { row: 2, cells: ['L1', '27" screen'] },
    ]);
  });

  it('a quote never closed ends the file with an error for its row; the rows before it are kept', async () => {
    const items = await records('id,n\nL1,1\nL2,"open\nL3,3\n');
    expect(items.slice(0, 2)).toEqual([
      { row: 1, cells: ['id', 'n'] },
      { row: 2, cells: ['L1', '1'] },
    ]);
    expect(items[2]).toEqual({ row: 3, error: 'a quoted value is never closed (a " is missing); this row and the rest of the file were not read' });
    expect(items).toHaveLength(3);
  });
});

describe('parseCsvNumber and parseCsvBoolean', () => {
  it.each([
    ['1234', 1234],
    ['12.5', 12.5],
    ['-3', -3],
    [' 42 ', 42],
    ['.5', 0.5],
    ['1,234', 1234],
    ['1,234,567.25', 1234567.25],
    ['10M', 10_000_000],
    ['1.5k', 1500],
    ['1.1k', 1100],
    ['2B', 2_000_000_000],
    ['$100', 100],
    ['$1.2M', 1_200_000],
    ['€ 900', 900],
    ['1,200 USD', 1200],
    ['900 €', 900],
    ['51-200', 51],
    ['1,001 – 5,000', 1001],
    ['10 to 50', 10],
    ['10,001+', 10_001],
    ['$1M-$5M', 1_000_000],
  ])('%j is the number %d', (text, value) => expect(parseCsvNumber(text)).toBe(value));

  it.each(['abc', '', '1,5', '12,34', '10m', '1e3', '1.2.3', '-', 'k', '1.200.000 €', '200-51', '-5-10', '51-', '+', '$', '1,5 €', 'about 50'])('%j is not a number', (text) =>
    expect(parseCsvNumber(text)).toBeNaN(),
  );

  it('names the row, the column (as the export calls it) and the value of a cell that is no number', () => {
    const reader = new ProfileReader(['Record ID', 'Number of Employees'], new Map([['employees', 'number' as const]]), 'export.csv', {
      sources: new Map([
        ['id', ['Record ID']],
        ['employees', ['Number of Employees']],
      ]),
    });
    expect(reader.lead(2, ['L1', '1.200.000'])).toMatchObject({
      error:
        'row 2, column Number of Employees (employees): "1.200.000" is not a number as leadscore reads them unless told (1,234.56): if the CRM writes 1.234,56, state it in the policy (`numbers "1.234,56"`) or with --number-format',
    });
    expect(reader.lead(3, ['L2', '51-200'])).toEqual({ line: 3, id: 'L2', lead: { id: 'L2', employees: 51 } });
  });

  it('reads true/false, yes/no and 1/0 in any case, and nothing else', () => {
    expect(['true', 'TRUE', 'Yes', '1', ' yes '].map(parseCsvBoolean)).toEqual([true, true, true, true, true]);
    expect(['false', 'No', '0'].map(parseCsvBoolean)).toEqual([false, false, false]);
    expect(['maybe', 'y', '2', ''].map(parseCsvBoolean)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('ProfileReader', () => {
  const types = new Map<string, ValueType>([
    ['id', 'text'],
    ['title', 'text'],
    ['employees', 'number'],
    ['newsletter', 'boolean'],
  ]);

  it('types values by the policy, leaves empty cells out, ignores unknown columns and matches headers without regard to case', () => {
    const reader = new ProfileReader(['ID', ' Title ', 'employees', 'newsletter', 'owner'], types, 'leads.csv');
    expect(reader.lead(2, ['L1', 'CTO', '1,200', 'yes', 'Kim'])).toEqual({ line: 2, id: 'L1', lead: { id: 'L1', title: 'CTO', employees: 1200, newsletter: true } });
    expect(reader.lead(3, [' L2 ', '', '', '', ''])).toEqual({ line: 3, id: 'L2', lead: { id: 'L2' } });
  });

  it('a bad value, a wrong number of values, an empty or repeated id is an error for the row, with its row number', () => {
    const reader = new ProfileReader(['id', 'employees', 'newsletter'], types, 'leads.csv');
    expect(reader.lead(7, ['L1', 'abc', 'maybe'])).toEqual({
      line: 7,
      id: 'L1',
      lead: { id: 'L1' },
      error: 'row 7, column employees: "abc" is not a number; row 7, column newsletter: "maybe" is not true or false (nor yes/no, 1/0)',
      unreadable: ['employees', 'newsletter'],
    });
    expect(reader.lead(8, ['L2', '5'])).toEqual({ line: 8, id: 'L2', error: 'row 8: 2 values, but the header has 3 columns' });
    expect(reader.lead(9, ['', '5', 'no'])).toEqual({ line: 9, id: null, error: 'row 9, column id: empty; every lead needs an id' });
    expect(reader.lead(10, ['L1', '5', 'no'])).toEqual({ line: 10, id: 'L1', error: 'row 10, column id: "L1" is also the id of row 7' });
  });

  it('a file without an id column, or with a column named twice, cannot be used', () => {
    expect(() => new ProfileReader(['email', 'title'], types, 'leads.csv')).toThrow(
      new NoIdColumnError('leads.csv has no id column; its header is: email,title', ['email', 'title']),
    );
    expect(() => new ProfileReader(['id', 'title', 'Title'], types, 'leads.csv')).toThrow(
      new CsvFileError('leads.csv: the header names the column "Title" twice (columns 2 and 3)'),
    );
  });

  it('says a header it cannot use on one line: a cell with a line break, a comma or a control character quoted, a long one shortened, at most 20 cells', () => {
    // Found by the hostile suite: a quoted header cell holding a line break broke the message over two lines.
    const header = ['email', 'Sales, EMEA\r\nteam "north"', 'x\u001b[2J', 'y'.repeat(100), ...Array.from({ length: 20 }, (_, i) => `c${i}`)];
    expect(() => new ProfileReader(header, types, 'leads.csv')).toThrow(
      `leads.csv has no id column; its header is: email,"Sales, EMEA\\r\\nteam \\"north\\"","x\\u001b[2J","${'y'.repeat(40)}…",c0,c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,… (24 columns)`,
    );
    expect(() => new ProfileReader(['id', 'a\u001bb', 'A\u001bB'], types, 'leads.csv')).toThrow('leads.csv: the header names the column "A\\u001bB" twice (columns 2 and 3)');
  });
});

describe('readEvents', () => {
  it('groups events by lead, in any column order, and keeps the problems of each lead with the row numbers', async () => {
    const text = 'at,type,lead_id,object,name\n2026-11-22,open,L1,email,\n2026-11-21,visit,L1,page,"/pricing, ""x"""\nsoon,open,L2,email,\n,open,L2,,\n2026-11-20,open,,email,\n';
    const table = await readEvents(Readable.from([text]), 'events.csv');
    expect(table.byLead.get('L1')).toEqual({
      rows: [2, 3],
      events: [
        { type: 'open', object: 'email', at: '2026-11-22' },
        { type: 'visit', object: 'page', name: '/pricing, "x"', at: '2026-11-21' },
      ],
      problems: [],
    });
    expect(table.byLead.get('L2')).toEqual({
      rows: [4, 5],
      events: [],
      problems: ['events row 4, column at: "soon" is not an ISO-8601 time such as 2026-11-23T12:00:00Z', 'events row 5, column at: empty; every event needs a time'],
    });
    expect(table.unusable).toEqual(['events.csv row 6: no lead_id']);
  });

  it('an events file without lead_id, type or at cannot be used', async () => {
    await expect(readEvents(Readable.from(['lead,type,object\nL1,open,email\n']), 'events.csv')).rejects.toThrow(
      'events.csv has no lead_id, at columns; an events file has the columns lead_id,type,object,name,at (its header is: lead,type,object)',
    );
  });
});

describe('leadscore score with CSV', () => {
  it('scores the acceptance leads exported as CSV (BOM, CRLF, 20M, "1,000,000,000", an events file) exactly as examples/expected.jsonl says', async () => {
    const { code, stdout, stderr } = await runCli(['score', 'examples/b2b-saas.score', `${csv}/leads.csv`, '--events', `${csv}/events.csv`, '--now', acceptanceNow]);
    expect(stderr).toMatch(/^leadscore: scored 6 leads, 0 failed \(now 2026-11-23T12:00:00.000Z\)\nleadscore: fields read: /);
    expect(code).toBe(0);
    expect(withoutPolicy(jsonLines(stdout))).toEqual(expected);
  });

  it('--format csv writes a row per lead with its CSV row number', async () => {
    const { code, stdout } = await runCli(['score', 'examples/b2b-saas.score', `${csv}/leads.csv`, '--events', `${csv}/events.csv`, '--now', acceptanceNow, '--format', 'csv']);
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot('__golden__/score-acceptance.csv');
  });

  it('--format csv also works for JSON Lines input, with the line numbers', async () => {
    const { code, stdout } = await runCli(['score', 'examples/b2b-saas.score', 'examples/leads.jsonl', '--now', acceptanceNow, '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 2)).toEqual(['line,id,score,fit,engagement,grade,stage,route,blacklisted,error', '1,L1,151.34,50,101.34,A,SQL,Inbound SDR,false,']);
  });

  it('reports every bad row in its place, and events that name no lead on standard error, with exit 2', async () => {
    const args = ['score', `${csv}/policy.score`, `${csv}/bad-leads.csv`, '--events', `${csv}/bad-events.csv`, '--now', acceptanceNow];
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(withoutPolicy(jsonLines(stdout))).toEqual([
      { id: 'A1', score: 23, dimensions: { fit: 18, engagement: 5 }, grade: null, stage: 'SQL', route: null, blacklisted: false },
      { line: 3, id: 'A2', error: 'row 3, column employees: "abc" is not a number; row 3, column newsletter: "maybe" is not true or false (nor yes/no, 1/0)' },
      { line: 4, id: 'A3', error: 'row 4: 3 values, but the header has 5 columns' },
      { line: 5, id: null, error: 'row 5, column id: empty; every lead needs an id' },
      { line: 6, id: 'A1', error: 'row 6, column id: "A1" is also the id of row 2' },
      // "CTO, Berlin" contains CTO; 1.5k employees; TRUE; the notes span two lines.
      { id: 'A6', score: 18, dimensions: { fit: 18, engagement: 0 }, grade: null, stage: 'SQL', route: null, blacklisted: false },
      { id: 'A7', score: 5, dimensions: { fit: 0, engagement: 5 }, grade: null, stage: 'Nurture', route: null, blacklisted: false },
      { line: 9, id: 'A8', error: 'events row 3, column at: "yesterday" is not an ISO-8601 time such as 2026-11-23T12:00:00Z' },
    ]);
    expect(stderr).toBe(
      [
        `leadscore: ${csv}/bad-events.csv row 7: no lead_id`,
        `leadscore: ${csv}/bad-events.csv rows 5, 6: lead_id "Z9" has no row in ${csv}/bad-leads.csv`,
        `leadscore: scored 3 leads, 5 failed; 2 problems with the events in ${csv}/bad-events.csv (now 2026-11-23T12:00:00.000Z)`,
        'leadscore: fields read: title 5 present, 3 missing; employees 3 present, 4 missing, 1 unreadable; newsletter 3 present, 4 missing, 1 unreadable',
        'leadscore: not read by the policy: notes',
        '',
      ].join('\n'),
    );
    const asCsv = await runCli([...args, '--format', 'csv']);
    expect(asCsv.code).toBe(2);
    await expect(asCsv.stdout).toMatchFileSnapshot('__golden__/score-bad-rows.csv');
  });

  it('events that match no lead fail the run even when every lead is scored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-csv-'));
    writeFileSync(join(dir, 'leads.csv'), 'id,title\nL1,CTO\n');
    writeFileSync(join(dir, 'events.csv'), 'lead_id,type,object,name,at\nL2,open,email,,2026-11-20\n');
    const { code, stdout, stderr } = await runCli(['score', `${csv}/policy.score`, join(dir, 'leads.csv'), '--events', join(dir, 'events.csv'), '--now', acceptanceNow]);
    expect(code).toBe(2);
    expect(jsonLines(stdout)).toHaveLength(1);
    expect(stderr).toContain(`events.csv row 2: lead_id "L2" has no row in ${join(dir, 'leads.csv')}\n`);
  });

  it('a missing file, a file without an id column, an empty file and --events without a CSV are clear errors (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-csv-'));
    writeFileSync(join(dir, 'noid.csv'), 'email,title\na@b.c,CTO\n');
    writeFileSync(join(dir, 'empty.csv'), '');
    const score = (...args: string[]) => runCli(['score', `${csv}/policy.score`, ...args, '--now', acceptanceNow]);
    const missing = await score(join(dir, 'nope.csv'));
    expect([missing.code, missing.stderr]).toEqual([1, `leadscore: cannot read leads ${join(dir, 'nope.csv')}: no such file\n`]);
    const missingEvents = await score(`${csv}/leads.csv`, '--events', join(dir, 'nope.csv'));
    expect([missingEvents.code, missingEvents.stderr]).toEqual([1, `leadscore: cannot read events ${join(dir, 'nope.csv')}: no such file\n`]);
    const noId = await score(join(dir, 'noid.csv'));
    expect([noId.code, noId.stderr]).toEqual([1, `leadscore: ${join(dir, 'noid.csv')} has no id column; its header is: email,title\n`]);
    const empty = await score(join(dir, 'empty.csv'));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('is empty; a profile CSV starts with a header row');
    const eventsWithJsonl = await score('examples/leads.jsonl', '--events', `${csv}/events.csv`);
    expect([eventsWithJsonl.code, eventsWithJsonl.stderr]).toEqual([
      1,
      'leadscore: --events goes with leads in a profile CSV (a LEADS path ending in .csv), got examples/leads.jsonl\n',
    ]);
  });
});
