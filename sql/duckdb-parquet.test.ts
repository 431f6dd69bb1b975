import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { fieldsRead, FieldTally } from '../leads/index.js';
import type { PolicyIr } from '../runtime/index.js';
import { NotInDuckDb, ParquetScoring, type ParquetFiles, type RowOutcome } from './duckdb-parquet.js';
import { parquetLeads, scoreWithDuckDb } from './duckdb.js';

const root = join(import.meta.dirname, '..');
const now = '2026-11-23T12:00:00.000Z';
const folder = mkdtempSync(join(tmpdir(), 'leadscore-parquet-native-'));
const path = (name: string) => join(folder, name);
const quoted = (name: string) => `'${path(name).replace(/'/g, "''")}'`;
const policy = (file: string) => compile(readFileSync(join(root, file), 'utf8')).ir!;

/**
 * Leads DuckDB must leave to the JavaScript way (each gives the runtime's error or its result), and
 * leads it scores itself though they look unusual. Ids say which is which.
 */
const edgeLeads = `
  ('slow: text over the limit', 'a@b.de', repeat('x', 70000), NULL, 10, 1e6, 'DE', NULL),
  ('slow: revenue not a number', 'a@b.de', 'CTO', NULL, 10, 'NaN'::DOUBLE, 'DE', NULL),
  ('slow: revenue infinite', 'a@b.de', 'CTO', NULL, 10, 'Infinity'::DOUBLE, 'DE', NULL),
  ('slow: event type starts with a space', 'a@b.de', 'VP Sales', 'software', 200, 2e7, 'AT', '+43'),
  ('slow: event type blank', 'a@b.de', 'CTO', NULL, NULL, NULL, NULL, NULL),
  ('slow: event type missing', 'a@b.de', 'CTO', NULL, NULL, NULL, NULL, NULL),
  ('slow: event time in microseconds', 'x@gmail.com', 'Head of IT', 'fintech', 60, NULL, 'CH', NULL),
  ('slow: event time after 9999', 'a@b.de', 'CTO', NULL, NULL, NULL, NULL, NULL),
  ('L1', 'again@acme.com', 'CEO', 'Software', 5, 1e9, 'Deutschland', '1'),
  (NULL, 'nobody@b.de', '   ', 'software', 100, 1, 'Germny', NULL),
  ('country texts', ' Ünïcödé@B.DE ', 'Ünïcödé CTO', ' IT Services ', 1000, 9999999.995, 'EMEA', ''),
  ('more country texts', 'z@z.io', NULL, NULL, NULL, NULL, 'Atlantis', NULL),
  ('and more', 'z@z.io', NULL, NULL, NULL, NULL, 'Germny', NULL),
  ('fourth', 'z@z.io', NULL, NULL, NULL, NULL, 'Narnia', NULL)`;

const edgeEvents = `
  ('slow: event type starts with a space', ' visit', 'page', '/pricing', TIMESTAMP '2026-11-20 10:00:00'),
  ('slow: event type blank', '  ', NULL, NULL, TIMESTAMP '2026-11-20 10:00:00'),
  ('slow: event type missing', NULL, 'email', NULL, TIMESTAMP '2026-11-20 10:00:00'),
  ('slow: event time in microseconds', 'request', 'demo', NULL, TIMESTAMP '2026-11-20 10:00:00.123456'),
  ('slow: event time after 9999', 'open', 'email', NULL, TIMESTAMP '10000-01-01 00:00:00'),
  ('country texts', 'Download', ' Whitepaper ', 'Guide', TIMESTAMP '2026-11-01 00:00:00'),
  ('country texts', 'open', 'email', NULL, TIMESTAMP '2027-01-01 00:00:00'),
  ('nobody has this id', 'request', 'demo', NULL, TIMESTAMP '2026-11-20 10:00:00')`;

