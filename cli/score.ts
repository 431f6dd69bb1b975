import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { LeadError, type Policy, type ScoreResult } from '../runtime/index.js';
import { outOfTimeRange, outsideTimeRange, parseIsoTime } from '../runtime/support.js';
import { blockLeads, blockMemory, FieldTally, fieldsRead, withoutBadValues, type BadValues, type LeadInput, type LineBlock } from '../leads/node.js';
import { fieldReportLines } from './field-report-text.js';
import { csvFormats, isCrmFormat } from './csv-columns.js';
import { defaultReasonsLength } from './reasons-text.js';
import { csvSettings } from './csv-options.js';
import { ImportFilter } from './crm-import.js';
import { openLeadSource, type LeadSource } from './lead-source.js';
import { CliError, dateFormatOption, loadPolicyFile, numberFormatOption, write, type CliIo } from '../workspace/index.js';
import { ProgressLine } from './progress.js';
import { renderTable } from './table.js';
import { Option, type Command } from 'commander';
import { defineCommand, type CommandContext } from './command.js';
import { inBatches } from './parallel-score.js';
import { LeadScorer, type HandledOutcome, type LeadBatch, type LeadSettings, type LineOutcome, type ScoredBatch, type ScoreFormat, type ScoreWorkerData } from './score-lead.js';
import { scriptNextTo, WorkerPool } from './worker-pool.js';
// Types only: the module itself (and @duckdb/node-api with it) is loaded when --engine duckdb asks for it.
import type * as duckDbModule from '../sql/duckdb.js';
import type * as duckDbParquetModule from '../sql/duckdb-parquet.js';
import type { ParquetScoring } from '../sql/duckdb-parquet.js';
import type { SqlScore } from '../sql/index.js';

export { scoreInput, type LineOutcome, type ScoreFormat } from './score-lead.js';

export interface ScoreCommandOptions {
  now?: string;
  /** jsonl: every reason; csv: a short reasons column. */
  explain?: boolean;
  format: ScoreFormat;
  /** An events CSV to go with a profile CSV. */
  events?: string;
  /** A field the policy reads that nothing in the leads provides is an error (exit 1), not a warning. */
  strict?: boolean;
  /** CSV formats: `NAME=HEADER`, a column's header (empty: leave it out). */
  column?: string[];
  /** CSV formats: the text for a missing grade, stage or route. */
  emptyAs?: string;
  /** CSV formats with reasons: the most characters they may take. */
  reasonsLength?: string;
  /** CSV formats: false (`--no-formula-guard`) writes cells as they are, for programs rather than spreadsheets. */
  formulaGuard?: boolean;
  /** A value that cannot be read as its field's type: the lead's error (default), or read as missing with a warning. */
  badValues?: BadValues;
  /** The order of day and month in dates that are not ISO-8601 (`MM/DD/YYYY`); overrides the policy's `dates "…"`. */
  dateFormat?: string;
  /** How numbers written as text separate thousands and decimals (`1.234,56`); overrides the policy's `numbers "…"`. */
  numberFormat?: string;
  /** How many threads score: 1 is this thread alone; N > 1 starts N worker threads (default: one per core). */
  jobs?: string;
  /** `runtime` (default), or `duckdb`: the policy compiled to SQL and run in embedded DuckDB (which reads Parquet leads itself). */
  engine?: string;
}

/** `--date-format`, as `score` and `explain` describe it. */
export const dateFormatHelp = {
  flags: '--date-format <format>',
  description:
    'how dates that are not ISO-8601 are written in the leads and events: MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY, MM-DD-YYYY or DD-MM-YYYY (a time may follow); overrides the policy\'s `dates "…"`',
};

/** `--number-format`, as `score` and `explain` describe it. */
export const numberFormatHelp = {
  flags: '--number-format <format>',
  description:
    'how numbers written as text separate thousands and decimals in the leads: 1,234.56 (the default), 1.234,56, "1 234,56" or "1\'234.56"; overrides the policy\'s `numbers "…"`',
};

export function parseNow(now: string | undefined, io: CliIo): Date {
  if (now === undefined) return io.clock();
  const millis = parseIsoTime(now);
  if (outOfTimeRange(now)) throw new CliError(`--now ${JSON.stringify(now)} ${outsideTimeRange}`);
  if (Number.isNaN(millis)) throw new CliError(`--now must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got ${JSON.stringify(now)}`);
  return new Date(millis);
}

