import { Ajv, type ErrorObject } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateLeads } from '../scripts/generate-leads.js';
import type { InputNode } from './ir.js';
import { LeadError, leadSchema, leadValidator, type LeadValidator } from './lead-schema.js';
import { parseIsoTime } from './time.js';

const field = (name: string, type: InputNode['type'], builtin = false): InputNode => ({ id: `field:${name}`, name, type, builtin });

const inputs: InputNode[] = [
  field('id', 'text', true),
  field('email', 'text', true),
  field('title', 'text', true),
  field('employees', 'number', true),
  field('revenue', 'number', true),
  field('budget', 'number'),
  field('authority', 'boolean'),
  field('constructor', 'number'),
  field('toString', 'text'),
];

function outcome(validate: LeadValidator, lead: unknown): { times: number[] } | { error: string } {
  try {
    return { times: validate(lead) };
  } catch (error) {
    expect(error).toBeInstanceOf(LeadError);
    return { error: (error as Error).message };
  }
}

const problem = (validate: LeadValidator, lead: unknown) => (outcome(validate, lead) as { error?: string }).error;

describe('leadValidator: event times', () => {
  const validate = leadValidator(inputs);

  it('returns the time of each event in milliseconds, in order, and none without events', () => {
    expect(validate({})).toEqual([]);
    expect(validate({ events: [] })).toEqual([]);
    expect(
      validate({
        events: [
          { type: 'open', at: '2026-11-23T12:00:00Z' },
          { type: 'visit', at: '2026-11-23T13:00:00+01:00' },
          { type: 'click', at: '2026-11-01' },
        ],
      }),
    ).toEqual([Date.parse('2026-11-23T12:00:00Z'), Date.parse('2026-11-23T12:00:00Z'), Date.parse('2026-11-01T00:00:00Z')]);
  });
});

