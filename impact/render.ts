import type { DecisionName, ImpactReport, LeadChange, RuleDelta, Transition } from './compare.js';
import { decisionNames } from './compare.js';
import type { RuleChange } from './rules.js';
import { controlCharacters, printable } from '../runtime/support.js';

/** What the report compares: the two policies' names (a file or `REV:path`), and when. */
export interface ImpactHeading {
  old: string;
  new: string;
  leads: string;
  now: Date;
}

const label = (value: string | null) => value ?? '—';
const signed = (value: number) => (value > 0 ? `+${value}` : String(value));
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function transitionText(t: Transition): string {
  return `${label(t.from)} → ${label(t.to)}: ${t.count}`;
}

function decisionChange(lead: LeadChange): string {
  const parts = decisionNames.filter((name) => lead.old[name] !== lead.new[name]).map((name) => `${name} ${label(lead.old[name])} → ${label(lead.new[name])}`);
  return parts.join(', ');
}

/** `line 8`, or for a named rule `line 8 "C-level title"`. */
const lineAndName = (rule: { line: number; name?: string }) => `line ${rule.line}${rule.name === undefined ? '' : ` ${JSON.stringify(rule.name)}`}`;

function ruleDeltaText(delta: RuleDelta, quote: (text: string) => string = (text) => text): string {
  const side = (s: RuleDelta['old']) => (s ? (s.points === 0 && s.fired ? 'fired' : signed(s.points)) : 'absent');
  const rule = delta.new ?? delta.old!;
  // A named rule goes by its name: its text is in the policy, and in the rules below when it changed.
  if (rule.name !== undefined) return `${lineAndName(rule)}: ${side(delta.old)} → ${side(delta.new)}`;
  const renamed = delta.old && delta.new && delta.old.rule !== delta.new.rule ? ` (was: ${quote(delta.old.rule)})` : '';
  return `line ${rule.line}: ${quote(rule.rule)}${renamed}: ${side(delta.old)} → ${side(delta.new)}`;
}

function ruleChangeText(change: RuleChange): string {
  const where = (section: string | null) => (section === null ? 'outside sections' : section);
  switch (change.kind) {
    case 'added':
      return `added    ${where(change.new.section)}, ${lineAndName(change.new)}: ${change.new.rule}`;
    case 'removed':
      return `removed  ${where(change.old.section)}, ${lineAndName(change.old)}: ${change.old.rule}`;
    case 'changed': {
      const name = change.new.name === undefined ? '' : ` ${JSON.stringify(change.new.name)}`;
      const lines = change.old.line === change.new.line ? `line ${change.old.line}${name}` : `line ${change.old.line} → ${change.new.line}${name}`;
      return `changed  ${where(change.new.section)}, ${lines}: ${change.old.rule}  ⇒  ${change.new.rule}${change.what.length > 0 ? ` (${change.what.join(', ')})` : ''}`;
    }
  }
}

function summary(report: ImpactReport): string {
  return `${plural(report.leads, 'lead')}: ${report.scored} scored under both, ${report.failed.length} could not be scored; ${report.changed.score} change score, ${report.changed.grade} grade, ${report.changed.stage} stage, ${report.changed.route} route`;
}

/** The report as plain text, for a terminal. */
export function renderImpactText(report: ImpactReport, heading: ImpactHeading): string {
  const out: string[] = [`Impact of ${heading.old} → ${heading.new} on ${heading.leads} (now ${heading.now.toISOString()})`, '', summary(report)];
  for (const name of decisionNames) {
    if (report.transitions[name].length === 0) continue;
    out.push('', `${name}:`, ...report.transitions[name].map((t) => `  ${transitionText(t)}`));
  }
  if (report.scoreChanges) {
    const { buckets, min, median, max } = report.scoreChanges;
    const width = Math.max(...buckets.map((b) => b.label.length));
    out.push('', 'score change (new − old):', ...buckets.map((b) => `  ${b.label.padEnd(width)}  ${b.count}`));
    out.push(`  min ${signed(min)}, median ${signed(median)}, max ${signed(max)}`);
  }
  if (report.top.length > 0) {
    out.push('', `largest changes (${report.top.length}):`);
    for (const lead of report.top) {
      const decisions = decisionChange(lead);
      out.push(
        `  ${label(lead.id === null ? null : String(lead.id))} (line ${lead.line}): ${lead.oldScore} → ${lead.newScore} (${signed(lead.change)})${decisions ? `; ${decisions}` : ''}`,
      );
      for (const delta of lead.rules) out.push(`      ${ruleDeltaText(delta)}`);
    }
  }
  out.push('', report.rules.length === 0 ? 'rules: none added, removed or changed' : 'rules:', ...report.rules.map((c) => `  ${ruleChangeText(c)}`));
  if (report.failed.length > 0) {
    out.push('', 'not scored:');
    for (const f of report.failed) {
      const why = f.old === f.new ? f.old : [f.old && `old: ${f.old}`, f.new && `new: ${f.new}`].filter(Boolean).join('; ');
      out.push(`  line ${f.line}${f.id === null ? '' : ` (${f.id})`}: ${why}`);
    }
  }
  // Ids and labels come from leads and policies: a terminal shows them, never obeys them.
  return printable(out.join('\n'), { keepLineBreaks: true }) + '\n';
}