/** With `--engine duckdb`, leads per query: each batch is scored whole, so memory does not grow with the input. */
export const duckDbBatch = 50_000;

/** The most worker threads `--jobs` may ask for. */
export const maxJobs = 64;

/** `--jobs`: how many threads score. Not given: one per core, started only for an input longer than `inProcessLeads`. */
export function parseJobs(jobs: string | undefined): { threads: number; given: boolean } {
  if (jobs === undefined) return { threads: availableParallelism(), given: false };
  const threads = /^\s*\d+\s*$/.test(jobs) ? Number(jobs) : Number.NaN;
  if (!(threads >= 1)) throw new CliError(`--jobs must be a whole number of threads, at least 1 (1 scores in the command's own thread); got ${JSON.stringify(jobs)}`);
  // More threads than this only cost memory and start-up on any machine; a larger number is a typo.
  if (threads > maxJobs) throw new CliError(`--jobs must be at most ${maxJobs} threads (this machine has ${availableParallelism()} cores); got ${JSON.stringify(jobs)}`);
  return { threads, given: true };
}

/** Without `--jobs`, the first leads are scored in the command's own thread, and an input no longer than this never starts a worker thread: starting them would take longer. */
export const inProcessLeads = 2048;

/** Leads per batch sent to a worker thread: enough to make the message worth its cost. */
export const leadsPerBatch = 1024;

/** How the command starts its worker threads; tests give a pool of their own. */
export type StartWorkers = (threads: number, data: ScoreWorkerData) => WorkerPool<LeadBatch, ScoredBatch>;

const startScoreWorkers: StartWorkers = (threads, data) => new WorkerPool(threads, scriptNextTo(import.meta.url, 'score-worker'), data);

type DuckDbModule = typeof duckDbModule;

async function loadDuckDb(): Promise<DuckDbModule> {
  try {
    return await import('../sql/duckdb.js');
  } catch (error) {
    throw new CliError(`--engine duckdb needs the package @duckdb/node-api (npm install @duckdb/node-api): ${(error as Error).message}`);
  }
}

async function loadDuckDbParquet(): Promise<typeof duckDbParquetModule> {
  await loadDuckDb();
  return import('../sql/duckdb-parquet.js');
}

function checkParquetOptions(path: string, options: ScoreCommandOptions): void {
  if (options.engine !== 'duckdb') throw new CliError(`leads in Parquet (${path}) are read with --engine duckdb`);
  if (options.events !== undefined && !options.events.toLowerCase().endsWith('.parquet'))
    throw new CliError(`with leads in Parquet, --events must be a Parquet file too, got ${options.events}`);
}

/** A source whose leads DuckDB reads itself: nothing to read here. */
function readInDuckDb(path: string): LeadSource {
  return { leads: (async function* () {})(), unit: 'row', name: path, unmatchedEvents: () => [], header: () => undefined };
}

