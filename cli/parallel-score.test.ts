import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inBatches } from './parallel-score.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** 0, 1, 2, … count-1, as an input stream; `pulled()` says how many were read so far. */
function numbers(count: number) {
  let pulled = 0;
  async function* items(): AsyncGenerator<number> {
    for (let i = 0; i < count; i++) {
      pulled++;
      yield i;
    }
  }
  return { items: items(), pulled: () => pulled };
}

describe('batches worked on at once, handed on in order', () => {
  it('hands the results on in input order however the batches finish', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 3 })),
        async (count, batchSize, window, delays) => {
          const handed: number[] = [];
          const delay = delays[Symbol.iterator]();
          const stats = await inBatches(
            numbers(count).items,
            async (batch) => {
              // Each batch takes a random number of turns of the event loop, so later batches often finish first.
              for (let i = delay.next().value as number; i > 0; i--) await tick();
              return batch.map((n) => n * 10);
            },
            (result) => {
              handed.push(...result);
            },
            { batchSize, window },
          );
          expect(handed).toEqual(Array.from({ length: count }, (_, i) => i * 10));
          expect(stats.maxOut).toBeLessThanOrEqual(window);
          expect(stats.batches).toBe(Math.ceil(count / batchSize));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never has more than `window` batches out, and stops reading while the window is full', async () => {
    const source = numbers(10_000);
    let working = 0;
    let mostWorking = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const done = inBatches(
      source.items,
      async (batch) => {
        working++;
        mostWorking = Math.max(mostWorking, working);
        await tick();
        working--;
        return batch.length;
      },
      // The output is full: nothing is handed on until the test says so.
      () => held,
      { batchSize: 10, window: 3 },
    );
    await sleep(50);
    // The first result waits to be handed on; with it, at most 3 batches are out, and only one more batch is begun.
    expect(source.pulled()).toBeLessThanOrEqual(3 * 10 + 10 + 1);
    expect(mostWorking).toBeLessThanOrEqual(3);
    release();
    const stats = await done;
    expect(source.pulled()).toBe(10_000);
    expect(stats.maxOut).toBe(3);
  });

  it('sends a batch begun when the input pauses with nothing out, so one lead alone is answered at once', async () => {
    let more!: () => void;
    async function* slow(): AsyncGenerator<string> {
      yield 'first';
      await new Promise<void>((resolve) => (more = resolve));
      yield 'second';
    }
    const handed: string[][] = [];
    const done = inBatches(
      slow(),
      async (batch) => batch,
      (batch) => void handed.push(batch),
      { batchSize: 100, window: 2, pauseMs: 5 },
    );
    await sleep(100);
    expect(handed).toEqual([['first']]);
    more();
    await done;
    expect(handed).toEqual([['first'], ['second']]);
  });

  it('cuts batches by weight: a block of lines weighs its lines', async () => {
    const sizes: number[] = [];
    async function* blocks(): AsyncGenerator<number> {
      yield* [3, 3, 3, 1, 5, 2];
    }
    await inBatches(
      blocks(),
      async (batch) => sizes.push(batch.reduce((sum, lines) => sum + lines, 0)),
      () => {},
      { batchSize: 6, window: 2, weigh: (lines) => lines },
    );
    expect(sizes).toEqual([6, 9, 2]);
  });

  it('fails with the first error once the batches out have settled, and stops reading', async () => {
    const source = numbers(1_000);
    let settled = 0;
    const run = inBatches(
      source.items,
      async (batch, index) => {
        await sleep(index === 1 ? 1 : 10);
        settled++;
        if (index === 1) throw new Error('batch 1 failed');
        return batch;
      },
      () => {},
      { batchSize: 10, window: 4 },
    );
    await expect(run).rejects.toThrow('batch 1 failed');
    expect(source.pulled()).toBeLessThan(1_000);
    // Nothing is left running when the promise settles.
    const atEnd = settled;
    await sleep(30);
    expect(settled).toBe(atEnd);
  });
});
