// Work on a stream of items in batches, several batches at once, with the results handed on strictly
// in input order: `score --jobs N` sends batches of leads to worker threads and writes their output
// in the order of the input, whichever worker finishes first. Memory stays bounded: at most
// `window` batches are out at a time (sent and not yet handed on), and while the window is full
// no item is read, so a file is read only as fast as its results are written.

export interface BatchOptions<I> {
  /** Items per batch (by weight): enough to make each message worth sending. */
  batchSize: number;
  /** How much of a batch an item makes (default 1): a block of lines weighs its lines. */
  weigh?: (item: I) => number;
  /** The most batches out at once: being worked on, or done and waiting for an earlier one. */
  window: number;
  /** How long the input may pause, with nothing out, before a batch begun is sent as it is (default 20 ms): a lead piped in alone is answered at once. */
  pauseMs?: number;
}

const pause = Symbol('the input paused');

/** What happened while the batches ran, for tests and measurements. */
export interface BatchStats {
  batches: number;
  /** The most batches that were out at once. */
  maxOut: number;
}

/**
 * Reads `items`, cuts them into batches and `process`es up to `window` of them at once; `deliver`
 * gets each result in the order of the batches, one at a time (it may wait, for a
 * full output, and nothing more is delivered meanwhile). A batch is sent before it is full when
 * the input pauses with nothing out, so a lead piped in alone is answered at once. Rejects with the
 * first error `process`, `deliver` or the input throws, once the batches out have settled.
 */
export async function inBatches<I, O>(
  items: AsyncIterable<I>,
  process: (batch: I[], index: number) => Promise<O>,
  deliver: (result: O) => void | Promise<void>,
  { batchSize, window, pauseMs = 20, weigh = () => 1 }: BatchOptions<I>,
): Promise<BatchStats> {
  // The results done and not yet handed on, by batch number. A batch is not kept once sent: holding
  // the input until its result is handed on would make the garbage collector copy it again and again.
  const done = new Map<number, O>();
  let sent = 0;
  let delivered = 0;
  let maxOut = 0;
  /** Batches sent whose `process` has not settled. */
  let working = 0;
  let failure: { error: unknown } | undefined;
  let delivering = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const settled = () => new Promise<void>((resolve) => (wake = resolve));
  let checkIdle = () => {};

  // Hands on every result that is next in order; called whenever a batch is done.
  const deliverReady = async () => {
    if (delivering) return;
    delivering = true;
    try {
      while (done.has(delivered) && !failure) {
        const result = done.get(delivered)!;
        done.delete(delivered);
        await deliver(result);
        delivered++;
        notify();
        checkIdle();
      }
    } catch (error) {
      failure ??= { error };
    } finally {
      delivering = false;
      notify();
    }
  };

  const send = (batch: I[]) => {
    const index = sent++;
    maxOut = Math.max(maxOut, sent - delivered);
    working++;
    process(batch, index).then(
      (value) => {
        working--;
        done.set(index, value);
        notify();
        void deliverReady();
      },
      (error: unknown) => {
        working--;
        failure ??= { error };
        notify();
      },
    );
  };

  const iterator = items[Symbol.asyncIterator]();
  let batch: I[] = [];
  let weight = 0;
  // A batch begun is sent as it is once the input has paused for `pauseMs` and nothing is out:
  // then no worker has anything to do, and a lead piped in alone is answered at once.
  let idle: Promise<typeof pause> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let pausedLong = false;
  let goIdle: ((value: typeof pause) => void) | undefined;
  checkIdle = () => {
    if (pausedLong && sent === delivered) goIdle?.(pause);
  };
  const sendBatch = () => {
    clearTimeout(timer);
    idle = undefined;
    goIdle = undefined;
    pausedLong = false;
    send(batch);
    batch = [];
    weight = 0;
  };
  try {
    for (;;) {
      while (sent - delivered >= window && !failure) await settled();
      if (failure) break;
      let next = iterator.next();
      if (idle) {
        const first = await Promise.race([next, idle]);
        if (first === pause) sendBatch();
        else next = Promise.resolve(first);
      }
      const { value, done } = await next;
      if (done) break;
      batch.push(value);
      weight += weigh(value);
      if (batch.length === 1) {
        idle = new Promise((resolve) => (goIdle = resolve));
        // Looks every `pauseMs` whether the batch grew meanwhile: one timer, not one per item.
        let seen = 0;
        const look = () => {
          if (batch.length > seen) {
            seen = batch.length;
            timer = setTimeout(look, pauseMs);
            return;
          }
          pausedLong = true;
          checkIdle();
        };
        timer = setTimeout(look, pauseMs);
      }
      if (weight >= batchSize) sendBatch();
    }
    if (batch.length > 0 && !failure) sendBatch();
  } catch (error) {
    failure ??= { error };
  } finally {
    clearTimeout(timer);
  }
  if (failure) await iterator.return?.();
  // Everything sent settles (is handed on, or fails) before the promise does: no worker is left mid-batch.
  while (failure ? working > 0 || delivering : delivered < sent) {
    void deliverReady();
    await settled();
  }
  if (failure) throw failure.error;
  return { batches: sent, maxOut };
}
