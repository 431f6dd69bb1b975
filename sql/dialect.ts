// What differs between the SQL engines the compiler writes for. Everything else in the query is
// plain SQL that all four read alike; the differences are few on purpose (spec/language.md,
// "Scoring in SQL", lists them).
import type { CodePointRange } from './unicode.js';

export const sqlDialects = ['duckdb', 'postgres', 'bigquery', 'snowflake'] as const;
export type SqlDialect = (typeof sqlDialects)[number];

export interface Dialect {
  name: SqlDialect;
  /** A quoted identifier, whatever it holds. */
  identifier(name: string): string;
  /** A text literal, whatever it holds (NUL is refused before). */
  text(value: string): string;
  /** A double-precision literal with exactly this value. */
  double(value: number): string;
  /** Epoch milliseconds, as a double, of a timestamp column (TIMESTAMP read as UTC, or TIMESTAMP WITH TIME ZONE). */
  epochMillis(timestamp: string): string;
  /** Epoch milliseconds of the engine's current time, as a double. */
  currentMillis: string;
  /** `p` (a non-negative double below 1e14) rounded to 15 significant digits, as JavaScript's toPrecision(15) does. */
  significant15(p: string): string;
  /** Whether `text` matches the regular expression (RE2-like: classes, `^`, `$`, escaped punctuation). */
  regexMatches(text: string, pattern: string): string;
  regexReplaceAll(text: string, pattern: string, replacement: string): string;
  /** A code point inside a regular-expression class. */
  regexCodePoint(codePoint: number): string;
  startsWith(text: string, prefix: string): string;
  endsWith(text: string, suffix: string): string;
  contains(text: string, part: string): string;
  /** What follows the last `@`, or the empty text (or null) without one. */
  afterLastAt(text: string): string;
  /** The sum of `value` over the rows where `condition` holds, added one by one in the order of `order` (0 without any). */
  orderedSum(value: string, condition: string, order: string): string;
  /** Rows where `condition` holds. */
  countIf(condition: string): string;
  doubleType: string;
  /** How a CTE is introduced: PostgreSQL must materialise each stage, or it pastes every column's expression into the next (exponentially). */
  cteAs: string;
  /** `text LIKE pattern` where a backslash escapes `%`, `_` and itself in the pattern. */
  like(text: string, pattern: string): string;
  /** Whether the text is ASCII only (as many bytes as characters): then `lower` is JavaScript's toLowerCase in every engine. */
  isAscii(text: string): string;
  /** A table of two text columns from literal rows. */
  valuesTable(rows: ReadonlyArray<readonly [string, string]>, columns: readonly [string, string]): string;
  /** An identifier leadscore makes up (`ls_…`): plain where the dialect's parsers prefer it. */
  internal(name: string): string;
}

const ansiIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Standard SQL text: only the quote is special. */
const standardText = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The shortest decimal that reads back as the same double; JavaScript writes it. */
const decimal = (value: number) => (Object.is(value, -0) ? '-0' : String(value));

const hex = (codePoint: number) => codePoint.toString(16);

/** A code point in a regular expression: as itself where that is safe and short (letters, marks, digits beyond ASCII), else escaped. */
function literalOr(codePoint: number, escaped: string): string {
  const character = String.fromCodePoint(codePoint);
  return codePoint > 0x7f && /[\p{L}\p{M}\p{N}]/u.test(character) ? character : escaped;
}

const duckdb: Dialect = {
  name: 'duckdb',
  identifier: ansiIdentifier,
  text: standardText,
  double: (value) => `CAST('${decimal(value)}' AS DOUBLE)`,
  epochMillis: (timestamp) => `CAST(epoch_ms(${timestamp}) AS DOUBLE)`,
  currentMillis: 'CAST(epoch_ms(current_timestamp) AS DOUBLE)',
  // fmt's %e is exact: the correctly rounded 15 digits (ties cannot reach the cent that matters; see round.ts).
  significant15: (p) => `CAST(printf('%.14e', ${p}) AS DOUBLE)`,
  regexMatches: (text, pattern) => `regexp_matches(${text}, ${pattern})`,
  regexReplaceAll: (text, pattern, replacement) => `regexp_replace(${text}, ${pattern}, ${replacement}, 'g')`,
  regexCodePoint: (codePoint) => literalOr(codePoint, `\\x{${hex(codePoint)}}`),
  startsWith: (text, prefix) => `starts_with(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ends_with(${text}, ${suffix})`,
  contains: (text, part) => `contains(${text}, ${part})`,
  afterLastAt: (text) => `regexp_extract(${text}, '@([^@]*)$', 1)`,
  // A left fold over the values in order: SUM may add in any order (and in parallel).
  orderedSum: (value, condition, order) => `coalesce(list_reduce(list(${value} ORDER BY ${order}) FILTER (WHERE ${condition}), lambda a, b: a + b), CAST(0 AS DOUBLE))`,
  countIf: (condition) => `count(*) FILTER (WHERE ${condition})`,
  doubleType: 'DOUBLE',
  cteAs: 'AS',
  valuesTable: (rows, [a, b]) =>
    `SELECT * FROM (VALUES ${rows.map(([x, y]) => `(${standardText(x)}, ${standardText(y)})`).join(', ')}) AS "ls_values"(${ansiIdentifier(a)}, ${ansiIdentifier(b)})`,
  internal: ansiIdentifier,
  like: (text, pattern) => `${text} LIKE ${pattern} ESCAPE ${standardText('\\')}`,
  isAscii: (text) => `(strlen(${text}) = length(${text}))`,
};

