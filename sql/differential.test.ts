import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy, type PolicyIr } from '../runtime/index.js';
import { randomLead, randomPolicy, seededRandom } from '../spec/random-policy.js';
import { compileSql } from './compile.js';
import { scoreWithDuckDb, type LeadOutcome } from './duckdb.js';
import { postgresDatabase, scoreWithPostgres } from './postgres-test-engine.js';

type Engine = (ir: PolicyIr, leads: readonly unknown[], now: string) => Promise<LeadOutcome[]>;

/**
 * The SQL in an engine and the interpreter on the same random policies and leads: every result must be identical
 * (reasons aside). A policy the dialect refuses (a diagnostic, never other results) is counted and skipped.
 */
function differential(name: string, dialect: 'duckdb' | 'postgres', engine: Engine, policies: number, start?: () => Promise<unknown>): void {
  const leadsPerPolicy = 40;
  describe(`${name} and the interpreter agree`, () => {
    it(`on ${policies} random policies × ${leadsPerPolicy} random leads`, { timeout: 120_000 + policies * 5_000 }, async () => {
      await start?.();
      const now = Date.parse('2026-11-23T12:00:00Z');
      let compared = 0;
      let refused = 0;
      for (let seed = 1; seed <= policies; seed++) {
        const random = seededRandom(seed);
        const source = randomPolicy(random);
        const { ir } = compile(source);
        const leads = Array.from({ length: leadsPerPolicy }, (_, i) => randomLead(random, now, i));
        if (compileSql(ir!, { dialect }).sql === undefined) {
          refused++;
          continue;
        }
        const interpreter = loadPolicy(ir!, { backend: 'interpreter' });
        const results = await engine(ir!, leads, new Date(now).toISOString());
        leads.forEach((lead, index) => {
          const { id, score, dimensions, grade, stage, route, blacklisted } = interpreter.score(lead, { now });
          const expected = { id, score, dimensions, grade, stage, route, blacklisted };
          const actual = results[index];
          if (JSON.stringify(actual) !== JSON.stringify(expected) || !Object.is((actual as { score: number }).score, score)) {
            expect({ seed, lead, actual }, `seed ${seed}, policy:\n${source}`).toEqual({ seed, lead, actual: expected });
          }
          compared++;
        });
      }
      // Random policies use no names a dialect must refuse: every one is compared.
      expect({ compared, refused }).toEqual({ compared: policies * leadsPerPolicy, refused: 0 });
    });
  });
}

// A few seconds each here; LEADSCORE_SQL_SEEDS=200 runs more.
const seeds = Number(process.env['LEADSCORE_SQL_SEEDS'] ?? 20);
differential('DuckDB', 'duckdb', (ir, leads, now) => scoreWithDuckDb(ir, leads, { now }), seeds);
// PostgreSQL: the server LEADSCORE_PG_URL names (in .ci/run), else PGlite.
differential('PostgreSQL', 'postgres', (ir, leads, now) => scoreWithPostgres(ir, leads, { now }), seeds, postgresDatabase);
