/**
 * What happened to each lead: whether it converted (became a deal), and optionally when and for
 * how much. Read from CSV or JSON Lines, one row per lead; a row that cannot be read is a problem
 * named by its row, never dropped in silence.
 */
import { csvTextRecords } from '../leads/index.js';

export interface Outcome {
  id: string;
  converted: boolean;
  /** When it converted, as written. */
  convertedAt?: string;
  /** The deal's value. */
  value?: number;
  /** Its row (CSV, the header being row 1) or line (JSON Lines). */
  row: number;
}

/** The names of an outcome's columns (CSV) or keys (JSON Lines); `id` may have several, tried in order. */
export interface OutcomeColumns {
  id: readonly string[];
  converted: string;
  convertedAt: string;
  value: string;
}

export const defaultOutcomeColumns: OutcomeColumns = { id: ['id'], converted: 'converted', convertedAt: 'converted_at', value: 'value' };

export interface OutcomeProblem {
  row: number;
  error: string;
}

export interface Outcomes {
  /** By lead id, in the order read. */
  byId: Map<string, Outcome>;
  problems: OutcomeProblem[];
  /** `row` for CSV, `line` for JSON Lines: how problems name their place. */
  unit: 'row' | 'line';
}

const truthy = new Set(['true', '1', 'yes', 'y', 'won', 'converted']);
const falsy = new Set(['false', '0', 'no', 'n', 'lost', '']);

/** Reads `converted`: true/false, 1/0, yes/no (any case), or a JSON boolean or 0/1. */
function convertedOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (value === null || value === undefined) return false;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  return truthy.has(text) ? true : falsy.has(text) ? false : undefined;
}

/** One outcome from its values by column name; a string is its problem. */
function outcomeOf(values: (name: string) => unknown, columns: OutcomeColumns, row: number): Outcome | string {
  const idColumn = columns.id.find((name) => values(name) !== undefined && values(name) !== null && String(values(name)).trim() !== '');
  if (idColumn === undefined) return `no lead id (a value in ${columns.id.map((name) => `"${name}"`).join(' or ')})`;
  const rawId = values(idColumn);
  if (typeof rawId !== 'string' && typeof rawId !== 'number') return `the lead id must be text or a number, got ${JSON.stringify(rawId)}`;
  const rawConverted = values(columns.converted);
  const converted = convertedOf(rawConverted);
  if (converted === undefined) return `"${columns.converted}" must be true or false (1 or 0, yes or no), got ${JSON.stringify(rawConverted)}`;
  const outcome: Outcome = { id: String(rawId).trim(), converted, row };
  const at = values(columns.convertedAt);
  if (typeof at === 'string' && at.trim() !== '') outcome.convertedAt = at.trim();
  const rawValue = values(columns.value);
  if (rawValue !== undefined && rawValue !== null && String(rawValue).trim() !== '') {
    const value = typeof rawValue === 'number' ? rawValue : Number(String(rawValue).replace(/[,\s$€£]/g, ''));
    if (!Number.isFinite(value)) return `"${columns.value}" must be a number, got ${JSON.stringify(rawValue)}`;
    outcome.value = value;
  }
  return outcome;
}

/** Keeps an outcome, or names the problem of its row (a second outcome for one lead is one). */
function keep(outcomes: Outcomes, outcome: Outcome | string, row: number): void {
  if (typeof outcome === 'string') {
    outcomes.problems.push({ row, error: outcome });
    return;
  }
  const earlier = outcomes.byId.get(outcome.id);
  if (earlier) {
    outcomes.problems.push({ row, error: `a second outcome for lead ${JSON.stringify(outcome.id)} (the first is at ${outcomes.unit} ${earlier.row}); this one was not used` });
    return;
  }
  outcomes.byId.set(outcome.id, outcome);
}

/** The outcomes of a CSV text: a header row, then one row per lead. Header names are matched trimmed, without regard to case. */
export function csvOutcomes(text: string, columns: OutcomeColumns = defaultOutcomeColumns): Outcomes {
  const outcomes: Outcomes = { byId: new Map(), problems: [], unit: 'row' };
  const records = csvTextRecords(text);
  const header = records[0];
  if (!header) return outcomes;
  if ('error' in header) {
    outcomes.problems.push({ row: header.row, error: header.error });
    return outcomes;
  }
  const index = new Map<string, number>();
  header.cells.forEach((name, position) => {
    const key = name.trim().toLowerCase();
    if (!index.has(key)) index.set(key, position);
  });
  const missing = [
    columns.id.some((name) => index.has(name.toLowerCase())) ? undefined : columns.id.map((name) => `"${name}"`).join(' or '),
    index.has(columns.converted.toLowerCase()) ? undefined : `"${columns.converted}"`,
  ].filter(Boolean);
  if (missing.length > 0) {
    outcomes.problems.push({ row: header.row, error: `the header has no column ${missing.join(', and none ')}; it has ${header.cells.map((name) => `"${name}"`).join(', ')}` });
    return outcomes;
  }
  for (const record of records.slice(1)) {
    if ('error' in record) {
      outcomes.problems.push({ row: record.row, error: record.error });
      continue;
    }
    const cells = record.cells;
    keep(
      outcomes,
      outcomeOf((name) => cells[index.get(name.toLowerCase()) ?? -1], columns, record.row),
      record.row,
    );
  }
  return outcomes;
}

/** The outcomes of a JSON Lines text: one object per line; blank lines are skipped. */
export function jsonlOutcomes(text: string, columns: OutcomeColumns = defaultOutcomeColumns): Outcomes {
  const outcomes: Outcomes = { byId: new Map(), problems: [], unit: 'line' };
  text
    .replace(/^\ufeff/, '')
    .split('\n')
    .forEach((line, position) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        outcomes.problems.push({ row: position + 1, error: `not valid JSON: ${(error as Error).message}` });
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        outcomes.problems.push({ row: position + 1, error: 'an outcome must be a JSON object' });
        return;
      }
      const record = value as Record<string, unknown>;
      keep(
        outcomes,
        outcomeOf((name) => (Object.hasOwn(record, name) ? record[name] : undefined), columns, position + 1),
        position + 1,
      );
    });
  return outcomes;
}
