/**
 * The generated leads as Parquet, the form a warehouse exports: one file of leads (a column per
 * field) and one of events (`lead_id`, `type`, `object`, `name`, `at`), written by DuckDB from the JSON Lines.
 */
import { DuckDBInstance } from '@duckdb/node-api';

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export async function writeParquet(jsonl: string, files: { leads: string; events: string }): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const read = `read_json(${literal(jsonl)}, format = 'newline_delimited', columns = {
      id: 'VARCHAR', email: 'VARCHAR', title: 'VARCHAR', industry: 'VARCHAR', employees: 'BIGINT', revenue: 'DOUBLE', country: 'VARCHAR', phone: 'VARCHAR',
      events: 'STRUCT("type" VARCHAR, "object" VARCHAR, "name" VARCHAR, "at" TIMESTAMP)[]'})`;
    await connection.run(`COPY (SELECT * EXCLUDE (events) FROM ${read}) TO ${literal(files.leads)} (FORMAT parquet)`);
    await connection.run(`COPY (SELECT "id" AS "lead_id", unnest("events", recursive := true) FROM ${read}) TO ${literal(files.events)} (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
