// Reading a lead as a CRM sends it: fields under the names the policy gives them (`field title
// from "Job Title", "jobtitle"`), event parts under theirs, and CRM event types as the policy's
// events. The backends then see only the policy's own names.
import { isEpochMillis, parseDateText, type DateFormat } from './dates.js';
import type { EventPart, PolicyIr, ValueType } from './ir.js';
import { normalizeText } from './text.js';
import { parseBooleanText, parseNumberText } from './values.js';

type Json = Record<string, unknown>;

/** Source names are matched as CSV headers and text values are: trimmed, without regard to case. */
export const sourceKey: (name: string) => string = normalizeText;

/** A value is present unless it is missing, null or empty text; an absent own name falls back to a source. */
export const isPresent = (value: unknown) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where each name (the own one first, then the sources in order) is looked up. */
interface Lookup {
  name: string;
  keys: string[];
  type?: ValueType;
}

/**
 * A CRM sends numbers and booleans as text (HubSpot's API sends every property as a string):
 * a value read under a CRM's name is read as the field's type when it can be (`"51-200"`, `"$1.2M"`,
 * `"yes"`), and left as it is otherwise, for the lead's check to name. A date becomes ISO-8601
 * text (from `"11/29/2026 14:22"` in the stated format, or epoch milliseconds as text or a number).
 * A number is read in the stated format (`numbers "1.234,56"`: `"1.200.000 €"`).
 */
function asType(value: unknown, type: ValueType | undefined, formats: Pick<PolicyIr, 'dateFormat' | 'numberFormat'>): unknown {
  if (type === 'date') return asDate(value, formats.dateFormat);
  if (typeof value !== 'string' || type === undefined || type === 'text' || type === 'country') return value;
  const read = type === 'number' ? parseNumberText(value, formats.numberFormat) : parseBooleanText(value);
  return read === undefined || Number.isNaN(read) ? value : read;
}

function asDate(value: unknown, dateFormat: DateFormat | undefined): unknown {
  const millis = typeof value === 'string' ? parseDateText(value, dateFormat) : typeof value === 'number' ? value : Number.NaN;
  // Epoch milliseconds as a number are left to the lead's check, which knows their range.
  if (typeof value === 'number' || !Number.isFinite(millis)) return value;
  return new Date(millis).toISOString();
}

/** The value under the first of `keys` the object has (exactly, then trimmed and without case), or undefined. */
function firstPresent(object: Json, keys: readonly string[], index: () => Map<string, string>): unknown {
  for (const key of keys) {
    if (Object.hasOwn(object, key) && isPresent(object[key])) return object[key];
    const actual = index().get(sourceKey(key));
    if (actual !== undefined && isPresent(object[actual])) return object[actual];
  }
  return undefined;
}

/** An object's keys by their trimmed, lower-case form (the first wins), built only when a name is not found as written. */
function keyIndex(object: Json): () => Map<string, string> {
  let index: Map<string, string> | undefined;
  return () => {
    if (!index) {
      index = new Map();
      for (const key of Object.keys(object)) if (!index.has(sourceKey(key))) index.set(sourceKey(key), key);
    }
    return index;
  };
}

/** Copies `object` with `values` set as own properties (never through `__proto__` assignment). */
function withValues(object: Json, values: ReadonlyMap<string, unknown>): Json {
  const copy = new Map(Object.entries(object));
  for (const [key, value] of values) copy.set(key, value);
  return Object.fromEntries(copy);
}

export interface LeadMapping {
  /** The lead with its fields and events under the policy's names; anything that is not an object is returned as it is. */
  readLead(lead: unknown): unknown;
  /** One event with its parts and type in the policy's terms. */
  readEvent(event: unknown): unknown;
}

/** How this rule graph reads leads; undefined when it names no sources (leads are read as they are). */
export function leadMapping(ir: PolicyIr): LeadMapping | undefined {
  const dateFormat = ir.dateFormat;
  const fields: Lookup[] = ir.inputs.filter((input) => input.sources?.length).map((input) => ({ name: input.name, keys: [input.name, ...input.sources!], type: input.type }));
  const columns = ir.events?.columns ?? {};
  const parts: Lookup[] = (Object.keys(columns) as EventPart[])
    .filter((part) => part !== 'lead_id' && columns[part]!.length > 0)
    .map((part) => ({ name: part, keys: [part, ...columns[part]!] }));
  const types = new Map<string, { type: string; object?: string }>();
  for (const mapped of ir.events?.types ?? []) if (!types.has(sourceKey(mapped.name))) types.set(sourceKey(mapped.name), mapped);
  if (fields.length === 0 && parts.length === 0 && types.size === 0) return undefined;

  const readEvent = (event: unknown): unknown => {
    if (!isRecord(event)) return event;
    const index = keyIndex(event);
    const values = new Map<string, unknown>();
    for (const part of parts) {
      if (isPresent(event[part.name]) && Object.hasOwn(event, part.name)) continue;
      const value = firstPresent(event, part.keys, index);
      if (value !== undefined) values.set(part.name, value);
    }
    // A time under a CRM's name may be written as the CRM writes it (`11/29/2026 14:22`, epoch milliseconds).
    const at = values.get('at');
    if (at !== undefined) values.set('at', typeof at === 'number' && isEpochMillis(at) ? new Date(at).toISOString() : asDate(at, dateFormat));
    const type = values.get('type') ?? event['type'];
    const meant = typeof type === 'string' ? types.get(sourceKey(type)) : undefined;
    if (meant) {
      values.set('type', meant.type);
      if (meant.object !== undefined) values.set('object', meant.object);
    }
    return values.size === 0 ? event : withValues(event, values);
  };

  const readLead = (lead: unknown): unknown => {
    if (!isRecord(lead)) return lead;
    const index = keyIndex(lead);
    const values = new Map<string, unknown>();
    for (const field of fields) {
      if (Object.hasOwn(lead, field.name) && isPresent(lead[field.name])) continue;
      const value = firstPresent(lead, field.keys, index);
      if (value !== undefined) values.set(field.name, asType(value, field.type, ir));
    }
    const events = lead['events'];
    if (Array.isArray(events) && (parts.length > 0 || types.size > 0)) values.set('events', events.map(readEvent));
    return values.size === 0 ? lead : withValues(lead, values);
  };

  return { readLead, readEvent };
}
