import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyIr } from '../runtime/index.js';
import { generateLeads } from '../scripts/generate-leads.js';
import { celInput } from './cel.js';
import { allImplementations, leadscore, outcomeOf, referenceIr } from './implementations.js';
import type { Outcome, Rejected } from './outcome.js';
import { checkAgreement, Disagreement, outcomes } from './throughput.js';

const now = Date.parse('2026-11-23T12:00:00Z');
const bundled = readFileSync(new URL('../examples/leads.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as unknown);
const generated = Array.from(generateLeads(300), (line) => JSON.parse(line) as unknown);
/** Leads every implementation must refuse, as leadscore does. */
const invalid: unknown[] = [
  { id: 'bad-employees', employees: 'many' },
  { id: 'bad-title', title: 42 },
  { id: 'no-type', events: [{ at: '2026-11-01T00:00:00Z' }] },
  { id: 'blank-type', events: [{ type: '  ', at: '2026-11-01T00:00:00Z' }] },
  { id: 'bad-time', events: [{ type: 'open', object: 'email', at: 'yesterday' }] },
  { id: 'events-not-a-list', events: 'none' },
];
/** Edge cases of the policy's semantics: future events, windows, blank text, explicit domains, numeric ids. */
const edges: unknown[] = [
  { id: 7, email: 'x@ACME.com ', events: [] },
  { id: 'explicit-domain', email: 'x@gmail.com', domain: 'nordsoft.de', phone: '  ', title: ' head OF sales ', country: ' ch', employees: 1001 },
  { id: 'future', events: [{ type: 'request', object: 'demo', at: '2027-01-01T00:00:00Z' }] },
  {
    id: 'pricing-window',
    events: [0.5, 3, 13.99, 14].map((days) => ({ type: 'Visit', object: 'Page', name: '/Pricing/X', at: new Date(now - days * 86_400_000).toISOString() })),
  },
  { id: 'no-email', title: null, employees: null, revenue: 10_000_000, events: [{ type: 'unsubscribe', at: '2026-11-23T12:00:00Z' }] },
];
const leads = [...bundled, ...generated, ...invalid, ...edges];

let ir: PolicyIr;
let expected: Array<Outcome | Rejected>;
beforeAll(async () => {
  ir = await referenceIr();
  expected = await outcomes(leadscore(ir, 'interpreter'), leads, now);
});

describe('the benchmark implementations of examples/b2b-saas.score', () => {
  it('the reference outcomes match examples/expected.jsonl', () => {
    const want = readFileSync(new URL('../examples/expected.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Outcome);
    expect(expected.slice(0, bundled.length)).toEqual(
      want.map(({ score, dimensions, grade, stage, route, blacklisted }) => ({ score, dimensions, grade, stage, route, blacklisted })),
    );
    expect(expected.slice(bundled.length + generated.length, -edges.length).every((outcome) => 'error' in outcome)).toBe(true);
  });

  it.each(['leadscore generated code', 'leadscore interpreter', 'hand-written JavaScript', 'CEL (@marcbachmann/cel-js)', 'json-rules-engine'])(
    '%s agrees with leadscore on every lead',
    async (name) => {
      const implementation = allImplementations(ir).find((candidate) => candidate.name === name)!;
      expect(implementation).toBeDefined();
      await checkAgreement(implementation, leads, expected, now);
    },
  );

  it('a disagreement fails loudly, naming the lead and the field', async () => {
    const wrong = { ...allImplementations(ir)[2]!, score: (lead: unknown, at: number) => ({ ...(allImplementations(ir)[2]!.score(lead, at) as Outcome), grade: 'Z' }) };
    const failure = await checkAgreement(wrong, bundled, expected, now).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Disagreement);
    expect((failure as Error).message).toMatch(/disagrees with leadscore on 6 of 6 leads:\n {2}lead 1 \("L1"\): grade: expected "A", got "Z"/);
  });

  it('an implementation error that is not a rejected lead is not taken for one', async () => {
    const broken = {
      ...allImplementations(ir)[2]!,
      score: () => {
        throw new TypeError('bug');
      },
    };
    await expect(outcomeOf(broken, bundled[0], now)).rejects.toThrow('bug');
  });

  it("CEL gets the lead as given, plus only each event's age in days and decay weight", () => {
    const lead = {
      id: 'raw',
      title: ' Head OF Sales ',
      email: 'X@Example.COM',
      employees: 120,
      events: [
        { type: ' Visit ', object: 'Page', name: '/Pricing', at: '2026-11-23T00:00:00Z' },
        { type: 'open', at: '2027-01-01T00:00:00Z' },
      ],
    };
    expect(celInput(lead, now)).toEqual({
      profile: { title: ' Head OF Sales ', industry: null, country: null, phone: null, email: 'X@Example.COM', domain: null, employees: 120, revenue: null },
      events: [
        { type: ' Visit ', object: 'Page', name: '/Pricing', age: 0.5, weight: Math.pow(0.5, 0.5 / 60) },
        { type: 'open', object: null, name: null, age: expect.closeTo(-38.5, 9), weight: expect.any(Number) },
      ],
    });
  });
});
