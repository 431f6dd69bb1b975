/**
 * The leads the playground scores: the sample leads, or a JSON Lines or CSV file the user
 * loaded (read in the page, never sent anywhere), with the leads the user edited in place.
 * CSV values are typed by the policy's fields as `leadscore score` types them, so a CSV is
 * typed again whenever the policy's fields change. No DOM here: Node tests use it too.
 */
import {
  csvTextRecords,
  CsvFileError,
  EventJoin,
  EventsReader,
  jsonlLeads,
  NoIdColumnError,
  ProfileReader,
  type CsvItem,
  type EventsTable,
  type LeadInput,
  type LeadShape,
} from '../../leads/index.js';
import type { ValueType } from '../../runtime/index.js';

export type LeadFormat = 'jsonl' | 'csv';

/** What a CSV header gives the policy: the fields no column provides and the columns no field reads; or no id column at all. */
export type HeaderReport = { unprovided: string[]; unused: string[] } | { noIdColumn: readonly string[] };

/** A file of leads as the page sends it to the worker. */
export interface LeadFile {
  name: string;
  format: LeadFormat;
  text: string;
  /** The events CSV that goes with a profile CSV (`lead_id,type,object,name,at`), joined by id as `leadscore score --events` does. */
  events?: { name: string; text: string };
}

/**
 * Whether a CSV text is an events file rather than a profile file: its header names `lead_id`
 * and no `id`. Only the first line is looked at.
 */
export function isEventsCsv(text: string): boolean {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const names = firstLine.split(',').map((cell) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase(),
  );
  return names.includes('lead_id') && !names.includes('id');
}

export interface ParsedLead {
  /** 1-based line of a JSON Lines file, or row of a CSV file (the header is row 1). */
  line: number;
  lead?: unknown;
  error?: string;
  /** The text of a line that could not be read, so the user can see and fix it. */
  raw?: string;
  /** Fields whose value was there but could not be read. */
  unreadable?: string[];
}

/** Whether a file name looks like CSV; everything else is read as JSON Lines. */
export const formatOf = (fileName: string): LeadFormat => (/\.csv$/i.test(fileName) ? 'csv' : 'jsonl');

/** Parses JSON Lines as `leadscore score` does; blank lines are skipped, a line that is not JSON becomes an error row. */
export function parseLeads(text: string): ParsedLead[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  return jsonlLeads(text).map((input) =>
    input.error === undefined ? { line: input.line, lead: input.lead } : { line: input.line, error: input.error, raw: lines[input.line - 1] ?? '' },
  );
}

/** The records of a CSV text, numbered as a spreadsheet numbers its rows; blank lines are skipped. */
export const csvRecords = csvTextRecords;

/** Columns kept as text for the table even when the policy does not read them. */
const shownColumns = ['first_name', 'last_name', 'company', 'email', 'title'];

/** The leads of a profile CSV, typed by the policy's fields as the CLI types them; every bad row is an error row, none is dropped. */
export function csvLeads(records: readonly CsvItem[], shape: LeadShape | ReadonlyMap<string, ValueType>, fileName: string): ParsedLead[] {
  const { types, sources, dateFormat, numberFormat } =
    shape instanceof Map ? { types: shape, sources: new Map<string, string[]>(), dateFormat: undefined, numberFormat: undefined } : (shape as LeadShape);
  const [first, ...rest] = records;
  if (!first) return [{ line: 1, error: `${fileName} is empty; a CSV file starts with a header row naming its columns (id, then the fields)` }];
  if ('error' in first) return [{ line: first.row, error: `row ${first.row}: ${first.error}` }];
  let reader: ProfileReader;
  try {
    reader = new ProfileReader(first.cells, types, fileName, { textColumns: shownColumns, sources, ...(dateFormat && { dateFormat }), ...(numberFormat && { numberFormat }) });
  } catch (error) {
    if (error instanceof CsvFileError) return [{ line: first.row, error: `row ${first.row}: ${error.message}` }];
    throw error;
  }
  return rest.map((item): ParsedLead => {
    if ('error' in item) return { line: item.row, error: `row ${item.row}: ${item.error}` };
    return parsedOf(reader.lead(item.row, item.cells), item.cells.join(','));
  });
}

/** A lead as the table shows it: an error row keeps its id (it still takes its events) and its text, to be fixed. */
function parsedOf(input: LeadInput, raw: string): ParsedLead {
  if (input.error === undefined) return { line: input.line, lead: input.lead };
  const unreadable = input.unreadable ? { unreadable: input.unreadable } : {};
  return { line: input.line, raw, ...(input.id !== null ? { lead: { id: input.id } } : {}), error: input.error, ...unreadable };
}

/** What the leads of a CSV depend on in a policy: its fields' types and the names it gives fields and event parts. */
const signature = (shape: LeadShape) =>
  JSON.stringify([[...shape.types].sort(), [...shape.sources].sort(), Object.entries(shape.eventColumns).sort(), shape.dateFormat ?? null, shape.numberFormat ?? null]);

