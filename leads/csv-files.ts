// Leads from CSV (a profile file and an events file, as CRMs export them) and results as CSV.
// Parsing and quoting are csv-parse's and csv-stringify's; this module types the values by the
// policy's fields and turns every problem into an error for the row it belongs to.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { type Policy, type ValueType } from '../runtime/index.js';
import type { LeadInput } from '../impact/index.js';
import { CliError, fileProblem, type CliIo } from '../workspace/io.js';
import type { LineOutcome } from '../cli/score.js';
import { joinedProblems, parseCsvBoolean, parseCsvNumber, quoted, typedCells, type CsvField } from './values.js';
import { columnsOf as namedColumns, CsvFileError, EventJoin, EventsReader, valueCount, type CsvItem, type EventsTable } from './events-csv.js';

export type { CsvEvent, CsvItem, EventsTable, LeadEvents } from './events-csv.js';

/** Whether a leads path names a profile CSV (by its extension). */
export const isCsvPath = (path: string): boolean => /\.csv$/i.test(path);

/** The records of a CSV stream, read as they arrive (a large file is never held whole). */
export async function* csvRecords(input: Readable): AsyncGenerator<CsvItem> {
  const parser = parse({
    bom: true,
    // Rows with too many or too few values are reported by the caller, row by row.
    relax_column_count: true,
    // A quote inside an unquoted value (`5" screen`) is kept as text, as spreadsheets do.
    relax_quotes: true,
    // Both line ends, even mixed in one file (csv-parse would otherwise keep the first it sees).
    record_delimiter: ['\r\n', '\n'],
  });
  const queue: string[][] = [];
  let done = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  // 'data' events rather than the async iterator: on a syntax error the iterator throws away
  // the records parsed just before it, and those must still be scored.
  parser.on('data', (record: string[]) => {
    queue.push(record);
    if (queue.length >= 1024) parser.pause();
    notify();
  });
  parser.on('end', () => {
    done = true;
    notify();
  });
  parser.on('error', (error: Error) => {
    failure = error;
    done = true;
    notify();
  });
  input.on('error', (error: Error) => parser.destroy(error));
  input.pipe(parser);
  let row = 0;
  let next = 0;
  try {
    for (;;) {
      if (next < queue.length) {
        const cells = queue[next++]!;
        if (next === queue.length) {
          queue.length = 0;
          next = 0;
          parser.resume();
        }
        row++;
        if (cells.length === 1 && cells[0] === '') continue; // a blank line
        yield { row, cells };
        continue;
      }
      if (done) break;
      await new Promise<void>((wakeUp) => (wake = wakeUp));
    }
    if (failure) yield { row: row + 1, error: syntaxProblem(failure) };
  } finally {
    input.unpipe(parser);
    parser.destroy();
  }
}

function syntaxProblem(error: Error): string {
  const code = (error as { code?: string }).code;
  const reason =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted value is never closed (a " is missing)'
      : code === undefined || !code.startsWith('CSV_')
        ? `cannot be read: ${error.message}`
        : error.message.replace(/^[^:]*:\s*/, '').replace(/\.$/, '');
  return `${reason}; this row and the rest of the file were not read`;
}

/** The type of every field the policies read; the first policy's type wins when they disagree. */
export function fieldTypes(...policies: Policy[]): Map<string, ValueType> {
  const types = new Map<string, ValueType>();
  for (const policy of policies) for (const input of policy.ir.inputs) if (!types.has(input.name)) types.set(input.name, input.type);
  return types;
}

export { parseCsvBoolean, parseCsvNumber };



/** The position of each named column (see csv-events.ts); a repeated name is the user's error. */
function columnsOf(header: string[], file: string): Map<string, number> {
  return asCliError(() => namedColumns(header, file));
}

/** A CSV file that cannot be read at all is a CliError: one line for the user, no stack. */
function asCliError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CsvFileError) throw new CliError(error.message);
    throw error;
  }
}

