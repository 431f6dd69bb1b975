import type * as ast from '../../language/index.js';
import { diagnostic, type Diagnostic } from '../../language/index.js';
import { semanticDiagnostics as d } from '../diagnostics.js';
import { builtinEvents } from '../vocabulary.js';
import type { AnalysisInput } from './context.js';

/** The names the conditions of a policy use. */
interface Uses {
  names: Set<string>;
  lists: Set<string>;
  /** `verb` and `verb object`, lower-case. */
  events: Set<string>;
}

/**
 * LS5004: a `list`, `field` or `event` declared in the policy that no rule or
 * row uses. Declarations in imported files are left alone: a shared file
 * declares more than each policy that imports it needs.
 */
export function checkUnused({ program, ir }: AnalysisInput): Diagnostic[] {
  const uses: Uses = { names: new Set(), lists: new Set(), events: new Set() };
  // `created within 90 days` reads like an event pattern; the rule graph knows it reads the date field.
  for (const predicate of ir.predicates) if (predicate.op === 'date-within') uses.names.add(predicate.value.slice('field:'.length));
  for (const statement of program.statements) {
    if (statement.kind === 'Rule' || statement.kind === 'DecisionRow') collect(statement.condition, uses);
    if (statement.kind === 'Section') for (const item of statement.items) if (item.kind === 'Rule') collect(item.condition, uses);
  }
  const diagnostics: Diagnostic[] = [];
  const known = new Set([...builtinEvents].flatMap(([verb, objects]) => [verb, ...objects.map((object) => `${verb} ${object}`)]));
  for (const statement of program.statements) {
    const own = statement.range.file === undefined;
    switch (statement.kind) {
      case 'ListDeclaration':
        if (own && !uses.lists.has(statement.name.name)) {
          diagnostics.push(diagnostic(d.unusedDeclaration, `the list \`${statement.name.name}\` is declared but no rule or row uses it`, statement.name.range));
        }
        break;
      case 'FieldDeclaration':
        // `field NAME from …` only says where a field comes from: a mapping, not a declaration.
        if (own && statement.type && !uses.names.has(statement.name.name)) {
          diagnostics.push(diagnostic(d.unusedDeclaration, `the field \`${statement.name.name}\` is declared but no rule or row uses it`, statement.name.range));
        }
        break;
      case 'EventDeclaration': {
        const verb = statement.verb.name.toLowerCase();
        // Only what the declaration adds counts: an event already known is LS2014's.
        const added = statement.objects.length === 0 ? (known.has(verb) ? [] : [{ event: verb, range: statement.range }]) : [];
        for (const object of statement.objects) {
          const event = `${verb} ${object.name.toLowerCase()}`;
          if (!known.has(event)) added.push({ event, range: object.range });
        }
        known.add(verb);
        for (const { event } of added) known.add(event);
        if (!own) break;
        // A pattern naming the verb alone matches every object of it.
        for (const { event, range } of added) {
          if (!uses.events.has(event) && !uses.events.has(verb)) {
            diagnostics.push(diagnostic(d.unusedDeclaration, `the event \`${event}\` is declared but no rule or row uses it`, range));
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return diagnostics;
}

function collect(condition: ast.Condition | undefined, uses: Uses): void {
  if (!condition) return;
  switch (condition.kind) {
    case 'Group':
    case 'Quantified':
      collect(condition.condition, uses);
      return;
    case 'Not':
      collect(condition.operand, uses);
      return;
    case 'And':
    case 'Or':
      for (const operand of condition.operands) collect(operand, uses);
      return;
    case 'EventPattern':
      collectEvent(condition, uses);
      return;
    case 'NoActivity':
      collectEvent(condition.event, uses);
      return;
    case 'Comparison':
      uses.names.add(condition.subject.name);
      if (condition.value.kind === 'Identifier') uses.names.add(condition.value.name);
      return;
    case 'InList':
      uses.names.add(condition.subject.name);
      if (condition.list.kind === 'Identifier') uses.lists.add(condition.list.name);
      return;
    case 'TextMatch':
      uses.names.add(condition.subject.name);
      if (condition.value.kind === 'Identifier') uses.lists.add(condition.value.name);
      return;
    case 'DateCompare':
      // `visit after "x*"` is the event `visit after` when `visit` takes that object.
      uses.events.add(`${condition.subject.name.toLowerCase()} ${condition.operator}`);
      uses.names.add(condition.subject.name);
      return;
    case 'Between':
    case 'Is':
    case 'DateAgo':
      uses.names.add(condition.subject.name);
      return;
  }
}

function collectEvent(pattern: ast.EventPattern, uses: Uses): void {
  const verb = pattern.verb.name.toLowerCase();
  uses.events.add(pattern.object ? `${verb} ${pattern.object.name.toLowerCase()}` : verb);
}