async function writeFiles(connection: DuckDBConnection): Promise<void> {
  const jsonl = join(root, 'examples', 'leads.jsonl').replace(/'/g, "''");
  await connection.run(`CREATE TABLE examples AS SELECT * FROM read_json('${jsonl}', columns = {
      id: 'VARCHAR', email: 'VARCHAR', title: 'VARCHAR', industry: 'VARCHAR', employees: 'BIGINT', revenue: 'DOUBLE', country: 'VARCHAR', phone: 'VARCHAR',
      events: 'STRUCT("type" VARCHAR, "object" VARCHAR, "name" VARCHAR, "at" TIMESTAMP)[]'})`);
  await connection.run(`CREATE TABLE leads AS SELECT * EXCLUDE (events) FROM examples`);
  await connection.run(`INSERT INTO leads VALUES ${edgeLeads}`);
  await connection.run(`CREATE TABLE events AS SELECT id AS lead_id, e.type, e.object, e.name, e.at FROM examples, unnest(events) AS t(e)`);
  await connection.run(`INSERT INTO events VALUES ${edgeEvents}`);
  await connection.run(`COPY leads TO ${quoted('leads.parquet')} (FORMAT parquet)`);
  await connection.run(`COPY events TO ${quoted('events.parquet')} (FORMAT parquet)`);
  // The same events with their times as ISO-8601 text: the form DuckDB reads itself, and the rest.
  await connection.run(
    `COPY (SELECT * REPLACE (strftime("at", '%Y-%m-%dT%H:%M:%S.%gZ') AS "at") FROM events UNION ALL SELECT 'L2', 'open', 'email', NULL, '2026-11-20') TO ${quoted('events-text.parquet')} (FORMAT parquet)`,
  );
  // More leads left to JavaScript than it scores in one go, between leads DuckDB scores, with their events.
  await connection.run(
    `COPY (SELECT 'M' || i AS id, 'm' || i || '@b.de' AS email, 'CTO' AS title, CASE WHEN i % 2 = 0 THEN 'NaN'::DOUBLE ELSE i END AS revenue FROM range(40000) AS t(i)) TO ${quoted('many-slow.parquet')} (FORMAT parquet)`,
  );
  await connection.run(
    `COPY (SELECT 'M' || i AS lead_id, 'open' AS type, 'email' AS object, CAST(NULL AS VARCHAR) AS name, TIMESTAMP '2026-11-01' + INTERVAL (i % 40) DAY AS at FROM range(40000) AS t(i)) TO ${quoted('many-slow-events.parquet')} (FORMAT parquet)`,
  );
  // Files that must be read the JavaScript way, whole.
  await connection.run(`COPY (SELECT * REPLACE (CAST(employees AS VARCHAR) AS employees) FROM leads) TO ${quoted('employees-as-text.parquet')} (FORMAT parquet)`);
  await connection.run(`COPY (SELECT * RENAME (title AS "Title") FROM leads) TO ${quoted('title-capitalised.parquet')} (FORMAT parquet)`);
  await connection.run(`COPY examples TO ${quoted('nested.parquet')} (FORMAT parquet)`);
  await connection.run(
    `COPY (SELECT 9007199254740993 AS lead_id, 'open' AS type, 'email' AS object, CAST(NULL AS VARCHAR) AS name, TIMESTAMP '2026-11-20' AS at) TO ${quoted('huge-ids.parquet')} (FORMAT parquet)`,
  );
  await connection.run(
    `COPY (SELECT 'null' AS lead_id, 'open' AS type, 'email' AS object, CAST(NULL AS VARCHAR) AS name, TIMESTAMP '2026-11-20' AS at) TO ${quoted('null-ids.parquet')} (FORMAT parquet)`,
  );
}

/** Every lead's outcome as the JavaScript way gives it: each row read as a JSON lead, then scored (parquetLeads, scoreWithDuckDb). */
async function theJavaScriptWay(ir: PolicyIr, files: ParquetFiles): Promise<RowOutcome[]> {
  const leads = await parquetLeads(files.leads, files.events);
  const outcomes = await scoreWithDuckDb(ir, leads, { now });
  return leads.map((lead, row) => {
    const id = lead['id'];
    return { row, id: typeof id === 'string' || typeof id === 'number' ? id : null, outcome: outcomes[row]! };
  });
}

async function insideDuckDb(ir: PolicyIr, files: ParquetFiles): Promise<{ outcomes: RowOutcome[]; leftToJavaScript: number }> {
  const scoring = await ParquetScoring.open(ir, files, now);
  if (scoring instanceof NotInDuckDb) throw new Error(`not scored in DuckDB: ${scoring.why}`);
  try {
    const outcomes: RowOutcome[] = [];
    for await (const batch of scoring.outcomes()) outcomes.push(...batch);
    return { outcomes, leftToJavaScript: await scoring.leftToJavaScript() };
  } finally {
    scoring.close();
  }
}

describe('Parquet scored inside DuckDB', () => {
  beforeAll(async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await writeFiles(connection);
    connection.closeSync();
    instance.closeSync();
  });

  it('gives every lead what the JavaScript way gives it, in file order, leaving to JavaScript only the leads it cannot read exactly', { timeout: 60_000 }, async () => {
    const ir = policy('examples/b2b-saas.score');
    const files = { leads: path('leads.parquet'), events: path('events.parquet') };
    const { outcomes, leftToJavaScript } = await insideDuckDb(ir, files);
    expect(outcomes).toEqual(await theJavaScriptWay(ir, files));
    expect(outcomes.map(({ row }) => row)).toEqual(outcomes.map((_, index) => index));
    expect(leftToJavaScript).toBe(edgeLeads.match(/'slow: /g)!.length);
    // The edge leads are really there: errors in their places, and the duplicate id given the events of both.
    const errors = outcomes.filter(({ outcome }) => outcome instanceof Error).map(({ id, outcome }) => `${id}: ${(outcome as Error).message}`);
    expect(errors).toEqual([
      expect.stringMatching(/^slow: text over the limit: `title` is 70,000 characters long/),
      expect.stringMatching(/^slow: revenue not a number: `revenue` must be a number/),
      expect.stringMatching(/^slow: revenue infinite: `revenue` must be a number/),
      expect.stringMatching(/^slow: event type blank: `events\[0\].type` must not be empty/),
      expect.stringMatching(/^slow: event type missing: `events\[0\].type` must be text, got null/),
      expect.stringMatching(/^slow: event time after 9999: `events\[0\].at`/),
    ]);
    const l1 = outcomes.filter(({ id }) => id === 'L1').map(({ outcome }) => outcome);
    expect(l1).toHaveLength(2);
  });

  it('reads event times given as text, the ISO-8601 form in DuckDB and any other the JavaScript way', { timeout: 60_000 }, async () => {
    const ir = policy('examples/b2b-saas.score');
    const files = { leads: path('leads.parquet'), events: path('events-text.parquet') };
    const { outcomes, leftToJavaScript } = await insideDuckDb(ir, files);
    expect(outcomes).toEqual(await theJavaScriptWay(ir, files));
    // As text, the microseconds are cut to milliseconds, which DuckDB reads; L2's date-only time is left to the runtime, which reads it.
    expect(leftToJavaScript).toBe(edgeLeads.match(/'slow: /g)!.length - 1 + 1);
  });

  it('writes every lead in its place when more leads are left to JavaScript than it takes at once', { timeout: 60_000 }, async () => {
    const ir = policy('examples/b2b-saas.score');
    const files = { leads: path('many-slow.parquet'), events: path('many-slow-events.parquet') };
    const { outcomes, leftToJavaScript } = await insideDuckDb(ir, files);
    expect(leftToJavaScript).toBe(20000);
    expect(outcomes.map(({ row }) => row)).toEqual(outcomes.map((_, index) => index));
    expect(outcomes).toEqual(await theJavaScriptWay(ir, files));
  });

  it('scores leads without an events file', { timeout: 60_000 }, async () => {
    const ir = policy('examples/b2b-saas.score');
    const files = { leads: path('leads.parquet') };
    expect((await insideDuckDb(ir, files)).outcomes).toEqual(await theJavaScriptWay(ir, files));
  });

  it('counts every field for the report as the JavaScript way does, over every row', { timeout: 60_000 }, async () => {
    const ir = policy('examples/b2b-saas.score');
    const scoring = await ParquetScoring.open(ir, { leads: path('leads.parquet'), events: path('events.parquet') }, now);
    if (scoring instanceof NotInDuckDb) throw new Error(scoring.why);
    try {
      const names = fieldsRead(ir);
      const tally = new FieldTally(ir);
      for (const lead of await parquetLeads(path('leads.parquet'), path('events.parquet'))) tally.add(lead);
      expect(await scoring.fieldCounts(names)).toEqual(tally.part().counts);
      // The rows hold every kind of count: present, missing, no country.
      expect(tally.part().counts.find(({ name }) => name === 'country')).toEqual({
        name: 'country',
        present: 10,
        missing: 5,
        unreadable: 5,
        notCountries: ['Germny', 'EMEA', 'Atlantis'],
      });
      expect(scoring.rows).toBe(20);
      expect(scoring.columnNames).toEqual(['id', 'email', 'title', 'industry', 'employees', 'revenue', 'country', 'phone']);
    } finally {
      scoring.close();
    }
  });

  it('leaves whole files to the JavaScript way when their columns do not read as the runtime reads them', { timeout: 60_000 }, async () => {
    const b2b = policy('examples/b2b-saas.score');
    const why = async (ir: PolicyIr, leads: string, events?: string) => {
      const scoring = await ParquetScoring.open(ir, { leads: path(leads), ...(events && { events: path(events) }) }, now);
      if (scoring instanceof NotInDuckDb) return scoring.why;
      scoring.close();
      return 'scored in DuckDB';
    };
    expect(await why(b2b, 'employees-as-text.parquet')).toBe('the column `employees` is VARCHAR, which does not read as number');
    expect(await why(b2b, 'title-capitalised.parquet')).toBe('the column `Title` differs from the field `title` only in case');
    expect(await why(b2b, 'nested.parquet')).toBe('the leads carry events of their own');
    expect(await why(b2b, 'leads.parquet', 'huge-ids.parquet')).toBe('some events have no `lead_id` a lead can have');
    expect(await why(b2b, 'leads.parquet', 'null-ids.parquet')).toBe('some events have no `lead_id` a lead can have');
    expect(await why(b2b, 'no-such-file.parquet')).toMatch(/No files found|does not exist/);
    const crm = compile('field size: number from "Number of Employees"\nfit:\n  when size > 10 add 5').ir!;
    expect(await why(crm, 'leads.parquet')).toBe('the policy reads CRM names');
    expect(await why(b2b, 'leads.parquet', 'events.parquet')).toBe('scored in DuckDB');
  });
});
