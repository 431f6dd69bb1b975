/**
 * A plain-JavaScript check of a lead's shape, as an engineer would write it next to a
 * hand-written scoring function: the fields examples/b2b-saas.score reads have the right
 * types, every event has a non-blank type and a time that parses. The hand-written, CEL and
 * json-rules-engine implementations all run it (leadscore validates with its own schema).
 */
const textFields = ['email', 'domain', 'title', 'industry', 'country', 'phone'] as const;
const numberFields = ['employees', 'revenue'] as const;

export class InvalidLead extends Error {}

export interface RawEvent {
  type: string;
  object?: string | null;
  name?: string | null;
  at: string;
}

export type RawLead = Record<string, unknown> & { events?: RawEvent[] };

/** Checks the profile fields and that `events`, when present, is an array; events are checked by eventTime as they are read. */
export function checkProfile(lead: unknown): asserts lead is RawLead {
  if (typeof lead !== 'object' || lead === null || Array.isArray(lead)) throw new InvalidLead('a lead must be an object');
  const record = lead as Record<string, unknown>;
  const id = record['id'];
  if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') throw new InvalidLead('id must be text or a number');
  for (const field of textFields) {
    const value = record[field];
    if (value !== undefined && value !== null && typeof value !== 'string') throw new InvalidLead(`${field} must be text`);
  }
  for (const field of numberFields) {
    const value = record[field];
    if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isFinite(value))) throw new InvalidLead(`${field} must be a number`);
  }
  const events = record['events'];
  if (events !== undefined && !Array.isArray(events)) throw new InvalidLead('events must be an array');
}

/** The event's time in epoch milliseconds, after checking its fields. */
export function eventTime(event: unknown): number {
  if (typeof event !== 'object' || event === null) throw new InvalidLead('an event must be an object');
  const { type, object, name, at } = event as Record<string, unknown>;
  if (typeof type !== 'string' || type.trim() === '') throw new InvalidLead('an event needs a type');
  if (object !== undefined && object !== null && typeof object !== 'string') throw new InvalidLead('an event object must be text');
  if (name !== undefined && name !== null && typeof name !== 'string') throw new InvalidLead('an event name must be text');
  const time = typeof at === 'string' ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(time)) throw new InvalidLead('an event needs a time');
  return time;
}

/** Text as the policy compares it: trimmed and lower-cased; blank is missing. */
export function normalized(value: unknown): string | null {
  return typeof value === 'string' ? value.trim().toLowerCase() || null : null;
}

/** The explicit domain, else the e-mail's part after the last `@`. */
export function leadDomain(lead: RawLead): string | null {
  const explicit = normalized(lead['domain']);
  if (explicit !== null) return explicit;
  const email = normalized(lead['email']);
  const at = email === null ? -1 : email.lastIndexOf('@');
  return at >= 0 ? email!.slice(at + 1) || null : null;
}

/** Rounds half away from zero to 2 decimals; the toPrecision(15) strips binary noise (1.005 → 1.01). */
export function round2(value: number): number {
  const product = Math.abs(value) * 100;
  if (!(product < Number.MAX_SAFE_INTEGER)) return value;
  const rounded = Math.round(product < 1e15 ? Number(product.toPrecision(15)) : product) / 100;
  return value < 0 ? -rounded || 0 : rounded;
}
