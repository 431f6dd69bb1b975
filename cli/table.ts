import type { Policy } from '../runtime/index.js';
import { printable } from '../runtime/support.js';
import type { LineOutcome } from './score-lead.js';

function pad(text: string, width: number, right: boolean): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function formatPoints(points: number): string {
  return points.toFixed(2).replace(/\.00$/, '');
}

/** Leads ranked by score, highest first, then any lines that failed. */
export function renderTable(outcomes: LineOutcome[], policy: Policy): string {
  const sections = policy.ir.sections.map((section) => section.name);
  const header = ['#', 'id', 'score', ...sections, 'grade', 'stage', 'route'];
  const numeric = new Set(['#', 'score', ...sections]);
  const results = outcomes.flatMap((outcome) => ('result' in outcome ? [outcome.result] : []));
  results.sort((a, b) => b.score - a.score);
  const rows = results.map((result, index) => [
    String(index + 1),
    result.id === null ? '—' : printable(String(result.id)),
    formatPoints(result.score),
    ...sections.map((name) => formatPoints(result.dimensions[name] ?? 0)),
    printable(result.grade ?? '—'),
    printable(result.stage ?? '—'),
    printable(result.route ?? '—'),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column]!, numeric.has(header[column]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const failures = outcomes.flatMap((outcome) => ('error' in outcome ? [outcome.error] : []));
  if (failures.length > 0) {
    out.push('', 'Not scored:');
    for (const failure of failures) out.push(printable(`  line ${failure.line}${failure.id === null ? '' : ` (${failure.id})`}: ${failure.error}`));
  }
  return out.join('\n') + '\n';
}
