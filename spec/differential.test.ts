import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from '../runtime/index.js';
import { randomLead, randomPolicy, seededRandom } from './random-policy.js';

/** Both backends on the same random policies and leads: every result, reasons included, must be identical. */
describe('generated code and interpreter agree', () => {
  const policies = 200;
  const leadsPerPolicy = 40;

  // A generous time limit: this must finish however busy the machine is; how fast is for the benchmarks.
  it(`on ${policies} random policies × ${leadsPerPolicy} random leads`, { timeout: 60_000 }, () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    let compared = 0;
    let fired = 0;
    for (let seed = 1; seed <= policies; seed++) {
      const random = seededRandom(seed);
      const source = randomPolicy(random);
      const { ir, diagnostics } = compile(source);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      expect(errors, `seed ${seed} does not compile:\n${source}`).toEqual([]);
      const generated = loadPolicy(ir, { backend: 'generated' });
      const interpreter = loadPolicy(ir, { backend: 'interpreter' });
      expect(generated.backend).toBe('generated');
      for (let i = 0; i < leadsPerPolicy; i++) {
        const lead = randomLead(random, now, i);
        const expected = interpreter.score(lead, { now });
        const actual = generated.score(lead, { now });
        if (JSON.stringify(actual) !== JSON.stringify(expected) || !Object.is(actual.score, expected.score)) {
          expect({ seed, lead, actual }, `seed ${seed}, policy:\n${source}`).toEqual({ seed, lead, actual: expected });
        }
        compared++;
        fired += expected.reasons.length;
      }
    }
    expect(compared).toBe(policies * leadsPerPolicy);
    // The data exercise the rules: on average several rules fire per lead.
    expect(fired / compared).toBeGreaterThan(2);
  });

  it('on every stage and route the random policies can produce', () => {
    const seen = new Set<string>();
    const now = Date.parse('2026-11-23T12:00:00Z');
    for (let seed = 1; seed <= 60; seed++) {
      const random = seededRandom(seed);
      const { ir } = compile(randomPolicy(random));
      const policy = loadPolicy(ir, { backend: 'generated' });
      for (let i = 0; i < 40; i++) {
        const result = policy.score(randomLead(random, now, i), { now });
        seen.add(`stage ${result.stage}`).add(`route ${result.route}`).add(`grade ${result.grade}`);
      }
    }
    for (const outcome of [
      'stage SQL',
      'stage MQL',
      'stage Nurture',
      'stage Blacklisted',
      'stage null',
      'route Sales',
      'route Events',
      'route Marketing',
      'route null',
      'grade A',
      'grade B',
      'grade C',
    ]) {
      expect(seen, outcome).toContain(outcome);
    }
  });
});
