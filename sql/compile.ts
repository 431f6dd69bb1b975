// A checked rule graph as one SQL query: one row per lead with its score, section totals,
// grade, stage, route and blacklist flag, exactly as runtime/interpreter.ts scores it.
//
// The query is a chain of CTEs. The first reads the leads (normalised text, country codes,
// dates as epoch milliseconds), the events are counted per pattern in one pass, and every
// later CTE adds the columns whose inputs the earlier ones hold: conditions, rule points,
// section totals, the score, the decisions. Arithmetic is double precision throughout, in
// the runtime's order, and rounding mirrors runtime/round.ts step by step.
import type { ContributionNode, DerivedNode, EventMatch, InputNode, ListNode, PolicyIr, PredicateNode, ValueRef } from '../runtime/rule-graph.js';
import { blacklistedStage, decisionNames } from '../runtime/rule-graph.js';
import { countryKey, knownCountryNames, normalizeText, parseIsoTime } from '../runtime/support.js';
import { dialects, regexClass, type Dialect, type SqlDialect } from './dialect.js';
import { sqlDiagnostics, type SqlDiagnostic } from './diagnostics.js';
import { asciiWhitespace, javascriptWhitespace, lowerCaseTable, wordCharacters, type CodePointRange } from './unicode.js';

/** A relation: a name (quoted), a qualified name (each part quoted), or SQL text used as it is (a dbt `{{ ref('leads') }}`). */
export type RelationName = string | readonly string[] | { sql: string };

export type EventColumn = 'lead_id' | 'type' | 'object' | 'name' | 'at';

export interface SqlOptions {
  dialect: SqlDialect;
  /** Score at this moment (ISO-8601); without it, at the engine's current time. */
  now?: string;
  relations?: { leads?: RelationName; events?: RelationName };
  /** Column per field name (and `id`); by default the field's first source name, or its own name. */
  columns?: Readonly<Record<string, string>>;
  /** The column the result's `id` is read from (a key of the rows); by default the `id` field's column. */
  idColumn?: string;
  /** Column per part of an event; by default the part's name. */
  eventColumns?: Readonly<Partial<Record<EventColumn, string>>>;
}

export type SqlResult = { sql: string; diagnostics: [] } | { sql?: undefined; diagnostics: SqlDiagnostic[] };

/** The names of the columns the query returns besides one per section, in order. */
export const resultColumns = { id: 'id', score: 'score', decisions: decisionNames, blacklisted: 'blacklisted' } as const;

const millisPerDay = 86_400_000;

export function compileSql(ir: PolicyIr, options: SqlOptions): SqlResult {
  const diagnostics = refusals(ir, options);
  if (diagnostics.length > 0) return { diagnostics };
  return { sql: new QueryWriter(ir, options).write(), diagnostics: [] };
}

/** Everything the SQL target cannot express exactly for this policy. */
function refusals(ir: PolicyIr, options: SqlOptions): SqlDiagnostic[] {
  const found: SqlDiagnostic[] = [];
  const refuse = (kind: keyof typeof sqlDiagnostics, message: string, range?: SqlDiagnostic['range']) =>
    found.push({ code: sqlDiagnostics[kind].code, severity: 'error', message, ...(range && { range }) });
  const texts: Array<{ text: string; what: string; range?: SqlDiagnostic['range'] }> = [];
  for (const list of ir.lists) for (const value of list.values) if (typeof value === 'string') texts.push({ text: value, what: 'a list entry', range: list.range });
  for (const node of ir.predicates) {
    if (node.op === 'compare' && typeof node.operand === 'string') texts.push({ text: node.operand, what: 'a compared text', range: node.range });
    if ((node.op === 'event' || node.op === 'no-event') && node.match) {
      for (const part of [node.match.verb, node.match.object, node.match.glob]) if (part !== undefined) texts.push({ text: part, what: 'an event pattern', range: node.range });
    }
  }
  for (const mapped of ir.events?.types ?? []) texts.push({ text: mapped.name, what: 'a CRM event name' }, { text: mapped.type, what: 'an event' });
  const names: Array<{ text: string; what: string; range?: SqlDiagnostic['range'] }> = [
    ...ir.sections.map((section) => ({ text: section.name, what: 'a section name', range: section.range })),
    ...ir.inputs.map((input) => ({ text: columnOf(input, options), what: 'a column name', range: input.range })),
    ...ir.decisions.flatMap((decision) => decision.rows.map((row) => ({ text: row.label, what: 'a label', range: row.range }))),
  ];
  for (const { text, what, range } of [...texts, ...names]) {
    if (/\0|\p{Cs}/u.test(text) || !isWellFormed(text))
      refuse('unrepresentableText', `${what} holds a character SQL text cannot hold (NUL or a lone surrogate): ${JSON.stringify(text)}`, range);
  }
  for (const { text, what, range } of texts) {
    if (/[σςΣ]/u.test(text)) refuse('finalSigma', `${what} holds a Greek sigma (${JSON.stringify(text)}): SQL cannot lower-case Σ as JavaScript does at the end of a word`, range);
  }
  // DuckDB and BigQuery compare names without case, even quoted; PostgreSQL and Snowflake compare quoted names exactly.
  const nameKey = options.dialect === 'duckdb' || options.dialect === 'bigquery' ? (name: string) => name.toLowerCase() : (name: string) => name;
  const taken = new Map<string, string>(['id', 'score', 'grade', 'stage', 'route', 'blacklisted'].map((name) => [nameKey(name), `\`${name}\``]));
  for (const section of ir.sections) {
    const other = taken.get(nameKey(section.name));
    if (other !== undefined) refuse('clashingColumn', `the section \`${section.name}\` and ${other} would be result columns of the same name in ${options.dialect}`, section.range);
    else taken.set(nameKey(section.name), `the section \`${section.name}\``);
  }
  const columns = new Map<string, InputNode>();
  for (const input of ir.inputs) {
    const column = columnOf(input, options);
    const other = columns.get(nameKey(column));
    if (other !== undefined && columnOf(other, options) !== column) {
      refuse(
        'clashingColumn',
        `the fields \`${other.name}\` and \`${input.name}\` would be read from columns of the same name in ${options.dialect} (\`${columnOf(other, options)}\`, \`${column}\`): name one column otherwise`,
        input.range,
      );
    } else columns.set(nameKey(column), input);
  }
  if (options.now !== undefined && !Number.isFinite(parseIsoTime(options.now)))
    refuse('invalidNow', `\`now\` must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got ${JSON.stringify(options.now)}`);
  return found;
}