describe('leadValidator: edge cases', () => {
  const validate = leadValidator(inputs);

  it('reads a field named like a member of Object.prototype from the lead itself', () => {
    expect(validate({})).toEqual([]);
    expect(validate({ constructor: 5, toString: 'x' })).toEqual([]);
    expect(problem(validate, { constructor: 'x' })).toBe('`constructor` must be a number, got the text "x"');
    expect(problem(validate, { toString: 5 })).toBe('`toString` must be text, got the number 5');
  });

  it('checks a field named __proto__ as a property of the lead, never as its prototype', () => {
    const validateProto = leadValidator([field('__proto__', 'number')]);
    expect(validateProto({})).toEqual([]);
    expect(validateProto(Object.create(null))).toEqual([]);
    expect(validateProto(JSON.parse('{"__proto__": 5}'))).toEqual([]);
    expect(problem(validateProto, JSON.parse('{"__proto__": "x"}'))).toBe('`__proto__` must be a number, got the text "x"');
    expect(Object.keys(leadSchema([field('__proto__', 'number')]).properties)).toEqual(['__proto__', 'events']);
  });

  it('ignores properties a lead inherits, and treats undefined as missing', () => {
    expect(validate(Object.create({ title: 5, events: 'none' }))).toEqual([]);
    expect(validate({ title: undefined, events: undefined })).toEqual([]);
    expect(problem(validate, { events: [{ type: undefined, at: '2026-11-23' }] })).toBe('`events[0]` has no `type`');
    expect(problem(validate, { events: [Object.create({ type: 'open', at: '2026-11-23' })] })).toBe('`events[0]` has no `type`; `events[0]` has no `at`');
  });

  it('ignores event fields a polluted Object.prototype would lend to every plain event', () => {
    const prototype = Object.prototype as Record<string, unknown>;
    prototype['at'] = '2026-11-23';
    prototype['type'] = 'open';
    try {
      expect(problem(validate, { events: [{ object: 'email' }] })).toBe('`events[0]` has no `type`; `events[0]` has no `at`');
      expect(validate({ events: [{ type: 'open', at: '2026-11-22' }] })).toEqual([Date.UTC(2026, 10, 22)]);
    } finally {
      delete prototype['at'];
      delete prototype['type'];
    }
  });

  it('rejects NaN and Infinity as numbers and as ids', () => {
    expect(problem(validate, { revenue: Number.NaN })).toBe('`revenue` must be a number, got the number NaN');
    expect(problem(validate, { employees: Number.NEGATIVE_INFINITY })).toBe('`employees` must be a number, got the number -Infinity');
    expect(problem(validate, { id: Number.NaN })).toBe('`id` must be text or a number, got the number NaN');
    expect(validate({ id: 42, revenue: -0, employees: 1e300 })).toEqual([]);
  });

  it('rejects arrays and other values as leads', () => {
    expect(problem(validate, [])).toBe('a lead must be a JSON object, got an array');
    expect(problem(validate, [{ id: 'L1' }])).toBe('a lead must be a JSON object, got an array');
    expect(problem(validate, undefined)).toBe('a lead must be a JSON object, got the value undefined');
    expect(problem(validate, 1n)).toBe('a lead must be a JSON object, got the value 1');
  });

  it('rejects null events and events that are not objects', () => {
    expect(problem(validate, { events: null })).toBe('`events` must be an array, got null');
    expect(problem(validate, { events: 'open' })).toBe('`events` must be an array, got the text "open"');
    expect(problem(validate, { events: [null] })).toBe('`events[0]` must be an object, got null');
    expect(problem(validate, { events: [[{ type: 'open', at: '2026-11-23' }]] })).toBe('`events[0]` must be an object, got an array');
    // eslint-disable-next-line no-sparse-arrays
    expect(problem(validate, { events: [, { type: 'open', at: '2026-11-23' }] })).toBe('`events[0]` must be an object, got the value undefined');
  });

  it('accepts null for the optional event texts and blanks nowhere but in them', () => {
    expect(validate({ events: [{ type: 'open', object: null, name: null, at: '2026-11-23' }] })).toEqual([Date.parse('2026-11-23')]);
    expect(validate({ events: [{ type: 'visit', object: '', name: ' ', at: '2026-11-23' }] })).toHaveLength(1);
    expect(problem(validate, { events: [{ type: null, at: '2026-11-23' }] })).toBe('`events[0].type` must be text, got null');
    expect(problem(validate, { events: [{ type: 'open', at: null }] })).toBe('`events[0].at` must be text, got null');
    expect(problem(validate, { events: [{ type: '\u2028', at: '2026-11-23' }] })).toBe('`events[0].type` must not be empty');
  });

  it('reports the problems of one event in the order of the schema: missing properties, then each property', () => {
    expect(problem(validate, { events: [{ object: 5, name: 6 }] })).toBe(
      '`events[0]` has no `type`; `events[0]` has no `at`; `events[0].object` must be text, got the number 5; and 1 more',
    );
    expect(problem(validate, { events: [{ at: 'never', type: ' ', name: [] }] })).toBe(
      '`events[0].type` must not be empty; `events[0].name` must be text, got an array; `events[0].at` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got the text "never"',
    );
  });

  it('counts every problem of a lead with many, fields before events', () => {
    const events = Array.from({ length: 10_000 }, (_, i) => ({ type: 'open', at: i % 2 === 0 ? 'soon' : '2026-11-23' }));
    expect(problem(validate, { events, title: 1 })).toBe(
      '`title` must be text, got the number 1; `events[0].at` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got the text "soon"; `events[2].at` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got the text "soon"; and 4998 more',
    );
  });

  it('gives a field named events the type of the event list, as the schema does', () => {
    const validateEvents = leadValidator([field('events', 'number'), field('title', 'text')]);
    expect(problem(validateEvents, { title: 1, events: 3 })).toBe('`events` must be an array, got the number 3; `title` must be text, got the number 1');
  });
});

/** What ajv, compiling leadSchema(inputs), says about a lead, with the messages leadscore gives. */
function ajvReference(fields: readonly InputNode[]): (lead: unknown) => { valid: true } | { valid: false; error: string } {
  const ajv = new Ajv({ allErrors: true, strict: false, ownProperties: true, strictNumbers: true });
  ajv.addFormat('iso-8601', { type: 'string', validate: (text: string) => !Number.isNaN(parseIsoTime(text)) });
  const validate = ajv.compile(leadSchema(fields));
  return (lead) => {
    if (validate(lead)) return { valid: true };
    const messages = [...new Set((validate.errors ?? []).map((error) => describeAjvError(error, lead)))];
    const shown = messages.slice(0, 3).join('; ');
    return { valid: false, error: messages.length > 3 ? `${shown}; and ${messages.length - 3} more` : shown };
  };
}

const typeWords: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', object: 'an object', array: 'an array' };

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

