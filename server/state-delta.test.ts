import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { applyEvents, loadPolicy, refresh, startLead, updateProfile, type LeadState, type Step } from '../runtime/index.js';
import { readRepoFile } from '../test-support/harness.js';
import { applyDelta, stateDelta } from './state-delta.js';

const policy = (() => {
  const { ir } = compile(readRepoFile('examples/b2b-saas.score'));
  return loadPolicy(ir!);
})();

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const eventKinds = [
  { type: 'visit', object: 'page', name: 'pricing' },
  { type: 'download', object: 'whitepaper' },
  { type: 'request', object: 'demo' },
  { type: 'open', object: 'email' },
  { type: 'unsubscribe' },
];

/** Steps a lead through events, profile changes and refreshes, the clock moving on by up to 40 days at a time. */
function steps(seed: number, count: number): Array<{ before: LeadState; after: LeadState }> {
  const next = random(seed);
  let now = Date.parse('2026-01-01T00:00:00Z');
  let state = startLead(policy, { id: `L${seed}`, title: 'CTO', employees: 200 }, { now: new Date(now) }).state;
  const pairs: Array<{ before: LeadState; after: LeadState }> = [];
  for (let index = 0; index < count; index++) {
    now += Math.floor(next() * 40 * 86_400_000);
    const options = { now: new Date(now) };
    const choice = next();
    let step: Step;
    if (choice < 0.6) {
      const events = Array.from({ length: 1 + Math.floor(next() * 4) }, () => ({
        ...eventKinds[Math.floor(next() * eventKinds.length)]!,
        at: new Date(now - Math.floor(next() * 120 * 86_400_000)).toISOString(),
      }));
      step = applyEvents(policy, state, events, options);
    } else if (choice < 0.8) {
      step = updateProfile(policy, state, { employees: Math.floor(next() * 5000), title: next() < 0.5 ? 'VP Sales' : null }, options);
    } else {
      step = refresh(policy, state, options);
    }
    pairs.push({ before: state, after: step.state });
    state = step.state;
  }
  return pairs;
}

describe('state deltas', () => {
  it('rebuild every step of random leads exactly, also after a trip through JSON', () => {
    let dropping = 0;
    for (let seed = 1; seed <= 40; seed++) {
      for (const { before, after } of steps(seed, 30)) {
        const delta = stateDelta(before, after);
        expect(delta).toBeDefined();
        if (delta!.dropped) dropping++;
        expect(applyDelta(before, delta!)).toEqual(after);
        const stored = JSON.parse(JSON.stringify(before)) as LeadState;
        expect(applyDelta(stored, JSON.parse(JSON.stringify(delta)))).toEqual(JSON.parse(JSON.stringify(after)));
      }
    }
    // The runs reach steps that drop events past every window, not only ones that add.
    expect(dropping).toBeGreaterThan(10);
  });

  it('carry the profile only when it changed', () => {
    const [first] = steps(7, 1);
    const state = first!.after;
    const options = { now: new Date('2026-06-01T00:00:00Z') };
    expect(stateDelta(state, applyEvents(policy, state, { type: 'request', object: 'demo', at: '2026-05-31T00:00:00Z' }, options).state)).not.toHaveProperty('profile');
    expect(stateDelta(state, updateProfile(policy, state, { employees: 10 }, options).state)).toHaveProperty('profile.employees', 10);
  });

  it('are refused for states that are not a step of one another, and see copied events as new', () => {
    const [a, b] = [
      { type: 'request', object: 'demo', at: '2026-05-01T00:00:00Z' },
      { type: 'download', object: 'whitepaper', at: '2026-05-02T00:00:00Z' },
    ];
    const before = { ...steps(3, 1)[0]!.after, events: [a!, b!] };
    expect(stateDelta(before, { ...before, events: [b!, a!] })).toBeUndefined();
    const copies = [{ ...a! }, { ...b! }];
    expect(stateDelta(before, { ...before, events: copies })).toMatchObject({ dropped: [0, 1], added: copies });
  });
});
