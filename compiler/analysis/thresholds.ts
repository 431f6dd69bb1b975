import { diagnostic, type Diagnostic } from '../../language/index.js';
import type { Bound } from '../checker.js';
import { semanticDiagnostics as d } from '../diagnostics.js';
import { formatNumber, valueName, type AnalysisInput } from './context.js';
import { scoreRanges, type Bounds } from './ranges.js';

/**
 * LS5002: a decision row compares a section or the score with a number no
 * lead can reach, given the range the rules can produce (`fit >= 60` when the
 * rules of `fit` give at most 50).
 */
export function checkThresholds({ ir, checked }: AnalysisInput): Diagnostic[] {
  const ranges = scoreRanges(ir);
  const totals = new Map<string, Bounds>([['score', ranges.score], ...ranges.sections.map((s): [string, Bounds] => [`section:${s.name}`, s])]);
  const diagnostics: Diagnostic[] = [];
  const visit = (bound: Bound): void => {
    switch (bound.kind) {
      case 'not':
        visit(bound.operand);
        return;
      case 'and':
      case 'or':
        bound.operands.forEach(visit);
        return;
      case 'compare':
      case 'between': {
        const range = totals.get(bound.value);
        if (!range) return;
        const problem = unreachable(bound, range);
        if (problem) diagnostics.push(diagnostic(d.unreachableThreshold, problem, bound.range, { help: explainRange(bound.value, range) }));
        return;
      }
      default:
        return;
    }
  };
  for (const { rows } of checked.decisions.values()) {
    for (const row of rows) if (row.condition) visit(row.condition);
  }
  return diagnostics;
}

/** Why a comparison of a total with `range` can never hold, or undefined when it can. */
function unreachable(bound: Bound & { kind: 'compare' | 'between' }, { min, max }: Bounds): string | undefined {
  const name = valueName(bound.value);
  const atMost = `\`${name}\` is at most ${formatNumber(max)}`;
  const atLeast = `\`${name}\` is at least ${formatNumber(min)}`;
  if (bound.kind === 'between') {
    const written = `\`${name} between ${formatNumber(bound.low)} and ${formatNumber(bound.high)}\``;
    if (bound.low > max) return `${atMost}, so ${written} is never true`;
    if (bound.high < min) return `${atLeast}, so ${written} is never true`;
    return undefined;
  }
  if (typeof bound.operand !== 'number') return undefined;
  const t = bound.operand;
  const written = `\`${name} ${bound.operator} ${formatNumber(t)}\``;
  switch (bound.operator) {
    case '>=':
      return t > max ? `${atMost}, so ${written} is never true` : undefined;
    case '>':
      return t >= max ? `${atMost}, so ${written} is never true` : undefined;
    case '<=':
      return t < min ? `${atLeast}, so ${written} is never true` : undefined;
    case '<':
      return t <= min ? `${atLeast}, so ${written} is never true` : undefined;
    case '=':
      if (t > max) return `${atMost}, so ${written} is never true`;
      if (t < min) return `${atLeast}, so ${written} is never true`;
      return undefined;
    case '!=':
      return undefined;
  }
}

function explainRange(ref: string, { min, max }: Bounds): string {
  const what = ref === 'score' ? 'the score' : `the rules of \`${valueName(ref)}\``;
  return `${what} give between ${formatNumber(min)} and ${formatNumber(max)} points (caps and decay considered); \`leadscore check --ranges\` shows every range`;
}
