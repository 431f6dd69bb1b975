/**
 * A backtest as people read it: plain text for a terminal, Markdown for a pull request. Both come
 * from the same tables; what a policy or its leads name (labels, ids) is escaped for each.
 */
import type { BacktestComparison, BacktestReport, LabelFigures, Rate, Unmatched } from './backtest.js';
import type { Interval } from './statistics.js';

/** What the report is about, and what was read to make it. */
export interface BacktestHeading {
  policy: string;
  now: string;
  /** Leads that could not be read or scored, each with its place and reason. */
  unreadableLeads: Array<{ line: number; error: string }>;
  /** Rows of the outcomes that could not be used. */
  outcomeProblems: Array<{ row: number; error: string }>;
  /** `line` or `row`: how the leads' and the outcomes' places are named. */
  leadUnit: string;
  outcomeUnit: string;
  /** Events dated after `now`: ignored, as when scoring. */
  eventsAfterNow: { events: number; leads: number };
}

export interface Table {
  title: string;
  header: string[];
  /** Columns that hold numbers, aligned right. */
  numeric: number[];
  rows: string[][];
}

type Escape = (text: string) => string;

/** How user-provided text is shown: `text` for labels and ids, `name` for a policy's file or revision. */
export interface Escapes {
  text: Escape;
  name: Escape;
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const count = (value: number) => value.toLocaleString('en-US');
const auc = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(3));
const range = (interval: Interval | null, format: (value: number) => string) => (interval === null ? '—' : `${format(interval.low)}–${format(interval.high)}`);
const rateText = (rate: Rate) => `${count(rate.count)} of ${count(rate.of)} (${percent(rate.rate)}, 95%: ${range(rate.interval, percent)})`;
const points = (value: number) => value.toFixed(2).replace(/\.?0+$/, '');

function decileTable(report: BacktestReport): Table {
  return {
    title: 'Conversion by score decile (1: the highest scores)',
    header: ['decile', 'leads', 'scores', 'converted', 'rate', '95%', 'cumulative gain', 'lift'],
    numeric: [0, 1, 3, 4, 6, 7],
    rows: report.deciles.map((decile) => [
      String(decile.decile),
      count(decile.leads),
      decile.lowestScore === decile.highestScore ? points(decile.lowestScore) : `${points(decile.lowestScore)}–${points(decile.highestScore)}`,
      count(decile.conversion.count),
      percent(decile.conversion.rate),
      range(decile.conversion.interval, percent),
      percent(decile.cumulativeGain),
      decile.lift === null ? '—' : decile.lift.toFixed(2),
    ]),
  };
}

function labelTable(name: string, figures: LabelFigures[], escape: Escape): Table {
  return {
    title: `Conversion by ${name}`,
    header: [name, 'leads', 'converted', 'rate (precision)', '95%', 'share of all converted (recall)'],
    numeric: [1, 2, 3, 5],
    rows: figures.map((figure) => [
      figure.label === null ? `(no ${name})` : escape(figure.label),
      count(figure.leads),
      count(figure.conversion.count),
      percent(figure.conversion.rate),
      range(figure.conversion.interval, percent),
      percent(figure.recall.rate),
    ]),
  };
}

function summaryLines(report: BacktestReport): string[] {
  return [
    `${count(report.leads)} leads with an outcome; converted: ${rateText(report.conversion)}`,
    `AUC of the score: ${auc(report.auc)} (95%: ${range(report.aucInterval, auc)})`,
    ...report.sections.map((section) => `AUC of ${section.name}: ${auc(section.auc)} (95%: ${range(section.interval, auc)})`),
  ];
}

function unmatchedText(unmatched: Unmatched, what: string, escape: Escape): string | undefined {
  if (unmatched.count === 0) return undefined;
  const more = unmatched.count > unmatched.ids.length ? `, and ${count(unmatched.count - unmatched.ids.length)} more` : '';
  return `${count(unmatched.count)} ${what}: ${unmatched.ids.map((id) => escape(id)).join(', ')}${more}`;
}

/** What was left out and why: every lead and outcome is accounted for. */
function accountLines(report: BacktestReport, heading: BacktestHeading, escape: Escape): string[] {
  const lines = [
    heading.eventsAfterNow.events > 0
      ? `${count(heading.eventsAfterNow.events)} events dated after ${heading.now} (in ${count(heading.eventsAfterNow.leads)} leads) were ignored, as scoring at that time ignores them`
      : undefined,
    unmatchedText(report.leadsWithoutOutcome, 'leads without an outcome, left out', escape),
    unmatchedText(report.outcomesWithoutLead, 'outcomes whose lead is not among the leads, left out', escape),
    unmatchedText(report.repeatedLeads, 'leads whose id an earlier lead has, left out', escape),
    ...heading.unreadableLeads.slice(0, 20).map((problem) => `lead at ${heading.leadUnit} ${problem.line} left out: ${escape(problem.error)}`),
    heading.unreadableLeads.length > 20 ? `and ${count(heading.unreadableLeads.length - 20)} more leads that could not be read or scored` : undefined,
    ...heading.outcomeProblems.slice(0, 20).map((problem) => `outcome at ${heading.outcomeUnit} ${problem.row} left out: ${escape(problem.error)}`),
    heading.outcomeProblems.length > 20 ? `and ${count(heading.outcomeProblems.length - 20)} more outcomes that could not be read` : undefined,
  ];
  return lines.filter((line): line is string => line !== undefined);
}

