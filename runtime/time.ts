/**
 * ISO-8601 times as leads carry them: `2026-11-23`, `2026-11-23T12:00Z`,
 * `2026-11-23T12:00:00.000+01:00`. A time without an offset is read as UTC.
 */
const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * The times leadscore reads and writes: the years 0000 to 9999 in UTC, from 0000-01-01T00:00:00Z to
 * just before 10000-01-01T00:00:00Z. They are what `Date.prototype.toISOString` writes with a
 * four-digit year, the form parseIsoTime reads: a time outside (`-000001-12-31T23:00:00.000Z`) could
 * be written, in a state or a rule graph, but not read back.
 */
export const earliestTime = -62_167_219_200_000;
/** 10000-01-01T00:00:00Z, the first time after the range. */
export const endOfTime = 253_402_300_800_000;
export const timeRange = 'the years 0000 to 9999 (UTC)';

export function inTimeRange(millis: number): boolean {
  return millis >= earliestTime && millis < endOfTime;
}

/** Milliseconds since the epoch, or NaN when the text is not a valid ISO-8601 date or time in the years 0000 to 9999 (UTC). */
export function parseIsoTime(text: string): number {
  const common = parseCommonForm(text);
  if (common !== undefined) return common;
  // Only an offset or 24:00 can move a time written in the years 0000–9999 out of them.
  const any = parseAnyForm(text);
  return inTimeRange(any) ? any : Number.NaN;
}

/** What a message says after a valid ISO-8601 time outside the range (`"0000-01-01T00:00:00+01:00" is outside …`). */
export const outsideTimeRange = `is outside ${timeRange}, the times leadscore can write and read back`;

/** Whether the text is a valid ISO-8601 time that lies outside the years 0000 to 9999 (UTC), such as `0000-01-01T00:00:00+01:00`: for messages. */
export function outOfTimeRange(text: string): boolean {
  const millis = parseAnyForm(text);
  return !Number.isNaN(millis) && !inTimeRange(millis);
}

/** Two, three or four digits at `index` as a number, or -1 when one is not a digit. */
function digits(text: string, index: number, count: 2 | 3 | 4): number {
  let value = 0;
  let invalid = 0;
  for (let i = index; i < index + count; i++) {
    const d = text.charCodeAt(i) - 48;
    // Any character outside '0'–'9' makes d negative or above 9: one check at the end.
    invalid |= d | (9 - d);
    value = value * 10 + d;
  }
  return invalid < 0 ? -1 : value;
}

/**
 * The forms nearly every system writes — `2026-11-23`, `2026-11-23T12:00:00Z` and
 * `2026-11-23T12:00:00.000Z` — read digit by digit: this runs for every event of every lead,
 * and is several times faster than the regular expression. Undefined for any other form
 * (and for the rare values, such as 24:00 or a leap second, that the general path handles).
 */
function parseCommonForm(text: string): number | undefined {
  const length = text.length;
  if (length !== 10 && length !== 20 && length !== 24) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined; // '-'
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  let millis = 0;
  if (length > 10) {
    // 'T', ':', ':', then 'Z' last, with '.' and three digits before it in the long form.
    if (text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(length - 1) !== 90) return undefined;
    const hour = digits(text, 11, 2);
    const minute = digits(text, 14, 2);
    const second = digits(text, 17, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
    let fraction = 0;
    if (length === 24) {
      if (text.charCodeAt(19) !== 46) return undefined; // '.'
      fraction = digits(text, 20, 3);
      if (fraction < 0) return undefined;
    }
    millis = ((hour * 60 + minute) * 60 + second) * 1000 + fraction;
  }
  return daysFromCivil(year, month, day) * millisPerDay + millis;
}

/** Days since 1970-01-01 of a date in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function parseAnyForm(text: string): number {
  const match = isoPattern.exec(text);
  if (!match) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0))) return Number.NaN;
  // Nanoseconds as an integer, then one division: exact for whole milliseconds, as the common form is.
  const millis = fraction ? Number(fraction.padEnd(9, '0')) / 1e6 : 0;
  // Date.UTC reads years 0–99 as 1900–1999; the calendar repeats every 400 years, so shift by one cycle.
  const utc = Date.UTC(year + 400, month - 1, day, hour, minute, Math.min(second, 59)) - gregorianCycle + millis;
  return utc - offsetMinutes(zone) * 60_000;
}

/** 400 Gregorian years, in milliseconds. */
const gregorianCycle = 146_097 * 86_400_000;

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Arithmetic, not a Date object: this runs for every event of every lead.
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return monthDays[month - 1]!;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

function offsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  // An offset no clock has, such as +25:00 or +01:75, makes the time invalid.
  if (hours > 23 || minutes > 59) return Number.NaN;
  return sign * (hours * 60 + minutes);
}

export const millisPerDay = 86_400_000;

/** `now` as milliseconds, from a Date, an ISO-8601 string or epoch milliseconds, in the years 0000 to 9999 (UTC). */
export function toMillis(now: Date | string | number): number {
  const millis = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : parseIsoTime(now);
  // A `now` outside the range would score, then write times (a lead state's `forgottenAt`) nothing can read back.
  if (!inTimeRange(millis)) throw new RangeError(`\`now\` must be a valid time in ${timeRange}, got ${JSON.stringify(String(now))}`);
  return millis;
}
