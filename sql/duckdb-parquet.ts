// `leadscore score --engine duckdb` on Parquet files: the leads and their events stay inside DuckDB,
// which reads, checks and scores them with its own threads; only the results come back. The
// results are the ones the JavaScript way gives (each row read as a JSON lead, see
// `parquetLeads`), because DuckDB only scores what it can read exactly as the runtime would:
// - per file: the columns must have types whose values JavaScript reads unchanged (text, booleans,
//   numbers, times); anything else, and the whole file takes the JavaScript way;
// - per lead: a value the runtime might reject or read otherwise (text over the length limit, a
//   number that is not finite or not exact, a time outside 0000–9999 or finer than a millisecond,
//   an event type that does not start with a visible character) sends that lead, with its events,
//   the JavaScript way, which gives the runtime's result or its error. The check is stricter than
//   the runtime, never looser.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { InputNode, PolicyIr } from '../runtime/rule-graph.js';
import { countryCode, earliestTime, endOfTime, isPresent, leadMapping } from '../runtime/support.js';
import { compileSql } from './compile.js';
import { connectShared, parquetLeads, plain, quotedName as q, scoreWithDuckDb, sqlTypes, textLiteral as literal, type LeadOutcome } from './duckdb.js';
import { sqlResult } from './results.js';
import { leadColumns } from './rows.js';
import { javascriptWhitespace } from './unicode.js';

export interface ParquetFiles {
  leads: string;
  /** Events: one row per event with `lead_id`, `type`, `object`, `name`, `at`. */
  events?: string;
}

/** One lead's result in file order: its row (from 0), its id as the lead gives it, and its score or the runtime's error. */
export interface RowOutcome {
  row: number;
  id: string | number | null;
  outcome: LeadOutcome;
}

/** What a field report counts of one field, over every row. */
export interface ParquetFieldCount {
  name: string;
  present: number;
  missing: number;
  unreadable: number;
  notCountries?: string[];
}

/** The files could not be scored inside DuckDB: why (they are read the JavaScript way instead). */
export class NotInDuckDb {
  constructor(readonly why: string) {}
}

const integerTypes = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER']);
const timeTypes = new Set(['TIMESTAMP', 'TIMESTAMP WITH TIME ZONE']);
/** The largest integer every number in JavaScript holds exactly. */
const exact = 2 ** 53;
/** Text whose UTF-8 bytes are within the limit is within it in UTF-16 code units too. */
const maxTextBytes = 65_536;
/** The slow leads scored per query the JavaScript way. */
const slowBatch = 10_000;

/** The types of a field's column that read in JavaScript as the field's type, unchanged. */
function accepts(type: InputNode['type'] | 'id', columnType: string): boolean {
  if (type === 'id') return columnType === 'VARCHAR' || integerTypes.has(columnType);
  if (type === 'text' || type === 'country') return columnType === 'VARCHAR';
  if (type === 'number') return columnType === 'DOUBLE' || columnType === 'FLOAT' || integerTypes.has(columnType);
  if (type === 'boolean') return columnType === 'BOOLEAN';
  return timeTypes.has(columnType);
}

/** A time column as a UTC TIMESTAMP, whatever the session's time zone. */
const utcTimestamp = (column: string, columnType: string) => (columnType === 'TIMESTAMP' ? column : `make_timestamp(epoch_us(${column}))`);

/** Whether a time holds whole milliseconds within the years 0000–9999, as the runtime reads times. */
const timeOk = (column: string) => `(epoch_us(${column}) % 1000 = 0 AND epoch_ms(${column}) >= ${earliestTime} AND epoch_ms(${column}) < ${endOfTime})`;

