import { Ajv, type ErrorObject } from 'ajv';
import type { InputNode } from './ir.js';
import { parseIsoTime } from './time.js';

/** A lead the policy cannot score; the message names the field. */
export class LeadError extends Error {
  override name = 'LeadError';
}

const jsonTypes = { text: 'string', number: 'number', boolean: 'boolean' } as const;

/** The JSON Schema of a lead as this policy reads it. Fields it does not know are allowed and ignored. */
export function leadSchema(inputs: readonly InputNode[]) {
  const properties: Record<string, unknown> = {};
  for (const input of inputs) {
    // An id may be a number in many CRMs; every other field has the type the policy gives it.
    properties[input.name] = input.name === 'id' ? { type: ['string', 'number', 'null'] } : { type: [jsonTypes[input.type], 'null'] };
  }
  properties['events'] = {
    type: 'array',
    items: {
      type: 'object',
      required: ['type', 'at'],
      properties: {
        // A blank type is no type: it would match no rule yet count as activity.
        type: { type: 'string', pattern: '\\S' },
        object: { type: ['string', 'null'] },
        name: { type: ['string', 'null'] },
        at: { type: 'string', format: 'iso-8601' },
      },
    },
  };
  return { type: 'object', properties };
}

const typeWords: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', object: 'an object', array: 'an array', null: 'null' };

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

function fieldPath(path: string): string {
  return path
    .slice(1)
    .split('/')
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : (i > 0 ? '.' : '') + part))
    .join('');
}

function valueAt(lead: unknown, path: string): unknown {
  let current = lead;
  for (const part of path.slice(1).split('/')) {
    if (part === '' || current === null || typeof current !== 'object') return current;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function describeError(error: ErrorObject, lead: unknown): string {
  const field = fieldPath(error.instancePath);
  const value = valueAt(lead, error.instancePath);
  switch (error.keyword) {
    case 'type': {
      const wanted = String(error.params['type'])
        .split(',')
        .filter((t) => t !== 'null')
        .map((t) => typeWords[t] ?? t);
      if (field === '') return `a lead must be a JSON object, got ${describeType(value)}`;
      return `\`${field}\` must be ${wanted.join(' or ')}, got ${describeType(value)}`;
    }
    case 'required':
      return `\`${field}\` has no \`${String(error.params['missingProperty'])}\``;
    case 'format':
      return `\`${field}\` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got ${describeType(value)}`;
    case 'pattern':
      return `\`${field}\` must not be empty`;
    default:
      return `\`${field || 'lead'}\` ${error.message ?? 'is invalid'}`;
  }
}

export type LeadValidator = (lead: unknown) => void;

/** A function that throws LeadError, naming every bad field, when a lead does not fit the policy. */
export function leadValidator(inputs: readonly InputNode[]): LeadValidator {
  // Compiling a schema is the slow part of loading a policy; an edited policy usually keeps its fields.
  const key = JSON.stringify(inputs.map((input) => [input.name, input.type]));
  let validator = recentValidators.get(key);
  if (!validator) {
    validator = compileLeadValidator(inputs);
    if (recentValidators.size >= 16) recentValidators.delete(recentValidators.keys().next().value!);
    recentValidators.set(key, validator);
  }
  return validator;
}

/** Validators of the last few field sets, by their names and types. */
const recentValidators = new Map<string, LeadValidator>();

function compileLeadValidator(inputs: readonly InputNode[]): LeadValidator {
  // ownProperties: a field named like `constructor` is read from the lead itself, never from Object.prototype;
  // strictNumbers: NaN and Infinity (possible from JavaScript callers) are not numbers.
  const ajv = new Ajv({ allErrors: true, strict: false, ownProperties: true, strictNumbers: true });
  ajv.addFormat('iso-8601', { type: 'string', validate: (text: string) => !Number.isNaN(parseIsoTime(text)) });
  const validate = ajv.compile(leadSchema(inputs));
  return (lead) => {
    if (validate(lead)) return;
    const messages = [...new Set((validate.errors ?? []).map((error) => describeError(error, lead)))];
    const shown = messages.slice(0, 3).join('; ');
    throw new LeadError(messages.length > 3 ? `${shown}; and ${messages.length - 3} more` : shown);
  };
}