/** Leads in a Parquet file (with --engine duckdb, which reads it): one lead per row, events from --events (Parquet too) by `lead_id`. */
async function parquetSource(path: string, options: ScoreCommandOptions, io: CliIo): Promise<LeadSource> {
  const duckdb = await loadDuckDb();
  let leads: Array<Record<string, unknown>>;
  try {
    leads = await duckdb.parquetLeads(resolve(io.cwd, path), options.events === undefined ? undefined : resolve(io.cwd, options.events));
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const inputs: LeadInput[] = leads.map((lead, index) => ({ line: index + 1, id: typeof lead['id'] === 'string' || typeof lead['id'] === 'number' ? lead['id'] : null, lead }));
  return {
    leads: (async function* () {
      yield* inputs;
    })(),
    unit: 'row',
    name: path,
    unmatchedEvents: () => [],
    header: () => undefined,
  };
}

/** A lead's outcome from DuckDB (its SQL result or the runtime's error) as the command's outcome: the runtime's, without reasons. */
function duckDbOutcome(policy: Policy, line: number, id: string | number | null, outcome: SqlScore | Error, warnings: string[] = []): LineOutcome {
  if (outcome instanceof Error) return { line, error: { line, id, error: outcome instanceof LeadError ? outcome.message : `internal error: ${outcome.message}` } };
  // The outcome is the lead's own, made for it: completed in place rather than copied, a million times over.
  const result = Object.assign(outcome, { reasons: [], policy: policy.info }) as ScoreResult;
  return { line, result: warnings.length > 0 ? { ...result, warnings } : result };
}

/**
 * Parquet leads scored inside DuckDB (sql/duckdb-parquet.ts): nothing but the results comes into this process. Undefined when
 * the files or the settings need the leads read into JavaScript (then they are, by `parquetSource`).
 */
async function parquetInDuckDb(policy: Policy, path: string, options: ScoreCommandOptions, io: CliIo, now: Date): Promise<ParquetScoring | undefined> {
  if ((options.badValues ?? 'error') !== 'error') return undefined;
  const { ParquetScoring } = await loadDuckDbParquet();
  const files = { leads: resolve(io.cwd, path), ...(options.events !== undefined && { events: resolve(io.cwd, options.events) }) };
  const opened = await ParquetScoring.open(policy.ir, files, now.toISOString());
  return opened instanceof ParquetScoring ? opened : undefined;
}

/** Every lead scored by the policy's SQL in embedded DuckDB, in order; the outcomes `scoreInput` gives, without reasons. */
async function scoreInDuckDb(policy: Policy, inputs: readonly LeadInput[], now: Date, badValues: BadValues): Promise<LineOutcome[]> {
  const duckdb = await loadDuckDb();
  const prepared = inputs.map((input) =>
    input.error === undefined && badValues === 'missing' && !input.warnings ? withoutBadValues(policy, input.lead) : { lead: input.lead, warnings: input.warnings ?? [] },
  );
  const scorable = inputs.map((input, index) => ({ input, index })).filter(({ input }) => input.error === undefined);
  let outcomes: Awaited<ReturnType<typeof duckdb.scoreWithDuckDb>>;
  try {
    outcomes = await duckdb.scoreWithDuckDb(
      policy.ir,
      scorable.map(({ index }) => prepared[index]!.lead),
      { now: now.toISOString() },
    );
  } catch (error) {
    throw new CliError(`--engine duckdb: ${(error as Error).message}`);
  }
  const byIndex = new Map(scorable.map(({ index }, position) => [index, outcomes[position]!]));
  return inputs.map((input, index) => {
    const { line, id } = input;
    if (input.error !== undefined) return { line, error: { line, id, error: input.error } };
    return duckDbOutcome(policy, line, id, byIndex.get(index)!, prepared[index]!.warnings);
  });
}

/** `leadscore score POLICY LEADS`: one JSON line per lead, in order; exit 2 when any line failed. */
export async function scoreCommand(
  policyPath: string,
  leadsPath: string,
  options: ScoreCommandOptions,
  io: CliIo,
  startWorkers = startScoreWorkers,
  duckDbBatchLeads = duckDbBatch,
  /** False reads Parquet leads into JavaScript even where DuckDB could score them itself: the tests compare the two. */
  parquetInsideDuckDb = true,
): Promise<number> {
  const now = parseNow(options.now, io);
  const jobs = parseJobs(options.jobs);
  const csvFormat = csvSettings(options);
  const engine = options.engine ?? 'runtime';
  if (engine !== 'runtime' && engine !== 'duckdb') throw new CliError(`--engine must be runtime or duckdb, got ${JSON.stringify(engine)}`);
  if (engine === 'duckdb' && (options.explain || isCrmFormat(options.format))) {
    throw new CliError('--engine duckdb scores without reasons: --explain and the CRM import formats need them; score with the runtime (the default engine)');
  }
  const policy = await loadPolicyFile(policyPath, io, { dateFormat: dateFormatOption(options.dateFormat), numberFormat: numberFormatOption(options.numberFormat) });
  const badValues = options.badValues ?? 'error';
  const settings: LeadSettings = { format: options.format, explain: options.explain ?? false, badValues, now: now.getTime(), ...(csvFormat && { csv: csvFormat }) };
  const scorer = new LeadScorer(policy, settings);
  const csv = scorer.csv;
  // DuckDB scores with threads of its own.
  const parallel = jobs.threads > 1 && engine === 'runtime';
  // With worker threads, JSON lines are parsed there: this thread only cuts the input into lines.
  const parquet = leadsPath.toLowerCase().endsWith('.parquet');
  if (parquet) checkParquetOptions(leadsPath, options);
  const inDuckDb = parquet && parquetInsideDuckDb ? await parquetInDuckDb(policy, leadsPath, options, io, now) : undefined;
  const source = inDuckDb
    ? readInDuckDb(leadsPath)
    : parquet
      ? await parquetSource(leadsPath, options, io)
      : parallel
        ? await openLeadSource(leadsPath, options.events, policy, io, 'leads', badValues, true)
        : await openLeadSource(leadsPath, options.events, policy, io, 'leads', badValues);
  let withWarnings = 0;
  // An import file leaves out the leads that cannot update a CRM record; they are listed on stderr.
  const importFilter = isCrmFormat(options.format) ? new ImportFilter(source.unit) : undefined;
  const tally = new FieldTally(policy.ir);
  let scored = 0;
  let failed = 0;
  const table: LineOutcome[] = [];
  // Results go out in batches: 512 lines at once, or what is buffered as soon as the input
  // pauses, so a lead piped in alone is answered at once. While stdout is full, reading waits.
  let buffer: Array<string | Uint8Array> = [];
  let full: Promise<void> | undefined;
  let flushScheduled = false;
  const flush = () => {
    if (buffer.length === 0 || full) return;
    const chunk = joined(buffer);
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
  if (csv) buffer.push(csv.header());
  // Only a person watching a terminal wants progress; a log file or a pipe gets the summary alone.
  const progress = (io.stderrIsTerminal ?? io.stderrIsTty) ? new ProgressLine(io.stderr, io.timer ?? (() => performance.now())) : undefined;
  /** Counts a lead, says its warnings or why it is left out, and writes its text (`outcome` is whole for the table). */
  const handle = async (outcome: LineOutcome | HandledOutcome, text: string | undefined) => {
    while (full) await full;
    const leftOut = importFilter?.leftOut(outcome);
    if ('error' in outcome || leftOut !== undefined) failed++;
    else scored++;
    if (leftOut !== undefined) {
      progress?.clear();
      io.stderr.write(`leadscore: ${importFilter!.message(outcome, leftOut)}\n`);
    }
    const warned = 'result' in outcome ? outcome.result : undefined;
    const warnings = warned?.warnings;
    if (warned && warnings) {
      withWarnings++;
      // JSON Lines carry them in the result; table and CSV output say them here.
      if (options.format !== 'jsonl') {
        progress?.clear();
        for (const warning of warnings) io.stderr.write(`leadscore: ${source.unit} ${outcome.line}${warned.id === null ? '' : ` (${warned.id})`}: ${warning}\n`);
      }
    }
    progress?.update(scored + failed);
    if (options.format === 'table') {
      table.push(outcome as LineOutcome);
      return;
    }
    if (leftOut !== undefined || text === undefined) return;
    writeText(text);
  };
  /** Counts leads scored without warnings whose text a worker thread wrote, as `handle` counts a lead. */
  const countScored = (leads: number) => {
    if (!progress) scored += leads;
    else for (let i = 0; i < leads; i++) progress.update(++scored + failed);
  };
  const writeText = (text: string | Uint8Array) => {
    buffer.push(text);
    if (buffer.length >= 512) flush();
    else flushSoon();
  };
  let headerSeen = false;
  // A CSV's header is known once its first row is read; it says once what the file provides.
  const noteHeader = () => {
    if (headerSeen) return;
    const header = source.header();
    if (!header) return;
    tally.setHeader(header.unprovided, header.unused);
    headerSeen = true;
  };
  const scoreHere = async (lead: LeadInput) => {
    noteHeader();
    const { outcome, text } = scorer.score(lead, tally);
    await handle(outcome, text);
  };
  /** Batches whose worker thread died before answering: their lines, and why. */
  const notScored: string[] = [];
  /** The leads of an item read for worker threads: itself, or the leads of a block of JSON lines. */
  const leadsOf = (item: LeadInput | LineBlock): Iterable<LeadInput> => ('bytes' in item ? blockLeads(item) : [item]);
  if (inDuckDb) {
    try {
      tally.merge({ leads: inDuckDb.rows, counts: await inDuckDb.fieldCounts(fieldsRead(policy.ir)), keys: [] });
      tally.addKeys(inDuckDb.columnNames);
      for await (const batch of inDuckDb.outcomes()) {
        for (const { row, id, outcome } of batch) {
          const lineOutcome = duckDbOutcome(policy, row + 1, id, outcome);
          await handle(lineOutcome, scorer.textOf(lineOutcome));
        }
      }
    } catch (error) {
      throw new CliError(`--engine duckdb: ${(error as Error).message}`);
    } finally {
      inDuckDb.close();
    }
  } else if (engine === 'duckdb') {
    // The leads are collected and scored by one query per batch, then written in order: memory stays bounded whatever the input's size.
    let collected: LeadInput[] = [];
    const scoreCollected = async () => {
      const outcomes = await scoreInDuckDb(policy, collected, now, badValues);
      collected = [];
      for (const outcome of outcomes) await handle(outcome, scorer.textOf(outcome));
    };
    for await (const lead of (source as LeadSource).leads) {
      noteHeader();
      scorer.count(lead, tally);
      collected.push(lead);
      if (collected.length >= duckDbBatchLeads) await scoreCollected();
    }
    if (collected.length > 0) await scoreCollected();
  } else if (!parallel) {
    // Opened without `raw`: every item is a lead.
    for await (const lead of (source as LeadSource).leads) await scoreHere(lead);
  } else {
    const iterator = source.leads[Symbol.asyncIterator]();
    let ended = false;
    if (!jobs.given) {
      try {
        for (let count = 0; count < inProcessLeads && !ended; count++) {
          const next = await iterator.next();
          if (next.done) ended = true;
          else for (const lead of leadsOf(next.value)) await scoreHere(lead);
        }
      } catch (error) {
        await iterator.return?.();
        throw error;
      }
    }
    if (!ended) {
      const threads = startWorkers(jobs.threads, { ir: policy.ir, settings, csvInput: source.unit === 'row' });
      try {
        await inBatches(
          { [Symbol.asyncIterator]: () => iterator },
          (items, batch) => {
            noteHeader();
            // The batch is not kept: should its thread die, its lines are named, not scored.
            const lines = lineRange(items);
            return threads.run({ batch, items }, blockMemory(items)).then((answer) => ('failure' in answer ? { ...answer, lines } : answer));
          },
          async (answer) => {
            if ('failure' in answer) {
              progress?.clear();
              notScored.push(`leadscore: ${source.unit}s ${answer.lines} were not scored: ${answer.failure}\n`);
              return;
            }
            tally.merge(answer.tally);
            const { outcomes, texts, plain } = answer;
            for (let i = 0; i < outcomes.length; i++) {
              if (plain) countScored(plain[i]!);
              await handle(outcomes[i]!, texts?.[i]);
            }
            if (plain) countScored(plain[outcomes.length]!);
            if (answer.bytes) writeText(answer.bytes);
          },
          { batchSize: leadsPerBatch, window: 2 * jobs.threads + 2, weigh: (item) => ('bytes' in item ? item.lines : 1) },
        );
      } finally {
        await threads.close();
      }
    }
  }
  while (full) await full;
  flush();
  while (full) await full;
  progress?.clear();
  if (options.format === 'table') await write(io.stdout, renderTable(table, policy));
  for (const message of notScored) io.stderr.write(message);
  const unmatched = source.unmatchedEvents();
  for (const message of unmatched) io.stderr.write(`leadscore: ${message}\n`);
  const unmatchedNote = unmatched.length === 0 ? '' : `; ${unmatched.length} problem${unmatched.length === 1 ? '' : 's'} with the events in ${options.events}`;
  const leftOutNote = importFilter && failed > 0 ? ', left out of the import file' : '';
  const warningsNote = withWarnings === 0 ? '' : ` (${withWarnings} with values read as missing)`;
  const notScoredNote = notScored.length === 0 ? '' : `; ${notScored.length} batch${notScored.length === 1 ? '' : 'es'} of ${source.unit}s not scored`;
  io.stderr.write(
    `leadscore: scored ${scored} lead${scored === 1 ? '' : 's'}${warningsNote}, ${failed} failed${leftOutNote}${unmatchedNote}${notScoredNote} (now ${now.toISOString()})\n`,
  );
  const report = tally.report();
  for (const line of fieldReportLines(report, source.name, options.strict ?? false)) io.stderr.write(line);
  if (options.strict && report.unprovided.length > 0) return 1;
  return failed > 0 || unmatched.length > 0 || notScored.length > 0 ? 2 : 0;
}

/** Output text and bytes (a worker thread's output, UTF-8 already) as one chunk to write. */
function joined(parts: ReadonlyArray<string | Uint8Array>): string | Uint8Array {
  if (parts.length === 1) return parts[0]!;
  if (parts.every((part) => typeof part === 'string')) return parts.join('');
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
}

/** The lines (or rows) a batch spans, as a message names them: `1025–2048`. */
function lineRange(items: ReadonlyArray<LeadInput | LineBlock>): string {
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const end = 'bytes' in last ? last.line + last.lines - 1 : last.line;
  return first.line === end ? String(first.line) : `${first.line}–${end}`;
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
are scored, a summary goes to standard error, and the exit code is 2.

hubspot-csv and salesforce-csv write an import file that updates the CRM's
records: its id column (Record ID, Id), then score, each section, grade, stage,
route and reasons under custom property names (leadscore_score,
Leadscore_Score__c, …; the README lists them). A lead that cannot be scored,
has no id or repeats one is left out of the file and listed on standard
error (exit code 2).

--jobs N scores in N worker threads (default: one per core); the output,
the messages and the exit code are the same as with --jobs 1, line for line.
JSON Lines are parsed in the worker threads; a CSV file is read in one thread.

No cell of a CSV file runs as a formula in a spreadsheet: text that starts
with = + - @, a tab or a carriage return gets a ' in front; numbers stay numbers.`,
    )
    .argument('<policy>', 'a .score file, or a rule graph compiled to .json')
    .argument('<leads>', 'a .jsonl file of leads (or a .json file with one), a profile .csv file, a .parquet file (with --engine duckdb), or - for standard input (JSON)')
    .option('--events <file>', 'with a profile .csv: an events .csv (lead_id,type,object,name,at); with leads in .parquet, an events .parquet')
    .option('--now <time>', 'the time to score at, ISO-8601 (default: the current time)')
    .addOption(
      new Option('--format <format>', 'jsonl (one line per lead), table (ranked by score), csv, or an import file for a CRM: hubspot-csv, salesforce-csv')
        .choices(['jsonl', 'table', ...csvFormats])
        .default('jsonl'),
    )
    .option('--explain', 'the reasons for every point: all of them in jsonl, a short reasons column in csv (the CRM formats always have one)')
    .option(
      '--jobs <n>',
      'how many threads score: 1 scores in this thread alone; N > 1 scores batches of leads in N worker threads, the output in the same order (default: one per core, for inputs of more than 2,048 leads)',
    )
    .option('--strict', 'a field the policy reads that no column or key provides is an error (exit 1), not a warning')
    .addOption(
      new Option(
        '--bad-values <what>',
        'a value that cannot be read as its field\'s type (a CSV cell "abc" for a number): the lead\'s error, or read as missing with a warning in the result',
      )
        .choices(['error', 'missing'])
        .default('error'),
    )
    .option(dateFormatHelp.flags, dateFormatHelp.description)
    .option(numberFormatHelp.flags, numberFormatHelp.description)
    .addOption(
      new Option('--engine <engine>', 'runtime (default), or duckdb: the policy compiled to SQL and run in embedded DuckDB, which reads Parquet leads itself (no reasons)')
        .choices(['runtime', 'duckdb'])
        .default('runtime'),
    )
    .addOption(
      new Option(
        '--column <name=header>',
        'CSV formats: the header of a column, e.g. score=hs_lead_score or id=Email; an empty header leaves the column out; repeatable',
      ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    )
    .option('--empty-as <text>', 'CSV formats: the text for a missing grade, stage or route (default: an empty cell, which a CRM import skips, keeping the old value)')
    .option('--reasons-length <chars>', `CSV formats: the most characters the reasons may take (default: ${defaultReasonsLength})`)
    .option(
      '--no-formula-guard',
      "CSV formats: write every cell as it is, for programs rather than spreadsheets (by default a cell starting with =, +, -, @, a tab or a CR gets a ' in front, so no spreadsheet runs it)",
    )
    .action(async (policy: string, leads: string, options: ScoreCommandOptions) => setExitCode(await scoreCommand(policy, leads, options, io)));
}
