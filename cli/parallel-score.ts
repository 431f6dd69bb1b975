// Work on a stream of items in batches, several batches at once, with the results handed on strictly
// in input order: `score --jobs N` sends batches of leads to worker threads and writes their output
// in the order of the input, whichever worker finishes first. Memory stays bounded: at most
// `window` batches are out at a time (sent and not yet handed on), and while the window is full
// no item is read, so a file is read only as fast as its results are written.

export interface BatchOptions {
  /** Items per batch: enough to make each message worth sending. */
  batchSize: number;
  /** The most batches out at once: being worked on, or done and waiting for an earlier one. */
  window: number;
}

/** What happened while the batches ran, for tests and measurements. */
export interface BatchStats {
  batches: number;
  /** The most batches that were out at once. */
  maxOut: number;
}

/**
 * Reads `items`, cuts them into batches and `process`es up to `window` of them at once; `deliver`
 * gets each result with its batch, in the order of the batches, one at a time (it may wait, for a
 * full output, and nothing more is delivered meanwhile). A batch is sent before it is full when
 * the input pauses with nothing out, so a lead piped in alone is answered at once. Rejects with the
 * first error `process`, `deliver` or the input throws, once the batches out have settled.
 */
export async function inBatches<I, O>(
  items: AsyncIterable<I>,
  process: (batch: I[], index: number) => Promise<O>,
  deliver: (result: O, batch: I[]) => void | Promise<void>,
  { batchSize, window }: BatchOptions,
): Promise<BatchStats> {
  const out = new Map<number, { batch: I[]; result?: { value: O } }>();
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

  // Hands on every result that is next in order; called whenever a batch is done.
  const deliverReady = async () => {
    if (delivering) return;
    delivering = true;
    try {
      for (let entry = out.get(delivered); entry?.result && !failure; entry = out.get(delivered)) {
        await deliver(entry.result.value, entry.batch);
        out.delete(delivered);
        delivered++;
        notify();
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
    const entry: { batch: I[]; result?: { value: O } } = { batch };
    out.set(index, entry);
    maxOut = Math.max(maxOut, sent - delivered);
    working++;
    process(batch, index).then(
      (value) => {
        working--;
        entry.result = { value };
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
  try {
    for (;;) {
      while (sent - delivered >= window && !failure) await settled();
      if (failure) break;
      let next = iterator.next();
      // With nothing out and a batch begun, a pause in the input sends what there is.
      if (batch.length > 0 && sent === delivered) {
        const idle = Symbol('idle');
        const first = await Promise.race([next, new Promise<typeof idle>((resolve) => setImmediate(() => resolve(idle)))]);
        if (first === idle) {
          send(batch);
          batch = [];
        } else next = Promise.resolve(first);
      }
      const { value, done } = await next;
      if (done) break;
      batch.push(value);
      if (batch.length >= batchSize) {
        send(batch);
        batch = [];
      }
    }
    if (batch.length > 0 && !failure) send(batch);
  } catch (error) {
    failure ??= { error };
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
