// CSV held whole in memory (a file the playground was given): its records, numbered as a
// spreadsheet numbers rows, with the same options and messages as the CLI's streamed reading.
import { parse } from 'csv-parse/browser/esm/sync';
import { csvParseOptions, csvSyntaxProblem } from './csv-syntax.js';
import type { CsvItem } from './events-csv.js';

/**
 * The records of a CSV text; blank lines are skipped; a syntax error ends the list with an error
 * item. The records the parser read before the error are kept, as the CLI's streamed reading
 * keeps them (`csvRecords`): both read the same file to the same rows.
 */
export function csvTextRecords(text: string): CsvItem[] {
  const parsed: string[][] = [];
  let failure: Error | undefined;
  try {
    parse(text, {
      ...csvParseOptions,
      on_record: (record: string[]) => {
        parsed.push(record);
        return null;
      },
    });
  } catch (error) {
    failure = error as Error;
  }
  const records: CsvItem[] = [];
  let row = 0;
  for (const record of parsed) {
    // A blank line is a row of its own, skipped; a quoted value spanning lines is still one row.
    row++;
    if (record.length === 1 && record[0] === '') continue;
    records.push({ row, cells: record });
  }
  if (failure) records.push({ row: row + 1, error: csvSyntaxProblem(failure) });
  return records;
}