/** Turns the rows of a profile CSV into leads, typed by the policy's fields. */
export class ProfileReader {
  private readonly idColumn: number;
  private readonly fields: CsvField[] = [];
  /** The row of every id seen, so a second row with the same id is an error (events could not tell them apart). */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly header: string[],
    types: ReadonlyMap<string, ValueType>,
    file: string,
  ) {
    const columns = columnsOf(header, file);
    const id = columns.get('id');
    if (id === undefined) throw new CliError(`${file} has no id column; its header is: ${header.join(',')}`);
    this.idColumn = id;
    const byLowerName = new Map([...types].map(([name, type]) => [name.toLowerCase(), { name, type }]));
    for (const [name, column] of columns) {
      const field = byLowerName.get(name);
      // Columns the policy does not read are ignored; `id` is always text.
      if (field && name !== 'id') this.fields.push({ ...field, column });
    }
  }

  /** The lead of one row, or the reason it cannot be scored. */
  lead(row: number, cells: string[]): LeadInput {
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

/** Reads an events CSV (`lead_id,type,object,name,at`, any order; object and name may be left out). */
export async function readEvents(input: Readable, file: string): Promise<EventsTable> {
  const reader = new EventsReader(file);
  for await (const item of csvRecords(input)) asCliError(() => reader.add(item));
  return reader.table;
}

/** Leads from a profile CSV with the events of an events CSV (if any) attached by id. */
export interface CsvLeads {
  leads: AsyncIterable<LeadInput>;
  /**
   * Once `leads` is consumed: the event rows no lead got, one message per lead id (or per unusable
   * row). Each is a failure: those events were not scored.
   */
  unmatchedEvents(): string[];
}

async function openFile(path: string, what: string, io: CliIo): Promise<Readable> {
  const file = resolve(io.cwd, path);
  // Checked up front: a read stream reports a missing file only once reading has begun.
  const info = await stat(file).catch((error: unknown) => {
    throw new CliError(`cannot read ${what} ${path}: ${fileProblem(error)}`);
  });
  if (info.isDirectory()) throw new CliError(`cannot read ${what} ${path}: it is a directory`);
  return createReadStream(file, { encoding: 'utf8' });
}

/**
 * Opens a profile CSV and, when given, an events CSV. The events file is read whole first (it is
 * held in memory, grouped by lead); the profile file is then read row by row as `leads` is consumed.
 */
export async function csvLeads(leadsPath: string, eventsPath: string | undefined, types: ReadonlyMap<string, ValueType>, io: CliIo): Promise<CsvLeads> {
  const profile = await openFile(leadsPath, 'leads', io);
  let events: EventsTable | undefined;
  if (eventsPath !== undefined) {
    const input = await openFile(eventsPath, 'events', io);
    try {
      events = await readEvents(input, eventsPath);
    } catch (error) {
      profile.destroy();
      throw error;
    }
  }
  const join = events && new EventJoin(events);
  async function* leads(): AsyncGenerator<LeadInput> {
    let reader: ProfileReader | undefined;
    for await (const item of csvRecords(profile)) {
      if ('error' in item) {
        yield { line: item.row, id: null, error: `row ${item.row}: ${item.error}` };
        break;
      }
      if (!reader) {
        reader = new ProfileReader(item.cells, types, leadsPath);
        continue;
      }
      const input = reader.lead(item.row, item.cells);
      yield join ? join.attach(input.id === null ? null : String(input.id), input) : input;
    }
    if (!reader) throw new CliError(`${leadsPath} is empty; a profile CSV starts with a header row naming its columns (id, then the fields)`);
  }
  return {
    leads: leads(),
    unmatchedEvents: () => (join && eventsPath !== undefined ? join.unmatched(eventsPath, leadsPath) : []),
  };
}

/** The columns of `score --format csv`: line, id, score, one per section, grade, stage, route, blacklisted, error. */
export function csvResultHeader(policy: Policy): string {
  return stringify([['line', 'id', 'score', ...policy.ir.sections.map((section) => section.name), 'grade', 'stage', 'route', 'blacklisted', 'error']]);
}

/** Result rows; a lead that was not scored has its error and empty score columns. */
export function csvResultRows(outcomes: LineOutcome[], policy: Policy): string {
  const sections = policy.ir.sections.map((section) => section.name);
  const rows = outcomes.map((outcome) => {
    if ('error' in outcome) {
      const { line, id, error } = outcome.error;
      return [line, id ?? '', '', ...sections.map(() => ''), '', '', '', '', error];
    }
    const result = outcome.result;
    return [
      outcome.line,
      result.id ?? '',
      result.score,
      ...sections.map((name) => result.dimensions[name] ?? 0),
      result.grade ?? '',
      result.stage ?? '',
      result.route ?? '',
      result.blacklisted,
      '',
    ];
  });
  return rows.length === 0 ? '' : stringify(rows, { cast: { boolean: (value) => String(value) } });
}
