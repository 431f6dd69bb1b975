// Leads as JSON (the runtime's input) as the rows of the two relations the SQL reads: one row
// per lead with a typed column per field, one row per event. The lead is read and checked
// exactly as the runtime reads it (CRM names, stated formats, the lead's check), so an invalid
// lead fails here with the runtime's message rather than reaching the database.
import type { InputNode, PolicyIr, ValueType } from '../runtime/rule-graph.js';
import { dateValueMillis, leadMapping, leadValidator, parseIsoTime } from '../runtime/support.js';
import { columnOf, type SqlOptions } from './compile.js';

/** A column of the leads relation: its name and what it holds. */
export interface LeadColumn {
  name: string;
  type: ValueType;
}

export interface LeadRow {
  /** The lead's position in the input. */
  index: number;
  /** Per column of `columns`, in order: text, a number, a boolean, epoch milliseconds (dates) or null. */
  values: Array<string | number | boolean | null>;
}

export interface EventRow {
  /** The lead's position in the input. */
  lead: number;
  type: string;
  object: string | null;
  name: string | null;
  /** Epoch milliseconds. */
  at: number;
}

export interface Rows {
  columns: LeadColumn[];
  leads: LeadRow[];
  events: EventRow[];
  /** Leads the runtime would reject, by position, with its error. */
  rejected: Map<number, Error>;
}

/** The leads relation's columns for a rule graph: every field once, under its column name (`id` first). */
export function leadColumns(ir: PolicyIr, options: Pick<SqlOptions, 'columns'> = {}): Array<LeadColumn & { input: InputNode }> {
  const seen = new Set<string>();
  const columns: Array<LeadColumn & { input: InputNode }> = [];
  const inputs = [...ir.inputs].sort((a, b) => (a.name === 'id' ? -1 : b.name === 'id' ? 1 : 0));
  for (const input of inputs) {
    const name = columnOf(input, options);
    if (seen.has(name)) continue;
    seen.add(name);
    columns.push({ name, type: input.type, input });
  }
  return columns;
}

/** The rows of `leads` for the rule graph. */
export function leadRows(ir: PolicyIr, leads: readonly unknown[], options: Pick<SqlOptions, 'columns'> = {}): Rows {
  const columns = leadColumns(ir, options);
  const mapping = leadMapping(ir);
  // Events keep the CRM's type names: the query maps them (and must, for events already in a database).
  const partsOnly = ir.events?.types?.length ? leadMapping({ ...ir, events: { ...ir.events, types: [] } }) : mapping;
  const validate = leadValidator(ir.inputs);
  const rows: Rows = { columns: columns.map(({ name, type }) => ({ name, type })), leads: [], events: [], rejected: new Map() };
  leads.forEach((raw, index) => {
    const lead = mapping ? mapping.readLead(raw) : raw;
    try {
      validate(lead);
    } catch (error) {
      rows.rejected.set(index, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const record = lead as Record<string, unknown>;
    const own = (key: string) => (Object.hasOwn(record, key) ? record[key] : undefined);
    rows.leads.push({ index, values: columns.map(({ input }) => cell(input, own(input.name))) });
    const eventsOf = (partsOnly ? partsOnly.readLead(raw) : raw) as Record<string, unknown>;
    const events = Object.hasOwn(eventsOf, 'events') ? eventsOf['events'] : undefined;
    if (!Array.isArray(events)) return;
    for (const event of events as Array<Record<string, unknown>>) {
      const part = (key: string) => (Object.hasOwn(event, key) ? event[key] : undefined);
      const text = (value: unknown) => (typeof value === 'string' ? value : null);
      rows.events.push({ lead: index, type: part('type') as string, object: text(part('object')), name: text(part('name')), at: parseIsoTime(part('at') as string) });
    }
  });
  return rows;
}

function cell(input: InputNode, value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (input.name === 'id') return typeof value === 'number' || typeof value === 'string' ? String(value) : null;
  if (input.type === 'date') {
    const millis = dateValueMillis(value);
    return Number.isNaN(millis) ? null : millis;
  }
  return value as string | number | boolean;
}
