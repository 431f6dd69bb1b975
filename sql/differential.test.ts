import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from '../runtime/index.js';
import { randomLead, randomPolicy, seededRandom } from '../spec/random-policy.js';
import { scoreWithDuckDb } from './duckdb.js';

/** The SQL in DuckDB and the interpreter on the same random policies and leads: every result must be identical (reasons aside). */
describe('DuckDB and the interpreter agree', () => {
  // A few seconds here; LEADSCORE_SQL_SEEDS=200 runs more.
  const policies = Number(process.env['LEADSCORE_SQL_SEEDS'] ?? 20);
  const leadsPerPolicy = 40;

  it(`on ${policies} random policies × ${leadsPerPolicy} random leads`, { timeout: 60_000 + policies * 3_000 }, async () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    let compared = 0;
    for (let seed = 1; seed <= policies; seed++) {
      const random = seededRandom(seed);
      const source = randomPolicy(random);
      const { ir } = compile(source);
      const interpreter = loadPolicy(ir, { backend: 'interpreter' });
      const leads = Array.from({ length: leadsPerPolicy }, (_, i) => randomLead(random, now, i));
      const results = await scoreWithDuckDb(ir!, leads, { now: new Date(now).toISOString() });
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
    expect(compared).toBe(policies * leadsPerPolicy);
  });
});
