import type * as ast from '../language/index.js';
import { diagnostic, oneOf, type Diagnostic, type DiagnosticKind } from '../language/index.js';
import { dateFormatOf, dateFormats, numberFormatOf, numberFormats, type DateFormat, type NumberFormat } from '../runtime/rule-graph.js';
import { normalizeText, sourceKey } from '../runtime/support.js';
import { semanticDiagnostics as d } from './diagnostics.js';
import { didYouMean, suggest } from './suggest.js';
import { builtinEvents, builtinFields, decisionNames, fieldTypes, scoreName, type FieldType } from './vocabulary.js';

export interface FieldSymbol {
  name: string;
  type: FieldType;
  builtin: boolean;
  declaration?: ast.FieldDeclaration;
  /** The names a CRM export or API gives the field (`from "Job Title", "jobtitle"`), in the order declared. */
  sources: string[];
}

/** A CRM event type name and the event it means (`event submit form from "Form Submission"`). */
export interface EventSource {
  name: string;
  verb: string;
  object?: string;
}

export interface ListSymbol {
  name: string;
  declaration: ast.ListDeclaration;
  /** undefined when the list is empty or mixes types (already reported). */
  type: 'text' | 'number' | undefined;
}

/** Everything the policy declares, plus the built-ins, by name. */
export interface Symbols {
  policyName: string | null;
  policyVersion: string | null;
  fields: Map<string, FieldSymbol>;
  lists: Map<string, ListSymbol>;
  /** Event verb (lower-case) → the objects it takes (lower-case). */
  events: Map<string, Set<string>>;
  sections: Map<string, ast.Section>;
  /** Rows of each decision, in source order. */
  decisions: Map<ast.DecisionKind, ast.DecisionRow[]>;
  /** CRM event type names, each meaning one event. */
  eventSources: EventSource[];
  /** Where events keep their lead_id, type, object, name and at, beyond those names themselves. */
  eventColumns: Map<EventColumn, string[]>;
  /** `dates "MM/DD/YYYY"`: the order of day and month in dates a CRM writes as text, and where it is stated. */
  dateFormat?: { format: DateFormat; statement: ast.DatesStatement };
  /** `numbers "1.234,56"`: the decimal and thousands separators in numbers a CRM writes as text, and where they are stated. */
  numberFormat?: { format: NumberFormat; statement: ast.NumbersStatement };
  /** Named rules (`as "C-level title"`), by their name trimmed and lower-cased. */
  ruleNames: Map<string, ast.Rule>;
}

/** The parts of an event that `events COLUMN from …` can name. */
export const eventColumnNames = ['lead_id', 'type', 'object', 'name', 'at'] as const;
export type EventColumn = (typeof eventColumnNames)[number];

/** The type of a list's items, reporting a list that mixes strings and numbers. */
export function listItemType(list: ast.ListLiteral, diagnostics: Diagnostic[]): 'text' | 'number' | undefined {
  const first = list.items[0];
  if (!first) return undefined;
  const mismatch = list.items.find((item) => item.kind !== first.kind);
  if (mismatch) {
    diagnostics.push(
      diagnostic(
        d.listType,
        `this list mixes strings and numbers: \`${mismatch.kind === 'String' ? JSON.stringify(mismatch.value) : mismatch.raw}\` is not a ${first.kind === 'String' ? 'string' : 'number'} like the first entry`,
        mismatch.range,
      ),
    );
    return undefined;
  }
  return first.kind === 'String' ? 'text' : 'number';
}

