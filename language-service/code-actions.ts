/**
 * Quick fixes: a diagnostic's suggestions ("did you mean `industry`?", `subtract 5` for
 * `add -5`) as edits. The compiler says what would fix the problem; this only applies it, in
 * the range the compiler names (`replaces`, else the diagnostic's own).
 */
import type { Analysis } from './analysis.js';
import { toServiceDiagnostic } from './diagnostics.js';
import { intersects, toRange } from './positions.js';
import type { CodeAction, Range } from './types.js';

/** The fixes for the document's own diagnostics that touch `range` (a cursor or a selection). */
export function quickFixes(analysis: Analysis, range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of analysis.diagnostics) {
    if (diagnostic.range.file !== undefined || !diagnostic.suggestions) continue;
    const converted = toServiceDiagnostic(diagnostic);
    if (!intersects(converted.range, range)) continue;
    const replaced = diagnostic.replaces ?? diagnostic.range;
    diagnostic.suggestions.forEach((suggestion, index) => {
      actions.push({
        title: `Change to \`${suggestion}\``,
        kind: 'quickfix',
        diagnostic: converted,
        edit: { [analysis.file]: [{ range: toRange(replaced), newText: suggestion }] },
        preferred: index === 0,
      });
    });
  }
  return actions;
}
