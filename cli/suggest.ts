// `leadscore suggest`: the policy's own rules with points fitted to what became of past leads.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import {
  candidateCriteria,
  candidateEvidence,
  ruleFeatures,
  rewritePoints,
  suggestPoints,
  thresholdForConversion,
  thresholdForShare,
  type Candidate,
  type Suggestion,
  type Threshold,
} from '../evidence/index.js';
import { printable } from '../runtime/support.js';
import { CliError, fileProblem, readText, write, type CliIo } from '../workspace/index.js';
import { defineCommand, type CommandContext } from './command.js';
import { loadPolicyVersion } from './diff.js';
import { noOutcomes, readHistory, requireNow, type HistoryOptions } from './history-inputs.js';

export interface SuggestOptions extends HistoryOptions {
  output?: string;
  /** The share of leads that may be MQL (or SQL), e.g. `20%`. */
  mqlRate?: string;
  sqlRate?: string;
  /** The conversion rate that the leads at or above a threshold should reach, e.g. `30%`. */
  targetConversion?: string;
  folds: string;
  seed: string;
  format: 'text' | 'json';
}

function wholeNumber(text: string, name: string, least: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < least) throw new CliError(`${name} must be a whole number of at least ${least}, got ${JSON.stringify(text)}`);
  return value;
}

