import { LeadError, type Policy, type ScoreResult } from '../runtime/index.js';
import { parseIsoTime } from '../runtime/support.js';
import { csvLeads, FieldTally, isCsvPath, jsonlStreamLeads, leadShape, openLeads, type LeadInput } from '../leads/node.js';
import { fieldReportLines } from './field-report-text.js';
import { csvResultHeader, csvResultRows } from './csv-results.js';
import { CliError, loadPolicyFile, write, type CliIo } from '../workspace/index.js';
import { ProgressLine } from './progress.js';
import { renderTable } from './table.js';
import { Option, type Command } from 'commander';
import { defineCommand, type CommandContext } from './command.js';

export interface ScoreCommandOptions {
  now?: string;
  explain?: boolean;
  format: 'jsonl' | 'table' | 'csv';
  /** An events CSV to go with a profile CSV. */
  events?: string;
  /** A field the policy reads that nothing in the leads provides is an error (exit 1), not a warning. */
  strict?: boolean;
}

/** One input line's outcome: a result, or an error that takes the lead's place. */
export type LineOutcome =
  | { line: number; result: ScoreResult }
  | { line: number; error: { line: number; id: string | number | null; error: string } };

export function parseNow(now: string | undefined, io: CliIo): Date {
  if (now === undefined) return io.clock();
  const millis = parseIsoTime(now);
  if (Number.isNaN(millis)) throw new CliError(`--now must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got ${JSON.stringify(now)}`);
  return new Date(millis);
}

/** Scores one lead as read from a file (or its error, which takes its place); never throws. */
export function scoreInput(policy: Policy, input: LeadInput, now: Date): LineOutcome {
  const { line, id } = input;
  if (input.error !== undefined) return { line, error: { line, id, error: input.error } };
  try {
    return { line, result: policy.score(input.lead, { now }) };
  } catch (error) {
    const message = error instanceof LeadError ? error.message : `internal error: ${(error as Error).message}`;
    return { line, error: { line, id, error: message } };
  }
}

function outputOf(outcome: LineOutcome, explain: boolean): object {
  if ('error' in outcome) return outcome.error;
  if (explain) return outcome.result;
  const { reasons: _reasons, ...rest } = outcome.result;
  return rest;
}

/** `leadscore score POLICY LEADS`: one JSON line per lead, in order; exit 2 when any line failed. */
export async function scoreCommand(policyPath: string, leadsPath: string, options: ScoreCommandOptions, io: CliIo): Promise<number> {
  const now = parseNow(options.now, io);
  const policy = await loadPolicyFile(policyPath, io);
  const csv = isCsvPath(leadsPath);
  if (options.events !== undefined && !csv) throw new CliError(`--events goes with leads in a profile CSV (a LEADS path ending in .csv), got ${leadsPath}`);
  const source = csv ? await csvLeads(leadsPath, options.events, leadShape(policy), io) : undefined;
  const tally = new FieldTally(policy.ir);
  const leads = source ? source.leads : jsonlStreamLeads(await openLeads(leadsPath, io), leadsPath);
  let scored = 0;
  let failed = 0;
  const table: LineOutcome[] = [];
  // Results go out in batches: 512 lines at once, or what is buffered as soon as the input
  // pauses, so a lead piped in alone is answered at once. While stdout is full, reading waits.
  let buffer: string[] = [];
  let full: Promise<void> | undefined;
  let flushScheduled = false;
  const flush = () => {
    if (buffer.length === 0 || full) return;
    const chunk = buffer.join('');
    buffer = [];
    if (!io.stdout.write(chunk) && io.stdout.once) {
      full = new Promise((resolve) =>
        io.stdout.once!('drain', () => {
          full = undefined;
          resolve();
        }),
      );
    }
  };
  const flushSoon = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      flush();
    });
  };
  if (options.format === 'csv') buffer.push(csvResultHeader(policy));
  // Only a person watching a terminal wants progress; a log file or a pipe gets the summary alone.
  const progress = (io.stderrIsTerminal ?? io.stderrIsTty) ? new ProgressLine(io.stderr, io.timer ?? (() => performance.now())) : undefined;
  const handle = async (outcome: LineOutcome) => {
    while (full) await full;
    if ('error' in outcome) failed++;
    else scored++;
    progress?.update(scored + failed);
    if (options.format === 'table') {
      table.push(outcome);
      return;
    }
    buffer.push(options.format === 'csv' ? csvResultRows([outcome], policy) : JSON.stringify(outputOf(outcome, options.explain ?? false)) + '\n');
    if (buffer.length >= 512) flush();
    else flushSoon();
  };
  for await (const lead of leads) {
    const header = source?.header();
    if (header) tally.setHeader(header.unprovided, header.unused);
    tally.add(policy.readLead && lead.lead !== undefined ? policy.readLead(lead.lead) : lead.lead, lead.unreadable, lead.lead);
    await handle(scoreInput(policy, lead, now));
  }
  while (full) await full;
  flush();
  while (full) await full;
  progress?.clear();
  if (options.format === 'table') await write(io.stdout, renderTable(table, policy));
  const unmatched = source?.unmatchedEvents() ?? [];
  for (const message of unmatched) io.stderr.write(`leadscore: ${message}\n`);
  const unmatchedNote = unmatched.length === 0 ? '' : `; ${unmatched.length} problem${unmatched.length === 1 ? '' : 's'} with the events in ${options.events}`;
  io.stderr.write(`leadscore: scored ${scored} lead${scored === 1 ? '' : 's'}, ${failed} failed${unmatchedNote} (now ${now.toISOString()})\n`);
  const report = tally.report();
  for (const line of fieldReportLines(report, leadsPath === '-' ? 'standard input' : leadsPath, options.strict ?? false)) io.stderr.write(line);
  if (options.strict && report.unprovided.length > 0) return 1;
  return failed > 0 || unmatched.length > 0 ? 2 : 0;
}


/** `leadscore score`: its arguments, options and help. */
export function registerScoreCommand(cli: Command, { io, setExitCode }: CommandContext): void {
  defineCommand(cli, 'score')
    .description('score leads (JSON Lines or CSV) with a policy; one result line per lead, in order')
    .addHelpText(
      'after',
      `
A line that cannot be scored (not JSON, or a lead with a field of the wrong
type) yields {"line": N, "id": …, "error": "…"} in its place; the other leads
are scored, a summary goes to standard error, and the exit code is 2.`,
    )
    .argument('<policy>', 'a .score file, or a rule graph compiled to .json')
    .argument('<leads>', 'a .jsonl file of leads, a profile .csv file, or - for standard input (JSON Lines)')
    .option('--events <file>', 'with a profile .csv: an events .csv (lead_id,type,object,name,at)')
    .option('--now <time>', 'the time to score at, ISO-8601 (default: the current time)')
    .option('--explain', 'include the reasons for every point')
    .option('--strict', 'a field the policy reads that no column or key provides is an error (exit 1), not a warning')
    .addOption(new Option('--format <format>', 'jsonl (one line per lead), table (ranked by score) or csv').choices(['jsonl', 'table', 'csv']).default('jsonl'))
    .action(async (policy: string, leads: string, options: { now?: string; explain?: boolean; format: 'jsonl' | 'table' | 'csv'; events?: string; strict?: boolean }) =>
      setExitCode(await scoreCommand(policy, leads, options, io)),
    );
}
