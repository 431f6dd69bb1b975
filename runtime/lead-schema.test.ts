import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import type { InputNode } from './ir.js';
import { LeadError, leadSchema, leadValidator } from './lead-schema.js';
import { loadPolicy } from './load-policy.js';

const inputs: InputNode[] = [
  { id: 'field:id', name: 'id', type: 'text', builtin: true },
  { id: 'field:title', name: 'title', type: 'text', builtin: true },
  { id: 'field:employees', name: 'employees', type: 'number', builtin: true },
  { id: 'field:budget', name: 'budget', type: 'number', builtin: false },
  { id: 'field:authority', name: 'authority', type: 'boolean', builtin: false },
];
const validate = leadValidator(inputs);

function problem(lead: unknown): string {
  try {
    validate(lead);
  } catch (error) {
    expect(error).toBeInstanceOf(LeadError);
    expect((error as Error).name).toBe('LeadError');
    return (error as Error).message;
  }
  throw new Error('the lead was accepted');
}

describe('leadValidator', () => {
  it('accepts leads that fit, with missing, null and unknown fields', () => {
    expect(() => validate({})).not.toThrow();
    expect(() => validate({ id: 7, title: null, employees: 0, budget: 1.5, authority: false, events: [] })).not.toThrow();
    expect(() => validate({ id: 'L1', nickname: 5, profile: { a: [1] }, Title: 5 })).not.toThrow();
    expect(() =>
      validate({
        events: [
          { type: 'open', object: 'email', name: null, at: '2026-05-31T12:00:00+02:00', campaign: 'spring' },
          { type: 'unsubscribe', at: '2026-05-31' },
        ],
      }),
    ).not.toThrow();
  });

  it('bounds the text of a field and of an event’s type, object and name, with a clear error', () => {
    const long = 'x'.repeat(65_537);
    expect(() => validate({ title: 'x'.repeat(65_536) })).not.toThrow();
    expect(problem({ title: long })).toBe('`title` is 65,537 characters long; text is at most 65,536');
    expect(problem({ events: [{ type: 'visit', object: 'page', name: long, at: '2026-05-31' }] })).toBe('`events[0].name` is 65,537 characters long; text is at most 65,536');
    expect(problem({ events: [{ type: long, at: '2026-05-31' }] })).toBe('`events[0].type` is 65,537 characters long; text is at most 65,536');
  });

  it('rejects what is not a JSON object', () => {
    expect(problem('hello')).toBe('a lead must be a JSON object, got the text "hello"');
    expect(problem(null)).toBe('a lead must be a JSON object, got null');
    expect(problem([{ id: 1 }])).toBe('a lead must be a JSON object, got an array');
    expect(problem(42)).toBe('a lead must be a JSON object, got the number 42');
    expect(problem(true)).toBe('a lead must be a JSON object, got the value true');
  });

  it('names the field, the type it must have and the value it has', () => {
    expect(problem({ employees: '50' })).toBe('`employees` must be a number, got the text "50"');
    expect(problem({ title: 5 })).toBe('`title` must be text, got the number 5');
    expect(problem({ authority: 'yes' })).toBe('`authority` must be true or false, got the text "yes"');
    expect(problem({ budget: false })).toBe('`budget` must be a number, got the value false');
    expect(problem({ title: ['CEO'] })).toBe('`title` must be text, got an array');
    expect(problem({ title: { en: 'CEO' } })).toBe('`title` must be text, got an object');
    expect(problem({ id: true })).toBe('`id` must be text or a number, got the value true');
  });

  it('rejects NaN and Infinity, which JavaScript callers can pass, as numbers', () => {
    expect(problem({ employees: Number.NaN })).toBe('`employees` must be a number, got the number NaN');
    expect(problem({ budget: Number.POSITIVE_INFINITY })).toBe('`budget` must be a number, got the number Infinity');
  });

  it('reads fields from the lead itself, not from Object.prototype', () => {
    const validateMembers = leadValidator([
      { id: 'field:constructor', name: 'constructor', type: 'number', builtin: false },
      { id: 'field:toString', name: 'toString', type: 'text', builtin: false },
    ]);
    expect(() => validateMembers({})).not.toThrow();
    expect(() => validateMembers({ constructor: 5, toString: 'x' })).not.toThrow();
    expect(() => validateMembers({ constructor: 'x' })).toThrow('`constructor` must be a number, got the text "x"');
  });

  it('shortens long values', () => {
    expect(problem({ employees: 'x'.repeat(100) })).toBe(`\`employees\` must be a number, got the text "${'x'.repeat(40)}…"`);
  });

  it('names the event and what is wrong with it', () => {
    const at = '2026-05-31T12:00:00Z';
    expect(problem({ events: {} })).toBe('`events` must be an array, got an object');
    expect(problem({ events: null })).toBe('`events` must be an array, got null');
    expect(problem({ events: ['open'] })).toBe('`events[0]` must be an object, got the text "open"');
    expect(problem({ events: [{ type: 'open', at }, { at }] })).toBe('`events[1]` has no `type`');
    expect(problem({ events: [{ type: 'open' }] })).toBe('`events[0]` has no `at`');
    expect(problem({ events: [{ type: '', at }] })).toBe('`events[0].type` must not be empty');
    expect(problem({ events: [{ type: ' \t ', at }] })).toBe('`events[0].type` must not be empty');
    expect(problem({ events: [{ type: 5, at }] })).toBe('`events[0].type` must be text, got the number 5');
    expect(problem({ events: [{ type: 'open', object: 5, at }] })).toBe('`events[0].object` must be text, got the number 5');
    expect(problem({ events: [{ type: 'open', name: {}, at }] })).toBe('`events[0].name` must be text, got an object');
    expect(problem({ events: [{ type: 'open', at: '2026-02-30' }] })).toBe('`events[0].at` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got the text "2026-02-30"');
    expect(problem({ events: [{ type: 'open', at: 1780000000000 }] })).toBe('`events[0].at` must be text, got the number 1780000000000');
    expect(problem({ events: [{ type: 'open', at: '0000-01-01T00:00:00+01:00' }] })).toBe(
      '`events[0].at` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got the text "0000-01-01T00:00:00+01:00", which is outside the years 0000 to 9999 (UTC), the times leadscore can write and read back',
    );
  });

  it('reports several problems in one message', () => {
    expect(problem({ title: 5, employees: '50' })).toBe('`title` must be text, got the number 5; `employees` must be a number, got the text "50"');
    expect(problem({ employees: '50', events: [{ type: 'open' }, { type: 'open', at: 'soon' }] })).toBe(
      '`employees` must be a number, got the text "50"; `events[0]` has no `at`; `events[1].at` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got the text "soon"',
    );
  });

  it('shows the first three problems and counts the rest', () => {
    const message = problem({ id: false, title: 1, employees: 'x', budget: 'y', authority: 'z' });
    expect(message).toBe('`id` must be text or a number, got the value false; `title` must be text, got the number 1; `employees` must be a number, got the text "x"; and 2 more');
  });
});

