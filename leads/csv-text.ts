// CSV held whole in memory (a file the playground was given): its records, numbered as a
// spreadsheet numbers rows, with the same options and messages as the CLI's streamed reading.
import { parse } from 'csv-parse/browser/esm/sync';
import { csvParseOptions, csvSyntaxProblem } from './csv-syntax.js';
import type { CsvItem } from './events-csv.js';

/** The records of a CSV text; blank lines are skipped; a syntax error ends the list with an error item. */
export function csvTextRecords(text: string): CsvItem[] {
  let parsed: string[][];
  try {
    parsed = parse(text, csvParseOptions) as string[][];
  } catch (error) {
    // A quote that is never closed: the rows before it are kept, the rest cannot be read.
    const upTo = text.slice(0, Math.max(0, text.lastIndexOf('\n', findUnclosedQuote(text))));
    const before = upTo === '' ? [] : csvTextRecords(upTo + '\n');
    const row = (before.at(-1)?.row ?? 0) + 1;
    return [...before, { row, error: csvSyntaxProblem(error as Error) }];
  }
  const records: CsvItem[] = [];
  let row = 0;
  for (const record of parsed) {
    // A blank line is a row of its own, skipped; a quoted value spanning lines is still one row.
    row++;
    if (record.length === 1 && record[0] === '') continue;
    records.push({ row, cells: record });
  }
  return records;
}

/** The offset of the quote that opens a value never closed (the last opening quote). */
function findUnclosedQuote(text: string): number {
  let open = -1;
  let inside = false;
  for (let index = 0; index < text.length; index++) {
    if (text[index] !== '"') continue;
    if (inside && text[index + 1] === '"') {
      index++;
      continue;
    }
    inside = !inside;
    if (inside) open = index;
  }
  return open;
}
