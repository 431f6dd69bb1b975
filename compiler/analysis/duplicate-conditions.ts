import { diagnostic, type Diagnostic } from '../../language/index.js';
import { semanticDiagnostics as d } from '../diagnostics.js';
import type { AnalysisInput } from './context.js';

/**
 * LS5006: two rules of one section scoring the same condition. The rule graph
 * shares identical predicates, so the same `when` predicate twice in a
 * section is the same condition, however it was written (spacing, case of
 * text, parentheses). Rules outside sections and blacklists are left alone.
 */
export function checkDuplicateConditions({ ir, checked }: AnalysisInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const first = new Map<string, number>();
  ir.contributions.forEach((contribution, index) => {
    if (contribution.section === null || contribution.effect === 'blacklist') return;
    const key = `${contribution.section}\u0000${contribution.when}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return;
    }
    // Contributions are the checked rules, in order (`c0`, `c1`, …).
    const rule = checked.rules[index]!.rule;
    const line = checked.rules[earlier]!.rule.range.start.line;
    diagnostics.push(
      diagnostic(
        d.duplicateCondition,
        `the section \`${contribution.section}\` already scores this condition on line ${line}, so a lead that meets it gets both rules' points`,
        rule.condition.range,
        {
          help: 'merge the two rules into one, with the points added up',
        },
      ),
    );
  });
  return diagnostics;
}
