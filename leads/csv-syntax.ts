// How every CSV file is parsed, by csv-parse, in the CLI (streamed) and in the browser (whole text).
import type { Options } from 'csv-parse';

export const csvParseOptions: Options = {
  bom: true,
  // Rows with too many or too few values are reported by the caller, row by row.
  relax_column_count: true,
  // A quote inside an unquoted value (`5" screen`) is kept as text, as spreadsheets do.
  relax_quotes: true,
  // Every line end, even mixed in one file (csv-parse would otherwise keep the first it sees); a
  // lone CR too, as old spreadsheet programs end lines. Inside quotes, line ends are the value's.
  record_delimiter: ['\r\n', '\n', '\r'],
  // A record beyond this is an error at its row, not a process out of memory.
  max_record_size: 32 * 1024 * 1024,
};

/** Why csv-parse stopped, in words, for the error item of the row where it stopped. */
export function csvSyntaxProblem(error: Error): string {
  const code = (error as { code?: string }).code;
  const reason =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted value is never closed (a " is missing)'
      : code === undefined || !code.startsWith('CSV_')
        ? `cannot be read: ${error.message}`
        : error.message.replace(/^[^:]*:\s*/, '').replace(/\.$/, '');
  return `${reason}; this row and the rest of the file were not read`;
}
