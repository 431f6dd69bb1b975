// Dates as leads carry them: ISO-8601 text or epoch milliseconds in JSON, and in the forms CRM
// exports write (`11/29/2026 14:22`, `29.11.2026`) once the policy states the order of day and month.
import { outOfTimeRange, outsideTimeRange, parseIsoTime } from './time.js';

/** The orders of day, month and year a policy can state with `dates "…"` (or the command line with `--date-format`). */
export const dateFormats = ['MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY', 'MM-DD-YYYY', 'DD-MM-YYYY'] as const;
export type DateFormat = (typeof dateFormats)[number];

/**
 * The date format a policy or an option names, or undefined when it names none of `dateFormats`.
 * A time of day written after it (`MM/DD/YYYY HH:mm`, `DD.MM.YYYY HH:mm:ss`, `MM/DD/YYYY h:mm a`) is
 * allowed and changes nothing: a time may follow the date in every format.
 */
export function dateFormatOf(text: string): DateFormat | undefined {
  const match = /^\s*(\S+?)(?:,?\s+(?:HH:mm(?::ss)?|hh?:mm(?::ss)?\s*[aA]))?\s*$/.exec(text);
  const date = match?.[1]?.toUpperCase();
  return (dateFormats as readonly string[]).includes(date ?? '') ? (date as DateFormat) : undefined;
}

/** Epoch milliseconds as HubSpot's API sends them: a whole number of 12 or 13 digits (1973 to 2286). */
const epochDigits = /^\d{12,13}$/;
export const isEpochMillis = (value: number) => Number.isInteger(value) && value >= 1e11 && value < 1e13;

/**
 * A date field's value as a JSON lead gives it under the field's own name: ISO-8601 text, or
 * epoch milliseconds as a number (12 or 13 digits). NaN for anything else.
 */
export function dateValueMillis(value: unknown): number {
  if (typeof value === 'string') return parseIsoTime(value.trim());
  if (typeof value === 'number') return isEpochMillis(value) ? value : Number.NaN;
  return Number.NaN;
}

/** `03/04/2026`, `3.4.2026`, `11/29/2026 14:22`, `11/29/2026, 2:22 PM`, `29.11.2026 14:22:05`. */
const exportForm = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;

/** Whether text is written day, month and year with separators: a form whose reading needs the stated order. */
export function looksLikeExportDate(text: string): boolean {
  return exportForm.test(text.trim());
}

/**
 * A date as a CRM writes it as text (a CSV cell, a JSON value under a CRM's name, an event's time):
 * ISO-8601, epoch milliseconds (12 or 13 digits), or day, month and year in the stated `format`
 * with an optional time of day (24-hour, or 12-hour with AM/PM). Without an offset, a time is UTC.
 * NaN when the text is none of these, or a date that does not exist.
 */
export function parseDateText(text: string, format?: DateFormat): number {
  const trimmed = text.trim();
  const iso = parseIsoTime(trimmed);
  if (!Number.isNaN(iso)) return iso;
  if (epochDigits.test(trimmed)) return Number(trimmed);
  if (format === undefined) return Number.NaN;
  const match = exportForm.exec(trimmed);
  if (!match || match[2] !== format[2]) return Number.NaN;
  const [, first, , second, year, hours, minutes = '0', seconds = '00', half] = match;
  const monthFirst = format.startsWith('MM');
  const month = Number(monthFirst ? first : second);
  const day = Number(monthFirst ? second : first);
  let hour = hours === undefined ? 0 : Number(hours);
  if (half !== undefined) {
    // 12-hour clock: 12:30 AM is 00:30, 12:30 PM is 12:30.
    if (hour < 1 || hour > 12) return Number.NaN;
    hour = (hour % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
  }
  const pad = (value: number) => String(value).padStart(2, '0');
  return parseIsoTime(`${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${minutes.padStart(2, '0')}:${seconds}Z`);
}

/** Why a date text cannot be read, for a message after the value: `is not a date …`. */
export function dateTextProblem(text: string, format: DateFormat | undefined): string {
  if (outOfTimeRange(text.trim())) return outsideTimeRange;
  if (format === undefined && looksLikeExportDate(text)) {
    return 'is not an ISO-8601 date, and the order of day and month is not stated: state it in the policy (`dates "MM/DD/YYYY"` or `dates "DD/MM/YYYY"`) or with --date-format';
  }
  if (format !== undefined) return `is not a date (ISO-8601, or ${format} as the policy states)`;
  return 'is not a date (ISO-8601 such as 2026-11-23 or 2026-11-23T12:00:00Z, or epoch milliseconds)';
}
