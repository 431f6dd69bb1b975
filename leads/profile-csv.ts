// The profile CSV of a CRM export: a header naming the columns, then one lead per row, typed by
// the policy's fields. Shared by the CLI and the playground: no Node imports here.
import type { ValueType } from '../runtime/index.js';
import type { DateFormat, NumberFormat } from '../runtime/rule-graph.js';
import { sourceKey } from '../runtime/support.js';
import { columnsOf, CsvFileError, valueCount } from './events-csv.js';
import type { BadValues, LeadInput } from './input.js';
import { headerText, joinedProblems, quoted, typedCells, type CsvField } from './values.js';

export interface ProfileOptions {
  /** Columns read as text even when no policy field has their name (the playground shows names and companies). */
  textColumns?: readonly string[];
  /** Other names each field may come under (`field title from "Job Title"`), in the policy's order; `id` too. */
  sources?: ReadonlyMap<string, readonly string[]>;
  /** A cell that cannot be read as its field's type: the row's error (default), or a missing value with a warning. */
  badValues?: BadValues;
  /** The order of day and month in dates that are not ISO-8601 (`dates "MM/DD/YYYY"`, `--date-format`). */
  dateFormat?: DateFormat;
  /** The separators of numbers written as text (`numbers "1.234,56"`, `--number-format`); `1,234.56` when not stated. */
  numberFormat?: NumberFormat;
}

/** Turns the rows of a profile CSV into leads, typed by the policy's fields. */
/** A profile CSV whose header has no column for the lead's id: the whole file cannot be read, and its columns say which CRM mapping would read it. */
export class NoIdColumnError extends CsvFileError {
  constructor(
    message: string,
    readonly header: readonly string[],
  ) {
    super(message);
  }
}

export class ProfileReader {
  private readonly idColumns: number[];
  private readonly fields: CsvField[] = [];
  /** The row of every id seen, so a second row with the same id is an error (events could not tell them apart). */
  private readonly seen = new Map<string, number>();
  /** The policy's fields that no column provides. */
  readonly unprovided: string[] = [];
  /** The columns no field reads, by header. */
  readonly unused: string[];
  private readonly badValues: BadValues;
  private readonly formats: Pick<ProfileOptions, 'dateFormat' | 'numberFormat'>;

  /** Throws CsvFileError when the header has no id column or names a column twice. */
  constructor(
    private readonly header: readonly string[],
    types: ReadonlyMap<string, ValueType>,
    file: string,
    options: ProfileOptions = {},
  ) {
    this.badValues = options.badValues ?? 'error';
    this.formats = { dateFormat: options.dateFormat, numberFormat: options.numberFormat };
    const columns = columnsOf(header, file);
    const sources = options.sources ?? new Map<string, readonly string[]>();
    /** The columns of a field: its own name, then its sources, each once. */
    const columnsFor = (name: string) => [...new Set([name, ...(sources.get(name) ?? [])].map((source) => columns.get(sourceKey(source))).filter((index) => index !== undefined))];
    this.idColumns = columnsFor('id');
    if (this.idColumns.length === 0) {
      const named = sources.get('id')?.length
        ? ` (nor ${sources
            .get('id')!
            .map((name) => JSON.stringify(name))
            .join(', ')})`
        : '';
      throw new NoIdColumnError(`${file} has no id column${named}; its header is: ${headerText(header)}`, header);
    }
    const read = new Set<number>(this.idColumns);
    const fieldTypes = new Map(types);
    for (const name of options.textColumns ?? []) if (![...fieldTypes.keys()].some((field) => field.toLowerCase() === name.toLowerCase())) fieldTypes.set(name, 'text');
    for (const [name, type] of fieldTypes) {
      // `id` is always text, read above.
      if (name === 'id') continue;
      const indexes = columnsFor(name);
      if (indexes.length === 0) {
        if (types.has(name)) this.unprovided.push(name);
        continue;
      }
      for (const index of indexes) read.add(index);
      this.fields.push({ name, type, columns: indexes.map((index) => ({ index, header: header[index]! })) });
    }
    this.unused = header.filter((cell, index) => !read.has(index) && cell.trim() !== '');
  }

  /** The lead of one row, or the reason it cannot be scored. */
  lead(row: number, cells: readonly string[]): LeadInput {
    const idCell = this.idColumns.map((index) => cells[index]?.trim() ?? '').find((cell) => cell !== '');
    const id = idCell === undefined ? null : idCell;
    if (cells.length !== this.header.length) return { line: row, id, error: `row ${row}: ${valueCount(cells, this.header)}` };
    if (id === null) return { line: row, id, error: `row ${row}, column id: empty; every lead needs an id` };
    const first = this.seen.get(id);
    if (first !== undefined) return { line: row, id, error: `row ${row}, column id: ${quoted(id)} is also the id of row ${first}` };
    this.seen.set(id, row);
    const { values, problems, unreadable } = typedCells(cells, this.fields, row, this.formats);
    if (problems.length > 0 && this.badValues === 'missing')
      return { line: row, id, lead: { id, ...values }, unreadable, warnings: problems.map((problem) => `${problem}; read as missing`) };
    // The lead goes with its error, for the field report; it is not scored.
    if (problems.length > 0) return { line: row, id, lead: { id, ...values }, error: joinedProblems(problems), unreadable };
    return { line: row, id, lead: { id, ...values } };
  }
}

/** The message for a profile CSV with no rows at all. */
export const emptyProfileProblem = (file: string) => `${file} is empty; a profile CSV starts with a header row naming its columns (id, then the fields)`;
