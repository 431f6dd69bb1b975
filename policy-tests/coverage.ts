import type { Explanation, PolicyIr } from '../runtime/index.js';

export interface Uncovered {
  /** The imported file it is in; absent for the policy itself. */
  file?: string;
  line: number;
  /** The rule or row as written. */
  text: string;
}

/** Which rules fired and which decision rows matched in at least one test; exact counts. */
export interface Coverage {
  rules: { total: number; exercised: number; notExercised: Uncovered[] };
  rows: { total: number; exercised: number; notExercised: Uncovered[] };
}

/**
 * A rule is exercised when it fired in at least one test; a decision row when it
 * was the matching row in at least one test. `lineText` gives a policy line as
 * written, to show rows (the rule graph keeps only their labels).
 */
export function coverage(ir: PolicyIr, explanations: readonly Explanation[], lineText?: (line: number) => string): Coverage {
  const fired = new Set<string>();
  const matched = new Set<string>();
  for (const explanation of explanations) {
    for (const rule of explanation.rules) if (rule.fired) fired.add(rule.id);
    for (const decision of explanation.decisions) if (decision.row !== null) matched.add(`${decision.name}#${decision.row}`);
  }
  const rulesNotExercised = ir.contributions
    .filter((rule) => !fired.has(rule.id))
    .map((rule) => ({ ...(rule.range.file === undefined ? {} : { file: rule.range.file }), line: rule.range.start.line, text: rule.text }));
  const rows = ir.decisions.flatMap((decision) =>
    decision.rows.map((row, index) => ({
      key: `${decision.name}#${index}`,
      file: row.range.file,
      line: row.range.start.line,
      text:
        (row.range.file === undefined ? lineText?.(row.range.start.line).trim() : undefined) ||
        `${decision.name} ${JSON.stringify(row.label)}${row.when === null ? ' otherwise' : ''}`,
    })),
  );
  const rowsNotExercised = rows.filter((row) => !matched.has(row.key)).map(({ file, line, text }) => ({ ...(file === undefined ? {} : { file }), line, text }));
  return {
    rules: { total: ir.contributions.length, exercised: ir.contributions.length - rulesNotExercised.length, notExercised: rulesNotExercised },
    rows: { total: rows.length, exercised: rows.length - rowsNotExercised.length, notExercised: rowsNotExercised },
  };
}
