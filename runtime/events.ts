import type { EventMatch } from './ir.js';
import { normalizeText } from './text.js';
import { millisPerDay } from './time.js';

/** An event as the rules see it: normalised text, and its age in days at `now`. */
export interface LeadEvent {
  verb: string;
  object: string | null;
  name: string | null;
  ageDays: number;
  /** Its position in the lead's `events`, for explanations. */
  index: number;
}

interface RawEvent {
  type: string;
  object?: string | null;
  name?: string | null;
  at: string;
}

function optionalText(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const text = normalizeText(value);
  return text === '' ? null : text;
}

/** The lead's events up to `now`; later ones are ignored. `times` are their `at`, parsed (by the lead validator). */
export function leadEvents(events: readonly RawEvent[] | undefined, times: readonly number[], now: number): LeadEvent[] {
  const result: LeadEvent[] = [];
  if (!events) return result;
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    const at = times[index]!;
    if (at > now) continue;
    result.push({
      verb: normalizeText(event.type),
      object: optionalText(event.object),
      name: optionalText(event.name),
      ageDays: (now - at) / millisPerDay,
      index,
    });
  }
  return result;
}

/** A `*` glob as an anchored regular expression; every other character is literal. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

/** A test for one event against a pattern; without a pattern, every event matches. */
export function eventMatcher(match: EventMatch | undefined): (event: LeadEvent) => boolean {
  if (!match) return () => true;
  const { verb, object } = match;
  const glob = match.glob === undefined ? undefined : globToRegExp(match.glob);
  return (event) =>
    event.verb === verb && (object === undefined || event.object === object) && (glob === undefined || (event.name !== null && glob.test(event.name)));
}