/** Collects declarations and reports duplicates and clashes. */
export function bind(program: ast.Program, diagnostics: Diagnostic[]): Symbols {
  const symbols: Symbols = {
    policyName: null,
    policyVersion: null,
    fields: new Map([...builtinFields].map(([name, type]) => [name, { name, type, builtin: true, sources: [] }])),
    lists: new Map(),
    events: new Map([...builtinEvents].map(([verb, objects]) => [verb, new Set(objects)])),
    sections: new Map(),
    decisions: new Map(decisionNames.map((name) => [name, []])),
    eventSources: [],
    eventColumns: new Map(),
    ruleNames: new Map(),
  };
  const sourceLines: ast.FieldDeclaration[] = [];
  let header: ast.PolicyHeader | undefined;

  for (const statement of program.statements) {
    switch (statement.kind) {
      case 'PolicyHeader':
        if (header) {
          diagnostics.push(
            diagnostic(d.duplicatePolicyHeader, `the policy is already named ${JSON.stringify(header.name.value)} on line ${header.range.start.line}`, statement.range),
          );
        } else {
          header = statement;
          symbols.policyName = statement.name.value;
          symbols.policyVersion = statement.version?.value ?? null;
        }
        break;
      case 'ListDeclaration':
        bindList(statement, symbols, diagnostics);
        break;
      case 'FieldDeclaration':
        if (statement.type) bindField(statement, statement.type, symbols, diagnostics);
        if (statement.sources.length > 0) sourceLines.push(statement);
        break;
      case 'EventDeclaration':
        bindEvent(statement, symbols, diagnostics);
        break;
      case 'EventsColumn':
        bindEventsColumn(statement, symbols, diagnostics);
        break;
      case 'Dates': {
        const stated = bindFormat(statement, symbols.dateFormat, dateStatement, diagnostics);
        if (stated) symbols.dateFormat = stated;
        break;
      }
      case 'Numbers': {
        const stated = bindFormat(statement, symbols.numberFormat, numberStatement, diagnostics);
        if (stated) symbols.numberFormat = stated;
        break;
      }
      case 'Section':
        bindSection(statement, symbols, diagnostics, sectionEnd(program, statement));
        for (const item of statement.items) if (item.kind === 'Rule') bindRuleName(item, symbols, diagnostics);
        break;
      case 'Rule':
        bindRuleName(statement, symbols, diagnostics);
        break;
      case 'DecisionRow':
        bindDecisionRow(statement, symbols, diagnostics);
        break;
      default:
        break;
    }
  }
  // A field may be declared after (or in another file than) the line that names its sources.
  bindFieldSources(sourceLines, symbols, diagnostics);
  // Fields are declared anywhere in the file, so clashes with sections are checked once all are known.
  for (const [name, section] of symbols.sections) {
    const field = symbols.fields.get(name);
    if (field) {
      diagnostics.push(
        diagnostic(
          d.nameClash,
          `the section \`${name}\` has the name of ${field.builtin ? 'the built-in' : 'a'} field \`${name}\`; conditions could not tell them apart`,
          section.name.range,
        ),
      );
    }
  }
  return symbols;
}

/** What tells the two format statements apart: `dates "MM/DD/YYYY"` and `numbers "1.234,56"`. */
interface FormatStatementKind<F extends string> {
  /** `dates`, `numbers`: as messages name what the format is for. */
  what: string;
  /** `date`, `number`: as in "not a date format". */
  noun: string;
  formats: readonly F[];
  read(text: string): F | undefined;
  /** The text as `suggest` compares it with the formats. */
  forSuggestion(text: string): string;
  /** Said after the formats when none is close: `write one of …` and this. */
  help: string;
  unknown: DiagnosticKind;
  conflicting: DiagnosticKind;
}

const dateStatement: FormatStatementKind<DateFormat> = {
  what: 'dates',
  noun: 'date',
  formats: dateFormats,
  read: dateFormatOf,
  forSuggestion: (text) => text.toUpperCase(),
  help: '; a time of day may follow the date in any of them',
  unknown: d.unknownDateFormat,
  conflicting: d.conflictingDateFormat,
};

const numberStatement: FormatStatementKind<NumberFormat> = {
  what: 'numbers',
  noun: 'number',
  formats: numberFormats,
  read: numberFormatOf,
  forSuggestion: (text) => text.trim(),
  help: ': the number 1234.56 as the CRM writes it',
  unknown: d.unknownNumberFormat,
  conflicting: d.conflictingNumberFormat,
};

