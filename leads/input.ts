/** One lead as read from a file: parsed, or the reason it could not be read (not JSON, a bad CSV row). */
export interface LeadInput {
  /** Where it came from: a line of JSON Lines, or a row of CSV (the header is row 1). */
  line: number;
  id: string | number | null;
  lead?: unknown;
  error?: string;
  /** Fields whose value was there but could not be read (a CSV cell that is no number); the lead holds the rest. */
  unreadable?: string[];
  /** Values read as missing (with `badValues: 'missing'`), one message each: the lead is scored without them. */
  warnings?: string[];
}

/** What to do with a value that cannot be read as its field's type: the lead is an error (the default), or the value is read as missing, with a warning. */
export type BadValues = 'error' | 'missing';

/** A lead's id, when it has a usable one. */
export function idOf(value: unknown): string | number | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as Record<string, unknown>)['id'];
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}
