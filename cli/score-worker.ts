// A worker thread of `leadscore score --jobs N`: loads the rule graph once, then scores each batch
// of leads it is sent and answers with their outcomes, output texts and field counts (see
// score-lead.ts, which the command's own thread runs for `--jobs 1`).
import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicy } from '../runtime/index.js';
import { FieldTally } from '../leads/index.js';
import { handledPart, LeadScorer, type LeadBatch, type ScoredBatch, type ScoreWorkerData } from './score-lead.js';
import type { BatchFailure } from './worker-pool.js';

const { ir, settings, csvInput } = workerData as ScoreWorkerData;
const scorer = new LeadScorer(loadPolicy(ir), settings);
const whole = settings.format === 'table';

function scoreBatch({ batch, items }: LeadBatch): ScoredBatch {
  const tally = new FieldTally(scorer.policy.ir);
  // A CSV's header has said which columns go unread; only JSON leads are searched for unknown keys.
  if (csvInput) tally.setHeader([], []);
  const outcomes: ScoredBatch['outcomes'] = [];
  const texts: ScoredBatch['texts'] = [];
  for (const item of items) {
    const { outcome, text } = scorer.score(item, tally);
    outcomes.push(whole ? outcome : handledPart(outcome));
    texts.push(text);
  }
  return { batch, outcomes, texts, tally: tally.part() };
}

parentPort!.on('message', (request: LeadBatch) => {
  let answer: ScoredBatch | BatchFailure;
  try {
    answer = scoreBatch(request);
  } catch (error) {
    // scoreInput catches what scoring throws; this is anything else, and fails the batch, not the thread.
    answer = { batch: request.batch, failure: `a worker thread failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  parentPort!.postMessage(answer);
});
