import type { InputNode } from './ir.js';
import { dateValueMillis } from './dates.js';
import { outOfTimeRange, outsideTimeRange, parseIsoTime } from './time.js';

/** A lead the policy cannot score; the message names the field. */
export class LeadError extends Error {
  override name = 'LeadError';
}

const jsonTypes = { text: 'string', number: 'number', boolean: 'boolean', country: 'string', date: ['string', 'integer'] } as const;

/** The JSON Schema of a lead as this policy reads it. Fields it does not know are allowed and ignored. */
export function leadSchema(inputs: readonly InputNode[]) {
  const properties: Record<string, unknown> = {};
  for (const input of inputs) {
    // An id may be a number in many CRMs; every other field has the type the policy gives it.
    setOwn(properties, input.name, input.name === 'id' ? { type: ['string', 'number', 'null'] } : { type: [jsonTypes[input.type], 'null'].flat() });
  }
  setOwn(properties, 'events', {
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
  });
  return { type: 'object', properties };
}

/** Assignment would turn a field named `__proto__` into the object's prototype; a field is always a property of its own. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Checks a lead against the policy's fields and returns the time of each event
 * (milliseconds since the epoch, in order), so scoring parses every time once.
 * Throws LeadError naming every bad field otherwise.
 */
export type LeadValidator = (lead: unknown) => number[];

/** A function that throws LeadError, naming every bad field, when a lead does not fit the policy. */
export function leadValidator(inputs: readonly InputNode[]): LeadValidator {
  // An edited policy usually keeps its fields: keep its validator, and the functions that hold it stay the same.
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

/** What a property of the lead must hold: a field's type, an id (text or a number), or the events. */
type Expected = InputNode['type'] | 'id' | 'events';

const wantedWords: Record<InputNode['type'] | 'id', string> = {
  text: 'text',
  number: 'a number',
  boolean: 'true or false',
  country: 'text (a country)',
  date: 'a date (ISO-8601 such as 2026-11-23 or 2026-11-23T12:00:00Z, or epoch milliseconds)',
  id: 'text or a number',
};

/** The messages shown (the first three) and how many problems there are in all. */
interface Problems {
  shown: string[];
  count: number;
}

function report(problems: Problems, message: () => string): void {
  if (problems.shown.length < 3) problems.shown.push(message());
  problems.count++;
}

function compileLeadValidator(inputs: readonly InputNode[]): LeadValidator {
  // The properties in the order of leadSchema(inputs): a later field of the same name changes the type, not the
  // place, and `events` is always the event list. Problems are reported in this order, then event by event.
  const expected = new Map<string, Expected>();
  for (const input of inputs) expected.set(input.name, input.name === 'id' ? 'id' : input.type);
  expected.set('events', 'events');
  const properties = [...expected];

  return (lead) => {
    if (!isObject(lead)) throw new LeadError(`a lead must be a JSON object, got ${describeType(lead)}`);
    const problems: Problems = { shown: [], count: 0 };
    let times: number[] = [];
    for (const [name, type] of properties) {
      const value = ownValue(lead, name);
      if (value === undefined) continue;
      if (type === 'events') times = checkEvents(value, problems);
      else if (value !== null && !fits(type, value)) report(problems, () => `\`${name}\` must be ${wantedWords[type]}, got ${describeType(value)}${outsideNote(value)}`);
      else if (typeof value === 'string' && value.length > maxTextLength) report(problems, () => tooLong(`\`${name}\``, value));
    }
    if (problems.count > 0) {
      const shown = problems.shown.join('; ');
      throw new LeadError(problems.count > 3 ? `${shown}; and ${problems.count - 3} more` : shown);
    }
    return times;
  };
}

/**
 * The longest text a lead's field or an event's type, object or name may hold. Real values are
 * far shorter; the bound keeps the time to score one lead small, whatever a request carries.
 */
export const maxTextLength = 65_536;

const tooLong = (what: string, text: string) => `${what} is ${text.length.toLocaleString('en-US')} characters long; text is at most ${maxTextLength.toLocaleString('en-US')}`;

/** Most types start with a printable ASCII character: that answers "not blank" without a regular expression. */
function hasVisibleStart(text: string): boolean {
  const code = text.charCodeAt(0);
  return code > 32 && code < 127;
}

const eventFields = ['type', 'object', 'name', 'at'];

function checkEvents(events: unknown, problems: Problems): number[] {
  const times: number[] = [];
  if (!Array.isArray(events)) {
    report(problems, () => `\`events\` must be an array, got ${describeType(events)}`);
    return times;
  }
  // Events parsed from JSON are plain objects: when Object.prototype holds none of their fields,
  // reading them directly is reading their own properties, without a hasOwn per field.
  const plainIsOwn = !eventFields.some((field) => field in Object.prototype);
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i];
    if (!isObject(event)) {
      report(problems, () => `\`events[${i}]\` must be an object, got ${describeType(event)}`);
      continue;
    }
    const direct = plainIsOwn && Object.getPrototypeOf(event) === Object.prototype;
    const type = direct ? event['type'] : ownValue(event, 'type');
    const object = direct ? event['object'] : ownValue(event, 'object');
    const name = direct ? event['name'] : ownValue(event, 'name');
    const at = direct ? event['at'] : ownValue(event, 'at');
    if (type === undefined) report(problems, () => `\`events[${i}]\` has no \`type\``);
    if (at === undefined) report(problems, () => `\`events[${i}]\` has no \`at\``);
    if (typeof type === 'string') {
      // A blank type is no type: it would match no rule yet count as activity.
      if (!hasVisibleStart(type) && !/\S/.test(type)) report(problems, () => `\`events[${i}].type\` must not be empty`);
    } else if (type !== undefined) {
      report(problems, () => `\`events[${i}].type\` must be text, got ${describeType(type)}`);
    }
    if (object !== undefined && object !== null && typeof object !== 'string') {
      report(problems, () => `\`events[${i}].object\` must be text, got ${describeType(object)}`);
    }
    if (name !== undefined && name !== null && typeof name !== 'string') {
      report(problems, () => `\`events[${i}].name\` must be text, got ${describeType(name)}`);
    }
    if (typeof type === 'string' && type.length > maxTextLength) report(problems, () => tooLong(`\`events[${i}].type\``, type));
    if (typeof object === 'string' && object.length > maxTextLength) report(problems, () => tooLong(`\`events[${i}].object\``, object));
    if (typeof name === 'string' && name.length > maxTextLength) report(problems, () => tooLong(`\`events[${i}].name\``, name));
    if (typeof at === 'string') {
      const time = parseIsoTime(at);
      if (Number.isNaN(time)) report(problems, () => `\`events[${i}].at\` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got ${describeType(at)}${outsideNote(at)}`);
      else times.push(time);
    } else if (at !== undefined) {
      report(problems, () => `\`events[${i}].at\` must be text, got ${describeType(at)}`);
    }
  }
  return times;
}