function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** The column a field is read from: as the options say, else its first CRM name, else its own name. */
export function columnOf(input: InputNode, options: Pick<SqlOptions, 'columns'>): string {
  return (options.columns && Object.hasOwn(options.columns, input.name) ? options.columns[input.name] : undefined) ?? input.sources?.[0] ?? input.name;
}

/** One event pattern's columns in the tally: its count, its youngest age, and its running sums. */
interface PatternColumns {
  count: string;
  youngest: string;
  sums: Map<ContributionNode, string>;
}

class QueryWriter {
  private readonly d: Dialect;
  private readonly q: (name: string) => string;
  private readonly now: string;
  /** Per value reference (`field:…`, `derived:…`, predicate ids, `section:…`, …): its column, and the stage that first holds it. */
  private readonly columns = new Map<string, { column: string; stage: number }>();
  /** The columns each stage adds, with their expressions. */
  private readonly stages: Array<Array<[string, string]>> = [[]];
  private readonly predicates = new Map<string, PredicateNode>();
  private readonly lists: Map<string, ListNode>;
  private readonly patterns = new Map<string, PatternColumns>();
  private readonly halfLives: Map<string, number | undefined>;
  private counter = 0;

  constructor(
    private readonly ir: PolicyIr,
    private readonly options: SqlOptions,
  ) {
    this.d = dialects[options.dialect];
    // Names leadscore makes up (CTEs, aliases, columns `ls_…`) through `q`; every name from the policy or the options through `identifier`.
    this.q = (name) => this.d.internal(name);
    this.now = options.now === undefined ? this.d.currentMillis : this.d.double(parseIsoTime(options.now));
    for (const node of ir.predicates) this.predicates.set(node.id, node);
    this.lists = new Map(ir.lists.map((list) => [list.id, list]));
    this.halfLives = new Map(ir.sections.map((section) => [section.name, section.decay?.halfLifeDays]));
  }

  private fresh(prefix: string): string {
    return `ls_${prefix}${this.counter++}`;
  }

  private relation(name: RelationName | undefined, fallback: string): string {
    if (name === undefined) return this.d.identifier(fallback);
    if (typeof name === 'string') return this.q(name);
    if ('sql' in name) return name.sql;
    return name.map((part) => this.d.identifier(part)).join('.');
  }

