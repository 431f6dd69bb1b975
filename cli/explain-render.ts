// Renders a lead's explanation (policy.explain) as text for a person to read.
import { matchedText, type Explanation, type Policy, type RuleTrace } from '../runtime/index.js';
import { parseIsoTime, printable, round2 } from '../runtime/support.js';
import { withoutName } from './reasons-text.js';

export interface RenderExplanationOptions {
  /** Also list the rules that did not fire. */
  all?: boolean;
  /** The moment the lead was scored at, shown in the heading. */
  now: Date;
}

interface RawEvent {
  type?: unknown;
  object?: unknown;
  name?: unknown;
  at?: unknown;
}

/** `15`, `17.81`, `-10`: at most 2 decimals, no trailing zeros. */
export function formatPoints(points: number): string {
  return String(round2(points));
}

/** Signed, for a rule's contribution: `+15`, `-10`, `0`. */
function signed(points: number): string {
  const rounded = round2(points);
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function ageText(days: number): string {
  const rounded = round2(days);
  if (rounded === 0) return 'today';
  return `${rounded === Math.trunc(rounded) ? plural(rounded, 'day') : `${rounded} days`} ago`;
}

function eventText(event: RawEvent | undefined): { what: string; date: string } {
  if (!event) return { what: '(unknown event)', date: '' };
  const parts = [event.type, event.object].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  if (typeof event.name === 'string' && event.name !== '') parts.push(JSON.stringify(event.name));
  const at = typeof event.at === 'string' ? parseIsoTime(event.at) : Number.NaN;
  const date = Number.isNaN(at)
    ? String(event.at)
    : new Date(at)
        .toISOString()
        .replace('T', ' ')
        .replace(/:\d\d\.\d{3}Z$/, ' UTC');
  return { what: parts.join(' '), date };
}

/** Lines of a small table, columns padded; numeric columns (by index) aligned right. */
function columns(rows: string[][], right: ReadonlySet<number>, indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
  );
}

function ruleLines(trace: RuleTrace, policy: Policy, lead: Record<string, unknown>, halfLife: number | undefined): string[] {
  const contribution = policy.ir.contributions.find((c) => c.id === trace.id);
  const head = trace.effect === 'blacklist' ? (trace.fired ? 'blacklist' : '—') : trace.fired ? signed(trace.points) : '—';
  // A named rule is shown by its name, then its text without the name.
  const rule = trace.name === undefined ? `line ${trace.line}: ${trace.rule}` : `line ${trace.line} ${JSON.stringify(trace.name)}: ${withoutName(trace.rule)}`;
  const lines = [`  ${head.padStart(9)}  ${rule}${trace.fired ? '' : '   (did not fire)'}`];
  if (!trace.fired) return lines;
  if (trace.matched) lines.push(`             matched ${trace.matched.map(matchedText).join(', ')}`);
  const steps: string[] = [];
  const decays = contribution?.decay === true && halfLife !== undefined && trace.events.length > 0;
  if (decays || trace.capped) {
    steps.push(`${signed(trace.basePoints)} before decay`);
    if (decays) steps.push(`${signed(trace.decayedPoints)} after decay (half-life ${halfLife} days)`);
    if (trace.capped) steps.push(`${signed(trace.points)} after the cap (at most ${contribution?.cap ?? '?'})`);
    lines.push(`             ${steps.join(' → ')}`);
  }
  const events = (Array.isArray(lead['events']) ? lead['events'] : []) as RawEvent[];
  if (trace.events.length > 0) {
    const rows = trace.events.map((matched) => {
      const { what, date } = eventText(events[matched.index]);
      return [what, date, ageText(matched.ageDays), matched.points === undefined ? '' : signed(matched.points)];
    });
    lines.push(`             ${plural(trace.events.length, 'matching event')}:`);
    lines.push(...columns(rows, new Set([3]), '               '));
  }
  return lines;
}

/** The whole story of one lead's score, section by section, then the decisions. */
export function renderExplanation(explanation: Explanation, policy: Policy, lead: unknown, options: RenderExplanationOptions): string {
  const record = (typeof lead === 'object' && lead !== null ? lead : {}) as Record<string, unknown>;
  const out: string[] = [];
  const id = explanation.id === null ? '(no id)' : String(explanation.id);
  out.push(`Lead ${id}${policy.name === null ? '' : ` under "${policy.name}"`}, at ${options.now.toISOString()}`);
  const groups: Array<{ title: string; name: string | null; total: number; halfLife: number | undefined }> = policy.ir.sections.map((section) => ({
    title: section.name,
    name: section.name,
    total: explanation.dimensions[section.name] ?? 0,
    halfLife: section.decay?.halfLifeDays,
  }));
  const outside = explanation.rules.filter((rule) => rule.section === null);
  if (outside.length > 0) {
    const total = round2(outside.reduce((sum, rule) => sum + rule.points, 0));
    groups.push({ title: 'outside sections (added to the score directly)', name: null, total, halfLife: undefined });
  }
  for (const group of groups) {
    const rules = explanation.rules.filter((rule) => rule.section === group.name);
    const shown = rules.filter((rule) => rule.fired || options.all);
    const decay = group.halfLife === undefined ? '' : `   (decay: half-life ${group.halfLife} days)`;
    out.push('', `${group.title}: ${formatPoints(group.total)}${decay}`);
    if (shown.length === 0) out.push(`  no rule fired${rules.length > 0 && !options.all ? ` (${plural(rules.length, 'rule')}; --all lists them)` : ''}`);
    for (const rule of shown) out.push(...ruleLines(rule, policy, record, group.halfLife));
    const quiet = rules.length - shown.length;
    if (quiet > 0 && shown.length > 0) out.push(`  (${quiet} more ${quiet === 1 ? 'rule' : 'rules'} did not fire; --all lists them)`);
  }
  if (explanation.decisions.length > 0) {
    out.push('', 'decisions:');
    const rows = explanation.decisions.map((decision) => {
      const label = decision.label ?? '—';
      const why = decision.byBlacklist ? 'set by blacklist' : decision.row === null ? 'no row matched' : `row ${decision.row + 1}, line ${decision.line}`;
      return [decision.name, label, why];
    });
    out.push(...columns(rows, new Set(), '  '));
  }
  const parts = groups.map((group) => `${group.name ?? 'outside sections'} ${formatPoints(group.total)}`);
  out.push('', `score: ${formatPoints(explanation.score)}${parts.length > 1 ? ` = ${parts.join(' + ')}` : ''}`);
  if (explanation.blacklisted) out.push('blacklisted: yes (score and grade kept; stage Blacklisted, no route)');
  // Ids, labels and event names come from leads and policies: a terminal shows them, never obeys them.
  return printable(out.join('\n'), { keepLineBreaks: true }) + '\n';
}
