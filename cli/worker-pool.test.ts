import { describe, expect, it } from 'vitest';
import { WorkerPool, type BatchMessage } from './worker-pool.js';

interface Doubled extends BatchMessage {
  answer: number;
}

const crashing = { filename: new URL('./__fixtures__/crashing-worker.mjs', import.meta.url) };

describe('a pool of worker threads', { timeout: 30_000 }, () => {
  it('answers a batch whose thread throws with a failure, not an exception or a wait, and starts another thread', async () => {
    const pool = new WorkerPool<BatchMessage, Doubled>(1, crashing, { answerFirst: 1 });
    try {
      expect(await pool.run({ batch: 1 })).toEqual({ batch: 1, answer: 2 });
      expect(await pool.run({ batch: 2 })).toEqual({ batch: 2, failure: 'a worker thread stopped: the thread broke' });
      // The new thread answers its first batch again.
      expect(await pool.run({ batch: 3 })).toEqual({ batch: 3, answer: 6 });
    } finally {
      await pool.close();
    }
  });

  it('fails every batch a thread held when it exits', async () => {
    const pool = new WorkerPool<BatchMessage, Doubled>(1, crashing, { exit: true });
    try {
      const answers = await Promise.all([pool.run({ batch: 0 }), pool.run({ batch: 1 })]);
      expect(answers).toEqual([
        { batch: 0, failure: 'a worker thread exited (code 3)' },
        { batch: 1, failure: 'a worker thread exited (code 3)' },
      ]);
    } finally {
      await pool.close();
    }
  });

  it('sends each batch to the thread with the fewest waiting', async () => {
    const pool = new WorkerPool<BatchMessage, Doubled>(2, crashing, { answerFirst: 2 });
    try {
      const answers = await Promise.all([0, 1, 2, 3].map((batch) => pool.run({ batch })));
      expect(answers.map((answer) => ('answer' in answer ? answer.answer : answer))).toEqual([0, 2, 4, 6]);
    } finally {
      await pool.close();
    }
  });
});