  write(): string {
    const { d, q, ir } = this;
    const leadValues = this.leadValues();
    const tally = this.tally();
    for (const contribution of ir.contributions) this.contribution(contribution);
    const sections = ir.sections.map((section) => this.section(section.name));
    const score = this.score();
    const blacklisted = this.blacklisted();
    const decided = new Map(decisionNames.map((name) => [name, this.decision(name)]));

    const ctes: string[] = [];
    const as = d.cteAs;
    ctes.push(`${q('ls_read')} ${as} (\n  SELECT ${leadValues.read.join(',\n    ')}\n  FROM ${this.relation(this.options.relations?.leads, 'leads')} AS ${q('l')}\n)`);
    let read = 'ls_read';
    const joins: string[] = [];
    const countryColumns: string[] = [];
    if (leadValues.countryKeys.length > 0) {
      const table = countryTable();
      ctes.push(`${q('ls_countries')} ${as} (\n  ${d.valuesTable(table.entries, ['name', 'code'])}\n)`);
      const steps = leadValues.countryKeys.map(({ text }) => this.countryKeySteps(text, this.fresh('kp'), this.fresh('kf'), this.fresh('ks')));
      ctes.push(`${q('ls_plain')} ${as} (\n  SELECT ${q('ls_read')}.*, ${steps.map((step) => step.plain).join(', ')}\n  FROM ${q('ls_read')}\n)`);
      ctes.push(`${q('ls_keyed')} ${as} (\n  SELECT ${q('ls_plain')}.*, ${steps.flatMap((step) => step.keyed).join(', ')}\n  FROM ${q('ls_plain')}\n)`);
      read = 'ls_keyed';
      leadValues.countryKeys.forEach(({ text, column }, index) => {
        const alias = q(`c${index}`);
        joins.push(`\n  LEFT JOIN ${q('ls_countries')} AS ${alias} ON ${alias}.${q('name')} = ${steps[index]!.key.replace(/"(ls_k[fs]\d+)"/g, `${q(read)}."$1"`)}`);
        countryColumns.push(`coalesce(${alias}.${q('code')}, ${q(read)}.${q(text)}) AS ${q(column)}`);
      });
    }
    ctes.push(`${q('ls_leads')} ${as} (\n  SELECT ${[`${q(read)}.*`, ...countryColumns].join(',\n    ')}\n  FROM ${q(read)}${joins.join('')}\n)`);
    let previous = 'ls_leads';
    if (tally) {
      ctes.push(tally.events.replace(' AS (', ` ${as} (`), tally.counts.replace(' AS (', ` ${as} (`));
      const joined = [
        `${q('ls_leads')}.*`,
        ...tally.columns.map(([column, empty]) => `${empty === undefined ? `${q('t')}.${q(column)}` : `coalesce(${q('t')}.${q(column)}, ${empty})`} AS ${q(column)}`),
      ];
      ctes.push(
        `${q('ls_stage0')} ${as} (\n  SELECT ${joined.join(',\n    ')}\n  FROM ${q('ls_leads')} LEFT JOIN ${q('ls_tally')} AS ${q('t')} ON ${q('t')}.${q('lead_id')} = ${q('ls_leads')}.${q('ls_id')}\n)`,
      );
      previous = 'ls_stage0';
    }
    this.stages.forEach((columns, index) => {
      if (index === 0 || columns.length === 0) return;
      const name = `ls_stage${index}`;
      ctes.push(
        `${q(name)} ${as} (\n  SELECT ${q(previous)}.*,\n    ${columns.map(([column, expression]) => `${expression} AS ${q(column)}`).join(',\n    ')}\n  FROM ${q(previous)}\n)`,
      );
      previous = name;
    });

    const label = (name: (typeof decisionNames)[number]) => {
      const column = decided.get(name);
      if (column) return `${q(previous)}.${q(column.label)}`;
      if (name === 'stage') return `CASE WHEN ${q(previous)}.${q(blacklisted)} THEN ${d.text(blacklistedStage)} END`;
      return `CAST(NULL AS ${this.textType()})`;
    };
    const select = [
      `${q(previous)}.${q('ls_id')} AS ${d.identifier('id')}`,
      `${q(previous)}.${q(score)} AS ${d.identifier('score')}`,
      ...ir.sections.map((section, index) => `${q(previous)}.${q(sections[index]!)} AS ${d.identifier(section.name)}`),
      ...decisionNames.map((name) => `${label(name)} AS ${d.identifier(name)}`),
      `${q(previous)}.${q(blacklisted)} AS ${d.identifier('blacklisted')}`,
    ];
    return `-- leadscore: a policy's rule graph as SQL (${d.name}); one row per lead.\nWITH\n${ctes.join(',\n')}\nSELECT ${select.join(',\n  ')}\nFROM ${q(previous)}\n`;
  }

  private textType(): string {
    return this.d.name === 'bigquery' ? 'STRING' : 'VARCHAR';
  }

  // ---- text ------------------------------------------------------------------------------

  /** `text.trim().toLowerCase()`, or null for null. */
  private normalized(text: string): string {
    const { upper, lower } = lowerCaseTable();
    const d = this.d;
    const trimmed = this.trim(text, javascriptWhitespace);
    // Most text is ASCII, where the engine's lower() is exact and fast; the full table only for the rest.
    return `CASE WHEN ${d.isAscii(text)} THEN lower(${this.asciiTrimmed(text)}) ELSE translate(replace(${trimmed}, ${d.text('\u0130')}, ${d.text('i\u0307')}), ${d.text(upper)}, ${d.text(lower)}) END`;
  }

  /**
   * ASCII text trimmed as JavaScript trims it. Trimming with a set of characters is slow in the engines (in DuckDB
   * a set of 25 characters costs six times a lower()), and most text has nothing to trim: a first and a last
   * character above the space answer that without trimming.
   */
  private asciiTrimmed(text: string): string {
    return `CASE WHEN ascii(${text}) > 32 AND ascii(right(${text}, 1)) > 32 THEN ${text} ELSE ${this.trim(text, asciiWhitespace)} END`;
  }

  private trim(text: string, characters: string): string {
    const set = this.d.text(characters);
    return this.d.name === 'postgres' ? `btrim(${text}, ${set})` : `trim(${text}, ${set})`;
  }

  /** Normalised text, null when blank. */
  private normalizedOrNull(text: string): string {
    return `nullif(${this.normalized(text)}, '')`;
  }

  // ---- the leads ---------------------------------------------------------------------------

