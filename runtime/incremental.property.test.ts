import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { applyEvents, loadPolicy, refresh, startLead, updateProfile, type Policy, type ScoreResult, type Step, type Transition } from './index.js';

const reference = readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.score'), 'utf8');
const policyOf = (text: string) => loadPolicy(compile(text).ir);
const policies: Array<[string, Policy]> = [
  ['the reference policy (every event matters)', policyOf(reference)],
  ['the reference policy without `no activity` (only matching events are kept)', policyOf(reference.replace(/^.*no activity.*$/m, ''))],
];

const start = Date.parse('2026-11-01T12:00:00Z');

const eventArb = fc.record(
  {
    type: fc.constantFrom('open', 'click', 'visit', 'download', 'request', 'unsubscribe', 'attend', 'Open '),
    object: fc.constantFrom('email', 'page', 'whitepaper', 'demo', 'webinar', 'EMAIL', ''),
    name: fc.constantFrom('/pricing', '/pricing/enterprise', '/docs', 'guide'),
    // Up to 90 days before the lead's first `now`, and some a little in its future.
    offsetHours: fc.integer({ min: -90 * 24, max: 10 * 24 }),
  },
  { requiredKeys: ['type', 'offsetHours'] },
);

const profileArb = fc.record(
  {
    email: fc.constantFrom('a@nordsoft.de', 'b@gmail.com', 'c@acme.com', 'd@bigcorp.ch'),
    title: fc.constantFrom('CTO', 'Engineer', 'VP Sales', 'Student'),
    industry: fc.constantFrom('Software', 'Retail', 'Fintech'),
    employees: fc.integer({ min: 0, max: 5000 }),
    revenue: fc.constantFrom(1e6, 2e7, 5e8),
    country: fc.constantFrom('DE', 'US', 'CH'),
    phone: fc.constant('+49 30 1234'),
  },
  { requiredKeys: [] },
);

const opArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('events' as const), events: fc.array(eventArb, { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('time' as const), hours: fc.integer({ min: 0, max: 20 * 24 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('profile' as const),
      changes: fc.dictionary(fc.constantFrom('title', 'employees', 'country', 'phone', 'email'), fc.constantFrom<unknown>(null, 'CTO', 'DE', 'x@acme.com', 300)),
    }),
  },
);

type Decided = Pick<ScoreResult, 'grade' | 'stage' | 'route' | 'blacklisted'>;

/** The decisions that differ between two results, computed independently of the incremental API. */
function changes(before: Decided, after: Decided): Transition[] {
  const found: Transition[] = [];
  for (const kind of ['grade', 'stage', 'route'] as const) if (before[kind] !== after[kind]) found.push({ kind, from: before[kind], to: after[kind] });
  if (before.blacklisted !== after.blacklisted) found.push({ kind: 'blacklisted', from: before.blacklisted, to: after.blacklisted });
  return found;
}

/** Values the profile fields may take, typed by field, so that every change is a valid one. */
function validChanges(changes: Record<string, unknown>): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) typed[field] = null;
    else if (field === 'employees') typed[field] = typeof value === 'number' ? value : 42;
    else typed[field] = typeof value === 'string' ? value : String(value);
  }
  return typed;
}

describe.each(policies)('incremental scoring with %s', (_name, policy) => {
  it('gives the result of scoring from scratch after every step, and reports each decision change exactly once', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), profileArb, fc.array(opArb, { maxLength: 25 }), (id, initialProfile, ops) => {
        let nowMillis = start;
        const now = () => new Date(nowMillis);
        const toEvent = ({ offsetHours, ...rest }: { offsetHours: number; type: string; object?: string; name?: string }) => ({
          ...rest,
          at: new Date(start + offsetHours * 3_600_000).toISOString(),
        });
        let profile: Record<string, unknown> = { id, ...initialProfile };
        const allEvents: unknown[] = [];
        const reported: Transition[] = [];
        const expected: Transition[] = [];

        let step: Step = startLead(policy, profile, { now: now() });
        let previous: Decided = { grade: null, stage: null, route: null, blacklisted: false };
        const check = () => {
          const scratch = policy.score({ ...profile, events: allEvents }, { now: now() });
          expect(step.result).toEqual(scratch);
          reported.push(...step.transitions);
          expected.push(...changes(previous, scratch));
          previous = scratch;
          // A service may store the state anywhere and read it back.
          step = { ...step, state: JSON.parse(JSON.stringify(step.state)) };
        };
        check();
        for (const op of ops) {
          if (op.kind === 'events') {
            const events = op.events.map(toEvent);
            allEvents.push(...events);
            step = applyEvents(policy, step.state, events.length === 1 ? events[0] : events, { now: now() });
          } else if (op.kind === 'time') {
            nowMillis += op.hours * 3_600_000;
            step = refresh(policy, step.state, { now: now() });
          } else {
            const typed = validChanges(op.changes);
            const next = new Map(Object.entries(profile));
            for (const [field, value] of Object.entries(typed)) {
              if (value === null) next.delete(field);
              else next.set(field, value);
            }
            profile = Object.fromEntries(next);
            step = updateProfile(policy, step.state, typed, { now: now() });
          }
          check();
        }
        expect(reported).toEqual(expected);
        // Nothing more happens when nothing changes.
        expect(refresh(policy, step.state, { now: now() }).transitions).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
