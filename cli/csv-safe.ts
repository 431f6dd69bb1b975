// Every CSV file leadscore writes goes through here, so that no cell runs as a formula when the
// file is opened in Excel, Google Sheets or LibreOffice Calc (CSV injection, after OWASP's advice).
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null;

/** What a spreadsheet may take for the start of a formula: `=`, `+`, `-`, `@`, a tab, a carriage return. */
const formulaStart = /^[=+\-@\t\r]/;
/** `-25`, `-12.5`, `42`: a number, never a formula, so it stays as it is. */
const plainNumber = /^-?\d+(?:\.\d+)?$/;

/**
 * A cell's text that no spreadsheet reads as a formula: text that starts like one gets a single
 * quote in front (`=HYPERLINK(…)` becomes `'=HYPERLINK(…)`), unless it is a plain number.
 */
export function spreadsheetSafe(text: string): string {
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

function cellText(cell: CsvCell, guard: boolean): string {
  if (cell === null) return '';
  // A finite number is written as JavaScript writes it (`-25`, `1e-7`): a number to a spreadsheet too.
  if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
  return guard ? spreadsheetSafe(String(cell)) : String(cell);
}

/**
 * CSV lines, one per row, quoted where needed (by csv-stringify), every cell spreadsheet-safe;
 * with `guard` false (`--no-formula-guard`, for programs that read the file), cells as they are.
 */
export function csvLines(rows: readonly (readonly CsvCell[])[], guard = true): string {
  return rows.length === 0 ? '' : stringify(rows.map((row) => row.map((cell) => cellText(cell, guard))));
}
