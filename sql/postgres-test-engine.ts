// Runs the compiled SQL in PostgreSQL for the tests: in PGlite (PostgreSQL compiled to WebAssembly,
// in process), or, when LEADSCORE_PG_URL names a server, there instead (with the `pg` client).
// The leads go into temporary tables, so a shared server's own tables are never touched.
import type { PolicyIr } from '../runtime/rule-graph.js';
import { compileSql, type SqlOptions } from './compile.js';
import type { LeadOutcome } from './duckdb.js';
import { sqlResult } from './results.js';
import { leadRows, type Rows } from './rows.js';

interface Database {
  query(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
}

let database: Promise<Database> | undefined;

/** One database for the whole test run: PGlite, or the server LEADSCORE_PG_URL names. */
export function postgresDatabase(): Promise<Database> {
  database ??= open();
  return database;
}

async function open(): Promise<Database> {
  const url = process.env['LEADSCORE_PG_URL'];
  if (url) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return { query: async (sql, params) => (await client.query(sql, params)).rows as Array<Record<string, unknown>> };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite();
  return { query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows };
}

const sqlTypes = { text: 'TEXT', country: 'TEXT', number: 'DOUBLE PRECISION', boolean: 'BOOLEAN', date: 'TIMESTAMPTZ' } as const;
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function load(db: Database, rows: Rows): Promise<void> {
  await db.query('DROP TABLE IF EXISTS pg_temp.leads');
  await db.query('DROP TABLE IF EXISTS pg_temp.events');
  const columns = rows.columns.map((column) => `${q(column.name)} ${column.name === 'id' ? 'TEXT' : sqlTypes[column.type]}`);
  await db.query(`CREATE TEMP TABLE leads (ls_row BIGINT, ${columns.join(', ')})`);
  await db.query('CREATE TEMP TABLE events (lead_id BIGINT, type TEXT, object TEXT, name TEXT, at TIMESTAMPTZ)');
  const time = (millis: number) => new Date(millis).toISOString();
  // One INSERT per table (and per few thousand values), not one per row.
  const insert = async (table: string, records: unknown[][]) => {
    for (let start = 0; start < records.length; start += 500) {
      const chunk = records.slice(start, start + 500);
      const params: unknown[] = [];
      const tuples = chunk.map((record) => `(${record.map((value) => `$${params.push(value)}`).join(', ')})`);
      await db.query(`INSERT INTO ${table} VALUES ${tuples.join(', ')}`, params);
    }
  };
  await insert(
    'leads',
    rows.leads.map((lead) => [
      lead.index,
      ...lead.values.map((value, index) => (value !== null && rows.columns[index]!.type === 'date' && rows.columns[index]!.name !== 'id' ? time(value as number) : value)),
    ]),
  );
  await insert(
    'events',
    rows.events.map((event) => [event.lead, event.type, event.object, event.name, time(event.at)]),
  );
}

/** Scores JSON leads with the rule graph's SQL in PostgreSQL. */
export async function scoreWithPostgres(ir: PolicyIr, leads: readonly unknown[], options: Omit<SqlOptions, 'dialect' | 'idColumn'> = {}): Promise<LeadOutcome[]> {
  const compiled = compileSql(ir, { ...options, dialect: 'postgres', idColumn: 'ls_row' });
  if (compiled.sql === undefined) throw new Error(compiled.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  const rows = leadRows(ir, leads, options);
  const db = await postgresDatabase();
  await load(db, rows);
  const result = await db.query(compiled.sql);
  const byRow = new Map(result.map((row) => [Number(row['id']), row]));
  return leads.map((lead, index) => rows.rejected.get(index) ?? sqlResult(ir, byRow.get(index)!, lead));
}