/**
 * A `dates` or `numbers` statement: the format the policy reads, which is the first one stated; a
 * format leadscore does not read, or one that differs from the first, is reported.
 */
function bindFormat<F extends string, S extends ast.DatesStatement | ast.NumbersStatement>(
  statement: S,
  stated: { format: F; statement: S } | undefined,
  kind: FormatStatementKind<F>,
  diagnostics: Diagnostic[],
): { format: F; statement: S } | undefined {
  const format = kind.read(statement.format.value);
  if (!format) {
    const suggestions = suggest(kind.forSuggestion(statement.format.value), kind.formats).map((s) => JSON.stringify(s));
    diagnostics.push(
      diagnostic(kind.unknown, `${JSON.stringify(statement.format.value)} is not a ${kind.noun} format leadscore reads`, statement.format.range, {
        suggestions,
        help: didYouMean(suggestions) ?? `write one of ${oneOf(kind.formats.map((f) => `"${f}"`))}${kind.help}`,
      }),
    );
    return stated;
  }
  if (stated && stated.format !== format) {
    const where = stated.statement.range.file ? `in ${stated.statement.range.file}` : `on line ${stated.statement.range.start.line}`;
    diagnostics.push(diagnostic(kind.conflicting, `${kind.what} are already read as ${stated.format} (${where}); a policy reads one format`, statement.range));
    return stated;
  }
  return stated ?? { format, statement };
}

function bindList(statement: ast.ListDeclaration, symbols: Symbols, diagnostics: Diagnostic[]): void {
  const name = statement.name.name;
  const existing = symbols.lists.get(name);
  const type = listItemType(statement.items, diagnostics);
  if (existing) {
    diagnostics.push(diagnostic(d.duplicateList, `the list \`${name}\` is already declared on line ${existing.declaration.range.start.line}`, statement.name.range));
    return;
  }
  symbols.lists.set(name, { name, declaration: statement, type });
}

function isReservedName(name: string): boolean {
  return name === scoreName || (decisionNames as readonly string[]).includes(name);
}

function bindField(statement: ast.FieldDeclaration, typeIdentifier: ast.Identifier, symbols: Symbols, diagnostics: Diagnostic[]): void {
  const name = statement.name.name;
  const typeName = typeIdentifier.name;
  const type = fieldTypes.find((t) => t === typeName);
  if (!type) {
    const suggestions = suggest(typeName, fieldTypes);
    diagnostics.push(
      diagnostic(d.unknownFieldType, `\`${typeName}\` is not a field type; fields are ${oneOf(fieldTypes.map((t) => `\`${t}\``))}`, typeIdentifier.range, {
        suggestions,
        help: didYouMean(suggestions),
      }),
    );
  }
  const existing = symbols.fields.get(name);
  if (existing) {
    const message = existing.builtin
      ? `\`${name}\` is a built-in field and needs no declaration`
      : `the field \`${name}\` is already declared on line ${existing.declaration!.range.start.line}`;
    diagnostics.push(diagnostic(d.duplicateField, message, statement.name.range));
    return;
  }
  if (isReservedName(name)) {
    diagnostics.push(
      diagnostic(d.nameClash, `\`${name}\` is reserved for the ${name === scoreName ? 'total score' : `\`${name}\` decision`}; name the field differently`, statement.name.range),
    );
    return;
  }
  symbols.fields.set(name, { name, type: type ?? 'text', builtin: false, declaration: statement, sources: [] });
}

/**
 * Gives fields their source names, reporting a field nobody declares and a name that would feed
 * two fields (or that is another field's own name): a lead must never fill two fields from one value.
 */
function bindFieldSources(lines: readonly ast.FieldDeclaration[], symbols: Symbols, diagnostics: Diagnostic[]): void {
  const owner = new Map<string, string>([...symbols.fields.keys()].map((name) => [sourceKey(name), name]));
  for (const line of lines) {
    const name = line.name.name;
    const field = symbols.fields.get(name);
    if (!field) {
      const suggestions = suggest(name, [...symbols.fields.keys()]);
      diagnostics.push(
        diagnostic(d.sourceWithoutField, `no field \`${name}\` is declared or built in; declare it with \`field ${name}: TYPE from …\``, line.name.range, {
          suggestions,
          help: didYouMean(suggestions),
        }),
      );
      continue;
    }
    for (const source of line.sources) {
      const key = sourceKey(source.value);
      const taken = owner.get(key);
      if (taken !== undefined && taken !== name) {
        const what = symbols.fields.has(taken) && sourceKey(taken) === key ? `the name of the field \`${taken}\`` : `already a source of the field \`${taken}\``;
        diagnostics.push(diagnostic(d.duplicateSource, `${JSON.stringify(source.value)} is ${what}; one value cannot fill two fields`, source.range));
        continue;
      }
      owner.set(key, name);
      if (!field.sources.some((known) => sourceKey(known) === key)) field.sources.push(source.value);
    }
  }
}

