// Leads from CSV (a profile file and an events file, as CRMs export them) and results as CSV.
// Parsing and quoting are csv-parse's and csv-stringify's; this module types the values by the
// policy's fields and turns every problem into an error for the row it belongs to.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { parseIsoTime, type Policy, type ValueType } from '../../runtime/index.js';
import type { LeadInput } from '../impact/index.js';
import { CliError, fileProblem, type CliIo } from './io.js';
import type { LineOutcome } from './score.js';
import { joinedProblems, parseCsvBoolean, parseCsvNumber, quoted, typedCells, type CsvField } from './csv-values.js';

/** Whether a leads path names a profile CSV (by its extension). */
export const isCsvPath = (path: string): boolean => /\.csv$/i.test(path);

/**
 * One record of a CSV file, numbered as a spreadsheet numbers its rows: the header is row 1,
 * a value spanning several lines is still one row, and a blank line is a row of its own (skipped).
 * A syntax error the parser cannot get past (a quote that is never closed) ends the file
 * with an `error` item for the row where it happened.
 */
export type CsvItem = { row: number; cells: string[] } | { row: number; error: string };

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



/** The position of each named column; header names are trimmed and matched without regard to case. */
function columnsOf(header: string[], file: string): Map<string, number> {
  const columns = new Map<string, number>();
  header.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    if (name === '') return;
    if (columns.has(name)) throw new CliError(`${file}: the header names the column ${JSON.stringify(cell.trim())} twice (columns ${columns.get(name)! + 1} and ${index + 1})`);
    columns.set(name, index);
  });
  return columns;
}

const valueCount = (cells: string[], header: string[]) =>
  `${cells.length} value${cells.length === 1 ? '' : 's'}, but the header has ${header.length} column${header.length === 1 ? '' : 's'}`;

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

export interface CsvEvent {
  type: string;
  object?: string;
  name?: string;
  at: string;
}

/** The events of one lead: those that could be read, and the problems with the rest. */
export interface LeadEvents {
  rows: number[];
  events: CsvEvent[];
  problems: string[];
}

export interface EventsTable {
  byLead: Map<string, LeadEvents>;
  /** Rows that name no lead (no lead_id) or could not be read at all, with the reason. */
  unusable: string[];
}

/** Reads an events CSV (`lead_id,type,object,name,at`, any order; object and name may be left out). */
export async function readEvents(input: Readable, file: string): Promise<EventsTable> {
  const table: EventsTable = { byLead: new Map(), unusable: [] };
  let header: string[] | undefined;
  let columns: { leadId: number; type: number; at: number; object?: number; name?: number } | undefined;
  for await (const item of csvRecords(input)) {
    if ('error' in item) {
      table.unusable.push(`${file} row ${item.row}: ${item.error}`);
      break;
    }
    if (!header || !columns) {
      header = item.cells;
      const named = columnsOf(header, file);
      const missing = ['lead_id', 'type', 'at'].filter((name) => !named.has(name));
      if (missing.length > 0) {
        throw new CliError(`${file} has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}; an events file has the columns lead_id,type,object,name,at (its header is: ${header.join(',')})`);
      }
      columns = { leadId: named.get('lead_id')!, type: named.get('type')!, at: named.get('at')!, object: named.get('object'), name: named.get('name') };
      continue;
    }
    const { row, cells } = item;
    const leadId = cells[columns.leadId]?.trim() ?? '';
    if (leadId === '') {
      table.unusable.push(`${file} row ${row}: ${cells.length === header.length ? 'no lead_id' : `no lead_id (${valueCount(cells, header)})`}`);
      continue;
    }
    let entry = table.byLead.get(leadId);
    if (!entry) table.byLead.set(leadId, (entry = { rows: [], events: [], problems: [] }));
    entry.rows.push(row);
    if (cells.length !== header.length) {
      entry.problems.push(`events row ${row}: ${valueCount(cells, header)}`);
      continue;
    }
    const type = cells[columns.type]!.trim();
    const at = cells[columns.at]!.trim();
    const before = entry.problems.length;
    if (type === '') entry.problems.push(`events row ${row}, column type: empty; every event needs a type`);
    if (at === '') entry.problems.push(`events row ${row}, column at: empty; every event needs a time`);
    else if (Number.isNaN(parseIsoTime(at))) entry.problems.push(`events row ${row}, column at: ${quoted(at)} is not an ISO-8601 time such as 2026-11-23T12:00:00Z`);
    if (entry.problems.length > before) continue;
    const event: CsvEvent = { type, at };
    const object = columns.object === undefined ? '' : cells[columns.object]!.trim();
    const name = columns.name === undefined ? '' : cells[columns.name]!;
    if (object !== '') event.object = object;
    if (name.trim() !== '') event.name = name;
    entry.events.push(event);
  }
  return table;
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
  const taken = new Set<string>();
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
      const own = events && input.id !== null && !taken.has(String(input.id)) ? events.byLead.get(String(input.id)) : undefined;
      if (own) taken.add(String(input.id));
      if (!own || input.error !== undefined) {
        yield input;
        continue;
      }
      if (own.problems.length > 0) {
        yield { line: input.line, id: input.id, error: joinedProblems(own.problems) };
        continue;
      }
      yield { ...input, lead: { ...(input.lead as object), events: own.events } };
    }
    if (!reader) throw new CliError(`${leadsPath} is empty; a profile CSV starts with a header row naming its columns (id, then the fields)`);
  }
  return {
    leads: leads(),
    unmatchedEvents: () => {
      if (!events || eventsPath === undefined) return [];
      const messages = [...events.unusable];
      for (const [id, entry] of events.byLead) {
        if (taken.has(id)) continue;
        const rows = entry.rows.length > 10 ? `${entry.rows.slice(0, 10).join(', ')} and ${entry.rows.length - 10} more` : entry.rows.join(', ');
        messages.push(`${eventsPath} row${entry.rows.length === 1 ? '' : 's'} ${rows}: lead_id ${quoted(id)} has no row in ${leadsPath}`);
      }
      return messages;
    },
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
