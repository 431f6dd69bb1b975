import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { generateLeads } from '../scripts/generate-leads.js';
import { randomLead, randomPolicy, seededRandom } from '../spec/random-policy.js';
import type { PolicyIr } from './ir.js';
import { loadPolicy } from './load-policy.js';

const now = Date.parse('2026-11-23T12:00:00Z');

/** Scoring takes a faster path than explaining, which records every match: both must give the same result. */
function expectExplainToMatchScore(ir: PolicyIr, leads: readonly unknown[], label: string): void {
  const policy = loadPolicy(ir, { backend: 'interpreter' });
  expect(policy.backend).toBe('interpreter');
  for (const lead of leads) {
    const scored = policy.score(lead, { now });
    const { rules, decisions, ...explained } = policy.explain(lead, { now });
    if (JSON.stringify(explained) !== JSON.stringify(scored) || !Object.is(explained.score, scored.score)) {
      expect({ label, lead, result: explained }).toEqual({ label, lead, result: scored });
    }
    // Every rule that fired appears in the reasons with the points its trace shows.
    expect(rules.filter((rule) => rule.fired).map((rule) => rule.points)).toEqual(scored.reasons.map((reason) => reason.points));
    expect(decisions.map((decision) => decision.label)).toEqual(decisions.map((decision) => scored[decision.name]));
  }
}

describe('the interpreter scores as it explains', () => {
  it('on the example policy with generated leads', () => {
    const { ir } = compile(readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.score'), 'utf8'));
    const leads = Array.from(generateLeads(500), (line) => JSON.parse(line) as unknown);
    expectExplainToMatchScore(ir!, leads, 'b2b-saas');
  });

  it('on random policies and leads', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = seededRandom(seed);
      const source = randomPolicy(random);
      const { ir } = compile(source);
      const leads = Array.from({ length: 20 }, (_, i) => randomLead(random, now, i));
      expectExplainToMatchScore(ir!, leads, `seed ${seed}:\n${source}`);
    }
  });

  it('decays a once-rule by its youngest match and sums an each-rule event by event', () => {
    const { ir, diagnostics } = compile(
      ['engagement:', '  when visit page "/pricing*" 2 times within 30 days add 20', '  when open email add 4 each, at most 7', '  decay half-life 10 days', ''].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    const lead = {
      events: [
        { type: 'visit', object: 'page', name: '/pricing', at: '2026-11-13T12:00:00Z' },
        { type: 'open', object: 'email', at: '2026-11-03T12:00:00Z' },
        { type: 'visit', object: 'page', name: '/Pricing/Team', at: '2026-11-18T12:00:00Z' },
        { type: 'open', object: 'email', at: '2026-11-13T12:00:00Z' },
        { type: 'visit', object: 'page', name: '/blog', at: '2026-11-22T12:00:00Z' },
      ],
    };
    const result = loadPolicy(ir!, { backend: 'interpreter' }).score(lead, { now });
    // Youngest pricing visit 5 days old: 20 × 0.5^0.5 = 14.14; opens 20 and 10 days old: 1 + 2 = 3, under the cap.
    expect(result.reasons.map((reason) => [reason.points, reason.events])).toEqual([
      [14.14, 2],
      [3, 2],
    ]);
    expect(result.dimensions).toEqual({ engagement: 17.14 });
  });
});
