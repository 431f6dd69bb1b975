import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from './load-policy.js';

// The generated code checks a lead as it scores it (one pass over the events) and leaves whatever
// its quick checks do not pass to the validator. Both ways must agree with the interpreter, which
// validates first: the same result, or the same error.
const now = '2026-11-23T12:00:00Z';
const withEvents = compile(
  [
    'field budget: number',
    'fit:',
    '  when title contains "cto" add 10',
    '  when budget > 5 add 5',
    'engagement:',
    '  when open email add 5 each',
    '  when no activity for 30 days subtract 10',
  ].join('\n'),
).ir!;
const withoutEventRules = compile(['field budget: number', 'fit:', '  when title contains "cto" add 10'].join('\n')).ir!;

const at = '2026-11-20T10:00:00Z';
const event = (fields: Record<string, unknown>) => ({ type: 'open', object: 'email', at, ...fields });
const leads: Array<[string, unknown]> = [
  ['a plain lead', { id: 'a', title: 'CTO', budget: 9, events: [event({})] }],
  ['a type that starts with a space (valid, left to the validator)', { id: 'b', events: [event({ type: ' open' })] }],
  ['a blank type', { id: 'c', events: [event({ type: '   ' })] }],
  ['no type', { id: 'd', events: [{ object: 'email', at }] }],
  ['a type that is no text', { id: 'e', events: [event({ type: 5 })] }],
  ['an object that is no text', { id: 'f', events: [event({ object: 5 })] }],
  ['a name over the length limit', { id: 'g', events: [event({ name: 'x'.repeat(70_000) })] }],
  ['a bad time in the future', { id: 'h', events: [event({ at: '2099-02-30T00:00:00Z' })] }],
  ['a time that is no text', { id: 'i', events: [event({ at: 1_795_435_200_000 })] }],
  ['no time', { id: 'j', events: [{ type: 'open' }] }],
  ['an event that is no object', { id: 'k', events: [event({}), 7] }],
  ['an event that is an array', { id: 'l', events: [[]] }],
  ['an event without a prototype (valid, left to the validator)', { id: 'm', events: [Object.assign(Object.create(null), event({}))] }],
  ['events that are no array', { id: 'n', events: { type: 'open', at } }],
  ['events null', { id: 'o', events: null }],
  ['a field of the wrong type', { id: 'p', budget: '9' }],
  ['a field that is not finite', { id: 'q', budget: Infinity }],
  ['text over the length limit', { id: 'r', title: 'x'.repeat(70_000) }],
  ['an id of the wrong type', { id: true }],
  ['a lead that is no object', ['a']],
  ['many problems at once', { id: 's', budget: 'x', title: 5, events: [7, event({ type: '' }), event({ at: 'soon' })] }],
  ['a bad event after many good ones', { id: 't', events: [...Array.from({ length: 50 }, () => event({})), event({ at: 'never' })] }],
];

function outcome(policy: ReturnType<typeof loadPolicy>, lead: unknown): unknown {
  try {
    return policy.score(lead, { now });
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
}

describe('the lead check fused into the generated code', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>)['at'];
  });

  for (const [what, ir] of [
    ['a policy with event rules', withEvents],
    ['a policy without event rules', withoutEventRules],
  ] as const) {
    it(`gives what validating first gives, for ${what}`, () => {
      const generated = loadPolicy(ir, { backend: 'generated' });
      const interpreter = loadPolicy(ir, { backend: 'interpreter' });
      for (const [name, lead] of leads) expect(outcome(generated, lead), name).toEqual(outcome(interpreter, lead));
      const scored = leads.filter(([, lead]) => (outcome(generated, lead) as { error?: string }).error === undefined).map(([name]) => name);
      expect(scored).toEqual(['a plain lead', 'a type that starts with a space (valid, left to the validator)', 'an event without a prototype (valid, left to the validator)']);
    });
  }

  it('reads an event part from the event itself, never from Object.prototype', () => {
    const generated = loadPolicy(withEvents, { backend: 'generated' });
    const interpreter = loadPolicy(withEvents, { backend: 'interpreter' });
    (Object.prototype as Record<string, unknown>)['at'] = at;
    const lead = { id: 'u', events: [{ type: 'open', object: 'email' }] };
    expect(outcome(generated, lead)).toEqual(outcome(interpreter, lead));
    expect(outcome(generated, lead)).toMatchObject({ error: 'LeadError', message: '`events[0]` has no `at`' });
  });
});
