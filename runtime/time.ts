/**
 * ISO-8601 times as leads carry them: `2026-11-23`, `2026-11-23T12:00Z`,
 * `2026-11-23T12:00:00.000+01:00`. A time without an offset is read as UTC.
 */
const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Milliseconds since the epoch, or NaN when the text is not a valid ISO-8601 date or time. */
export function parseIsoTime(text: string): number {
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
  const millis = fraction ? Number(`0.${fraction}`) * 1000 : 0;
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

/** `now` as milliseconds, from a Date, an ISO-8601 string or epoch milliseconds. */
export function toMillis(now: Date | string | number): number {
  const millis = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : parseIsoTime(now);
  if (!Number.isFinite(millis)) throw new RangeError(`\`now\` must be a valid time, got ${JSON.stringify(String(now))}`);
  return millis;
}