/** Whether a value of a column (not null) is one the runtime reads exactly as DuckDB does. */
function valueOk(type: InputNode['type'] | 'id', column: string, columnType: string): string {
  if (columnType === 'VARCHAR') return `strlen(${column}) <= ${maxTextBytes}`;
  if (columnType === 'BIGINT') return `abs(${column}) <= ${exact}`;
  if (columnType === 'DOUBLE' || columnType === 'FLOAT') return `isfinite(${column})`;
  if (timeTypes.has(columnType) && type !== 'id') return timeOk(column);
  return 'true';
}

/** An event's time in text, in the one form whose reading DuckDB and the runtime agree on. */
const isoTime = `'^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,3})?Z$'`;

/** A lead's id as its result names it: text or a number, else none. */
const idOf = (id: unknown) => (typeof id === 'string' || typeof id === 'number' ? id : null);

interface Column {
  name: string;
  type: string;
}

async function describe(connection: DuckDBConnection, path: string): Promise<Column[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${literal(path)})`);
  return reader.getRowObjectsJS().map((row) => ({ name: String(row['column_name']), type: String(row['column_type']) }));
}

/** The file's column for a name: only its exact name counts (a JSON lead's keys are case-sensitive, DuckDB's names are not). */
function columnNamed(columns: readonly Column[], name: string): Column | NotInDuckDb | undefined {
  const exactly = columns.find((column) => column.name === name);
  if (exactly) return exactly;
  const other = columns.find((column) => column.name.toLowerCase() === name.toLowerCase());
  return other && new NotInDuckDb(`the column \`${other.name}\` differs from the field \`${name}\` only in case`);
}

