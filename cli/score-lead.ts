// One lead through `leadscore score`: counted for the field report, scored, and written as its
// output line. The same code runs in the
// command's own thread (`--jobs 1`) and in every worker thread (`--jobs N`), so both write the
// same bytes. No compiler and no file access here: a worker thread loads only this and the runtime.
import { LeadError, type Policy, type ScoreResult } from '../runtime/index.js';
import { printableJson } from '../runtime/printable.js';
import { withoutBadValues, type BadValues, type FieldTally, type LeadInput, type LineBlock, type TallyPart } from '../leads/index.js';
import { CsvResults, type CsvResultsOptions } from './csv-results.js';
import type { CsvFormat } from './csv-columns.js';

export type ScoreFormat = 'jsonl' | 'table' | CsvFormat;

/** One input line's outcome: a result (with `warnings` for values read as missing), or an error that takes the lead's place. */
export type LineOutcome = { line: number; result: ScoreResult & { warnings?: string[] } } | { line: number; error: { line: number; id: string | number | null; error: string } };

/**
 * What the command does with a lead after scoring it, when the lead's output text is already
 * written: count it, name it in a message. A worker thread sends this much back, not the whole result.
 */
export type HandledOutcome = { line: number; result: Pick<ScoreResult, 'id'> & { warnings?: string[] } } | Extract<LineOutcome, { error: unknown }>;

/** A CSV format's columns and options, as `--format`, `--column`, `--empty-as`, … give them. */
export interface CsvSettings {
  format: CsvFormat;
  options: CsvResultsOptions;
}

/** How every lead is scored and written: all a worker thread needs besides the rule graph. */
export interface LeadSettings {
  format: ScoreFormat;
  explain: boolean;
  badValues: BadValues;
  /** The time to score at, in epoch milliseconds. */
  now: number;
  csv?: CsvSettings;
}

/** Scores one lead as read from a file (or its error, which takes its place); never throws. */
export function scoreInput(policy: Policy, input: LeadInput, now: Date, badValues: BadValues = 'error'): LineOutcome {
  const { line, id } = input;
  if (input.error !== undefined) return { line, error: { line, id, error: input.error } };
  try {
    // A CSV row's unreadable cells were read as missing by the reader; a JSON lead's are dropped here.
    const { lead, warnings } = badValues === 'missing' && !input.warnings ? withoutBadValues(policy, input.lead) : { lead: input.lead, warnings: input.warnings ?? [] };
    const result = policy.score(lead, { now });
    return { line, result: warnings.length > 0 ? { ...result, warnings } : result };
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

/** A lead scored: its outcome, and its output text (none for the table, which is written whole at the end). */
export interface ScoredLead {
  outcome: LineOutcome;
  text: string | undefined;
}

/** Scores leads one at a time and writes each one's output text. */
export class LeadScorer {
  readonly csv: CsvResults | undefined;
  private readonly now: Date;

  constructor(
    readonly policy: Policy,
    private readonly settings: LeadSettings,
  ) {
    this.csv = settings.csv && new CsvResults(policy, settings.csv.format, settings.csv.options);
    this.now = new Date(settings.now);
  }

  /** One lead, counted in `tally` for the field report. */
  score(lead: LeadInput, tally: FieldTally): ScoredLead {
    this.count(lead, tally);
    const outcome = scoreInput(this.policy, lead, this.now, this.settings.badValues);
    return { outcome, text: this.textOf(outcome) };
  }

  /** Counts a lead in `tally`, without scoring it. */
  count(lead: LeadInput, tally: FieldTally): void {
    const { policy } = this;
    tally.add(policy.readLead && lead.lead !== undefined ? policy.readLead(lead.lead) : lead.lead, lead.unreadable, lead.lead);
  }

  /** The output text of an outcome: a JSON line, a CSV row, or none for the table. */
  textOf(outcome: LineOutcome): string | undefined {
    if (this.settings.format === 'table') return undefined;
    if (this.csv) return this.csv.rows([outcome]);
    return printableJson(JSON.stringify(outputOf(outcome, this.settings.explain))) + '\n';
  }
}

/** As much of an outcome as the command needs once the lead's text is written: what a worker thread sends back. */
export function handledPart(outcome: LineOutcome): HandledOutcome {
  if ('error' in outcome) return outcome;
  const { id, warnings } = outcome.result;
  return { line: outcome.line, result: warnings ? { id, warnings } : { id } };
}

/** What a worker thread of `score --jobs` is started with: the checked rule graph (each thread loads it once) and the settings. */
export interface ScoreWorkerData {
  ir: unknown;
  settings: LeadSettings;
  /** Leads from a profile CSV, whose header (read by the command) already says which columns go unread. */
  csvInput: boolean;
}

/** A batch of leads for a worker thread, numbered in input order: leads read already, or blocks of JSON lines to parse. */
export interface LeadBatch {
  batch: number;
  items: Array<LeadInput | LineBlock>;
}

/**
 * A worker thread's answer, with the batch's field counts: for the table, each lead's whole outcome;
 * for an import file (which leaves out leads the command decides on), each lead's outcome (as much
 * as the command needs) and its text in `texts`; for JSON Lines and CSV, the output of every lead
 * in `bytes` (UTF-8, moved to the command's thread, which writes it as it is), and the outcomes of
 * only the leads that failed or have warnings: `plain` counts the leads scored cleanly before each
 * of them, and after the last (it has one more number than `outcomes`).
 */
export interface ScoredBatch {
  batch: number;
  outcomes: Array<LineOutcome | HandledOutcome>;
  texts?: Array<string | undefined>;
  bytes?: Uint8Array;
  plain?: number[];
  tally: TallyPart;
}