function bindEventsColumn(statement: ast.EventsColumn, symbols: Symbols, diagnostics: Diagnostic[]): void {
  const column = eventColumnNames.find((name) => name === statement.column.name);
  if (!column) {
    const suggestions = suggest(statement.column.name, eventColumnNames);
    diagnostics.push(
      diagnostic(
        d.unknownEventsColumn,
        `events have no \`${statement.column.name}\`; they have ${eventColumnNames.map((name) => `\`${name}\``).join(', ')}`,
        statement.column.range,
        {
          suggestions,
          help: didYouMean(suggestions),
        },
      ),
    );
    return;
  }
  const sources = symbols.eventColumns.get(column) ?? [];
  for (const source of statement.sources) {
    const key = sourceKey(source.value);
    const other = [...symbols.eventColumns].find(([name, names]) => name !== column && (name === key || names.some((known) => sourceKey(known) === key)));
    if (other || (eventColumnNames as readonly string[]).some((name) => name !== column && name === key)) {
      diagnostics.push(
        diagnostic(
          d.duplicateSource,
          `${JSON.stringify(source.value)} already names the events' \`${other?.[0] ?? key}\`; one value cannot be two parts of an event`,
          source.range,
        ),
      );
      continue;
    }
    if (!sources.some((known) => sourceKey(known) === key)) sources.push(source.value);
  }
  symbols.eventColumns.set(column, sources);
}

function bindEvent(statement: ast.EventDeclaration, symbols: Symbols, diagnostics: Diagnostic[]): void {
  const verb = statement.verb.name.toLowerCase();
  const known = symbols.events.get(verb);
  // Naming the CRM's event types for a known event is not declaring it again.
  const mapsOnly = statement.sources.length > 0;
  bindEventSources(statement, symbols, diagnostics);
  if (statement.objects.length === 0) {
    if (known && !mapsOnly) diagnostics.push(diagnostic(d.duplicateEvent, `the event \`${verb}\` is already known`, statement.range));
    else if (!known) symbols.events.set(verb, new Set());
    return;
  }
  const objects = known ?? new Set<string>();
  symbols.events.set(verb, objects);
  for (const object of statement.objects) {
    const name = object.name.toLowerCase();
    if (objects.has(name) && !mapsOnly) diagnostics.push(diagnostic(d.duplicateEvent, `the event \`${verb} ${name}\` is already known`, object.range));
    objects.add(name);
  }
}

/** Where a section's text ends: where the next statement starts, or at the end of the policy. */
function sectionEnd(program: ast.Program, section: ast.Section): number {
  const next = program.statements[program.statements.indexOf(section) + 1];
  return next?.range.start.offset ?? program.range.end.offset;
}