  /**
   * The first CTE's columns: the id, and every field and derived value a condition reads; a country field is read as
   * its normalised text and its key, which the next CTE looks up in the country table.
   */
  private leadValues(): { read: string[]; countryKeys: Array<{ text: string; column: string }> } {
    const { q, ir, options } = this;
    const used = new Set<string>();
    for (const node of ir.predicates) {
      if ('value' in node) used.add(node.value);
      if ('other' in node) used.add(node.other);
    }
    for (const derived of ir.derived) if (used.has(derived.id)) used.add(derived.from).add(derived.explicit ?? derived.from);
    const idColumn = options.idColumn ?? (options.columns && Object.hasOwn(options.columns, 'id') ? options.columns['id']! : 'id');
    const read = [`${q('l')}.${this.d.identifier(idColumn)} AS ${q('ls_id')}`];
    const countryKeys: Array<{ text: string; column: string }> = [];
    const inputs = new Map(ir.inputs.map((input) => [input.id, input]));
    for (const input of ir.inputs) {
      if (!used.has(input.id)) continue;
      const column = this.fresh('f');
      if (input.type === 'country') {
        const text = this.fresh('ft');
        read.push(`${this.normalizedOrNull(`${q('l')}.${this.d.identifier(columnOf(input, options))}`)} AS ${q(text)}`);
        countryKeys.push({ text, column });
      } else read.push(`${this.inputValue(input)} AS ${q(column)}`);
      this.columns.set(input.id, { column, stage: 0 });
    }
    for (const derived of ir.derived) {
      if (!used.has(derived.id)) continue;
      const column = this.fresh('g');
      read.push(`${this.derivedValue(derived, inputs)} AS ${q(column)}`);
      this.columns.set(derived.id, { column, stage: 0 });
    }
    return { read, countryKeys };
  }

  /** A field as the predicates read it: normalised text (null when blank), a double, a boolean, or a date as epoch milliseconds. */
  private inputValue(input: InputNode): string {
    const raw = `${this.q('l')}.${this.d.identifier(columnOf(input, this.options))}`;
    switch (input.type) {
      case 'text':
        return this.normalizedOrNull(raw);
      case 'country':
        throw new Error('a country is read in the CTEs of write()');
      case 'date':
        return this.d.epochMillis(raw);
      case 'number':
        return `CAST(${raw} AS ${this.d.doubleType})`;
      case 'boolean':
        return raw;
    }
  }

  /** `explicit ?? the part of the e-mail after its last @` (null when there is none, or it is empty). */
  private derivedValue(derived: DerivedNode, inputs: ReadonlyMap<string, InputNode>): string {
    const email = this.inputValue(inputs.get(derived.from)!);
    const domain = `nullif(${this.d.afterLastAt(email)}, '')`;
    return derived.explicit === undefined ? domain : `coalesce(${this.inputValue(inputs.get(derived.explicit)!)}, ${domain})`;
  }

  /**
   * runtime/countries.ts in three steps over normalised text (`text`): accented letters to the letters of the names, marks,
   * dots and apostrophes dropped, `ß` as `ss` (`plain`); whether a letter, mark or digit no name holds is left, and the other
   * runs of characters as one space (`foreign`, `spaced`); the key without a leading `the `, null when foreign (no name matches).
   */
  private countryKeySteps(text: string, plain: string, foreign: string, spaced: string): { plain: string; keyed: string[]; key: string } {
    const { d, q } = this;
    const table = countryTable();
    return {
      plain: `replace(translate(${q(text)}, ${d.text(table.from)}, ${d.text(table.to)}), ${d.text('ß')}, 'ss') AS ${q(plain)}`,
      keyed: [
        `${d.regexMatches(q(plain), d.text(regexClass(d, table.foreign)))} AS ${q(foreign)}`,
        `${this.trim(d.regexReplaceAll(q(plain), d.text(`${regexClass(d, table.kept, true)}+`), "' '"), ' ')} AS ${q(spaced)}`,
      ],
      key: `CASE WHEN ${q(foreign)} THEN NULL WHEN ${d.startsWith(q(spaced), "'the '")} THEN substr(${q(spaced)}, 5) ELSE ${q(spaced)} END`,
    };
  }

  // ---- the events --------------------------------------------------------------------------