/** PostgreSQL's text with a backslash as E'…', so the query means the same whatever standard_conforming_strings says. */
function postgresText(value: string): string {
  if (!value.includes('\\')) return standardText(value);
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

const postgres: Dialect = {
  name: 'postgres',
  identifier: ansiIdentifier,
  text: postgresText,
  double: (value) => `CAST('${decimal(value)}' AS DOUBLE PRECISION)`,
  epochMillis: (timestamp) => `CAST(EXTRACT(EPOCH FROM ${timestamp}) * 1000 AS DOUBLE PRECISION)`,
  currentMillis: 'CAST(floor(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000) AS DOUBLE PRECISION)',
  // float8 → numeric keeps 15 significant digits (DBL_DIG), correctly rounded.
  significant15: (p) => `CAST(CAST(${p} AS NUMERIC) AS DOUBLE PRECISION)`,
  regexMatches: (text, pattern) => `(${text} ~ ${pattern})`,
  regexReplaceAll: (text, pattern, replacement) => `regexp_replace(${text}, ${pattern}, ${replacement}, 'g')`,
  regexCodePoint: (codePoint) => literalOr(codePoint, codePoint > 0xffff ? `\\U${hex(codePoint).padStart(8, '0')}` : `\\u${hex(codePoint).padStart(4, '0')}`),
  startsWith: (text, prefix) => `starts_with(${text}, ${prefix})`,
  endsWith: (text, suffix) => `(right(${text}, length(${suffix})) = ${suffix})`,
  contains: (text, part) => `(strpos(${text}, ${part}) > 0)`,
  afterLastAt: (text) => `substring(${text} from '@([^@]*)$')`,
  // An aggregate with ORDER BY runs its transition function row by row in that order.
  orderedSum: (value, condition, order) => `coalesce(sum(${value} ORDER BY ${order}) FILTER (WHERE ${condition}), CAST(0 AS DOUBLE PRECISION))`,
  countIf: (condition) => `count(*) FILTER (WHERE ${condition})`,
  doubleType: 'DOUBLE PRECISION',
  cteAs: 'AS MATERIALIZED',
  valuesTable: (rows, [a, b]) =>
    `SELECT * FROM (VALUES ${rows.map(([x, y]) => `(${postgresText(x)}, ${postgresText(y)})`).join(', ')}) AS "ls_values"(${ansiIdentifier(a)}, ${ansiIdentifier(b)})`,
  internal: ansiIdentifier,
  like: (text, pattern) => `${text} LIKE ${pattern} ESCAPE ${postgresText('\\')}`,
  isAscii: (text) => `(octet_length(${text}) = char_length(${text}))`,
};

/** BigQuery's text: backslash escapes, and no raw line breaks in a quoted string. */
function bigqueryText(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
  return `'${escaped}'`;
}

const bigquery: Dialect = {
  name: 'bigquery',
  identifier: (name) => `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``,
  text: bigqueryText,
  double: (value) => `CAST('${decimal(value)}' AS FLOAT64)`,
  epochMillis: (timestamp) => `CAST(UNIX_MILLIS(${timestamp}) AS FLOAT64)`,
  currentMillis: 'CAST(UNIX_MILLIS(CURRENT_TIMESTAMP()) AS FLOAT64)',
  significant15: (p) => `CAST(FORMAT('%.14e', ${p}) AS FLOAT64)`,
  regexMatches: (text, pattern) => `REGEXP_CONTAINS(${text}, ${pattern})`,
  regexReplaceAll: (text, pattern, replacement) => `REGEXP_REPLACE(${text}, ${pattern}, ${replacement})`,
  regexCodePoint: (codePoint) => literalOr(codePoint, `\\x{${hex(codePoint)}}`),
  startsWith: (text, prefix) => `STARTS_WITH(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ENDS_WITH(${text}, ${suffix})`,
  contains: (text, part) => `(STRPOS(${text}, ${part}) > 0)`,
  afterLastAt: (text) => `REGEXP_EXTRACT(${text}, '@([^@]*)$')`,
  // No ordered fold: SUM, whose order of addition is the engine's (a difference in the last binary digit at most).
  orderedSum: (value, condition) => `COALESCE(SUM(IF(${condition}, ${value}, NULL)), CAST(0 AS FLOAT64))`,
  countIf: (condition) => `COUNTIF(${condition})`,
  doubleType: 'FLOAT64',
  cteAs: 'AS',
  valuesTable: (rows, [a, b]) =>
    `SELECT * FROM UNNEST([${rows.map(([x, y], i) => (i === 0 ? `STRUCT(${bigqueryText(x)} AS ${a}, ${bigqueryText(y)} AS ${b})` : `(${bigqueryText(x)}, ${bigqueryText(y)})`)).join(', ')}])`,
  internal: (name) => name,
  // BigQuery's LIKE has no ESCAPE clause: the backslash is its escape character.
  like: (text, pattern) => `${text} LIKE ${pattern}`,
  isAscii: (text) => `(BYTE_LENGTH(${text}) = CHAR_LENGTH(${text}))`,
};

/** Snowflake reads backslash escapes inside '…' too. */
const snowflakeText = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

const snowflake: Dialect = {
  name: 'snowflake',
  identifier: ansiIdentifier,
  // Snowflake reads backslash escapes inside '…' too.
  text: snowflakeText,
  double: (value) => `CAST('${decimal(value)}' AS DOUBLE)`,
  epochMillis: (timestamp) => `CAST(DATE_PART(EPOCH_MILLISECOND, ${timestamp}) AS DOUBLE)`,
  currentMillis: 'CAST(DATE_PART(EPOCH_MILLISECOND, CURRENT_TIMESTAMP()) AS DOUBLE)',
  significant15: (p) => `CAST(TO_VARCHAR(${p}, 'TME') AS DOUBLE)`,
  regexMatches: (text, pattern) => `REGEXP_LIKE(${text}, '.*(' || ${pattern} || ').*', 's')`,
  regexReplaceAll: (text, pattern, replacement) => `REGEXP_REPLACE(${text}, ${pattern}, ${replacement})`,
  regexCodePoint: (codePoint) => String.fromCodePoint(codePoint).replace(/[\\\]^-]/, (c) => `\\${c}`),
  startsWith: (text, prefix) => `STARTSWITH(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ENDSWITH(${text}, ${suffix})`,
  contains: (text, part) => `CONTAINS(${text}, ${part})`,
  afterLastAt: (text) => `REGEXP_SUBSTR(${text}, '@([^@]*)$', 1, 1, 'e', 1)`,
  orderedSum: (value, condition) => `COALESCE(SUM(IFF(${condition}, ${value}, NULL)), CAST(0 AS DOUBLE))`,
  countIf: (condition) => `COUNT_IF(${condition})`,
  doubleType: 'DOUBLE',
  cteAs: 'AS',
  valuesTable: (rows, [a, b]) =>
    `SELECT column1 AS ${ansiIdentifier(a)}, column2 AS ${ansiIdentifier(b)} FROM (VALUES ${rows.map(([x, y]) => `(${snowflakeText(x)}, ${snowflakeText(y)})`).join(', ')})`,
  internal: ansiIdentifier,
  like: (text, pattern) => `${text} LIKE ${pattern} ESCAPE ${snowflakeText('\\')}`,
  isAscii: (text) => `(OCTET_LENGTH(${text}) = LENGTH(${text}))`,
};

export const dialects: Record<SqlDialect, Dialect> = { duckdb, postgres, bigquery, snowflake };

/** A regular-expression class of the ranges (`[…]`, or `[^…]` when negated). */
export function regexClass(dialect: Dialect, ranges: readonly CodePointRange[], negated = false): string {
  const parts = ranges.map(([low, high]) => (low === high ? dialect.regexCodePoint(low) : `${dialect.regexCodePoint(low)}-${dialect.regexCodePoint(high)}`));
  return `[${negated ? '^' : ''}${parts.join('')}]`;
}