/** The leads of Parquet files scored in DuckDB, row by row in file order; see the top of this file. */
export class ParquetScoring {
  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly ir: PolicyIr,
    private readonly files: ParquetFiles,
    private readonly now: string,
    private readonly fields: ReadonlyArray<{ input: InputNode; column: Column | undefined }>,
    private readonly leadColumnNames: readonly string[],
    readonly rows: number,
  ) {}

  /** Opens the files, or says why they cannot be scored inside DuckDB. */
  static async open(ir: PolicyIr, files: ParquetFiles, now: string): Promise<ParquetScoring | NotInDuckDb> {
    if (leadMapping(ir)) return new NotInDuckDb('the policy reads CRM names');
    const connection = await connectShared();
    try {
      const opened = await ParquetScoring.prepare(connection, ir, files, now);
      if (opened instanceof NotInDuckDb) connection.closeSync();
      return opened;
    } catch (error) {
      connection.closeSync();
      return new NotInDuckDb((error as Error).message);
    }
  }

  private static async prepare(connection: DuckDBConnection, ir: PolicyIr, files: ParquetFiles, now: string): Promise<ParquetScoring | NotInDuckDb> {
    const leadColumnList = await describe(connection, files.leads);
    if (columnNamed(leadColumnList, 'events') !== undefined) return new NotInDuckDb('the leads carry events of their own');
    if (leadColumnList.some((column) => column.name.toLowerCase() === 'file_row_number')) return new NotInDuckDb('a column is called file_row_number');
    const fields: Array<{ input: InputNode; column: Column | undefined }> = [];
    for (const { input } of leadColumns(ir)) {
      const column = columnNamed(leadColumnList, input.name);
      if (column instanceof NotInDuckDb) return column;
      const type = input.name === 'id' ? 'id' : input.type;
      if (column && !accepts(type, column.type)) return new NotInDuckDb(`the column \`${column.name}\` is ${column.type}, which does not read as ${type}`);
      fields.push({ input, column });
    }
    const id = fields.find(({ input }) => input.name === 'id')?.column;
    const leadsFrom = `read_parquet(${literal(files.leads)}, file_row_number = true)`;
    const checks = fields
      .filter(({ column }) => column)
      .map(({ input, column }) => `(${q(column!.name)} IS NULL OR ${valueOk(input.name === 'id' ? 'id' : input.type, q(column!.name), column!.type)})`);
    const keyed = (column: Column | undefined, other: Column | undefined) =>
      !column ? 'CAST(NULL AS VARCHAR)' : column.type === 'VARCHAR' || other?.type === 'VARCHAR' ? `CAST(${q(column.name)} AS VARCHAR)` : `CAST(${q(column.name)} AS BIGINT)`;

    let eventKey: Column | undefined;
    if (files.events !== undefined) {
      const eventColumns = await describe(connection, files.events);
      const part = (name: string) => columnNamed(eventColumns, name);
      const parts = { leadId: part('lead_id'), type: part('type'), object: part('object'), name: part('name'), at: part('at') };
      for (const value of Object.values(parts)) if (value instanceof NotInDuckDb) return value;
      const { leadId, type, object, name, at } = parts as Record<keyof typeof parts, Column | undefined>;
      if (!leadId || !type || !at) return new NotInDuckDb('the events lack `lead_id`, `type` or `at`');
      if (!id) return new NotInDuckDb('the leads have no `id` to match events by');
      if (!(leadId.type === 'VARCHAR' || integerTypes.has(leadId.type))) return new NotInDuckDb(`the events' \`lead_id\` is ${leadId.type}`);
      for (const text of [type, object, name]) if (text && text.type !== 'VARCHAR') return new NotInDuckDb(`the events' \`${text.name}\` is ${text.type}, not text`);
      if (!(at.type === 'VARCHAR' || timeTypes.has(at.type))) return new NotInDuckDb(`the events' \`at\` is ${at.type}`);
      // Events find their lead by the text of its id; a missing id reads as "null" or "undefined", which no key here can be.
      const [unmatchable] = (
        await connection.runAndReadAll(
          `SELECT count(*) AS n FROM read_parquet(${literal(files.events)}) WHERE "lead_id" IS NULL${leadId.type === 'VARCHAR' ? ` OR "lead_id" IN ('null', 'undefined')` : ` OR abs("lead_id") > ${exact}`}`,
        )
      ).getRowObjectsJS();
      if (Number(unmatchable!['n']) > 0) return new NotInDuckDb('some events have no `lead_id` a lead can have');
      const atValue = at.type === 'VARCHAR' ? `make_timestamp(epoch_us(TRY_CAST("at" AS TIMESTAMPTZ)))` : utcTimestamp('"at"', at.type);
      const atOk = at.type === 'VARCHAR' ? `(regexp_matches("at", ${isoTime}) AND TRY_CAST("at" AS TIMESTAMPTZ) IS NOT NULL)` : `("at" IS NOT NULL AND ${timeOk('"at"')})`;
      const textOk = (column: Column | undefined) => (column ? `(${q(column.name)} IS NULL OR strlen(${q(column.name)}) <= ${maxTextBytes})` : 'true');
      await connection.run(
        `CREATE OR REPLACE TEMP VIEW "ls_pq_events" AS SELECT ${keyed(leadId, id)} AS "ls_key", "type", ${object ? '"object"' : 'CAST(NULL AS VARCHAR) AS "object"'}, ${name ? '"name"' : 'CAST(NULL AS VARCHAR) AS "name"'}, ${atValue} AS "at",
           ("type" IS NOT NULL AND ascii("type") BETWEEN 33 AND 126 AND strlen("type") <= ${maxTextBytes} AND ${textOk(object)} AND ${textOk(name)} AND ${atOk}) AS "ls_ok"
         FROM read_parquet(${literal(files.events)})`,
      );
      eventKey = leadId;
    }
    const select = fields.map(({ input, column }) => {
      if (!column) return `CAST(NULL AS ${input.name === 'id' ? 'VARCHAR' : sqlTypes[input.type]}) AS ${q(input.name)}`;
      if (input.name === 'id') return `${q(column.name)} AS ${q('id')}`;
      if (input.type === 'number') return `CAST(${q(column.name)} AS DOUBLE) AS ${q(input.name)}`;
      if (input.type === 'date') return `${utcTimestamp(q(column.name), column.type)} AS ${q(input.name)}`;
      return `${q(column.name)} AS ${q(input.name)}`;
    });
    await connection.run(
      `CREATE OR REPLACE TEMP VIEW "ls_pq_leads" AS SELECT "file_row_number" AS "ls_row", ${keyed(id, eventKey)} AS "ls_key", ${[...select, `(${checks.join(' AND ') || 'true'}) AS "ls_ok"`].join(', ')} FROM ${leadsFrom}`,
    );
    // The leads DuckDB leaves to the JavaScript way: a value of their own, or of one of their events.
    const badEvents =
      files.events === undefined ? '' : ` UNION SELECT "l"."ls_row" FROM "ls_pq_events" AS "e" JOIN "ls_pq_leads" AS "l" ON "e"."ls_key" = "l"."ls_key" WHERE NOT "e"."ls_ok"`;
    await connection.run(`CREATE OR REPLACE TEMP TABLE "ls_slow" AS SELECT "ls_row" FROM "ls_pq_leads" WHERE NOT "ls_ok"${badEvents}`);
    await connection.run(`CREATE OR REPLACE TEMP VIEW "ls_fast_leads" AS SELECT * FROM "ls_pq_leads" WHERE "ls_row" NOT IN (SELECT "ls_row" FROM "ls_slow")`);
    await connection.run(
      files.events === undefined
        ? `CREATE OR REPLACE TEMP VIEW "ls_fast_events" AS SELECT CAST(NULL AS BIGINT) AS "lead_id", CAST(NULL AS VARCHAR) AS "type", CAST(NULL AS VARCHAR) AS "object", CAST(NULL AS VARCHAR) AS "name", CAST(NULL AS TIMESTAMP) AS "at" WHERE false`
        : `CREATE OR REPLACE TEMP VIEW "ls_fast_events" AS SELECT "l"."ls_row" AS "lead_id", "e"."type", "e"."object", "e"."name", "e"."at" FROM "ls_pq_events" AS "e" JOIN "ls_fast_leads" AS "l" ON "e"."ls_key" = "l"."ls_key"`,
    );
    const [count] = (await connection.runAndReadAll(`SELECT count(*) AS n FROM ${leadsFrom}`)).getRowObjectsJS();
    return new ParquetScoring(
      connection,
      ir,
      files,
      now,
      fields,
      leadColumnList.map((column) => column.name),
      Number(count!['n']),
    );
  }

  /** How many leads DuckDB leaves to the JavaScript way. */
  async leftToJavaScript(): Promise<number> {
    const [row] = (await this.connection.runAndReadAll(`SELECT count(*) AS "n" FROM "ls_slow"`)).getRowObjectsJS();
    return Number(row!['n']);
  }

  /** The names of the leads file's columns, in order: the keys every lead has. */
  get columnNames(): readonly string[] {
    return this.leadColumnNames;
  }

  /** Every lead's outcome in file order, a batch (a DuckDB chunk) at a time. */
  async *outcomes(): AsyncGenerator<RowOutcome[]> {
    const compiled = compileSql(this.ir, { dialect: 'duckdb', now: this.now, idColumn: 'ls_row', relations: { leads: 'ls_fast_leads', events: 'ls_fast_events' } });
    if (compiled.sql === undefined) throw new Error(compiled.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
    const query = `SELECT "q".*, "l"."id" AS "ls_lead_id" FROM (${compiled.sql}) AS "q" JOIN "ls_fast_leads" AS "l" ON "l"."ls_row" = "q"."id" ORDER BY "q"."id"`;
    // Read before the stream starts: another query on this connection would end the stream.
    const slowRows = ((await this.connection.runAndReadAll(`SELECT "ls_row" FROM "ls_slow" ORDER BY "ls_row"`)).getColumnsJS()[0] ?? []).map(Number);
    const slow = this.slowOutcomes(slowRows);
    let nextSlow = await slow.next();
    const result = await this.connection.stream(query);
    for await (const rows of result.yieldRowObjectJs()) {
      const batch: RowOutcome[] = [];
      for (const row of rows) {
        const position = Number(row['id']);
        // The leads left to the JavaScript way come in their places.
        while (!nextSlow.done && nextSlow.value.row < position) {
          batch.push(nextSlow.value);
          nextSlow = await slow.next();
        }
        const id = plain(row['ls_lead_id']);
        const lead = { id };
        batch.push({ row: position, id: idOf(id), outcome: sqlResult(this.ir, row, lead) });
      }
      yield batch;
    }
    const rest: RowOutcome[] = [];
    for (; !nextSlow.done; nextSlow = await slow.next()) rest.push(nextSlow.value);
    if (rest.length > 0) yield rest;
  }

  /**
   * The leads DuckDB left to the JavaScript way (their rows, ascending), read as JSON leads and scored as before, in file
   * order; on connections of their own, as this one streams the results.
   */
  private async *slowOutcomes(slowRows: readonly number[]): AsyncGenerator<RowOutcome> {
    for (let start = 0; start < slowRows.length; start += slowBatch) {
      const rows = slowRows.slice(start, start + slowBatch);
      const leads = await parquetLeads(this.files.leads, this.files.events, rows);
      const outcomes = await scoreWithDuckDb(this.ir, leads, { now: this.now });
      for (let index = 0; index < rows.length; index++) {
        const id = leads[index]!['id'];
        yield { row: rows[index]!, id: idOf(id), outcome: outcomes[index]! };
      }
    }
  }

  /** What the field report counts of each field the policy reads, over every row (the leads left to JavaScript too). */
  async fieldCounts(names: readonly string[]): Promise<ParquetFieldCount[]> {
    const counts: ParquetFieldCount[] = [];
    const from = `read_parquet(${literal(this.files.leads)}, file_row_number = true)`;
    for (const name of names) {
      const field = this.fields.find(({ input }) => input.name === name);
      const count: ParquetFieldCount = { name, present: 0, missing: 0, unreadable: 0 };
      counts.push(count);
      if (!field?.column) {
        count.missing = this.rows;
        continue;
      }
      const column = q(field.column.name);
      if (field.input.type === 'country' && name !== 'id') {
        // Few distinct values: each is judged here as the report judges it, the first three that are no country kept in file order.
        const reader = await this.connection.runAndReadAll(
          `SELECT ${column} AS "value", count(*) AS "n", min("file_row_number") AS "first" FROM ${from} GROUP BY ${column} ORDER BY "first"`,
        );
        for (const row of reader.getRowObjectsJS()) {
          const value = row['value'] as string | null;
          const n = Number(row['n']);
          if (!isPresent(value)) count.missing += n;
          else if (countryCode(value as string) === undefined) {
            count.unreadable += n;
            const samples = (count.notCountries ??= []);
            if (samples.length < 3) samples.push(value as string);
          } else count.present += n;
        }
        continue;
      }
      const blank = field.column.type === 'VARCHAR' ? ` OR trim(${column}, ${literal(javascriptWhitespace)}) = ''` : '';
      const unreadable = field.input.type === 'date' && name !== 'id' ? `NOT ${timeOk(column)}` : 'false';
      const reader = await this.connection.runAndReadAll(
        `SELECT count(*) FILTER (WHERE ${column} IS NULL${blank}) AS "missing", count(*) FILTER (WHERE NOT (${column} IS NULL${blank}) AND ${unreadable}) AS "unreadable", count(*) AS "all" FROM ${from}`,
      );
      const [row] = reader.getRowObjectsJS();
      count.missing = Number(row!['missing']);
      count.unreadable = Number(row!['unreadable']);
      count.present = Number(row!['all']) - count.missing - count.unreadable;
    }
    return counts;
  }

  close(): void {
    this.connection.closeSync();
  }
}
