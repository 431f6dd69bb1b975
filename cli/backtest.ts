// `leadscore backtest`: a policy's scores on past leads beside what became of them.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import {
  backtest,
  chartSeries,
  compareBacktests,
  pairOutcomes,
  renderBacktestMarkdown,
  renderBacktestText,
  renderComparison,
  renderCurvesSvg,
  type LabelOrder,
  type Outcomes,
  type ScoredLead,
} from '../evidence/index.js';
import type { Policy } from '../runtime/index.js';
import { printable } from '../runtime/support.js';
import { CliError, fileProblem, write, type CliIo } from '../workspace/index.js';
import { markdownCode, markdownText } from '../impact/index.js';
import { defineCommand, type CommandContext } from './command.js';
import { loadPolicyVersion } from './diff.js';
import { eventsAfter, noOutcomes, readHistory, requireNow, scoreAll, type HistoryOptions } from './history-inputs.js';

export interface BacktestOptions extends HistoryOptions {
  format: 'text' | 'markdown' | 'json';
  /** Where to write the ROC and gains curves as SVG. */
  chart?: string;
}

/** The decisions' labels in the order the policy writes them. */
function labelOrder(policy: Policy): LabelOrder {
  return Object.fromEntries(policy.ir.decisions.map((decision) => [decision.name, decision.rows.map((row) => row.label)]));
}

/** `leadscore backtest POLICY [NEW] --leads L --outcomes O --now T`. */
export async function backtestCommand(specs: string[], options: BacktestOptions, io: CliIo): Promise<number> {
  if (specs.length > 2) throw new CliError(`backtest takes one policy, or two to compare (OLD NEW); got ${specs.length}`);
  const now = requireNow(options, io);
  const policies = await Promise.all(specs.map((spec) => loadPolicyVersion(spec, io)));
  const { leads, unit, outcomes, columns } = await readHistory(options, policies, io);
  const runs = policies.map((policy) => scoreAll(policy, leads, now));
  const heading = {
    policy: specs.at(-1)!,
    now: now.toISOString().replace('.000Z', 'Z'),
    unreadableLeads: runs.at(-1)!.unreadable,
    outcomeProblems: outcomes.problems,
    leadUnit: unit,
    outcomeUnit: outcomes.unit,
    eventsAfterNow: eventsAfter(leads, now),
  };
  const report = backtest(runs.at(-1)!.scored, outcomes, labelOrder(policies.at(-1)!));
  if (report.leads === 0) throw noOutcomes(report.leadsWithoutOutcome.count, outcomes, columns, options.outcomes);
  const escape = options.format === 'markdown' ? { text: markdownText, name: markdownCode } : { text: printable, name: printable };
  let text: string;
  if (specs.length === 2) {
    const comparison = compareBacktests(runs[0]!.scored, runs[1]!.scored, outcomes, { before: labelOrder(policies[0]!), after: labelOrder(policies[1]!) });
    const names = { before: specs[0]!, after: specs[1]! };
    text =
      options.format === 'json'
        ? `${JSON.stringify({ old: names.before, new: names.after, now: heading.now, aucDifference: comparison.auc, before: comparison.before, after: comparison.after, input: inputOf(heading) }, jsonNumbers, 2)}\n`
        : renderComparison(comparison, names, options.format === 'markdown', escape);
  } else {
    text =
      options.format === 'json'
        ? `${JSON.stringify({ policy: heading.policy, now: heading.now, ...report, input: inputOf(heading) }, jsonNumbers, 2)}\n`
        : options.format === 'markdown'
          ? renderBacktestMarkdown(report, heading, escape)
          : renderBacktestText(report, heading, escape);
  }
  if (options.chart !== undefined)
    await writeChart(
      options.chart,
      specs,
      runs.map((run) => run.scored),
      outcomes,
      io,
    );
  await write(io.stdout, text);
  return 0;
}

/** The curves of each policy's scores, on the leads that have an outcome, as an SVG file. */
async function writeChart(path: string, specs: string[], runs: ScoredLead[][], outcomes: Outcomes, io: CliIo): Promise<void> {
  const series = runs.map((scored, index) => {
    const { paired } = pairOutcomes(scored, outcomes);
    return chartSeries(
      specs[index]!,
      paired.map((lead) => lead.result.score),
      paired.map((lead) => lead.outcome.converted),
    );
  });
  try {
    await writeFile(resolve(io.cwd, path), renderCurvesSvg(series));
  } catch (error) {
    throw new CliError(`cannot write the chart ${path}: ${fileProblem(error, true)}`);
  }
}

function inputOf(heading: { unreadableLeads: unknown[]; outcomeProblems: unknown[]; eventsAfterNow: unknown }) {
  return { unreadableLeads: heading.unreadableLeads, outcomeProblems: heading.outcomeProblems, eventsAfterNow: heading.eventsAfterNow };
}

/** JSON has no NaN: a figure that cannot be computed (an AUC without converted leads) is null. */
function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/** `leadscore backtest`: its arguments, options and help. */
export function registerBacktestCommand(cli: Command, { io, setExitCode }: CommandContext): void {
  defineCommand(cli, 'backtest')
    .description("a policy's scores on past leads beside their outcomes: AUC, conversion by score decile, grade, stage and route")
    .addHelpText(
      'after',
      `
Score the leads as they were at --now (events dated later are ignored, and
counted), then pair each with its outcome by id. With two policies (files or
REV:path, as diff takes them), the figures side by side and the change in AUC:
  leadscore backtest HEAD:policy.score policy.score --leads history.jsonl \\
    --outcomes outcomes.csv --now 2026-01-01T00:00:00Z --format markdown`,
    )
    .argument('<policy...>', 'the policy (a file or REV:path), or OLD and NEW to compare')
    .requiredOption('--leads <file>', 'the leads as they were (.jsonl, a profile .csv, or - for standard input)')
    .option('--events <file>', 'with a profile .csv: an events .csv (lead_id,type,object,name,at)')
    .requiredOption('--outcomes <file>', 'what became of them: .csv or .jsonl with id and converted (true/false, 1/0, yes/no)')
    .option('--now <time>', 'the time to score the leads at, ISO-8601 (required)')
    .option('--id-column <name>', 'the outcomes column with the lead id (default: id, or a name the policy maps to id)')
    .option('--converted-column <name>', 'the outcomes column that says whether the lead converted (default: converted)')
    .option('--chart <file.svg>', 'also write the ROC and gains curves (both versions, with two policies) as an SVG file')
    .addOption(new Option('--format <format>', 'text, markdown (for a pull request) or json').choices(['text', 'markdown', 'json']).default('text'))
    .action(async (specs: string[], options: BacktestOptions) => setExitCode(await backtestCommand(specs, options, io)));
}
