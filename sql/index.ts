/**
 * sql/: a checked rule graph as one SQL query that scores every lead of a table exactly as the
 * runtime does (score, section totals, grade, stage, route, blacklisted), for DuckDB, PostgreSQL,
 * BigQuery and Snowflake; as a dbt model too. The query reads typed columns (see spec/language.md,
 * "Scoring in SQL"); `leadRows` turns JSON leads into such rows the way the runtime reads them.
 * The embedded DuckDB runner is `sql/duckdb.ts`, loaded only when asked for (its package is optional).
 */
export { compileSql, columnOf, resultColumns, type EventColumn, type RelationName, type SqlOptions, type SqlResult } from './compile.js';
export { compileDbtModel, type DbtOptions } from './dbt.js';
export { sqlDialects, type SqlDialect } from './dialect.js';
export { sqlDiagnostics, type SqlDiagnostic } from './diagnostics.js';
export { leadColumns, leadRows, type EventRow, type LeadColumn, type LeadRow, type Rows } from './rows.js';
export { sqlResult, type SqlScore } from './results.js';
