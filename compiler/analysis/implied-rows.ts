import { diagnostic, type Diagnostic } from '../../language/index.js';
import type { Bound } from '../checker.js';
import { semanticDiagnostics as d } from '../diagnostics.js';
import { conditionKey, type AnalysisInput } from './context.js';
import { intervalOf, within } from './intervals.js';

/**
 * LS5001: a decision row that never matches because an earlier row of the
 * same decision matches every lead it would (`grade "B" when fit >= 25` after
 * `grade "A" when fit >= 20`). Rows after `otherwise` are LS4005's.
 */
export function checkImpliedRows({ checked }: AnalysisInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, { rows }] of checked.decisions) {
    for (let j = 0; j < rows.length; j++) {
      const later = rows[j]!;
      if (!later.condition) break; // `otherwise`: the rows after it are reported as LS4005
      for (const earlier of rows.slice(0, j)) {
        if (!earlier.condition || !implies(later.condition, earlier.condition)) continue;
        diagnostics.push(
          diagnostic(
            d.impliedRow,
            `this ${name} row can never match: every lead it matches already gets ${name} ${JSON.stringify(earlier.row.label.value)} from line ${earlier.row.range.start.line}`,
            later.row.range,
            { help: 'rows are tried from the top; put the narrower row first' },
          ),
        );
        break;
      }
    }
  }
  return diagnostics;
}

/**
 * Whether every lead that meets `a` also meets `b`. Sound, not complete: true
 * only when sure (identical conditions, numeric thresholds on the same value,
 * lists, event counts and windows), false when unsure.
 */
export function implies(a: Bound, b: Bound): boolean {
  if (conditionKey(a) === conditionKey(b)) return true;
  if (b.kind === 'and') return b.operands.every((operand) => implies(a, operand));
  if (a.kind === 'or') return a.operands.every((operand) => implies(operand, b));
  if (a.kind === 'and' && a.operands.some((operand) => implies(operand, b))) return true;
  if (b.kind === 'or') return b.operands.some((operand) => implies(a, operand));
  return atomImplies(a, b);
}

function atomImplies(a: Bound, b: Bound): boolean {
  const inner = intervalOf(a);
  const outer = intervalOf(b);
  if (inner && outer) return 'value' in a && 'value' in b && a.value === b.value && within(inner, outer);
  if (b.kind === 'in' && !b.negated && 'value' in a && a.value === b.value) {
    // `x = "a"` and `x in [..]` with "a" in it; `x in L1` with L1 inside L2.
    if (a.kind === 'compare' && a.operator === '=') return b.list.values.includes(a.operand);
    if (a.kind === 'in' && !a.negated) return a.list.values.every((value) => b.list.values.includes(value));
  }
  if (a.kind === 'event' && b.kind === 'event') {
    // More events in a narrower window of the same kind: `visit page 3 times within 7 days` ⇒ `visit page`.
    const sameKind = b.match === undefined || JSON.stringify(a.match) === JSON.stringify(b.match);
    const narrower = b.withinDays === undefined || (a.withinDays !== undefined && a.withinDays <= b.withinDays);
    return sameKind && narrower && a.atLeast >= b.atLeast;
  }
  return false;
}