function describeAjvError(error: ErrorObject, lead: unknown): string {
  const parts = error.instancePath.slice(1).split('/');
  const path = parts.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : (i > 0 ? '.' : '') + part)).join('');
  let value = lead;
  for (const part of parts) if (part !== '' && value !== null && typeof value === 'object') value = (value as Record<string, unknown>)[part];
  switch (error.keyword) {
    case 'type': {
      const wanted = String(error.params['type'])
        .split(',')
        .filter((t) => t !== 'null')
        .map((t) => typeWords[t] ?? t);
      return path === '' ? `a lead must be a JSON object, got ${describeValue(value)}` : `\`${path}\` must be ${wanted.join(' or ')}, got ${describeValue(value)}`;
    }
    case 'required':
      return `\`${path}\` has no \`${String(error.params['missingProperty'])}\``;
    case 'format':
      return `\`${path}\` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got ${describeValue(value)}`;
    case 'pattern':
      return `\`${path}\` must not be empty`;
    default:
      return `\`${path || 'lead'}\` ${error.message ?? 'is invalid'}`;
  }
}

/** Each lead must get the same verdict and message from both, and a valid one the times of its events. */
function expectSameAsAjv(validate: LeadValidator, reference: ReturnType<typeof ajvReference>, lead: unknown): boolean {
  const expected = reference(lead);
  const actual = outcome(validate, lead);
  if (expected.valid) {
    const events = (lead as { events?: Array<{ at: string }> }).events ?? [];
    expect(actual).toEqual({ times: events.map((event) => parseIsoTime(event.at)) });
  } else {
    expect(actual).toEqual({ error: expected.error });
  }
  return expected.valid;
}

const anyValue = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
);
const isoTimes = ['2026-11-23T12:00:00Z', '2026-11-23', '2026-02-29', '2024-02-29T23:59:60+14:00', '2026-11-23T12:00', 'soon', '', '2026-13-01', '2026-11-23T12:00:00+25:00'];
const event = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        type: fc.oneof(fc.constantFrom('open', 'visit', '', ' ', '\t\n', 'x y'), anyValue),
        object: fc.oneof(fc.constantFrom('email', 'page', null), anyValue),
        name: fc.oneof(fc.constantFrom('/pricing', null), anyValue),
        at: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...isoTimes) }, { weight: 1, arbitrary: anyValue }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);
const fieldValue = (type: InputNode['type']) =>
  fc.oneof({ weight: 3, arbitrary: type === 'text' ? fc.string({ maxLength: 50 }) : type === 'number' ? fc.double() : fc.boolean() }, { weight: 1, arbitrary: anyValue });
const lead = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        ...Object.fromEntries(inputs.map((input) => [input.name, fieldValue(input.type)])),
        events: fc.oneof({ weight: 8, arbitrary: fc.array(event, { maxLength: 6 }) }, { weight: 1, arbitrary: anyValue }),
        unknown: anyValue,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);

describe('leadValidator agrees with ajv on the JSON Schema leadSchema(inputs)', () => {
  const validate = leadValidator(inputs);
  const reference = ajvReference(inputs);

  it('on random leads: the same verdict, the same message, and the times of a valid lead', () => {
    let valid = 0;
    fc.assert(
      fc.property(lead, (candidate) => {
        if (expectSameAsAjv(validate, reference, candidate)) valid++;
      }),
      { seed: 20261123, numRuns: 3000 },
    );
    // Both kinds must be well represented for the comparison to mean anything.
    expect(valid).toBeGreaterThan(300);
    expect(valid).toBeLessThan(2700);
  });

  it('on synthetic leads with one property broken', () => {
    const mutations: Array<(lead: Record<string, any>) => void> = [
      () => {},
      (l) => (l['employees'] = String(l['employees'])),
      (l) => (l['title'] = 42),
      (l) => (l['id'] = Number.NaN),
      (l) => (l['constructor'] = 'x'),
      (l) => (l['events'] = l['events']?.[0] ?? {}),
      (l) => l['events']?.push({ type: 'open' }),
      (l) => l['events']?.push({ type: ' ', at: 'yesterday' }),
      (l) => l['events']?.push(null),
      (l) => l['events']?.[0] && (l['events'][0].at = Date.parse(l['events'][0].at)),
      (l) => l['events']?.[0] && (l['events'][0].object = 0),
    ];
    let i = 0;
    let valid = 0;
    for (const line of generateLeads(1500)) {
      const candidate = JSON.parse(line) as Record<string, any>;
      mutations[i++ % mutations.length]!(candidate);
      if (expectSameAsAjv(validate, reference, candidate)) valid++;
    }
    expect(valid).toBeGreaterThan(130);
  });
});