  /** The events CTE and the tally CTE, counting every pattern in one pass; undefined when no rule reads events. */
  private tally(): { events: string; counts: string; columns: Array<[string, string | undefined]> } | undefined {
    const { d, q, ir } = this;
    const eventNodes = ir.predicates.filter((node): node is Extract<PredicateNode, { op: 'event' | 'no-event' }> => node.op === 'event' || node.op === 'no-event');
    if (eventNodes.length === 0) return undefined;
    const part = (name: EventColumn) => `${q('e')}.${d.identifier(this.options.eventColumns?.[name] ?? name)}`;
    const at = d.epochMillis(part('at'));
    const typeText = this.normalized(part('type'));
    // A CRM's event type names: the first mapping of a name wins, as in runtime/mapping.ts.
    const types = new Map<string, { type: string; object?: string }>();
    for (const mapped of ir.events?.types ?? []) if (!types.has(normalizeText(mapped.name))) types.set(normalizeText(mapped.name), mapped);
    const objectText = this.normalizedOrNull(part('object'));
    let verb = typeText;
    let object = objectText;
    if (types.size > 0) {
      verb = `CASE ${typeText} ${[...types].map(([name, mapped]) => `WHEN ${d.text(name)} THEN ${d.text(normalizeText(mapped.type))}`).join(' ')} ELSE ${typeText} END`;
      const withObject = [...types].filter(([, mapped]) => mapped.object !== undefined);
      if (withObject.length > 0) {
        object = `CASE ${typeText} ${withObject.map(([name, mapped]) => `WHEN ${d.text(name)} THEN ${d.text(normalizeText(mapped.object!)) === "''" ? 'NULL' : d.text(normalizeText(mapped.object!))}`).join(' ')} ELSE ${objectText} END`;
      }
    }
    const events = `${q('ls_events')} AS (\n  SELECT ${part('lead_id')} AS ${q('lead_id')},\n    ${at} AS ${q('at')},\n    (${this.now} - ${at}) / ${d.double(millisPerDay)} AS ${q('age')},\n    ${verb} AS ${q('verb')},\n    ${object} AS ${q('object')},\n    ${this.normalizedOrNull(part('name'))} AS ${q('name')}\n  FROM ${this.relation(this.options.relations?.events, 'events')} AS ${q('e')}\n  WHERE ${part('at')} IS NOT NULL AND ${part('type')} IS NOT NULL AND ${at} <= ${this.now}\n)`;

    // `each` rules on an event pattern sum their points event by event, as the runtime's scan does.
    const summed = new Map<string, ContributionNode[]>();
    for (const contribution of ir.contributions) {
      const node = this.predicates.get(contribution.when)!;
      if (contribution.mode !== 'each' || contribution.effect === 'blacklist' || node.op !== 'event') continue;
      summed.set(node.id, [...(summed.get(node.id) ?? []), contribution]);
    }
    const aggregates: string[] = [];
    const columns: Array<[string, string | undefined]> = [];
    for (const node of eventNodes) {
      const condition = this.eventCondition(node.match, node.withinDays);
      const pattern: PatternColumns = { count: this.fresh('n'), youngest: this.fresh('y'), sums: new Map() };
      aggregates.push(`${d.countIf(condition)} AS ${q(pattern.count)}`, `min(CASE WHEN ${condition} THEN ${q('age')} END) AS ${q(pattern.youngest)}`);
      columns.push([pattern.count, '0'], [pattern.youngest, undefined]);
      for (const contribution of summed.get(node.id) ?? []) {
        const column = this.fresh('u');
        const halfLife = this.halfLifeOf(contribution);
        const points = d.double(contribution.points);
        const value = halfLife === undefined ? points : `${points} * power(${d.double(0.5)}, ${q('age')} / ${d.double(halfLife)})`;
        aggregates.push(`${d.orderedSum(value, condition, `${q('at')}`)} AS ${q(column)}`);
        columns.push([column, d.double(0)]);
        pattern.sums.set(contribution, column);
      }
      this.patterns.set(node.id, pattern);
    }
    const counts = `${q('ls_tally')} AS (\n  SELECT ${q('lead_id')},\n    ${aggregates.join(',\n    ')}\n  FROM ${q('ls_events')}\n  GROUP BY ${q('lead_id')}\n)`;
    return { events, counts, columns };
  }

  private halfLifeOf(contribution: ContributionNode): number | undefined {
    return contribution.decay && contribution.section !== null ? this.halfLives.get(contribution.section) : undefined;
  }

  /** Whether an event matches a pattern (any event without one) and is inside the window. */
  private eventCondition(match: EventMatch | undefined, withinDays: number | undefined): string {
    const { d, q } = this;
    const tests: string[] = [];
    if (match) {
      tests.push(`${q('verb')} = ${d.text(match.verb)}`);
      if (match.object !== undefined) tests.push(`${q('object')} = ${d.text(match.object)}`);
      if (match.glob !== undefined) tests.push(`${q('name')} IS NOT NULL AND ${this.glob(q('name'), match.glob)}`);
    }
    if (withinDays !== undefined) tests.push(`${q('age')} < ${d.double(withinDays)}`);
    return tests.length === 0 ? 'TRUE' : `(${tests.join(' AND ')})`;
  }

  /** A glob as LIKE: `*` is `%`, and `%`, `_` and the escape character stand for themselves. */
  private glob(text: string, glob: string): string {
    if (!glob.includes('*')) return `${text} = ${this.d.text(glob)}`;
    const pattern = glob
      .split('*')
      .map((part) => part.replace(/[\\%_]/g, (c) => `\\${c}`))
      .join('%');
    return this.d.like(text, this.d.text(pattern));
  }

  // ---- stages ------------------------------------------------------------------------------

  /** Adds a column at the first stage after `after`; returns its name. */
  private add(prefix: string, expression: string, after: number): { column: string; stage: number } {
    const column = this.fresh(prefix);
    const stage = after + 1;
    while (this.stages.length <= stage) this.stages.push([]);
    this.stages[stage]!.push([column, expression]);
    return { column, stage };
  }

  /** The column and stage of a value a predicate reads. */
  private value(ref: ValueRef): { column: string; stage: number } {
    const known = this.columns.get(ref);
    if (known) return known;
    if (ref.startsWith('section:')) return this.sectionColumn(ref.slice('section:'.length));
    if (ref === 'score') return this.scoreColumn();
    if (ref.startsWith('decision:')) return this.decisionSlot(ref.slice('decision:'.length) as (typeof decisionNames)[number]);
    throw new Error(`the rule graph reads ${ref}, which it does not define`);
  }

  /** A predicate's column: true or false, never null. */
  private predicate(id: string): { column: string; stage: number } {
    const known = this.columns.get(id);
    if (known) return known;
    const node = this.predicates.get(id)!;
    const { expression, stage } = this.predicateExpression(node);
    const added = this.add('p', `coalesce(${expression}, FALSE)`, stage);
    this.columns.set(id, added);
    return added;
  }