function bindSection(section: ast.Section, symbols: Symbols, diagnostics: Diagnostic[], end: number): void {
  const name = section.name.name;
  const existing = symbols.sections.get(name);
  if (existing) {
    diagnostics.push(diagnostic(d.duplicateSection, `the section \`${name}\` is already open on line ${existing.range.start.line}; put its rules together`, section.name.range));
    return;
  }
  if (isReservedName(name)) {
    diagnostics.push(
      diagnostic(d.nameClash, `\`${name}\` is reserved for the ${name === scoreName ? 'total score' : `\`${name}\` decision`}; name the section differently`, section.name.range),
    );
    return;
  }
  symbols.sections.set(name, section);
  // A section whose rules all failed to parse is not empty: the syntax errors already say what is wrong.
  const start = section.range.start.offset;
  const broken = diagnostics.some((other) => other.severity === 'error' && other.range.start.offset > start && other.range.start.offset < end);
  if (!broken && !section.items.some((item) => item.kind === 'Rule')) {
    diagnostics.push(diagnostic(d.emptySection, `the section \`${name}\` has no rules, so it always scores 0`, section.name.range));
  }
}

/**
 * A rule's name says which rule a reason, an explanation or a policy test means, so it must be
 * unique in the policy and the files it imports; names differing only in case or surrounding
 * spaces are the same name.
 */
function bindRuleName(rule: ast.Rule, symbols: Symbols, diagnostics: Diagnostic[]): void {
  if (!rule.name) return;
  const key = normalizeText(rule.name.value);
  if (key === '') {
    diagnostics.push(diagnostic(d.emptyRuleName, 'a rule’s name cannot be empty', rule.name.range, { help: 'write a name in the quotes, or leave out `as ""`' }));
    return;
  }
  const twin = symbols.ruleNames.get(key);
  if (twin) {
    const where = twin.range.file !== undefined && twin.range.file !== rule.range.file ? `line ${twin.range.start.line} of ${twin.range.file}` : `line ${twin.range.start.line}`;
    diagnostics.push(diagnostic(d.duplicateRuleName, `the rule on ${where} is already named ${JSON.stringify(twin.name!.value)}; give each rule its own name`, rule.name.range));
    return;
  }
  symbols.ruleNames.set(key, rule);
}

function bindDecisionRow(row: ast.DecisionRow, symbols: Symbols, diagnostics: Diagnostic[]): void {
  const rows = symbols.decisions.get(row.decision)!;
  const label = row.label.value.trim().toLowerCase();
  const twin = rows.find((other) => other.label.value.trim().toLowerCase() === label);
  if (twin) {
    diagnostics.push(
      diagnostic(
        d.duplicateDecisionRow,
        `${row.decision} ${JSON.stringify(row.label.value)} already has a row on line ${twin.range.start.line}; join the conditions with \`or\``,
        row.label.range,
      ),
    );
  }
  rows.push(row);
}

/** `event VERB [OBJECT] from "CRM name", …`: each name means exactly one event. */
function bindEventSources(statement: ast.EventDeclaration, symbols: Symbols, diagnostics: Diagnostic[]): void {
  if (statement.sources.length === 0) return;
  if (statement.objects.length > 1) {
    diagnostics.push(
      diagnostic(
        d.sourceForManyEvents,
        `a CRM event name means one event; give each of ${statement.objects.map((object) => `\`${statement.verb.name} ${object.name}\``).join(', ')} its own line`,
        statement.sources[0]!.range,
      ),
    );
    return;
  }
  const verb = statement.verb.name.toLowerCase();
  const object = statement.objects[0]?.name.toLowerCase();
  const event = object === undefined ? verb : `${verb} ${object}`;
  for (const source of statement.sources) {
    const key = sourceKey(source.value);
    const other = symbols.eventSources.find((known) => sourceKey(known.name) === key);
    if (other) {
      const otherEvent = other.object === undefined ? other.verb : `${other.verb} ${other.object}`;
      if (otherEvent !== event)
        diagnostics.push(
          diagnostic(d.duplicateSource, `${JSON.stringify(source.value)} already means the event \`${otherEvent}\`; one CRM event cannot be two events`, source.range),
        );
      continue;
    }
    symbols.eventSources.push({ name: source.value, verb, ...(object !== undefined && { object }) });
  }
}
