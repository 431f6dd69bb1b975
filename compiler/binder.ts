import type * as ast from '../language/index.js';
import { diagnostic, type Diagnostic } from '../language/index.js';
import { semanticDiagnostics as d } from './diagnostics.js';
import { didYouMean, suggest } from './suggest.js';
import { builtinEvents, builtinFields, decisionNames, fieldTypes, scoreName, type FieldType } from './vocabulary.js';

export interface FieldSymbol {
  name: string;
  type: FieldType;
  builtin: boolean;
  declaration?: ast.FieldDeclaration;
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
}

/** The type of a list's items, reporting a list that mixes strings and numbers. */
export function listItemType(list: ast.ListLiteral, diagnostics: Diagnostic[]): 'text' | 'number' | undefined {
  const first = list.items[0];
  if (!first) return undefined;
  const mismatch = list.items.find((item) => item.kind !== first.kind);
  if (mismatch) {
    diagnostics.push(
      diagnostic(d.listType, `this list mixes strings and numbers: \`${mismatch.kind === 'String' ? JSON.stringify(mismatch.value) : mismatch.raw}\` is not a ${first.kind === 'String' ? 'string' : 'number'} like the first entry`, mismatch.range),
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
    fields: new Map([...builtinFields].map(([name, type]) => [name, { name, type, builtin: true }])),
    lists: new Map(),
    events: new Map([...builtinEvents].map(([verb, objects]) => [verb, new Set(objects)])),
    sections: new Map(),
    decisions: new Map(decisionNames.map((name) => [name, []])),
  };
  let header: ast.PolicyHeader | undefined;

  for (const statement of program.statements) {
    switch (statement.kind) {
      case 'PolicyHeader':
        if (header) {
          diagnostics.push(diagnostic(d.duplicatePolicyHeader, `the policy is already named ${JSON.stringify(header.name.value)} on line ${header.range.start.line}`, statement.range));
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
        bindField(statement, symbols, diagnostics);
        break;
      case 'EventDeclaration':
        bindEvent(statement, symbols, diagnostics);
        break;
      case 'Section':
        bindSection(statement, symbols, diagnostics, sectionEnd(program, statement));
        break;
      case 'DecisionRow':
        bindDecisionRow(statement, symbols, diagnostics);
        break;
      default:
        break;
    }
  }
  // Fields are declared anywhere in the file, so clashes with sections are checked once all are known.
  for (const [name, section] of symbols.sections) {
    const field = symbols.fields.get(name);
    if (field) {
      diagnostics.push(
        diagnostic(d.nameClash, `the section \`${name}\` has the name of ${field.builtin ? 'the built-in' : 'a'} field \`${name}\`; conditions could not tell them apart`, section.name.range),
      );
    }
  }
  return symbols;
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

function bindField(statement: ast.FieldDeclaration, symbols: Symbols, diagnostics: Diagnostic[]): void {
  const name = statement.name.name;
  const typeName = statement.type.name;
  const type = fieldTypes.find((t) => t === typeName);
  if (!type) {
    const suggestions = suggest(typeName, fieldTypes);
    diagnostics.push(
      diagnostic(d.unknownFieldType, `\`${typeName}\` is not a field type; fields are \`text\`, \`number\` or \`boolean\``, statement.type.range, {
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
    diagnostics.push(diagnostic(d.nameClash, `\`${name}\` is reserved for the ${name === scoreName ? 'total score' : `\`${name}\` decision`}; name the field differently`, statement.name.range));
    return;
  }
  symbols.fields.set(name, { name, type: type ?? 'text', builtin: false, declaration: statement });
}

function bindEvent(statement: ast.EventDeclaration, symbols: Symbols, diagnostics: Diagnostic[]): void {
  const verb = statement.verb.name.toLowerCase();
  const known = symbols.events.get(verb);
  if (statement.objects.length === 0) {
    if (known) diagnostics.push(diagnostic(d.duplicateEvent, `the event \`${verb}\` is already known`, statement.range));
    else symbols.events.set(verb, new Set());
    return;
  }
  const objects = known ?? new Set<string>();
  symbols.events.set(verb, objects);
  for (const object of statement.objects) {
    const name = object.name.toLowerCase();
    if (objects.has(name)) diagnostics.push(diagnostic(d.duplicateEvent, `the event \`${verb} ${name}\` is already known`, object.range));
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
    diagnostics.push(
      diagnostic(d.duplicateSection, `the section \`${name}\` is already open on line ${existing.range.start.line}; put its rules together`, section.name.range),
    );
    return;
  }
  if (isReservedName(name)) {
    diagnostics.push(diagnostic(d.nameClash, `\`${name}\` is reserved for the ${name === scoreName ? 'total score' : `\`${name}\` decision`}; name the section differently`, section.name.range));
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

function bindDecisionRow(row: ast.DecisionRow, symbols: Symbols, diagnostics: Diagnostic[]): void {
  const rows = symbols.decisions.get(row.decision)!;
  const label = row.label.value.trim().toLowerCase();
  const twin = rows.find((other) => other.label.value.trim().toLowerCase() === label);
  if (twin) {
    diagnostics.push(
      diagnostic(d.duplicateDecisionRow, `${row.decision} ${JSON.stringify(row.label.value)} already has a row on line ${twin.range.start.line}; join the conditions with \`or\``, row.label.range),
    );
  }
  rows.push(row);
}
