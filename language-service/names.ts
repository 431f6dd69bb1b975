/**
 * Every place a policy names a list, a field or a section, resolved as the compiler resolves
 * names: a list after `in` or `any`, a field (else a section) where a value is read. The
 * ground for go to definition, find references and rename. Each name is known by its
 * declaration, so two files that import the same declaration agree on what they name.
 */
import type { Symbols } from '../compiler/index.js';
import type * as ast from '../language/index.js';
import type { Range as SourceRange } from '../language/index.js';

export type NameKind = 'list' | 'field' | 'section';

export interface NamedSymbol {
  kind: NameKind;
  name: string;
  /** `file@offset` of the declaration's name, or `builtin:NAME` for a built-in field. */
  key: string;
  /** Where it is declared; absent for a built-in field. */
  declaration?: { file: string; range: SourceRange };
}

export interface Occurrence {
  symbol: NamedSymbol;
  file: string;
  range: SourceRange;
  isDeclaration: boolean;
}

/** A declared name, known by where it is declared; `file` is the policy whose own statements carry no `range.file`. */
function declaredAt(kind: NameKind, identifier: ast.Identifier, file: string): NamedSymbol {
  const at = identifier.range.file ?? file;
  return { kind, name: identifier.name, key: `${at}@${identifier.range.start.offset}`, declaration: { file: at, range: identifier.range } };
}

/** The field called `name` in a policy, declared or built in. */
export function fieldSymbol(declared: Symbols, name: string, file: string): NamedSymbol | undefined {
  const field = declared.fields.get(name);
  if (!field) return undefined;
  return field.declaration ? declaredAt('field', field.declaration.name, file) : { kind: 'field', name: field.name, key: `builtin:${field.name}` };
}

export function sectionSymbol(declared: Symbols, name: string, file: string): NamedSymbol | undefined {
  const section = declared.sections.get(name);
  return section && declaredAt('section', section.name, file);
}

/** Every occurrence of a declared or built-in name in `program`, whose own statements are in `file`. */
export function occurrences(program: ast.Program, declared: Symbols, file: string): Occurrence[] {
  const found: Occurrence[] = [];
  const add = (symbol: NamedSymbol | undefined, identifier: ast.Identifier, isDeclaration = false) => {
    if (symbol) found.push({ symbol, file: identifier.range.file ?? file, range: identifier.range, isDeclaration });
  };
  const list = (identifier: ast.Identifier) => {
    const symbol = declared.lists.get(identifier.name);
    return symbol && declaredAt('list', symbol.declaration.name, file);
  };
  // Where a value is read, a field first, then a section: as the checker resolves names.
  const value = (identifier: ast.Identifier) => fieldSymbol(declared, identifier.name, file) ?? sectionSymbol(declared, identifier.name, file);
  const listOperand = (operand: ast.ListOperand | ast.StringLiteral) => {
    if (operand.kind === 'Identifier') add(list(operand), operand);
  };
  const condition = (node: ast.Condition): void => {
    switch (node.kind) {
      case 'Comparison':
        add(value(node.subject), node.subject);
        if (node.value.kind === 'Identifier') add(value(node.value), node.value);
        return;
      case 'Between':
      case 'Is':
      case 'DateCompare':
      case 'DateAgo':
        add(value(node.subject), node.subject);
        return;
      case 'InList':
        add(value(node.subject), node.subject);
        listOperand(node.list);
        return;
      case 'TextMatch':
        add(value(node.subject), node.subject);
        listOperand(node.value);
        return;
      case 'Group':
      case 'Quantified':
        condition(node.condition);
        return;
      case 'Not':
        condition(node.operand);
        return;
      case 'And':
      case 'Or':
        node.operands.forEach(condition);
        return;
      case 'EventPattern':
        // `created within 90 days` reads the date field `created`, as the checker reads it.
        if (declared.fields.get(node.verb.name)?.type === 'date' && !declared.events.has(node.verb.name.toLowerCase()) && !node.object && !node.glob) {
          add(value(node.verb), node.verb);
        }
        return;
      case 'NoActivity':
        return;
    }
  };
  for (const statement of program.statements) {
    switch (statement.kind) {
      case 'ListDeclaration':
        add(list(statement.name), statement.name, true);
        break;
      case 'FieldDeclaration': {
        const field = fieldSymbol(declared, statement.name.name, file);
        // `field title from "Job Title"` names the field's sources: a use of the field, not its declaration.
        add(field?.declaration && field, statement.name, statement.type !== undefined);
        break;
      }
      case 'Section': {
        add(sectionSymbol(declared, statement.name.name, file), statement.name, true);
        for (const item of statement.items) if (item.kind === 'Rule') condition(item.condition);
        break;
      }
      case 'Rule':
        condition(statement.condition);
        break;
      case 'DecisionRow':
        if (statement.condition) condition(statement.condition);
        break;
      default:
        break;
    }
  }
  return found;
}

/** The occurrence in `file` under a 0-based offset; one that ends at the offset counts (the cursor just after a name). */
export function occurrenceAt(all: readonly Occurrence[], file: string, offset: number): Occurrence | undefined {
  return all.find((occurrence) => occurrence.file === file && occurrence.range.start.offset <= offset && offset <= occurrence.range.end.offset);
}
