import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy, type PolicyIr } from '../runtime/index.js';
import { compileSql } from './compile.js';
import { sqlDialects } from './dialect.js';
import { scoreWithDuckDb } from './duckdb.js';
import { postgresDatabase, scoreWithPostgres } from './postgres-test-engine.js';
import { DuckDBInstance } from '@duckdb/node-api';
import parser from 'node-sql-parser';

const { Parser } = parser as unknown as { Parser: new () => { astify(sql: string, options: { database: string }): unknown } };

/** Text that would end a literal, start a comment or a dollar-quoted string, or break an identifier, if it were pasted in. */
const hostile = [
  "it's",
  "o''brien",
  'back\\slash\\',
  'x -- y',
  'a /* b */ c',
  '$$ money $$',
  '$tag$ quoted $tag$',
  'semi; DROP TABLE leads; --',
  'ünïcödé ✓ 😀',
  '"double" "quotes"',
  "E'\\x41'",
  '%_',
];
const literal = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const policy = [
  `field notes: text from ${literal('col "quoted" \' -- /* $$')}`,
  'fit:',
  ...hostile.map((text, i) => `  when title = ${literal(text)} add ${i + 1}`),
  `  when notes contains any [${hostile.map(literal).join(', ')}] add 100`,
  `  when visit page ${literal('*$$*')} add 1000`,
  `  when download whitepaper ${literal("it's -- *")} add 2000`,
  `grade ${literal("A'; DROP TABLE leads; --")} when fit >= 100`,
  `grade ${literal('B $$ /*')} otherwise`,
].join('\n');

const now = '2026-06-01T12:00:00Z';
const leads = [
  ...hostile.map((title, i) => ({ id: `lead ${i}`, title: ` ${title.toUpperCase()} `, 'col "quoted" \' -- /* $$': hostile[(i + 3) % hostile.length] })),
  {
    id: 'events',
    events: [
      { type: 'visit', object: 'page', name: 'x$$y', at: '2026-05-31T00:00:00Z' },
      { type: 'download', object: 'whitepaper', name: "It's -- the guide", at: '2026-05-31T00:00:00Z' },
    ],
  },
];

function expected(ir: PolicyIr) {
  const policy = loadPolicy(ir);
  return leads.map((lead) => {
    const { id, score, dimensions, grade, stage, route, blacklisted } = policy.score(lead, { now });
    return { id, score, dimensions, grade, stage, route, blacklisted };
  });
}

describe('hostile text in a policy', () => {
  const { ir, diagnostics } = compile(policy);

  it('compiles', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('stays inside its literals and identifiers: DuckDB reads one statement, and it scores as the runtime does', async () => {
    const sql = compileSql(ir!, { dialect: 'duckdb', now }).sql!;
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    expect((await connection.extractStatements(sql)).count).toBe(1);
    connection.closeSync();
    const results = await scoreWithDuckDb(ir!, leads, { now });
    expect(results).toEqual(expected(ir!));
    expect(results.map((r) => (r instanceof Error ? r : r.score)).filter((score) => score !== 0).length).toBeGreaterThan(hostile.length);
  });

  it('stays inside its literals and identifiers: PostgreSQL reads one statement, and it scores as the runtime does', { timeout: 120_000 }, async () => {
    const sql = compileSql(ir!, { dialect: 'postgres', now }).sql!;
    const db = await postgresDatabase();
    // A second statement would fail to prepare as one: the extended protocol takes exactly one.
    await db.query('DROP TABLE IF EXISTS pg_temp.leads');
    await expect(db.query(`PREPARE ls_one AS ${sql.replace(/^--.*\n/, '')}`)).rejects.toThrow(/relation "leads" does not exist/);
    expect(await scoreWithPostgres(ir!, leads, { now })).toEqual(expected(ir!));
  });

  it('is the same with standard_conforming_strings off in PostgreSQL, where a backslash in a plain literal is an escape', { timeout: 120_000 }, async () => {
    const db = await postgresDatabase();
    await db.query('SET standard_conforming_strings = off');
    try {
      expect(await scoreWithPostgres(ir!, leads, { now })).toEqual(expected(ir!));
    } finally {
      await db.query('SET standard_conforming_strings = on');
    }
  });

  it.each([
    ['bigquery', 'BigQuery'],
    ['snowflake', 'Snowflake'],
  ] as const)('stays inside its literals and identifiers in %s: its parser reads one statement', (dialect, database) => {
    // node-sql-parser's Snowflake grammar does not read `""` inside a quoted identifier (Snowflake does): that column is renamed there.
    const columns = dialect === 'snowflake' ? { notes: 'notes -- /* $$' } : {};
    const ast = new Parser().astify(compileSql(ir!, { dialect, now, columns }).sql!, { database });
    expect(Array.isArray(ast) ? ast.length : 1).toBe(1);
  });

  it('refuses NUL and lone surrogates (LS6001) in every dialect, rather than cutting the text short', () => {
    const withNul: PolicyIr = { ...ir!, lists: ir!.lists.map((list, i) => (i === 0 ? { ...list, values: ['a\0b'] } : list)) };
    const withSurrogate: PolicyIr = { ...ir!, lists: ir!.lists.map((list, i) => (i === 0 ? { ...list, values: ['a\ud800'] } : list)) };
    for (const dialect of sqlDialects) {
      expect(compileSql(withNul, { dialect, now }).diagnostics.map((d) => d.code)).toEqual(['LS6001']);
      expect(compileSql(withSurrogate, { dialect, now }).diagnostics.map((d) => d.code)).toEqual(['LS6001']);
    }
  });
});
