import type { Program } from '../../language/index.js';
import type { PolicyIr } from '../../runtime/rule-graph.js';
import type { Symbols } from '../binder.js';
import type { Bound, CheckResult } from '../checker.js';

/** What every check may read: the policy as written, its symbols, the checked rules and rows, and the rule graph. */
export interface AnalysisInput {
  program: Program;
  symbols: Symbols;
  checked: CheckResult;
  ir: PolicyIr;
}

/** The name a value reference stands for in the policy: `field:employees` → `employees`, `score` → `score`. */
export function valueName(ref: string): string {
  const colon = ref.indexOf(':');
  return colon < 0 ? ref : ref.slice(colon + 1);
}

/** A number as a policy would write it: `50`, `-15`, `12.5`. */
export function formatNumber(value: number): string {
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  return String(value);
}

/** A key equal for conditions that test the same thing, wherever they are written (ranges and list names ignored). */
export function conditionKey(bound: Bound): string {
  return JSON.stringify(shape(bound));
}

function shape(bound: Bound): unknown {
  switch (bound.kind) {
    case 'not':
      return ['not', shape(bound.operand)];
    case 'and':
    case 'or':
      return [bound.kind, bound.operands.map(shape)];
    case 'in':
      return ['in', bound.value, bound.negated, bound.list.type, bound.list.values];
    case 'text':
      return ['text', bound.value, bound.match, bound.word, bound.list.values];
    default: {
      const { range: _range, ...rest } = bound;
      return rest;
    }
  }
}

/** The operands of an `and`, nested `and`s flattened: `a and (b and c)` → a, b, c. */
export function conjuncts(bound: Bound): Bound[] {
  if (bound.kind !== 'and') return [bound];
  return bound.operands.flatMap(conjuncts);
}