describe('leadSchema', () => {
  it('gives each field of the policy its type, allows null, and leaves other fields open', () => {
    const schema = leadSchema(inputs) as { type: string; properties: Record<string, unknown>; additionalProperties?: unknown };
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBeUndefined();
    expect(schema.properties['title']).toEqual({ type: ['string', 'null'] });
    expect(schema.properties['budget']).toEqual({ type: ['number', 'null'] });
    expect(schema.properties['authority']).toEqual({ type: ['boolean', 'null'] });
    expect(schema.properties['id']).toEqual({ type: ['string', 'number', 'null'] });
    expect(schema.properties['events']).toMatchObject({ type: 'array', items: { type: 'object', required: ['type', 'at'] } });
  });
});

describe('Policy.score on an invalid lead', () => {
  const { ir } = compile('field budget: number\nwhen budget >= 10k add 5\n');
  const policy = loadPolicy(ir);

  it('throws a LeadError naming the custom field, never scoring it', () => {
    expect(() => policy.score({ id: 'x', budget: '10000' }, { now: '2026-06-01T00:00:00Z' })).toThrow(new LeadError('`budget` must be a number, got the text "10000"'));
    expect(policy.score({ id: 'x', budget: 10000 }, { now: '2026-06-01T00:00:00Z' }).score).toBe(5);
  });

  it('checks the built-in fields too, used by the policy or not', () => {
    expect(() => policy.score({ website: 5 }, { now: '2026-06-01T00:00:00Z' })).toThrow('`website` must be text, got the number 5');
  });
});

describe('leadValidator reuse', () => {
  it('gives policies with the same fields the same validator, and others their own', () => {
    const fields = (extra: 'text' | 'number') => [
      { id: 'field:title', name: 'title', type: 'text' as const, builtin: true },
      { id: 'field:budget', name: 'budget', type: extra, builtin: false },
    ];
    expect(leadValidator(fields('number'))).toBe(leadValidator(fields('number')));
    const asText = leadValidator(fields('text'));
    expect(asText).not.toBe(leadValidator(fields('number')));
    expect(() => asText({ budget: 5 })).toThrow(LeadError);
    expect(() => leadValidator(fields('number'))({ budget: 5 })).not.toThrow();
  });
});