/**
 * The current leads: a file read once, typed again for a policy with other fields (CSV only),
 * and the leads the user replaced, by line.
 */
export class LeadStore {
  private jsonl: ParsedLead[] = [];
  private records: CsvItem[] | undefined;
  /** The events CSV as read (its records); its columns are found once the policy says what they are called. */
  private events: { name: string; records: CsvItem[] } | undefined;
  private eventsRead: { name: string; table?: EventsTable; problem?: string } | undefined;
  private fileName = '';
  private typed: { signature: string; leads: ParsedLead[]; problems: string[] } | undefined;
  private readonly edits = new Map<number, unknown>();

  constructor(file?: LeadFile) {
    if (file) this.load(file);
  }

  load(file: LeadFile): void {
    this.edits.clear();
    this.typed = undefined;
    this.fileName = file.name;
    this.events = file.events && { name: file.events.name, records: csvRecords(file.events.text) };
    this.eventsRead = this.events && readEventsCsv(this.events.name, this.events.records, {});
    if (file.format === 'csv') {
      this.records = csvRecords(file.text);
      this.jsonl = [];
    } else {
      this.records = undefined;
      this.jsonl = parseLeads(file.text);
    }
  }

  /** The leads, typed for a policy with these fields (and the names it gives them and the events' parts). */
  leads(given: LeadShape | ReadonlyMap<string, ValueType>): ParsedLead[] {
    const shape: LeadShape = given instanceof Map ? { types: new Map(given), sources: new Map(), eventColumns: {} } : (given as LeadShape);
    let base = this.jsonl;
    if (this.records) {
      const key = signature(shape);
      if (this.typed?.signature !== key) {
        this.eventsRead = this.events && readEventsCsv(this.events.name, this.events.records, shape.eventColumns, shape.dateFormat);
        this.typed = { signature: key, ...this.withEvents(csvLeads(this.records, shape, this.fileName)) };
      }
      base = this.typed.leads;
    }
    if (this.edits.size === 0) return base;
    return base.map((parsed) => (this.edits.has(parsed.line) ? { line: parsed.line, lead: this.edits.get(parsed.line) } : parsed));
  }

  /**
   * For a CSV: the policy's fields no column provides, and the columns no field reads (known from
   * the header); or, when no column gives the lead's id, the header's columns.
   */
  header(shape: LeadShape): HeaderReport | undefined {
    const first = this.records?.[0];
    if (!first || 'error' in first) return undefined;
    try {
      const reader = new ProfileReader(first.cells, shape.types, this.fileName, { sources: shape.sources });
      return { unprovided: reader.unprovided, unused: reader.unused };
    } catch (error) {
      if (error instanceof NoIdColumnError) return { noIdColumn: error.header };
      return undefined;
    }
  }

  /**
   * What the table cannot show on a lead's row: an events file that cannot be read, event rows
   * naming no lead or a lead the leads file does not have (with their row numbers). Known once
   * `leads` has been called.
   */
  problems(): string[] {
    if (this.eventsRead?.problem !== undefined) return [this.eventsRead.problem];
    if (this.events && !this.records) return [`${this.events.name}: events CSV go with a profile CSV (a header with an id column), not with JSON Lines; the events were not read`];
    return this.typed?.problems ?? [];
  }

  /** The events of the events file attached to their leads, by id, as `leadscore score --events` attaches them. */
  private withEvents(leads: ParsedLead[]): { leads: ParsedLead[]; problems: string[] } {
    const table = this.eventsRead?.table;
    if (!table) return { leads, problems: [] };
    const join = new EventJoin(table);
    const joined = leads.map((parsed) => {
      const id = (parsed.lead as { id?: unknown } | undefined)?.id;
      return join.attach(typeof id === 'string' ? id : null, parsed);
    });
    return { leads: joined, problems: join.unmatched(this.events!.name, this.fileName) };
  }

  /** The leads the user replaced since the file was loaded, by line, as compact JSON. */
  edited(): Array<{ line: number; json: string }> {
    return [...this.edits].sort(([a], [b]) => a - b).map(([line, lead]) => ({ line, json: JSON.stringify(lead) }));
  }

  /** Replaces the lead on one line (or row) with one the user wrote. */
  edit(line: number, lead: unknown): void {
    this.edits.set(line, lead);
  }
}

/** The events of an events CSV by lead id, or why the file cannot be used at all. */
function readEventsCsv(
  name: string,
  records: readonly CsvItem[],
  columns: LeadShape['eventColumns'],
  dateFormat?: LeadShape['dateFormat'],
): { name: string; table?: EventsTable; problem?: string } {
  const reader = new EventsReader(name, columns, dateFormat);
  if (records.length === 0) return { name, problem: `${name} is empty; an events file has the columns lead_id,type,object,name,at` };
  try {
    for (const record of records) reader.add(record);
  } catch (error) {
    if (error instanceof CsvFileError) return { name, problem: error.message };
    throw error;
  }
  return { name, table: reader.table };
}