  private predicateExpression(node: PredicateNode): { expression: string; stage: number } {
    const { d, q } = this;
    const read = (ref: ValueRef) => {
      const { column, stage } = this.value(ref);
      return { v: q(column), stage };
    };
    switch (node.op) {
      case 'compare': {
        const { v, stage } = read(node.value);
        const operand = typeof node.operand === 'number' ? d.double(node.operand) : d.text(node.operand);
        return { expression: `(${v} IS NOT NULL AND ${v} ${sqlOperator(node.operator)} ${operand})`, stage };
      }
      case 'compare-values': {
        const a = read(node.value);
        const b = read(node.other);
        return { expression: `(${a.v} IS NOT NULL AND ${b.v} IS NOT NULL AND ${a.v} ${sqlOperator(node.operator)} ${b.v})`, stage: Math.max(a.stage, b.stage) };
      }
      case 'between': {
        const { v, stage } = read(node.value);
        return { expression: `(${v} IS NOT NULL AND ${v} >= ${d.double(node.low)} AND ${v} <= ${d.double(node.high)})`, stage };
      }
      case 'in': {
        const { v, stage } = read(node.value);
        const list = this.lists.get(node.list)!;
        const values = list.values.map((value) => (typeof value === 'number' ? d.double(value) : d.text(value)));
        return { expression: `(${v} IS NOT NULL AND ${v} ${node.negated ? 'NOT IN' : 'IN'} (${values.join(', ')}))`, stage };
      }
      case 'text': {
        const { v, stage } = read(node.value);
        const needles = this.lists.get(node.list)!.values as string[];
        const tests = node.word ? this.wordMatches(v, needles, node.match) : needles.map((needle) => this.textMatch(v, needle, node.match));
        return { expression: `(${v} IS NOT NULL AND (${tests.join(' OR ') || 'FALSE'}))`, stage };
      }
      case 'is': {
        const { v, stage } = read(node.value);
        const test = { missing: 'IS NULL', present: 'IS NOT NULL', true: 'IS TRUE', false: 'IS FALSE' }[node.test];
        return { expression: `(${v} ${test})`, stage };
      }
      case 'event': {
        const pattern = this.patterns.get(node.id)!;
        return { expression: `(${q(pattern.count)} >= ${node.atLeast})`, stage: 0 };
      }
      case 'no-event': {
        const pattern = this.patterns.get(node.id)!;
        return { expression: `(${q(pattern.count)} = 0)`, stage: 0 };
      }
      case 'date-within':
      case 'date-ago': {
        const { v, stage } = read(node.value);
        const age = `(${this.now} - ${v}) / ${d.double(millisPerDay)}`;
        return { expression: `(${v} IS NOT NULL AND ${v} <= ${this.now} AND ${age} ${node.op === 'date-within' ? '<' : '>='} ${d.double(node.days)})`, stage };
      }
      case 'date-compare': {
        const { v, stage } = read(node.value);
        return { expression: `(${v} IS NOT NULL AND ${v} ${node.operator} ${d.double(parseIsoTime(node.time))})`, stage };
      }
      case 'not': {
        const arg = this.predicate(node.arg);
        return { expression: `(NOT ${q(arg.column)})`, stage: arg.stage };
      }
      case 'and':
      case 'or': {
        const args = node.args.map((id) => this.predicate(id));
        return {
          expression: `(${args.map((arg) => q(arg.column)).join(node.op === 'and' ? ' AND ' : ' OR ') || (node.op === 'and' ? 'TRUE' : 'FALSE')})`,
          stage: Math.max(0, ...args.map((arg) => arg.stage)),
        };
      }
    }
  }

  private textMatch(value: string, needle: string, match: 'contains' | 'starts-with' | 'ends-with'): string {
    const literal = this.d.text(needle);
    if (match === 'contains') return this.d.contains(value, literal);
    return match === 'starts-with' ? this.d.startsWith(value, literal) : this.d.endsWith(value, literal);
  }

  /**
   * runtime/words.ts: a needle, with no letter or digit just before it (where it starts with one) or just after it (where
   * it ends with one). Needles that need the same guards share one regular expression, so the class of word characters
   * appears at most twice per group.
   */
  private wordMatches(value: string, needles: readonly string[], match: 'contains' | 'starts-with' | 'ends-with'): string[] {
    if (needles.includes('')) return ['TRUE'];
    const d = this.d;
    const isWord = (character: string) => /[\p{L}\p{N}]/u.test(character);
    const groups = new Map<string, string[]>();
    for (const needle of needles) {
      const characters = [...needle];
      const guardBefore = match !== 'starts-with' && isWord(characters[0]!);
      const guardAfter = match !== 'ends-with' && isWord(characters[characters.length - 1]!);
      const key = `${guardBefore} ${guardAfter}`;
      groups.set(key, [...(groups.get(key) ?? []), characters.map((c) => regexLiteral(d, c)).join('')]);
    }
    // In ASCII text the letters and digits are [a-z0-9] (it is lower-cased): a small class, a fast expression.
    const pattern = (notWord: string) =>
      [...groups].map(([key, alternatives]) => {
        const [guardBefore, guardAfter] = key.split(' ').map((flag) => flag === 'true');
        const before = match === 'starts-with' ? '^' : guardBefore ? `(^|${notWord})` : '';
        const after = match === 'ends-with' ? '$' : guardAfter ? `(${notWord}|$)` : '';
        return d.regexMatches(value, d.text(`${before}(${alternatives.join('|')})${after}`));
      });
    const ascii = pattern('[^a-z0-9]');
    const unicode = pattern(regexClass(d, wordCharacters(), true));
    return ascii.map((test, index) => `(CASE WHEN ${d.isAscii(value)} THEN ${test} ELSE ${unicode[index]} END)`);
  }

  // ---- points, sections, score -------------------------------------------------------------

  private readonly contributionColumns = new Map<ContributionNode, { column: string; stage: number }>();

