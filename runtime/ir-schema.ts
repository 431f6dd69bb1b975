/**
 * The JSON Schema of the rule graph. spec/ir.schema.json is written from this
 * object (`npm run spec:schema`) and a test keeps the two identical.
 */

import { dateFormats } from './dates.js';
import { numberFormats } from './values.js';

const position = {
  type: 'object',
  required: ['line', 'column', 'offset'],
  properties: {
    line: { type: 'integer', minimum: 1 },
    column: { type: 'integer', minimum: 1 },
    offset: { type: 'integer', minimum: 0 },
  },
  additionalProperties: false,
} as const;

const range = {
  type: 'object',
  required: ['start', 'end'],
  properties: { start: { $ref: '#/definitions/position' }, end: { $ref: '#/definitions/position' }, file: { type: 'string' } },
  additionalProperties: false,
} as const;

const id = { type: 'string', minLength: 1 } as const;
const valueRef = { type: 'string', pattern: '^(field:|derived:|section:|decision:(grade|stage|route)$|score$)' } as const;
const positive = { type: 'number', exclusiveMinimum: 0 } as const;

const eventMatch = {
  type: 'object',
  required: ['verb'],
  properties: { verb: { type: 'string', minLength: 1 }, object: { type: 'string', minLength: 1 }, glob: { type: 'string' } },
  additionalProperties: false,
} as const;

function predicate(op: string | string[], required: string[], properties: Record<string, unknown>) {
  return {
    type: 'object',
    required: ['id', 'op', 'range', ...required],
    properties: {
      id,
      op: Array.isArray(op) ? { enum: op } : { const: op },
      range: { $ref: '#/definitions/range' },
      ...properties,
    },
    additionalProperties: false,
  };
}

export const irSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://leadscore.dev/schemas/ir.schema.json',
  title: 'leadscore rule graph (IR)',
  description: 'A compiled lead-scoring policy: inputs, derived values, lists, predicates, sections, contributions and decisions.',
  type: 'object',
  required: ['format', 'version', 'compiler', 'policy', 'inputs', 'derived', 'lists', 'predicates', 'sections', 'contributions', 'decisions'],
  properties: {
    $schema: { type: 'string' },
    format: { const: 'leadscore-ir' },
    version: { const: 1 },
    compiler: { type: 'string' },
    policy: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: ['string', 'null'] }, version: { type: ['string', 'null'] } },
      additionalProperties: false,
    },
    inputs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'type', 'builtin'],
        properties: {
          id: { type: 'string', pattern: '^field:' },
          name: { type: 'string', minLength: 1 },
          type: { enum: ['text', 'number', 'boolean', 'country', 'date'] },
          builtin: { type: 'boolean' },
          sources: { type: 'array', items: { type: 'string', minLength: 1 } },
          range: { $ref: '#/definitions/range' },
        },
        additionalProperties: false,
      },
    },
    derived: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'type', 'derive', 'from'],
        properties: {
          id: { type: 'string', pattern: '^derived:' },
          name: { type: 'string', minLength: 1 },
          type: { const: 'text' },
          derive: { const: 'email-domain' },
          from: valueRef,
          explicit: valueRef,
        },
        additionalProperties: false,
      },
    },
    lists: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type', 'values', 'range'],
        properties: {
          id: { type: 'string', pattern: '^list:' },
          name: { type: 'string' },
          type: { enum: ['text', 'number', 'country'] },
          values: { type: 'array', items: { type: ['string', 'number'] } },
          written: { type: 'array', items: { type: 'string' } },
          range: { $ref: '#/definitions/range' },
        },
        additionalProperties: false,
      },
    },
    predicates: {
      type: 'array',
      items: {
        type: 'object',
        required: ['op'],
        discriminator: { propertyName: 'op' },
        oneOf: [
          predicate('compare', ['value', 'operator', 'operand'], {
            value: valueRef,
            operator: { enum: ['=', '!=', '>', '>=', '<', '<='] },
            operand: { type: ['string', 'number'] },
          }),
          predicate('compare-values', ['value', 'operator', 'other'], {
            value: valueRef,
            operator: { enum: ['=', '!=', '>', '>=', '<', '<='] },
            other: valueRef,
          }),
          predicate('between', ['value', 'low', 'high'], { value: valueRef, low: { type: 'number' }, high: { type: 'number' } }),
          predicate('in', ['value', 'list', 'negated'], { value: valueRef, list: id, negated: { type: 'boolean' } }),
          predicate('text', ['value', 'match', 'list'], {
            value: valueRef,
            match: { enum: ['contains', 'starts-with', 'ends-with'] },
            word: { const: true },
            list: id,
          }),
          predicate('is', ['value', 'test'], { value: valueRef, test: { enum: ['missing', 'present', 'true', 'false'] } }),
          predicate('event', ['atLeast'], {
            match: { $ref: '#/definitions/eventMatch' },
            atLeast: { type: 'integer', minimum: 1 },
            withinDays: positive,
          }),
          predicate('no-event', ['withinDays'], { match: { $ref: '#/definitions/eventMatch' }, withinDays: positive }),
          predicate(['date-within', 'date-ago'], ['value', 'days'], { value: valueRef, days: positive }),
          predicate('date-compare', ['value', 'operator', 'time'], {
            value: valueRef,
            operator: { enum: ['<', '<=', '>', '>='] },
            time: { type: 'string', minLength: 10 },
          }),
          predicate('not', ['arg'], { arg: id }),
          predicate(['and', 'or'], ['args'], { args: { type: 'array', minItems: 1, items: id } }),
        ],
      },
    },
    sections: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'range'],
        properties: {
          name: { type: 'string', minLength: 1 },
          decay: {
            type: 'object',
            required: ['halfLifeDays', 'range'],
            properties: { halfLifeDays: positive, range: { $ref: '#/definitions/range' } },
            additionalProperties: false,
          },
          range: { $ref: '#/definitions/range' },
        },
        additionalProperties: false,
      },
    },
    contributions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'section', 'when', 'effect', 'points', 'mode', 'decay', 'text', 'range'],
        properties: {
          id,
          section: { type: ['string', 'null'] },
          when: id,
          effect: { enum: ['add', 'subtract', 'blacklist'] },
          points: { type: 'number', minimum: 0 },
          mode: { enum: ['once', 'each'] },
          cap: positive,
          decay: { type: 'boolean' },
          text: { type: 'string' },
          name: { type: 'string', minLength: 1 },
          range: { $ref: '#/definitions/range' },
        },
        additionalProperties: false,
      },
    },
    decisions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'rows'],
        properties: {
          name: { enum: ['grade', 'stage', 'route'] },
          rows: {
            type: 'array',
            items: {
              type: 'object',
              required: ['label', 'when', 'range'],
              properties: { label: { type: 'string' }, when: { anyOf: [id, { type: 'null' }] }, range: { $ref: '#/definitions/range' } },
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    },
    dateFormat: { enum: [...dateFormats] },
    numberFormat: { enum: [...numberFormats] },
    events: {
      type: 'object',
      properties: {
        columns: {
          type: 'object',
          properties: Object.fromEntries(['lead_id', 'type', 'object', 'name', 'at'].map((part) => [part, { type: 'array', items: { type: 'string', minLength: 1 } }])),
          additionalProperties: false,
        },
        types: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'type'],
            properties: { name: { type: 'string', minLength: 1 }, type: { type: 'string', minLength: 1 }, object: { type: 'string', minLength: 1 } },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
  definitions: { position, range, eventMatch },
} as const;
