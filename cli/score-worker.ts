// A worker thread of `leadscore score --jobs N`: loads the rule graph once, then scores each batch
// of leads it is sent and answers with their outcomes, output text and field counts (see
// score-lead.ts, which the command's own thread runs for `--jobs 1`).
import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicy } from '../runtime/index.js';
import { blockLeads, FieldTally, type LeadInput } from '../leads/index.js';
import { isCrmFormat } from './csv-columns.js';
import { handledPart, LeadScorer, type LeadBatch, type LineOutcome, type ScoredBatch, type ScoreWorkerData } from './score-lead.js';

const { ir, settings, csvInput } = workerData as ScoreWorkerData;
const scorer = new LeadScorer(loadPolicy(ir), settings);
const whole = settings.format === 'table';
// An import file leaves out leads the command decides on, in order: each lead's text goes back on its own.
const oneByOne = isCrmFormat(settings.format);

function scoreBatch({ batch, items }: LeadBatch): ScoredBatch {
  const tally = new FieldTally(scorer.policy.ir);
  // A CSV's header has said which columns go unread; only JSON leads are searched for unknown keys.
  if (csvInput) tally.setHeader([], []);
  const outcomes: ScoredBatch['outcomes'] = [];
  const texts: Array<string | undefined> = [];
  const score = (lead: LeadInput) => {
    const { outcome, text } = scorer.score(lead, tally);
    outcomes.push(whole ? outcome : handledPart(outcome));
    texts.push(text);
  };
  for (const item of items) {
    if ('bytes' in item) for (const lead of blockLeads(item)) score(lead);
    else score(item);
  }
  const output = whole ? {} : oneByOne ? { texts } : { text: texts.join('') };
  return { batch, outcomes, ...output, tally: tally.part() };
}

/** Every lead of a batch as an error: what the batch gets when something other than scoring a lead throws. */
function failedBatch({ batch, items }: LeadBatch, error: unknown): ScoredBatch {
  const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
  const outcomes: LineOutcome[] = [];
  for (const item of items)
    for (const lead of 'bytes' in item ? blockLeads(item) : [item]) outcomes.push({ line: lead.line, error: { line: lead.line, id: lead.id, error: message } });
  const texts = outcomes.map((outcome) => scorer.textOf(outcome));
  const output = whole ? {} : oneByOne ? { texts } : { text: texts.join('') };
  return { batch, outcomes, ...output, tally: new FieldTally(scorer.policy.ir).part() };
}

parentPort!.on('message', (request: LeadBatch) => {
  let answer: ScoredBatch;
  try {
    answer = scoreBatch(request);
  } catch (error) {
    // scoreInput catches what scoring a lead throws; this is anything else, and fails the batch's leads, not the thread.
    answer = failedBatch(request, error);
  }
  parentPort!.postMessage(answer);
});
