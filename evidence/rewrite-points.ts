/**
 * The policy with suggested points written into its own text: each rule's `add N` or
 * `subtract N`, and its `at most N`, replaced where they stand, then formatted as `fmt` would.
 * Everything else (comments, names, order) stays as written, so a diff shows only the proposal.
 */
import { formatPolicy, parse, type Rule, type Statement } from '../language/index.js';

export interface PointsChange {
  /** Where the rule starts in the policy's text (its range's offset in the rule graph). */
  offset: number;
  /** Signed points per firing. */
  points: number;
  cap?: number;
}

function rulesOf(statements: readonly Statement[]): Rule[] {
  return statements.flatMap((statement) =>
    statement.kind === 'Rule' ? [statement] : statement.kind === 'Section' ? statement.items.filter((item): item is Rule => item.kind === 'Rule') : [],
  );
}

const amount = (value: number) => String(Math.round(value * 100) / 100);

/** `source` with the changes made; a change whose rule is not found (it is in an imported file) is left out. */
export function rewritePoints(source: string, changes: readonly PointsChange[]): string {
  const rules = new Map(rulesOf(parse(source).program.statements).map((rule) => [rule.range.start.offset, rule]));
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const change of changes) {
    const rule = rules.get(change.offset);
    if (!rule || rule.effect.kind === 'blacklist') continue;
    edits.push({ start: rule.effect.range.start.offset, end: rule.effect.range.end.offset, text: `${change.points < 0 ? 'subtract' : 'add'} ${amount(Math.abs(change.points))}` });
    if (rule.atMost && change.cap !== undefined) edits.push({ start: rule.atMost.range.start.offset, end: rule.atMost.range.end.offset, text: amount(change.cap) });
  }
  let text = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return formatPolicy(text).text;
}
