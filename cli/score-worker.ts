// A worker thread of `leadscore score --jobs N`: loads the rule graph once, then scores each batch
// of leads it is sent and answers with their outcomes, output text and field counts (see
// score-lead.ts, which the command's own thread runs for `--jobs 1`).
import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicy } from '../runtime/index.js';
import { blockLeads, FieldTally, type LeadInput, type TallyPart } from '../leads/index.js';
import { isCrmFormat } from './csv-columns.js';
import { handledPart, LeadScorer, type HandledOutcome, type LeadBatch, type LineOutcome, type ScoredBatch, type ScoreWorkerData } from './score-lead.js';

const { ir, settings, csvInput } = workerData as ScoreWorkerData;
const scorer = new LeadScorer(loadPolicy(ir), settings);
const whole = settings.format === 'table';
// An import file leaves out leads the command decides on, in order: each lead's text goes back on its own.
const oneByOne = isCrmFormat(settings.format);

const utf8 = new TextEncoder();

/** A batch's answer, lead by lead, in the form its format takes (see ScoredBatch). */
class BatchAnswer {
  private readonly outcomes: Array<LineOutcome | HandledOutcome> = [];
  private readonly texts: Array<string | undefined> = [];
  /** JSON Lines and CSV: the command only counts a lead scored without warnings, so its outcome does not cross threads. */
  private readonly plain = [0];

  constructor(private readonly batch: number) {}

  add(outcome: LineOutcome, text: string | undefined): void {
    if (whole) {
      this.outcomes.push(outcome);
      return;
    }
    this.texts.push(text);
    if (oneByOne) this.outcomes.push(handledPart(outcome));
    else if ('result' in outcome && !outcome.result.warnings) this.plain[this.plain.length - 1]!++;
    else {
      this.outcomes.push(handledPart(outcome));
      this.plain.push(0);
    }
  }

  done(tally: TallyPart): ScoredBatch {
    const { batch, outcomes, texts, plain } = this;
    if (whole) return { batch, outcomes, tally };
    if (oneByOne) return { batch, outcomes, texts, tally };
    return { batch, outcomes, plain, bytes: utf8.encode(texts.join('')), tally };
  }
}

function scoreBatch({ batch, items }: LeadBatch): ScoredBatch {
  const tally = new FieldTally(scorer.policy.ir);
  // A CSV's header has said which columns go unread; only JSON leads are searched for unknown keys.
  if (csvInput) tally.setHeader([], []);
  const answer = new BatchAnswer(batch);
  const score = (lead: LeadInput) => {
    const { outcome, text } = scorer.score(lead, tally);
    answer.add(outcome, text);
  };
  for (const item of items) {
    if ('bytes' in item) for (const lead of blockLeads(item)) score(lead);
    else score(item);
  }
  return answer.done(tally.part());
}

/** Every lead of a batch as an error: what the batch gets when something other than scoring a lead throws. */
function failedBatch({ batch, items }: LeadBatch, error: unknown): ScoredBatch {
  const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
  const answer = new BatchAnswer(batch);
  for (const item of items)
    for (const lead of 'bytes' in item ? blockLeads(item) : [item]) {
      const outcome: LineOutcome = { line: lead.line, error: { line: lead.line, id: lead.id, error: message } };
      answer.add(outcome, scorer.textOf(outcome));
    }
  return answer.done(new FieldTally(scorer.policy.ir).part());
}

parentPort!.on('message', (request: LeadBatch) => {
  let scored: ScoredBatch;
  try {
    scored = scoreBatch(request);
  } catch (error) {
    // scoreInput catches what scoring a lead throws; this is anything else, and fails the batch's leads, not the thread.
    scored = failedBatch(request, error);
  }
  // The output's bytes are moved, not copied.
  parentPort!.postMessage(scored, scored.bytes ? [scored.bytes.buffer as ArrayBuffer] : []);
});