  /** A rule's signed points for the lead (0 when it does not fire); blacklist rules are their predicate. */
  private contribution(contribution: ContributionNode): void {
    const { d, q } = this;
    const when = this.predicate(contribution.when);
    if (contribution.effect === 'blacklist') return;
    const node = this.predicates.get(contribution.when)!;
    const halfLife = this.halfLifeOf(contribution);
    let magnitude: string;
    const points = d.double(contribution.points);
    if (contribution.mode === 'each') {
      magnitude = node.op === 'event' ? q(this.patterns.get(node.id)!.sums.get(contribution)!) : d.double(0);
    } else if (halfLife !== undefined) {
      // A rule that scores once decays by its most recent matching event.
      const pattern = node.op === 'event' ? this.patterns.get(node.id) : undefined;
      magnitude = pattern
        ? `CASE WHEN ${q(pattern.count)} > 0 THEN ${points} * power(${d.double(0.5)}, ${q(pattern.youngest)} / ${d.double(halfLife)}) ELSE ${points} END`
        : points;
    } else magnitude = points;
    const capped = contribution.cap === undefined ? magnitude : `least(${magnitude}, ${d.double(contribution.cap)})`;
    const signed = contribution.effect === 'subtract' ? `-(${capped})` : capped;
    this.contributionColumns.set(contribution, this.add('c', `CASE WHEN ${q(when.column)} THEN ${signed} ELSE ${d.double(0)} END`, when.stage));
  }

  /** A sum in the runtime's order: from 0, one term after the other. */
  private sum(terms: ReadonlyArray<{ column: string; stage: number }>, start = this.d.double(0)): { expression: string; stage: number } {
    return { expression: [start, ...terms.map((term) => this.q(term.column))].join(' + '), stage: Math.max(0, ...terms.map((term) => term.stage)) };
  }

  private readonly sectionColumns = new Map<string, { column: string; stage: number }>();

  private section(name: string): string {
    return this.sectionColumn(name).column;
  }

  /** A section's rounded total. */
  private sectionColumn(name: string): { column: string; stage: number } {
    const known = this.sectionColumns.get(name);
    if (known) return known;
    const terms = this.ir.contributions.filter((c) => c.section === name && c.effect !== 'blacklist').map((c) => this.contributionColumns.get(c)!);
    const total = this.sum(terms);
    const raw = this.add('s', total.expression, total.stage);
    const rounded = this.round2(raw);
    this.sectionColumns.set(name, rounded);
    return rounded;
  }

  private scoreCache: { column: string; stage: number } | undefined;

  private score(): string {
    return this.scoreColumn().column;
  }

  /** `score`: the points outside sections, then each rounded section total, rounded. */
  private scoreColumn(): { column: string; stage: number } {
    if (this.scoreCache) return this.scoreCache;
    const direct = this.ir.contributions.filter((c) => c.section === null && c.effect !== 'blacklist').map((c) => this.contributionColumns.get(c)!);
    const sections = this.ir.sections.map((section) => this.sectionColumn(section.name));
    const total = this.sum([...direct, ...sections]);
    const raw = this.add('t', total.expression, total.stage);
    this.scoreCache = this.round2(raw);
    return this.scoreCache;
  }

  private blacklistCache: { column: string; stage: number } | undefined;

  private blacklisted(): string {
    return this.blacklistColumn().column;
  }

  private blacklistColumn(): { column: string; stage: number } {
    if (this.blacklistCache) return this.blacklistCache;
    const rules = this.ir.contributions.filter((c) => c.effect === 'blacklist').map((c) => this.predicate(c.when));
    const expression = rules.length === 0 ? 'FALSE' : `(${rules.map((rule) => this.q(rule.column)).join(' OR ')})`;
    this.blacklistCache = this.add('b', expression, Math.max(0, ...rules.map((rule) => rule.stage)));
    return this.blacklistCache;
  }

  private readonly decisionColumns = new Map<string, { label: string; slot: { column: string; stage: number } }>();

  /** A decision's label column; undefined when the policy makes no such decision. */
  private decision(name: (typeof decisionNames)[number]): { label: string } | undefined {
    if (!this.ir.decisions.some((decision) => decision.name === name)) return undefined;
    this.decisionSlot(name);
    return { label: this.decisionColumns.get(name)!.label };
  }

  /** The decision's value as conditions read it: its label normalised, null without one. */
  private decisionSlot(name: (typeof decisionNames)[number]): { column: string; stage: number } {
    const known = this.decisionColumns.get(name);
    if (known) return known.slot;
    const { d, q } = this;
    const node = this.ir.decisions.find((decision) => decision.name === name);
    if (!node) throw new Error(`the rule graph reads decision:${name}, which it does not make`);
    const rows = node.rows.map((row) => ({ row, when: row.when === null ? undefined : this.predicate(row.when) }));
    const byBlacklist = name === 'stage' || name === 'route';
    const blacklist = byBlacklist ? this.blacklistColumn() : undefined;
    const stage = Math.max(0, blacklist?.stage ?? 0, ...rows.map(({ when }) => when?.stage ?? 0));
    const cases = (text: (label: string) => string) => {
      const whens: string[] = [];
      if (blacklist) whens.push(`WHEN ${q(blacklist.column)} THEN ${name === 'stage' ? text(blacklistedStage) : 'NULL'}`);
      for (const { row, when } of rows) {
        whens.push(`WHEN ${when ? q(when.column) : 'TRUE'} THEN ${text(row.label)}`);
        if (!when) break;
      }
      return whens.length === 0 ? `CAST(NULL AS ${this.textType()})` : `CASE ${whens.join(' ')} END`;
    };
    const label = this.add(
      'd',
      cases((label) => d.text(label)),
      stage,
    );
    const slot = this.add(
      'dn',
      cases((label) => d.text(normalizeText(label))),
      stage,
    );
    this.decisionColumns.set(name, { label: label.column, slot });
    return slot;
  }

