import { diagnostic, type Diagnostic } from '../../language/index.js';
import { semanticDiagnostics as d } from '../diagnostics.js';
import type { AnalysisInput } from './context.js';

/**
 * LS5005: a rule that scores `each` matching event with neither `at most` nor
 * decay in its section: every repeat of a cheap action counts in full,
 * forever, and inflates the score (or deflates it, with `subtract`).
 */
export function checkUncappedEach({ checked }: AnalysisInput): Diagnostic[] {
  const decaying = new Set(checked.sections.filter((section) => section.decay).map((section) => section.section.name.name));
  const diagnostics: Diagnostic[] = [];
  for (const { rule, section } of checked.rules) {
    if (!rule.each || rule.atMost || rule.effect.kind === 'blacklist') continue;
    if (section !== null && decaying.has(section)) continue;
    const grows = rule.effect.kind === 'add' ? 'grow' : 'fall';
    diagnostics.push(
      diagnostic(d.uncappedEach, `\`each\` without \`at most\` or decay: every matching event counts in full, forever, so this rule's points ${grows} without limit`, rule.each, {
        help: section === null ? 'add a cap such as `at most 30`' : `add a cap such as \`at most 30\`, or \`decay half-life 60 days\` to the section \`${section}\``,
      }),
    );
  }
  return diagnostics;
}
