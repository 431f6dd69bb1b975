// How a CSV cell becomes a field's value, shared by the CLI and the browser playground: the
// runtime's own reading of numbers and booleans written as text, and the messages for a cell that is neither.

import type { DateFormat, NumberFormat } from '../runtime/rule-graph.js';
import { dateTextProblem, numberTextProblem, parseBooleanText, parseDateText, parseNumberText, printable } from '../runtime/support.js';

/** A number as a CRM or a spreadsheet writes it, in the stated format (see parseNumberText); NaN when it is not one. */
export const parseCsvNumber = parseNumberText;

/** true/false, yes/no, 1/0 in any case; undefined when it is none of them. */
export const parseCsvBoolean = parseBooleanText;

/** A CSV value, quoted and shortened for a message. */
export const quoted = (text: string) => JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text);

/** The most header cells a message shows. */
const shownColumns = 20;

/**
 * A header row for a message about it, on one line: each cell as written, or quoted and shortened
 * when it holds a comma, a quote or a control character (a line break inside a quoted header cell)
 * or is long; at most 20 cells, then how many there are.
 */
export function headerText(cells: readonly string[]): string {
  // eslint-disable-next-line no-control-regex
  const shown = cells.slice(0, shownColumns).map((cell) => (/[",\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(cell) || cell.length > 40 ? printable(quoted(cell)) : cell));
  return cells.length > shownColumns ? `${shown.join(',')},… (${cells.length} columns)` : shown.join(',');
}

/** Up to three problems of a row, then how many more. */
export function joinedProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, 3).join('; ');
  return problems.length > 3 ? `${shown}; and ${problems.length - 3} more` : shown;
}

/** A policy field and the CSV columns that may hold it: its own name first, then its sources, in the policy's order. */
export interface CsvField {
  name: string;
  /** A country is kept as written, like text: the runtime reads which country it is. */
  type: 'text' | 'number' | 'boolean' | 'country' | 'date';
  columns: Array<{ index: number; header: string }>;
}

/** How a message names a cell: by its header, and by the field too when the two differ (`Number of Employees (employees)`). */
const cellName = (field: CsvField, header: string) => (header.trim().toLowerCase() === field.name.toLowerCase() ? field.name : `${header.trim()} (${field.name})`);

/** How the policy (or the command line) says a CRM writes dates and numbers as text. */
export interface TextFormats {
  dateFormat?: DateFormat;
  numberFormat?: NumberFormat;
}

/**
 * The fields of one CSV row, typed as the policy declares them: the lead's values, and a
 * message per cell that cannot be converted (`row 7, column employees: "abc" is not a number`).
 * A field takes the first of its columns that is not empty; an empty cell is a missing value.
 */
export function typedCells(
  cells: readonly string[],
  fields: readonly CsvField[],
  row: number,
  { dateFormat, numberFormat }: TextFormats = {},
): { values: Record<string, unknown>; problems: string[]; unreadable: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  const unreadable: string[] = [];
  for (const field of fields) {
    const source = field.columns.find((column) => (cells[column.index] ?? '').trim() !== '');
    if (!source) continue;
    const cell = cells[source.index]!;
    const where = `row ${row}, column ${cellName(field, source.header)}`;
    if (field.type === 'number') {
      const value = parseCsvNumber(cell, numberFormat);
      if (Number.isNaN(value)) {
        problems.push(`${where}: ${quoted(cell)} ${numberTextProblem(cell, numberFormat)}`);
        unreadable.push(field.name);
      } else values[field.name] = value;
    } else if (field.type === 'boolean') {
      const value = parseCsvBoolean(cell);
      if (value === undefined) {
        problems.push(`${where}: ${quoted(cell)} is not true or false (nor yes/no, 1/0)`);
        unreadable.push(field.name);
      } else values[field.name] = value;
    } else if (field.type === 'date') {
      // Read once here, in the stated format, and passed on as ISO-8601 (UTC), as a JSON lead carries it.
      const millis = parseDateText(cell, dateFormat);
      if (Number.isNaN(millis)) {
        problems.push(`${where}: ${quoted(cell)} ${dateTextProblem(cell, dateFormat)}`);
        unreadable.push(field.name);
      } else values[field.name] = new Date(millis).toISOString();
    } else values[field.name] = cell;
  }
  return { values, problems, unreadable };
}
