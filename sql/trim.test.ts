import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy, type PolicyIr } from '../runtime/index.js';
import { scoreWithDuckDb } from './duckdb.js';
import { postgresDatabase, scoreWithPostgres } from './postgres-test-engine.js';

// Text is compared trimmed as JavaScript trims it. The SQL skips the trim when the first and the last
// character are above the space: these values sit on both sides of that shortcut.
const titles = [
  'CTO',
  ' CTO',
  'CTO ',
  '\tCTO\n',
  '\vCTO\f',
  '\rCTO\r',
  '\u0001CTO',
  'CTO\u007f',
  '!CTO',
  'C',
  ' C ',
  '',
  ' ',
  '\t \n',
  '\u00a0CTO\u3000',
  '\ufeffcto',
  'CTO\u2028',
  'Ünïcödé CTO ',
];
const policy = ['fit:', '  when title = "cto" add 10', '  when title starts with "c" add 1', '  when title ends with "o" add 100', '  when title is missing add 1000'].join('\n');
const now = '2026-06-01T12:00:00Z';
const leads = titles.map((title, index) => ({ id: `lead ${index}`, title, events: [{ type: `${title}visit`, at: '2026-05-01T00:00:00Z' }] }));

function expected(ir: PolicyIr) {
  const scorer = loadPolicy(ir);
  return leads.map((lead) => {
    try {
      const { id, score, dimensions, grade, stage, route, blacklisted } = scorer.score(lead, { now });
      return { id, score, dimensions, grade, stage, route, blacklisted };
    } catch (error) {
      return error;
    }
  });
}

describe('text trimmed as JavaScript trims it', () => {
  const { ir } = compile(policy);

  it('in DuckDB', async () => {
    expect(await scoreWithDuckDb(ir!, leads, { now })).toEqual(expected(ir!));
  });

  it('in PostgreSQL', { timeout: 120_000 }, async () => {
    await postgresDatabase();
    expect(await scoreWithPostgres(ir!, leads, { now })).toEqual(expected(ir!));
  });

  it('tells the values apart as the runtime does (what the comparison above rests on)', () => {
    const scores = expected(ir!).map((result) => (result instanceof Error ? result.message : result.score));
    expect(scores).toEqual([111, 111, 111, 111, 111, 111, 100, 1, 100, 1, 1, 1000, 1000, 1000, 111, 111, 111, 100]);
  });
});
