// The profile CSV of a CRM export: a header naming the columns, then one lead per row, typed by
// the policy's fields. Shared by the CLI and the playground: no Node imports here.
import type { ValueType } from '../runtime/index.js';
import { columnsOf, CsvFileError, valueCount } from './events-csv.js';
import type { LeadInput } from './input.js';
import { joinedProblems, quoted, typedCells, type CsvField } from './values.js';

export interface ProfileOptions {
  /** Columns read as text even when no policy field has their name (the playground shows names and companies). */
  textColumns?: readonly string[];
}

/** Turns the rows of a profile CSV into leads, typed by the policy's fields. */
export class ProfileReader {
  private readonly idColumn: number;
  private readonly fields: CsvField[] = [];
  /** The row of every id seen, so a second row with the same id is an error (events could not tell them apart). */
  private readonly seen = new Map<string, number>();

  /** Throws CsvFileError when the header has no id column or names a column twice. */
  constructor(
    private readonly header: readonly string[],
    types: ReadonlyMap<string, ValueType>,
    file: string,
    options: ProfileOptions = {},
  ) {
    const columns = columnsOf(header, file);
    const id = columns.get('id');
    if (id === undefined) throw new CsvFileError(`${file} has no id column; its header is: ${header.join(',')}`);
    this.idColumn = id;
    const byLowerName = new Map([...types].map(([name, type]) => [name.toLowerCase(), { name, type }]));
    for (const name of options.textColumns ?? []) if (!byLowerName.has(name.toLowerCase())) byLowerName.set(name.toLowerCase(), { name, type: 'text' });
    for (const [name, column] of columns) {
      const field = byLowerName.get(name);
      // Columns the policy does not read are ignored; `id` is always text.
      if (field && name !== 'id') this.fields.push({ ...field, column });
    }
  }

  /** The lead of one row, or the reason it cannot be scored. */
  lead(row: number, cells: readonly string[]): LeadInput {
    const idCell = cells[this.idColumn]?.trim();
    const id = idCell === undefined || idCell === '' ? null : idCell;
    if (cells.length !== this.header.length) return { line: row, id, error: `row ${row}: ${valueCount(cells, this.header)}` };
    if (id === null) return { line: row, id, error: `row ${row}, column id: empty; every lead needs an id` };
    const first = this.seen.get(id);
    if (first !== undefined) return { line: row, id, error: `row ${row}, column id: ${quoted(id)} is also the id of row ${first}` };
    this.seen.set(id, row);
    const { values, problems } = typedCells(cells, this.fields, row);
    if (problems.length > 0) return { line: row, id, error: joinedProblems(problems) };
    return { line: row, id, lead: { id, ...values } };
  }
}

/** The message for a profile CSV with no rows at all. */
export const emptyProfileProblem = (file: string) => `${file} is empty; a profile CSV starts with a header row naming its columns (id, then the fields)`;