/**
 * The check the generated scorer makes of a lead's profile before it scores (see `eventTime` for
 * its events): true exactly when the validator finds nothing wrong with the lead's fields and
 * `events` is absent or an array, and no event part can come from Object.prototype. False, and the
 * validator decides, with its messages.
 */
export function profileCheck(inputs: readonly InputNode[]): (lead: unknown) => boolean {
  const fields = inputs.map((input): [string, InputNode['type'] | 'id'] => [input.name, input.name === 'id' ? 'id' : input.type]);
  return (lead) => {
    if (!isObject(lead) || eventFields.some((field) => field in Object.prototype)) return false;
    for (const [name, type] of fields) {
      const value = ownValue(lead, name);
      if (value === undefined || value === null) continue;
      if (!fits(type, value) || (typeof value === 'string' && value.length > maxTextLength)) return false;
    }
    const events = ownValue(lead, 'events');
    return events === undefined || Array.isArray(events);
  };
}

/**
 * An event's time as the generated scorer reads it while it scores, checking the event on the
 * way: NaN unless the event is a plain object the validator passes with a type that starts with a
 * visible character. NaN, and the validator decides (it passes a type such as " visit").
 */
export function eventTime(event: unknown): number {
  if (typeof event !== 'object' || event === null || Object.getPrototypeOf(event) !== Object.prototype) return NaN;
  const { type, object, name, at } = event as Record<string, unknown>;
  if (typeof type !== 'string' || !hasVisibleStart(type) || type.length > maxTextLength) return NaN;
  if (object !== undefined && object !== null && (typeof object !== 'string' || object.length > maxTextLength)) return NaN;
  if (name !== undefined && name !== null && (typeof name !== 'string' || name.length > maxTextLength)) return NaN;
  return typeof at === 'string' ? parseIsoTime(at) : NaN;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A property of the object itself, or undefined: a field named `constructor` or
 * `__proto__` must never be read from Object.prototype.
 */
function ownValue(object: Record<string, unknown>, key: string): unknown {
  const value = object[key];
  return value !== undefined && Object.hasOwn(object, key) ? value : undefined;
}

/** Whether a present, non-null value has the type; NaN and Infinity (possible from JavaScript callers) are not numbers. */
function fits(type: InputNode['type'] | 'id', value: unknown): boolean {
  switch (type) {
    case 'text':
    case 'country':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      // Blank text is a missing value, as for every field.
      return !Number.isNaN(dateValueMillis(value)) || (typeof value === 'string' && value.trim() === '');
    case 'id':
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
  }
}

/** Why a valid ISO-8601 time is refused: it lies outside the times leadscore can write and read back. */
function outsideNote(value: unknown): string {
  return typeof value === 'string' && outOfTimeRange(value.trim()) ? `, which ${outsideTimeRange}` : '';
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}
