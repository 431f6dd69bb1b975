// Leads from files, for the tools: JSON Lines (streamed line by line), a profile CSV with an
// events CSV (streamed by csv-parse), typed by the policy's fields. Every problem becomes an
// error for the lead it belongs to; a file that cannot be read at all is a CliError.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CliError, fileProblem, type CliIo } from '../workspace/index.js';
import { csvParseOptions, csvSyntaxProblem } from './csv-syntax.js';
import { CsvFileError, EventJoin, EventsReader, type CsvItem, type EventsTable } from './events-csv.js';
import type { LeadShape } from './field-types.js';
import type { LeadInput } from './input.js';
import { jsonLine } from './jsonl.js';
import { linesOf, maxLineLength } from './lines.js';
import { emptyProfileProblem, ProfileReader } from './profile-csv.js';

/** Whether a leads path names a profile CSV (by its extension). */
export const isCsvPath = (path: string): boolean => /\.csv$/i.test(path);

/** The records of a CSV stream, read as they arrive (a large file is never held whole). */
export async function* csvRecords(input: Readable): AsyncGenerator<CsvItem> {
  const parser = parse(csvParseOptions);
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
    if (failure) yield { row: row + 1, error: csvSyntaxProblem(failure) };
  } finally {
    input.unpipe(parser);
    parser.destroy();
  }
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

/** Reads an events CSV (`lead_id,type,object,name,at`, any order; object and name may be left out). */
export async function readEvents(input: Readable, file: string, names: LeadShape['eventColumns'] = {}, dateFormat?: LeadShape['dateFormat']): Promise<EventsTable> {
  const reader = new EventsReader(file, names, dateFormat);
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
  /** Once the header is read: the policy's fields no column provides, and the columns no field reads. */
  header(): { unprovided: readonly string[]; unused: readonly string[] } | undefined;
}

/** The size of the chunks a file is read in as bytes. */
const bytesChunk = 1024 * 1024;

async function openFile(path: string, what: string, io: CliIo, bytes = false): Promise<Readable> {
  const file = resolve(io.cwd, path);
  // Checked up front: a read stream reports a missing file only once reading has begun.
  const info = await stat(file).catch((error: unknown) => {
    throw new CliError(`cannot read ${what} ${path}: ${fileProblem(error)}`);
  });
  if (info.isDirectory()) throw new CliError(`cannot read ${what} ${path}: it is a directory`);
  // Bytes are cut into blocks for worker threads: each chunk read costs the reading thread the same, whatever its size, so chunks are large.
  return bytes ? createReadStream(file, { highWaterMark: bytesChunk }) : createReadStream(file, { encoding: 'utf8' });
}

/**
 * Opens a profile CSV and, when given, an events CSV. The events file is read whole first (it is
 * held in memory, grouped by lead); the profile file is then read row by row as `leads` is consumed.
 */
export async function csvLeads(leadsPath: string, eventsPath: string | undefined, shape: LeadShape, io: CliIo): Promise<CsvLeads> {
  const profile = await openFile(leadsPath, 'leads', io);
  let events: EventsTable | undefined;
  if (eventsPath !== undefined) {
    const input = await openFile(eventsPath, 'events', io);
    try {
      events = await readEvents(input, eventsPath, shape.eventColumns, shape.dateFormat);
    } catch (error) {
      profile.destroy();
      throw error;
    }
  }
  const join = events && new EventJoin(events);
  let reader: ProfileReader | undefined;
  async function* leads(): AsyncGenerator<LeadInput> {
    for await (const item of csvRecords(profile)) {
      if ('error' in item) {
        yield { line: item.row, id: null, error: `row ${item.row}: ${item.error}` };
        break;
      }
      if (!reader) {
        reader = asCliError(
          () =>
            new ProfileReader(item.cells, shape.types, leadsPath, {
              sources: shape.sources,
              ...(shape.badValues && { badValues: shape.badValues }),
              ...(shape.dateFormat && { dateFormat: shape.dateFormat }),
              ...(shape.numberFormat && { numberFormat: shape.numberFormat }),
            }),
        );
        continue;
      }
      const input = reader.lead(item.row, item.cells);
      yield join ? join.attach(input.id === null ? null : String(input.id), input) : input;
    }
    if (!reader) throw new CliError(emptyProfileProblem(leadsPath));
  }
  return {
    leads: leads(),
    unmatchedEvents: () => (join && eventsPath !== undefined ? join.unmatched(eventsPath, leadsPath) : []),
    header: () => reader && { unprovided: reader.unprovided, unused: reader.unused },
  };
}

/**
 * Opens a file of leads in JSON, or standard input for `-`; `what` names it in the error for a
 * missing file. A file is read as text, or with `bytes` as Buffers (standard input comes as it comes).
 */
export async function openLeads(path: string, io: CliIo, what = 'leads', bytes = false): Promise<Readable> {
  return path === '-' ? io.stdin : openFile(path, what, io, bytes);
}

/** How much text one lead spread over several lines may hold before the input is taken for JSON Lines with a bad first line. */
const defaultDocumentLimit = 16 * 1024 * 1024;

interface HeldLines {
  first: number;
  lines: string[];
  size: number;
}

/** Each non-blank held line as a line of JSON Lines (the first is not JSON). */
function* heldLines(held: HeldLines): Generator<LeadInput> {
  for (const [index, text] of held.lines.entries()) if (text.trim() !== '') yield jsonLine(text, held.first + index);
}

/**
 * The leads of a JSON stream, in order, as they arrive: JSON Lines (one lead per line; blank
 * lines are skipped), or one lead spread over several lines, as a `.json` file or `jq .` prints
 * it. When the first line is not JSON, the input is held until it ends and, if the whole of it is
 * one JSON value, that is the one lead (on the line where it starts); otherwise its lines are read
 * as JSON Lines after all. Only that first line decides, so JSON Lines stream as they arrive.
 * Held text beyond `documentLimit` characters is taken for JSON Lines at once; a line beyond `lineLimit` is an error in its place.
 */
export async function* jsonlStreamLeads(input: Readable, path: string, documentLimit = defaultDocumentLimit, lineLimit = maxLineLength): AsyncGenerator<LeadInput> {
  let number = 0;
  let first = true;
  let held: HeldLines | undefined;
  try {
    for await (const raw of linesOf(input, lineLimit)) {
      number++;
      if (typeof raw !== 'string') {
        if (held) yield* heldLines(held);
        held = undefined;
        first = false;
        yield { line: number, id: null, error: `line ${number} is longer than ${maxLineLength / 1024 / 1024} MiB; it was not read` };
        continue;
      }
      const text = number === 1 ? raw.replace(/^\ufeff/, '') : raw;
      if (held) {
        held.lines.push(text);
        held.size += text.length + 1;
        if (held.size > documentLimit) {
          yield* heldLines(held);
          held = undefined;
        }
        continue;
      }
      if (text.trim() === '') continue;
      const lead = jsonLine(text, number);
      if (first && lead.error !== undefined) held = { first: number, lines: [text], size: text.length };
      else yield lead;
      first = false;
    }
    if (held) {
      const whole = jsonLine(held.lines.join('\n'), held.first);
      if (whole.error === undefined) yield whole;
      else yield* heldLines(held);
    }
  } catch (error) {
    throw new CliError(`cannot read leads ${path}: ${(error as Error).message}`);
  }
}
