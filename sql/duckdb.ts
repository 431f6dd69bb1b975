// Runs the compiled SQL in embedded DuckDB on leads given as JSON: the rows are appended to two
// tables, the query runs once, and each lead gets the result the runtime would give (minus the
// reasons, which the SQL does not compute). For `leadscore score --engine duckdb` and the tests.
import { DuckDBInstance, DuckDBTimestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { PolicyIr } from '../runtime/rule-graph.js';
import { compileSql, type SqlOptions } from './compile.js';
import { leadRows, type Rows } from './rows.js';
import { sqlResult, type SqlScore } from './results.js';

/** The DuckDB type of each field type's column. */
export const sqlTypes = { text: 'VARCHAR', country: 'VARCHAR', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'TIMESTAMP' } as const;

/** A name as a quoted DuckDB identifier. */
export const quotedName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Text (a file's path, say) as a DuckDB string literal. */
export const textLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Creates `leads` and `events` in the connection, holding the rows; a `ls_row` column keys each lead by its position. */
export async function loadDuckDb(connection: DuckDBConnection, rows: Rows, names = { leads: 'leads', events: 'events' }): Promise<void> {
  const q = quotedName;
  const columns = rows.columns.map((column) => `${q(column.name)} ${column.name === 'id' ? 'VARCHAR' : sqlTypes[column.type]}`);
  await connection.run(`CREATE OR REPLACE TABLE ${q(names.leads)} (${q('ls_row')} BIGINT, ${columns.join(', ')})`);
  await connection.run(`CREATE OR REPLACE TABLE ${q(names.events)} ("lead_id" BIGINT, "type" VARCHAR, "object" VARCHAR, "name" VARCHAR, "at" TIMESTAMP)`);
  const leads = await connection.createAppender(names.leads);
  for (const lead of rows.leads) {
    leads.appendBigInt(BigInt(lead.index));
    lead.values.forEach((value, index) => append(leads, rows.columns[index]!.name === 'id' ? 'text' : rows.columns[index]!.type, value));
    leads.endRow();
  }
  leads.closeSync();
  const events = await connection.createAppender(names.events);
  for (const event of rows.events) {
    events.appendBigInt(BigInt(event.lead));
    append(events, 'text', event.type);
    append(events, 'text', event.object);
    append(events, 'text', event.name);
    append(events, 'date', event.at);
    events.endRow();
  }
  events.closeSync();
}

function append(appender: DuckDBAppender, type: keyof typeof sqlTypes, value: string | number | boolean | null): void {
  if (value === null) appender.appendNull();
  else if (type === 'date') appender.appendTimestamp(new DuckDBTimestampValue(BigInt(Math.round((value as number) * 1000))));
  else if (type === 'number') appender.appendDouble(value as number);
  else if (type === 'boolean') appender.appendBoolean(value as boolean);
  else appender.appendVarchar(value as string);
}

/** Each lead's result in input order: a score, or the error the runtime rejects it with. */
export type LeadOutcome = SqlScore | Error;

let shared: Promise<DuckDBInstance> | undefined;
let calls = 0;

/**
 * Scores JSON leads with the rule graph's SQL in an in-memory DuckDB (one per process), each call in tables of its own
 * that are dropped afterwards.
 */
export async function scoreWithDuckDb(ir: PolicyIr, leads: readonly unknown[], options: Omit<SqlOptions, 'dialect' | 'idColumn' | 'relations'> = {}): Promise<LeadOutcome[]> {
  const names = { leads: `ls_leads_${++calls}`, events: `ls_events_${calls}` };
  const compiled = compileSql(ir, { ...options, dialect: 'duckdb', idColumn: 'ls_row', relations: names });
  if (compiled.sql === undefined) throw new Error(compiled.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  const rows = leadRows(ir, leads, options);
  const connection = await connectShared();
  try {
    await loadDuckDb(connection, rows, names);
    const reader = await connection.runAndReadAll(compiled.sql);
    const byRow = new Map<number, Record<string, unknown>>();
    for (const row of reader.getRowObjectsJS()) byRow.set(Number(row['id']), row);
    return leads.map((lead, index) => rows.rejected.get(index) ?? sqlResult(ir, byRow.get(index)!, lead));
  } finally {
    await connection.run(`DROP TABLE IF EXISTS "${names.leads}"; DROP TABLE IF EXISTS "${names.events}"`);
    connection.closeSync();
  }
}

/** A connection to the process's one in-memory DuckDB. */
export async function connectShared(): Promise<DuckDBConnection> {
  shared ??= DuckDBInstance.create(':memory:');
  return (await shared).connect();
}

/** A value DuckDB gives as JavaScript, as JSON would hold it: times as ISO-8601 text, big integers as numbers. */
export function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  return value;
}

/**
 * The leads of a Parquet file as JSON leads, one per row, with the rows of an events Parquet file
 * (`lead_id`, `type`, `object`, `name`, `at`) as each lead's `events`, in file order: every row,
 * or the rows numbered in `rows` (from 0, ascending).
 */
export async function parquetLeads(path: string, eventsPath?: string, rows?: readonly number[]): Promise<Array<Record<string, unknown>>> {
  const connection = await connectShared();
  // With `rows`, each file's row number picks and orders its rows, and is left out of them.
  const numbered = (path: string, where: string) =>
    `SELECT * EXCLUDE ("file_row_number") FROM read_parquet(${textLiteral(path)}, file_row_number = true) WHERE ${where} ORDER BY "file_row_number"`;
  const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS().map((row) => plain(row) as Record<string, unknown>);
  try {
    const leads = await read(rows ? numbered(path, `"file_row_number" IN (${rows.join(', ')})`) : `SELECT * FROM read_parquet(${textLiteral(path)})`);
    if (eventsPath === undefined) return leads;
    // With `rows`, only the events of these leads, found by the text of their ids (as below), in file order.
    const theirs = () => `CAST("lead_id" AS VARCHAR) IN (${[...new Set(leads.map((lead) => textLiteral(String(lead['id']))))].join(', ') || 'NULL'})`;
    const events = await read(rows ? numbered(eventsPath, theirs()) : `SELECT * FROM read_parquet(${textLiteral(eventsPath)})`);
    const byId = new Map<string, Array<Record<string, unknown>>>();
    for (const { lead_id: leadId, ...event } of events) {
      const key = String(leadId);
      const list = byId.get(key);
      if (list) list.push(event);
      else byId.set(key, [event]);
    }
    return leads.map((lead) =>
      byId.has(String(lead['id'])) ? { ...lead, events: [...((lead['events'] as unknown[] | undefined) ?? []), ...byId.get(String(lead['id']))!] } : lead,
    );
  } finally {
    connection.closeSync();
  }
}