/**
 * User-provided text (lead ids, labels, section names) as Markdown that shows it as it is, for a
 * pull-request comment: every ASCII punctuation character backslash-escaped, so no link, image,
 * emphasis, HTML or table cell border comes of it, and a zero-width space after `@` and `#`, so
 * no one is mentioned and no issue referenced. Line breaks and other control characters become spaces.
 */
export function markdownText(text: string): string {
  return text
    .replace(controlCharacters, ' ')
    .replace(/[!-/:-@[-`{-~]/g, '\\$&')
    .replace(/\\([@#])/g, '\\$1\u200b');
}

/** Text as a code span: nothing in it is Markdown; a backtick becomes `'`. */
function codeSpan(text: string): string {
  return '`' + text.replace(controlCharacters, ' ').replace(/`/g, "'") + '`';
}

/** A code span inside a table cell, where `|` must be escaped even there. */
export function code(text: string): string {
  return codeSpan(text).replace(/\|/g, '\\|');
}

const cell = markdownText;

function table(header: string[], align: Array<'l' | 'r'>, rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

/** The report in Markdown, fit to paste into a pull request. */
export function renderImpactMarkdown(report: ImpactReport, heading: ImpactHeading): string {
  const out: string[] = [
    `### Scoring impact: ${codeSpan(heading.old)} → ${codeSpan(heading.new)}`,
    '',
    `${plural(report.leads, 'lead')} from ${codeSpan(heading.leads)}, scored at ${heading.now.toISOString()}: ` +
      `**${report.changed.stage}** change stage, **${report.changed.route}** change route, **${report.changed.grade}** change grade, ` +
      `**${report.changed.score}** change score` +
      (report.failed.length > 0 ? `; **${report.failed.length}** could not be scored.` : '.'),
  ];
  const moves = decisionNames.flatMap((name: DecisionName) => report.transitions[name].map((t) => [name, cell(label(t.from)), cell(label(t.to)), String(t.count)]));
  out.push('', '#### Transitions', '');
  if (moves.length > 0) out.push(...table(['decision', 'from', 'to', 'leads'], ['l', 'l', 'l', 'r'], moves));
  else out.push('No lead changes grade, stage or route.');
  if (report.scoreChanges) {
    const { buckets, min, median, max } = report.scoreChanges;
    out.push(
      '',
      '#### Score changes (new − old)',
      '',
      ...table(
        ['change', 'leads'],
        ['l', 'r'],
        buckets.map((b) => [b.label, String(b.count)]),
      ),
    );
    out.push('', `min ${signed(min)} · median ${signed(median)} · max ${signed(max)}`);
  }
  if (report.top.length > 0) {
    out.push('', `#### Largest changes`, '');
    const rows = report.top.map((lead) => [
      cell(lead.id === null ? `line ${lead.line}` : String(lead.id)),
      String(lead.oldScore),
      String(lead.newScore),
      signed(lead.change),
      cell(decisionChange(lead) || '—'),
      lead.rules.map((delta) => ruleDeltaText(delta, code)).join('<br>') || '—',
    ]);
    out.push(...table(['lead', 'old', 'new', 'change', 'decisions', 'rules responsible'], ['l', 'r', 'r', 'r', 'l', 'l'], rows));
  }
  out.push('', '#### Rules', '');
  if (report.rules.length === 0) out.push('No rule added, removed or changed.');
  else {
    const rows = report.rules.map((change) => {
      const section = (change.kind === 'added' ? change.new : change.old).section ?? '(outside sections)';
      const old = change.kind === 'added' ? '' : `${change.old.line}: ${code(change.old.rule)}`;
      const now = change.kind === 'removed' ? '' : `${change.new.line}: ${code(change.new.rule)}`;
      return [change.kind, cell(section), old, now, change.kind === 'changed' ? cell(change.what.join(', ')) : ''];
    });
    out.push(...table(['change', 'section', 'old (line: rule)', 'new (line: rule)', 'what'], ['l', 'l', 'l', 'l', 'l'], rows));
  }
  if (report.failed.length > 0) {
    out.push('', '#### Leads not scored', '');
    const rows = report.failed.map((f) => [String(f.line), cell(f.id === null ? '—' : String(f.id)), cell(f.old ?? 'scored'), cell(f.new ?? 'scored')]);
    out.push(...table(['line', 'id', 'old policy', 'new policy'], ['r', 'l', 'l', 'l'], rows));
  }
  return out.join('\n') + '\n';
}
