// A worker thread that dies with its first batch, as a thread that runs out of memory would
// (worker-pool.test.ts, score-jobs.test.ts): `workerData.exit` makes it exit, else it throws
// an exception nothing catches. `workerData.answerFirst` answers that many batches first.
import { parentPort, workerData } from 'node:worker_threads';

let answered = 0;
parentPort.on('message', (message) => {
  if (answered < (workerData?.answerFirst ?? 0)) {
    answered++;
    parentPort.postMessage({ batch: message.batch, answer: message.batch * 2 });
    return;
  }
  if (workerData?.exit) process.exit(3);
  setImmediate(() => {
    throw new TypeError('the thread broke');
  });
});