function tables(report: BacktestReport, escape: Escape): Table[] {
  const decisions = (['grade', 'stage', 'route'] as const).filter((name) => report.decisions[name].length > 0);
  return [decileTable(report), ...decisions.map((name) => labelTable(name, report.decisions[name], escape))];
}

function textTable(table: Table): string[] {
  const widths = table.header.map((title, column) => Math.max(title.length, ...table.rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (table.numeric.includes(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [table.title, line(table.header), ...table.rows.map(line)];
}

function markdownTable(table: Table): string[] {
  return [
    `#### ${table.title}`,
    '',
    `| ${table.header.join(' | ')} |`,
    `|${table.header.map((_, column) => (table.numeric.includes(column) ? '---:' : '---')).join('|')}|`,
    ...table.rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ];
}

/** The backtest for a terminal (control characters in names already made visible by `escape`). */
export function renderBacktestText(report: BacktestReport, heading: BacktestHeading, { text: escape, name }: Escapes): string {
  const out = [`Backtest of ${name(heading.policy)} at ${heading.now}`, '', ...summaryLines(report), ''];
  for (const table of tables(report, escape)) out.push(...textTable(table), '');
  const account = accountLines(report, heading, escape);
  if (account.length > 0) out.push(...account, '');
  return out.join('\n');
}

/** The backtest as Markdown; `escape` makes names plain text in Markdown. */
export function renderBacktestMarkdown(report: BacktestReport, heading: BacktestHeading, { text: escape, name }: Escapes): string {
  const out = [`### Backtest of ${name(heading.policy)} at ${heading.now}`, '', ...summaryLines(report).map((line) => `- ${line}`), ''];
  for (const table of tables(report, escape)) out.push(...markdownTable(table));
  const account = accountLines(report, heading, escape);
  if (account.length > 0) out.push(...account.map((line) => `- ${line}`), '');
  return out.join('\n');
}

/** Two policies side by side on the same leads: the figures that tell them apart, and the change in AUC. */
export function renderComparison(comparison: BacktestComparison, names: { before: string; after: string }, markdown: boolean, { text: escape, name }: Escapes): string {
  const { before, after, auc: change } = comparison;
  const signed = (value: number) => (Number.isNaN(value) ? '—' : `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(3)}`);
  const verdict =
    change.interval === null
      ? 'not known (no converted or no unconverted leads)'
      : change.interval.low > 0
        ? 'better: the interval is above 0'
        : change.interval.high < 0
          ? 'worse: the interval is below 0'
          : 'not clearly different: the interval includes 0';
  const topDecile = (report: BacktestReport) => (report.deciles[0] ? percent(report.deciles[0].conversion.rate) : '—');
  const rows: Table = {
    title: 'Side by side',
    header: ['', name(names.before), name(names.after)],
    numeric: [1, 2],
    rows: [
      ['AUC of the score', auc(before.auc), auc(after.auc)],
      ['95% interval', range(before.aucInterval, auc), range(after.aucInterval, auc)],
      ...after.sections.map((section) => [`AUC of ${section.name}`, auc(before.sections.find((s) => s.name === section.name)?.auc ?? NaN), auc(section.auc)]),
      ['conversion in the top decile', topDecile(before), topDecile(after)],
      ...labelRows('stage', before, after, escape),
    ],
  };
  const changeLine = `Change in AUC: ${signed(change.difference)} (95%: ${change.interval === null ? '—' : `${signed(change.interval.low)} to ${signed(change.interval.high)}`}, paired DeLong), ${verdict}`;
  const leads = `${count(after.leads)} leads with an outcome; converted: ${rateText(after.conversion)}`;
  if (markdown) return [`### Backtest: ${name(names.before)} → ${name(names.after)}`, '', `- ${leads}`, `- ${changeLine}`, '', ...markdownTable(rows)].join('\n');
  return [`Backtest: ${name(names.before)} → ${name(names.after)}`, '', leads, changeLine, '', ...textTable(rows), ''].join('\n');
}

/** Each stage's conversion rate under both policies, for the labels either gives. */
function labelRows(name: 'stage', before: BacktestReport, after: BacktestReport, escape: Escape): string[][] {
  const labels = [...new Set([...after.decisions[name], ...before.decisions[name]].map((figure) => figure.label))];
  const rateOf = (report: BacktestReport, label: string | null) => {
    const figure = report.decisions[name].find((f) => f.label === label);
    return figure && figure.leads > 0 ? `${percent(figure.conversion.rate)} of ${count(figure.leads)}` : 'no leads';
  };
  return labels.map((label) => [`conversion of ${label === null ? `(no ${name})` : escape(label)}`, rateOf(before, label), rateOf(after, label)]);
}