/** `20%` or `20` (per cent) as 0.2. */
function percentOption(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  const value = match ? Number(match[1]) / 100 : NaN;
  if (!(value > 0 && value <= 1)) throw new CliError(`${name} must be a percentage above 0 and at most 100, such as 20%, got ${JSON.stringify(text)}`);
  return value;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Each threshold asked for, under the suggested points and under the policy's own. */
function thresholdLines(
  suggestion: Suggestion,
  policyScores: readonly number[],
  converted: readonly boolean[],
  asked: { mql?: number; sql?: number; conversion?: number },
): string[] {
  const describe = (threshold: Threshold | undefined) =>
    threshold === undefined
      ? 'no score does'
      : `score >= ${threshold.score} (${threshold.leads} leads, ${percent(threshold.share)}; ${percent(threshold.leads === 0 ? 0 : threshold.conversions / threshold.leads)} of them converted)`;
  const lines: string[] = [];
  for (const [label, share] of [
    ['MQL', asked.mql],
    ['SQL', asked.sql],
  ] as const) {
    if (share === undefined) continue;
    lines.push(
      `${label} for the top ${percent(share)} of leads:`,
      `  with the suggested points  ${describe(thresholdForShare(suggestion.scores, converted, share))}`,
      `  with the points as they are ${describe(thresholdForShare(policyScores, converted, share))}`,
    );
  }
  if (asked.conversion !== undefined) {
    lines.push(
      `The lowest score whose leads convert at ${percent(asked.conversion)} or more:`,
      `  with the suggested points  ${describe(thresholdForConversion(suggestion.scores, converted, asked.conversion))}`,
      `  with the points as they are ${describe(thresholdForConversion(policyScores, converted, asked.conversion))}`,
    );
  }
  return lines.length > 0 ? [...lines, ''] : [];
}

/** Criteria the policy lacks, as rules to copy, each with its evidence; those a rule already names are only counted. */
function candidateLines(candidates: readonly Candidate[]): string[] {
  const lacking = candidates.filter((candidate) => !candidate.covered);
  const covered = candidates.length - lacking.length;
  const alsoCovered = covered > 0 ? ` (${covered} more with clear lift are what rules of the policy already read)` : '';
  if (lacking.length === 0)
    return [`No value or event the policy does not read converts clearly differently from the rest (|z| ≥ 3, at least 30 leads each way)${alsoCovered}.`, ''];
  return [
    `Criteria the policy lacks, with clear lift in these leads${alsoCovered}; check each before copying it in:`,
    ...lacking.map((candidate) => `  ${printable(candidate.rule)}\n      ${printable(candidateEvidence(candidate))}`),
    '',
  ];
}

const signed = (points: number) => (points < 0 ? `−${Math.abs(points)}` : `+${points}`);

/** The suggestion as a person reads it: rule by rule, then how the two rank leads they were not fitted on. */
function renderSuggestion(suggestion: Suggestion, policy: string, written: string | undefined, extra: string[]): string {
  const rows = suggestion.rules.map((rule) => [
    `line ${rule.rule.line}${rule.rule.file ? ` of ${rule.rule.file}` : ''}`,
    printable(rule.rule.name ?? rule.rule.text),
    signed(rule.rule.points) + (rule.rule.cap !== undefined ? ` (at most ${rule.rule.cap})` : ''),
    signed(rule.points) + (rule.cap !== undefined ? ` (at most ${rule.cap})` : ''),
    rule.z.toFixed(1),
  ]);
  const header = ['where', 'rule', 'now', 'suggested', 'z'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const notes = suggestion.rules.filter((rule) => rule.note !== undefined).map((rule) => `- line ${rule.rule.line}: ${rule.note}`);
  const { heldOut } = suggestion;
  return [
    `Points for ${printable(policy)}, fitted to ${suggestion.leads.toLocaleString('en-US')} leads (${suggestion.conversions.toLocaleString('en-US')} converted), in steps of ${suggestion.grid}`,
    ...(suggestion.fewConversions ? [`warning: only ${suggestion.conversions} conversions; under 100 the fitted points are unreliable, so treat them as a hint`] : []),
    '',
    line(header),
    ...rows.map(line),
    '',
    ...(notes.length > 0 ? [...notes, ''] : []),
    `AUC on leads each model was not fitted on (${heldOut.folds}-fold cross-validation):`,
    `  the policy as it is      ${heldOut.policy.toFixed(3)}`,
    `  the suggested points     ${heldOut.suggestion.toFixed(3)}`,
    `  an unrounded logistic    ${heldOut.logistic.toFixed(3)} (the best these rules can do, without the grid or the signs)`,
    '',
    ...extra,
    written === undefined
      ? 'Write the suggested policy with -o FILE.score, then compare: leadscore backtest OLD NEW …'
      : `wrote ${written}; compare the two with: leadscore backtest ${printable(policy)} ${written} …`,
    '',
  ].join('\n');
}

/** `leadscore suggest POLICY --leads L --outcomes O --now T [-o NEW.score]`. */
export async function suggestCommand(spec: string, options: SuggestOptions, io: CliIo): Promise<number> {
  const folds = wholeNumber(options.folds, '--folds', 2);
  const asked = {
    mql: percentOption(options.mqlRate, '--mql-rate'),
    sql: percentOption(options.sqlRate, '--sql-rate'),
    conversion: percentOption(options.targetConversion, '--target-conversion'),
  };
  const seed = wholeNumber(options.seed, '--seed', 0);
  const now = requireNow(options, io);
  const policy = await loadPolicyVersion(spec, io);
  const { leads, outcomes, columns } = await readHistory(options, [policy], io);
  const paired = leads.flatMap((input) => {
    const outcome = input.id === null || input.error !== undefined ? undefined : outcomes.byId.get(String(input.id));
    return outcome ? [{ lead: input.lead, converted: outcome.converted }] : [];
  });
  if (paired.length === 0) throw noOutcomes(leads.length, outcomes, columns, options.outcomes);
  let features;
  try {
    features = ruleFeatures(policy, paired, now);
  } catch (error) {
    throw new CliError(`a lead cannot be scored: ${(error as Error).message}; run leadscore backtest to see which`);
  }
  if (features.rules.length === 0) throw new CliError(`${spec} has no rule that adds or subtracts points; there is nothing to fit`);
  const suggestion = suggestPoints(features, { folds: Math.min(folds, paired.length), seed });
  if (options.output !== undefined) {
    const source = await readText(spec, 'the policy', io);
    const changes = suggestion.rules
      .filter((rule) => rule.rule.file === undefined)
      .map((rule) => ({ offset: rule.rule.offset, points: rule.points, ...(rule.cap !== undefined && { cap: rule.cap }) }));
    try {
      await writeFile(resolve(io.cwd, options.output), rewritePoints(source, changes));
    } catch (error) {
      throw new CliError(`cannot write ${options.output}: ${fileProblem(error, true)}`);
    }
  }
  const texts = policy.ir.contributions.map((rule) => rule.text.toLowerCase());
  const names = (name: string) => texts.some((text) => new RegExp(`(^|[^a-z_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z_]|$)`).test(text));
  const candidates = candidateCriteria(paired, now, {
    pointsPerLogOdds: suggestion.pointsPerLogOdds,
    grid: suggestion.grid,
    covered: { fields: new Set(policy.ir.inputs.map((input) => input.name).filter(names)), events: new Set(paired.length > 0 ? eventNames(paired).filter(names) : []) },
  });
  const thresholds = thresholdLines(suggestion, features.scores, features.converted, asked);
  const { scores: _scores, ...figures } = suggestion;
  const text =
    options.format === 'json'
      ? `${JSON.stringify({ ...figures, candidates }, null, 2)}\n`
      : renderSuggestion(suggestion, spec, options.output, [...thresholds, ...candidateLines(candidates)]);
  await write(io.stdout, text);
  return 0;
}

/** Every kind of event (`type object`, lower case) the leads have. */
function eventNames(leads: ReadonlyArray<{ lead: unknown }>): string[] {
  const names = new Set<string>();
  for (const { lead } of leads) {
    const events = (lead as { events?: unknown } | null)?.events;
    if (!Array.isArray(events)) continue;
    for (const event of events) {
      const { type, object } = (event ?? {}) as { type?: unknown; object?: unknown };
      if (typeof type === 'string') names.add([type, typeof object === 'string' ? object : ''].join(' ').trim().toLowerCase());
    }
  }
  return [...names];
}

/** `leadscore suggest`: its arguments, options and help. */
export function registerSuggestCommand(cli: Command, { io, setExitCode }: CommandContext): void {
  defineCommand(cli, 'suggest')
    .description("points for the policy's own rules, fitted to past leads' outcomes, with held-out AUCs beside the policy's")
    .addHelpText(
      'after',
      `
Each rule's points are fitted (a logistic model with an L2 penalty on how much
of its points each lead got, after decay and caps), scaled to the policy's
spread of scores, rounded to its grid (e.g. multiples of 5), and a malus stays
a malus unless the data clearly says otherwise. -o writes the policy with the
suggested points, formatted, so that a diff shows only the proposal.`,
    )
    .argument('<policy>', 'the policy (a file)')
    .requiredOption('--leads <file>', 'the leads as they were (.jsonl, a profile .csv, or - for standard input)')
    .option('--events <file>', 'with a profile .csv: an events .csv (lead_id,type,object,name,at)')
    .requiredOption('--outcomes <file>', 'what became of them: .csv or .jsonl with id and converted (true/false, 1/0, yes/no)')
    .option('--now <time>', 'the time to score the leads at, ISO-8601 (required)')
    .option('-o, --output <file>', 'write the policy with the suggested points to this file')
    .option('--mql-rate <percent>', 'suggest the score threshold that makes this share of leads MQL, e.g. 20%')
    .option('--sql-rate <percent>', 'suggest the score threshold that makes this share of leads SQL, e.g. 5%')
    .option('--target-conversion <percent>', 'suggest the lowest score threshold whose leads convert at this rate, e.g. 30%')
    .option('--folds <n>', 'how many parts the cross-validation splits the leads into', '5')
    .option('--seed <n>', 'the seed of the split, so that a run can be repeated', '1')
    .option('--id-column <name>', 'the outcomes column with the lead id (default: id, or a name the policy maps to id)')
    .option('--converted-column <name>', 'the outcomes column that says whether the lead converted (default: converted)')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action(async (spec: string, options: SuggestOptions) => setExitCode(await suggestCommand(spec, options, io)));
}