  /**
   * runtime/round.ts in SQL, step by step, over three stages: half away from zero to cents, the fast path away
   * from a half cent, otherwise 15 significant digits first to strip binary noise (1.005 × 100 = 100.49999999999999).
   */
  private round2(value: { column: string; stage: number }): { column: string; stage: number } {
    const { d, q } = this;
    const v = q(value.column);
    const product = this.add('rp', `abs(${v}) * ${d.double(100)}`, value.stage);
    const p = q(product.column);
    const fraction = `(${p} - floor(${p}))`;
    const quick = `floor(${p} + ${d.double(0.5)})`;
    // Below 1e14 the 15 digits include a fraction; from 1e14 they are the whole number, rounded half up as toPrecision does.
    const scaled = `CASE WHEN ${p} < ${d.double(1e14)} THEN ${d.significant15(p)} WHEN ${p} < ${d.double(1e15)} THEN floor(${p} + ${d.double(0.5)}) ELSE ${p} END`;
    // Math.round: an integer from 2^52 on stays as it is (adding 0.5 would round to even).
    const slow = `CASE WHEN ${p} >= ${d.double(4503599627370496)} THEN ${p} ELSE floor((${scaled}) + ${d.double(0.5)}) END`;
    const cents = `CASE WHEN ${p} < ${d.double(1e9)} AND (${fraction} < ${d.double(0.499999)} OR ${fraction} > ${d.double(0.500001)}) THEN ${quick} ELSE ${slow} END`;
    const magnitude = this.add('rm', `(${cents}) / ${d.double(100)}`, product.stage);
    const m = q(magnitude.column);
    return this.add('r', `CASE WHEN NOT (${p} < ${d.double(Number.MAX_SAFE_INTEGER)}) THEN ${v} WHEN ${v} < 0 AND ${m} <> 0 THEN -${m} ELSE ${m} END`, magnitude.stage);
  }
}

/** One character matched literally by a regular expression of the dialect. */
function regexLiteral(d: Dialect, character: string): string {
  if (/[\p{L}\p{N}]/u.test(character)) return character;
  const codePoint = character.codePointAt(0)!;
  if (codePoint < 0x20 || codePoint === 0x7f) return d.regexCodePoint(codePoint);
  return codePoint < 0x80 ? `\\${character}` : character;
}

function sqlOperator(operator: string): string {
  return operator === '!=' ? '<>' : operator;
}

interface CountryTable {
  entries: Array<[string, string]>;
  /** translate(): accented letters to the letters of the names, marks and `.`, `'`, `’` dropped (the last, so `to` is shorter). */
  from: string;
  to: string;
  /** Letters, marks and digits no name holds: text with one matches no name. */
  foreign: CodePointRange[];
  /** The characters names are made of, apart from the space. */
  kept: CodePointRange[];
}

let countries: CountryTable | undefined;

/** The runtime's country names in key form, and the character tables their keys need. */
function countryTable(): CountryTable {
  if (countries) return countries;
  const entries = [...knownCountryNames()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const nameCharacters = new Set<number>();
  for (const [name] of entries) for (const c of name) if (c !== ' ') nameCharacters.add(c.codePointAt(0)!);
  let from = '';
  let to = '';
  let dropped = ".'\u2019";
  for (let codePoint = 0x80; codePoint < 0x110000; codePoint++) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    const character = String.fromCodePoint(codePoint);
    if (character.toLowerCase() !== character || nameCharacters.has(codePoint)) continue;
    const stripped = character
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC');
    if (stripped === character) continue;
    if (stripped === '') dropped += character;
    else if ([...stripped].length === 1 && nameCharacters.has(stripped.codePointAt(0)!)) {
      from += character;
      to += stripped;
    }
  }
  const isKept = (c: string) => nameCharacters.has(c.codePointAt(0)!);
  const handled = new Set([...from, ...dropped, 'ß']);
  const ranges = (test: (c: string) => boolean) => {
    const found: Array<[number, number]> = [];
    let start = -1;
    for (let codePoint = 1; codePoint <= 0x110000; codePoint++) {
      const inside = codePoint < 0x110000 && !(codePoint >= 0xd800 && codePoint <= 0xdfff) && test(String.fromCodePoint(codePoint));
      if (inside && start < 0) start = codePoint;
      if (!inside && start >= 0) {
        found.push([start, codePoint - 1]);
        start = -1;
      }
    }
    return found;
  };
  // The key form is a fixed point: a name of the table is its own key.
  for (const [name] of entries) if (countryKey(name) !== name) throw new Error(`the country name ${JSON.stringify(name)} is not in key form`);
  countries = {
    entries,
    from: from + dropped,
    to,
    foreign: ranges((c) => /[\p{L}\p{M}\p{N}]/u.test(c) && !isKept(c) && !handled.has(c)),
    kept: ranges(isKept),
  };
  return countries;
}
