import { diagnostic, type Diagnostic } from '../../language/index.js';
import type { Bound } from '../checker.js';
import { semanticDiagnostics as d } from '../diagnostics.js';
import { conditionKey, conjuncts, valueName, type AnalysisInput } from './context.js';
import { contains, everything, intersect, intervalOf, isEmpty, type Interval } from './intervals.js';

/**
 * LS5003: an `and` that no lead can meet, because its parts ask one value for
 * things that exclude each other: `employees > 100 and employees < 50`,
 * `country = "DE" and country = "FR"`, `x is missing and x > 5`, or a
 * condition and its `not`. Reported on the `and`, in rules and rows.
 */
export function checkAlwaysFalse({ checked }: AnalysisInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  /** `outcome` says what follows when `bound` is the whole condition; inside `or` and `not` only the part is false. */
  const visit = (bound: Bound, outcome: string): void => {
    if (bound.kind === 'not') return visit(bound.operand, 'this part never holds');
    if (bound.kind === 'or') return bound.operands.forEach((operand) => visit(operand, 'this part never holds'));
    if (bound.kind !== 'and') return;
    const parts = conjuncts(bound);
    const value = contradiction(parts);
    if (value !== undefined) {
      const why = value === null ? 'it asks for a condition and its `not`' : `its tests of \`${valueName(value)}\` exclude each other`;
      diagnostics.push(diagnostic(d.alwaysFalse, `this condition is always false: ${why}, so ${outcome}`, bound.range));
      return;
    }
    for (const part of parts) visit(part, 'this part never holds');
  };
  for (const { condition } of checked.rules) visit(condition, 'the rule never scores');
  for (const { rows } of checked.decisions.values()) {
    for (const row of rows) if (row.condition) visit(row.condition, 'the row never matches');
  }
  return diagnostics;
}

/** What the parts of an `and` ask of one value. */
interface Facts {
  missing: boolean;
  /** Any test other than `is missing`, all of which are false on a missing value. */
  present: boolean;
  interval: Interval;
  /** The only values allowed (`=`, `in`), when some part says so. */
  allowed?: Array<string | number>;
  excluded: Set<string | number>;
  booleans: Set<'true' | 'false'>;
}

/**
 * The value whose tests exclude each other, null when a part and its `not`
 * both appear, undefined when the parts can all be true (as far as this can tell).
 */
function contradiction(parts: Bound[]): string | null | undefined {
  const keys = new Set(parts.map(conditionKey));
  if (parts.some((part) => part.kind === 'not' && keys.has(conditionKey(part.operand)))) return null;
  const byValue = new Map<string, Facts>();
  for (const part of parts) {
    if (!('value' in part) || part.kind === 'compare-values') continue;
    let facts = byValue.get(part.value);
    if (!facts) {
      facts = { missing: false, present: false, interval: everything, excluded: new Set(), booleans: new Set() };
      byValue.set(part.value, facts);
    }
    learn(facts, part);
  }
  for (const [value, facts] of byValue) if (impossible(facts)) return value;
  return undefined;
}

function learn(facts: Facts, part: Bound): void {
  if (part.kind === 'is' && part.test === 'missing') {
    facts.missing = true;
    return;
  }
  facts.present = true;
  const interval = intervalOf(part);
  if (interval) facts.interval = intersect(facts.interval, interval);
  switch (part.kind) {
    case 'compare':
      if (part.operator === '=') restrict(facts, [part.operand]);
      else if (part.operator === '!=') facts.excluded.add(part.operand);
      break;
    case 'in':
      if (part.negated) part.list.values.forEach((value) => facts.excluded.add(value));
      else restrict(facts, part.list.values);
      break;
    case 'is':
      if (part.test === 'true' || part.test === 'false') facts.booleans.add(part.test);
      break;
    default:
      break;
  }
}

function restrict(facts: Facts, values: ReadonlyArray<string | number>): void {
  facts.allowed = facts.allowed ? facts.allowed.filter((value) => values.includes(value)) : [...values];
}

function impossible(facts: Facts): boolean {
  if (facts.missing && facts.present) return true;
  if (facts.booleans.size > 1) return true;
  if (isEmpty(facts.interval)) return true;
  if (!facts.allowed) return false;
  return !facts.allowed.some((value) => !facts.excluded.has(value) && (typeof value !== 'number' || contains(facts.interval, value)));
}
