// The events CSV of a CRM export (`lead_id,type,object,name,at`) and how its rows join the leads
// of the profile CSV, shared by the CLI (csv.ts) and the browser playground: no Node imports here.
import type { DateFormat, EventPart } from '../runtime/rule-graph.js';
import { dateTextProblem, looksLikeExportDate, outOfTimeRange, parseDateText, parseIsoTime, printable, sourceKey } from '../runtime/support.js';
import { headerText, joinedProblems, quoted } from './values.js';

/**
 * One record of a CSV file, numbered as a spreadsheet numbers its rows: the header is row 1,
 * a value spanning several lines is still one row, and a blank line is a row of its own (skipped).
 * A syntax error the parser cannot get past (a quote that is never closed) ends the file
 * with an `error` item for the row where it happened.
 */
export type CsvItem = { row: number; cells: string[] } | { row: number; error: string };

/** A file the user gave that cannot be read at all (its header is wrong): one message, no row. */
export class CsvFileError extends Error {}

/** The position of each named column; header names are trimmed and matched without regard to case. */
export function columnsOf(header: readonly string[], file: string): Map<string, number> {
  const columns = new Map<string, number>();
  header.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    if (name === '') return;
    if (columns.has(name))
      throw new CsvFileError(`${file}: the header names the column ${printable(quoted(cell.trim()))} twice (columns ${columns.get(name)! + 1} and ${index + 1})`);
    columns.set(name, index);
  });
  return columns;
}

export const valueCount = (cells: readonly string[], header: readonly string[]) =>
  `${cells.length} value${cells.length === 1 ? '' : 's'}, but the header has ${header.length} column${header.length === 1 ? '' : 's'}`;

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

interface EventColumns {
  leadId: number;
  type: number;
  at: number;
  object?: number;
  name?: number;
}

/** Builds an events table from the records of an events CSV, one record at a time, header first. */
export class EventsReader {
  readonly table: EventsTable = { byLead: new Map(), unusable: [] };
  private header: string[] | undefined;
  private columns: EventColumns | undefined;
  private ended = false;

  /**
   * `names`: other names of the events' parts (`events at from "Timestamp"`), tried after the part's own name;
   * `dateFormat`: the order of day and month in times that are not ISO-8601 (`11/29/2026 14:22`).
   */
  constructor(
    private readonly file: string,
    private readonly names: Partial<Record<EventPart, readonly string[]>> = {},
    private readonly dateFormat?: DateFormat,
  ) {}

  /** Takes the next record; throws CsvFileError when the header is not an events header. */
  add(item: CsvItem): void {
    if (this.ended) return;
    if ('error' in item) {
      // A syntax error ends the file: nothing after it can be read.
      this.table.unusable.push(`${this.file} row ${item.row}: ${item.error}`);
      this.ended = true;
      return;
    }
    const { header, columns } = this;
    if (!header || !columns) {
      this.header = item.cells;
      const headers = columnsOf(item.cells, this.file);
      const named = new Map<string, number>();
      for (const part of ['lead_id', 'type', 'object', 'name', 'at'] as const) {
        const index = [part, ...(this.names[part] ?? [])].map((name) => headers.get(sourceKey(name))).find((found) => found !== undefined);
        if (index !== undefined) named.set(part, index);
      }
      const missing = ['lead_id', 'type', 'at'].filter((name) => !named.has(name));
      if (missing.length > 0) {
        throw new CsvFileError(
          `${this.file} has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}; an events file has the columns lead_id,type,object,name,at (its header is: ${headerText(item.cells)})`,
        );
      }
      this.columns = { leadId: named.get('lead_id')!, type: named.get('type')!, at: named.get('at')!, object: named.get('object'), name: named.get('name') };
      return;
    }
    const { row, cells } = item;
    const leadId = cells[columns.leadId]?.trim() ?? '';
    if (leadId === '') {
      this.table.unusable.push(`${this.file} row ${row}: ${cells.length === header.length ? 'no lead_id' : `no lead_id (${valueCount(cells, header)})`}`);
      return;
    }
    let entry = this.table.byLead.get(leadId);
    if (!entry) this.table.byLead.set(leadId, (entry = { rows: [], events: [], problems: [] }));
    entry.rows.push(row);
    if (cells.length !== header.length) {
      entry.problems.push(`events row ${row}: ${valueCount(cells, header)}`);
      return;
    }
    const type = cells[columns.type]!.trim();
    let at = cells[columns.at]!.trim();
    const before = entry.problems.length;
    if (type === '') entry.problems.push(`events row ${row}, column type: empty; every event needs a type`);
    if (at === '') entry.problems.push(`events row ${row}, column at: empty; every event needs a time`);
    else if (Number.isNaN(parseIsoTime(at))) {
      // Not ISO-8601: a CRM's own form (`11/29/2026 14:22`) in the stated order, or epoch milliseconds; passed on as ISO-8601.
      const millis = parseDateText(at, this.dateFormat);
      if (!Number.isNaN(millis)) at = new Date(millis).toISOString();
      else entry.problems.push(`events row ${row}, column at: ${quoted(at)} ${timeProblem(at, this.dateFormat)}`);
    }
    if (entry.problems.length > before) return;
    const event: CsvEvent = { type, at };
    const object = columns.object === undefined ? '' : cells[columns.object]!.trim();
    const name = columns.name === undefined ? '' : cells[columns.name]!;
    if (object !== '') event.object = object;
    if (name.trim() !== '') event.name = name;
    entry.events.push(event);
  }
}

/** Why an event's time cannot be read: the stated order of day and month is missing, or the text is no time at all. */
function timeProblem(at: string, dateFormat: DateFormat | undefined): string {
  if (dateFormat === undefined && !looksLikeExportDate(at) && !outOfTimeRange(at)) return 'is not an ISO-8601 time such as 2026-11-23T12:00:00Z';
  return dateTextProblem(at, dateFormat);
}

/**
 * Gives each lead of a profile CSV its events, by id; the first row with an id takes them.
 * A lead whose events have problems becomes an error, with the events' row numbers.
 */
export class EventJoin {
  private readonly taken = new Set<string>();

  constructor(private readonly events: EventsTable) {}

  /** The lead with its events attached (or the problems with them as its error); `id` is the lead's id, null when it has none. */
  attach<T extends { lead?: unknown; error?: string }>(id: string | null, input: T): T {
    const own = id !== null && !this.taken.has(id) ? this.events.byLead.get(id) : undefined;
    if (!own || id === null) return input;
    this.taken.add(id);
    if (input.error !== undefined) return input;
    if (own.problems.length > 0) return { ...input, error: joinedProblems(own.problems) };
    return { ...input, lead: { ...(input.lead as object), events: own.events } };
  }

  /** The event rows no lead took, one message per lead id (or per unusable row), with their row numbers. */
  unmatched(eventsFile: string, leadsFile: string): string[] {
    const messages = [...this.events.unusable];
    for (const [id, entry] of this.events.byLead) {
      if (this.taken.has(id)) continue;
      const rows = entry.rows.length > 10 ? `${entry.rows.slice(0, 10).join(', ')} and ${entry.rows.length - 10} more` : entry.rows.join(', ');
      messages.push(`${eventsFile} row${entry.rows.length === 1 ? '' : 's'} ${rows}: lead_id ${quoted(id)} has no row in ${leadsFile}`);
    }
    return messages;
  }
}
