/**
 * compiler/analysis: warnings about policies that compile but probably do not
 * do what their authors mean. Runs on a policy without errors, on the checked
 * rules and rows and on the rule graph; one module per check.
 */
import type { Diagnostic } from '../../language/index.js';
import { checkAlwaysFalse } from './always-false.js';
import type { AnalysisInput } from './context.js';
import { checkDuplicateConditions } from './duplicate-conditions.js';
import { checkImpliedRows } from './implied-rows.js';
import { checkSubstringTerms } from './substring-terms.js';
import { checkThresholds } from './thresholds.js';
import { checkUncappedEach } from './uncapped-each.js';
import { checkUnused } from './unused.js';

export type { AnalysisInput } from './context.js';
export { scoreRanges, type Bounds, type ScoreRanges } from './ranges.js';

/** Every analysis warning (LS5xxx) for a policy that compiled without errors. */
export function analyse(input: AnalysisInput): Diagnostic[] {
  return [
    ...checkImpliedRows(input),
    ...checkThresholds(input),
    ...checkAlwaysFalse(input),
    ...checkUnused(input),
    ...checkUncappedEach(input),
    ...checkDuplicateConditions(input),
    ...checkSubstringTerms(input),
  ];
}
