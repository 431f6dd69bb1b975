import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { acceptanceNow, capturedIo, fixtures, root, runCli } from '../test-support/harness.js';
import { scoreCommand, type ScoreCommandOptions } from './score.js';

const crm = `${fixtures}/crm`;

/** `leadscore score --engine duckdb` must write what the runtime writes, reasons aside. */
describe('leadscore score --engine duckdb', () => {
  const runtimeAndDuckDb = async (args: string[]) => Promise.all([runCli(args), runCli([...args, '--engine', 'duckdb'])]);

  it('writes the same JSON Lines and table as the runtime for the example leads', { timeout: 60_000 }, async () => {
    for (const format of ['jsonl', 'table', 'csv']) {
      const [runtime, duckdb] = await runtimeAndDuckDb(['score', 'examples/b2b-saas.score', 'examples/leads.jsonl', '--now', acceptanceNow, '--format', format]);
      expect(duckdb.code).toBe(0);
      expect(duckdb.stdout).toBe(runtime.stdout);
      expect(duckdb.stderr).toBe(runtime.stderr);
    }
  });

  it('reads a CRM export with its events and CRM names as the runtime does', { timeout: 60_000 }, async () => {
    const [runtime, duckdb] = await runtimeAndDuckDb([
      'score',
      `${crm}/hubspot.score`,
      `${crm}/hubspot-contacts.csv`,
      '--events',
      `${crm}/hubspot-events.csv`,
      '--now',
      acceptanceNow,
    ]);
    expect(duckdb.stdout).toBe(runtime.stdout);
    expect(duckdb.code).toBe(runtime.code);
  });

  it('reads leads from Parquet, with their events in the file or in an events file, as the runtime scores the same leads in JSON', { timeout: 60_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadscore-parquet-'));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const jsonl = join(root, 'examples', 'leads.jsonl').replace(/'/g, "''");
    await connection.run(`CREATE TABLE leads AS SELECT * FROM read_json('${jsonl}', columns = {
      id: 'VARCHAR', email: 'VARCHAR', title: 'VARCHAR', industry: 'VARCHAR', employees: 'BIGINT', revenue: 'DOUBLE', country: 'VARCHAR', phone: 'VARCHAR',
      events: 'STRUCT("type" VARCHAR, "object" VARCHAR, "name" VARCHAR, "at" TIMESTAMP)[]'})`);
    const file = (name: string) => join(folder, name).replace(/'/g, "''");
    await connection.run(`COPY leads TO '${file('nested.parquet')}' (FORMAT parquet)`);
    await connection.run(`COPY (SELECT * EXCLUDE (events) FROM leads) TO '${file('profiles.parquet')}' (FORMAT parquet)`);
    await connection.run(`COPY (SELECT id AS lead_id, e.type, e.object, e.name, e.at FROM leads, unnest(events) AS t(e)) TO '${file('events.parquet')}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const expected = await runCli(['score', 'examples/b2b-saas.score', 'examples/leads.jsonl', '--now', acceptanceNow]);
    const nested = await runCli(['score', 'examples/b2b-saas.score', join(folder, 'nested.parquet'), '--now', acceptanceNow, '--engine', 'duckdb']);
    expect(nested.stderr).toContain('scored 6 leads, 0 failed');
    expect(nested.stdout).toBe(expected.stdout);
    const split = await runCli([
      'score',
      'examples/b2b-saas.score',
      join(folder, 'profiles.parquet'),
      '--events',
      join(folder, 'events.parquet'),
      '--now',
      acceptanceNow,
      '--engine',
      'duckdb',
    ]);
    expect(split.stdout).toBe(expected.stdout);
    const withoutEngine = await runCli(['score', 'examples/b2b-saas.score', join(folder, 'nested.parquet'), '--now', acceptanceNow]);
    expect(withoutEngine.stderr).toContain('are read with --engine duckdb');
  });

  it(
    'writes the same for Parquet whether DuckDB reads the leads itself or they are read into JavaScript: results, errors, field report, exit code',
    { timeout: 60_000 },
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'leadscore-parquet-inside-'));
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const jsonl = join(root, 'examples', 'leads.jsonl').replace(/'/g, "''");
      const file = (name: string) => join(folder, name).replace(/'/g, "''");
      await connection.run(`CREATE TABLE leads AS SELECT *, 'blue' AS favourite_colour FROM read_json('${jsonl}', columns = {
      id: 'VARCHAR', email: 'VARCHAR', title: 'VARCHAR', industry: 'VARCHAR', employees: 'BIGINT', revenue: 'DOUBLE', country: 'VARCHAR', phone: 'VARCHAR',
      events: 'STRUCT("type" VARCHAR, "object" VARCHAR, "name" VARCHAR, "at" TIMESTAMP)[]'})`);
      await connection.run(`INSERT INTO leads VALUES
      ('long', 'a@b.de', repeat('CTO ', 20000), NULL, 10, 1e6, 'DE', NULL, NULL, 'red'),
      ('nan', 'a@b.de', 'CTO', NULL, 10, 'NaN'::DOUBLE, 'Germny', NULL, NULL, NULL),
      ('blank type', 'x@gmail.com', 'VP', 'fintech', 60, NULL, 'EMEA', NULL, [{'type': ' ', 'object': NULL, 'name': NULL, 'at': TIMESTAMP '2026-11-20 10:00:00'}], NULL)`);
      await connection.run(`COPY (SELECT * EXCLUDE (events) FROM leads) TO '${file('leads.parquet')}' (FORMAT parquet)`);
      await connection.run(`COPY (SELECT id AS lead_id, e.type, e.object, e.name, e.at FROM leads, unnest(events) AS t(e)) TO '${file('events.parquet')}' (FORMAT parquet)`);
      connection.closeSync();
      instance.closeSync();
      for (const format of ['jsonl', 'csv', 'table'] as const) {
        const run = async (inside: boolean) => {
          const { io, output } = capturedIo();
          const options: ScoreCommandOptions = { format, now: acceptanceNow, engine: 'duckdb', events: join(folder, 'events.parquet') };
          const code = await scoreCommand('examples/b2b-saas.score', join(folder, 'leads.parquet'), options, io, undefined, undefined, inside);
          return { code, ...output() };
        };
        const inside = await run(true);
        expect(inside).toEqual(await run(false));
        expect(inside.code).toBe(2);
        expect(inside.stderr).toContain('scored 6 leads, 3 failed');
        expect(inside.stderr).toContain('favourite_colour');
      }
    },
  );

  it('scores in batches of leads, one query each, writing what one query writes', { timeout: 60_000 }, async () => {
    const { io, output } = capturedIo();
    const leads = join(mkdtempSync(join(tmpdir(), 'leadscore-duckdb-batches-')), 'leads.jsonl');
    const examples = readFileSync(join(root, 'examples', 'leads.jsonl'), 'utf8')
      .trim()
      .split('\n');
    writeFileSync(leads, [examples[0], 'not JSON', '{"id": "wrong", "employees": "many"}', ...examples.slice(1)].join('\n'));
    const options: ScoreCommandOptions = { format: 'jsonl', now: acceptanceNow, engine: 'duckdb' };
    const code = await scoreCommand('examples/b2b-saas.score', leads, options, io, undefined, 2);
    const whole = await runCli(['score', 'examples/b2b-saas.score', leads, '--now', acceptanceNow]);
    expect({ code, ...output() }).toEqual({ code: whole.code, stdout: whole.stdout, stderr: whole.stderr });
  });

  it('refuses --explain and the CRM import formats, which need reasons', async () => {
    const { code, stderr } = await runCli(['score', 'examples/b2b-saas.score', 'examples/leads.jsonl', '--now', acceptanceNow, '--engine', 'duckdb', '--explain']);
    expect(stderr).toContain('--engine duckdb scores without reasons');
    expect(code).toBe(1);
  });
});
