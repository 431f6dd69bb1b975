// A few worker threads (node:worker_threads) that take batches and answer each with one message.
// A batch goes to the thread with the fewest batches waiting. A thread that dies (an exception
// nothing caught, running out of memory, exiting) answers every batch it held with a failure
// message instead of leaving its caller waiting, and a new thread takes its place.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';

/** A request carries its batch number; the answer names the same number. */
export interface BatchMessage {
  batch: number;
}

/** The answer for a batch whose thread died before answering: why, in one line. */
export interface BatchFailure {
  batch: number;
  failure: string;
}

/** Where a worker thread's code is: a file, or (`eval`) a line of JavaScript that imports it. */
export interface WorkerScript {
  filename: string | URL;
  eval?: boolean;
}

/**
 * The script of the module `name` next to `moduleUrl`: the compiled `NAME.js` when there is one
 * (dist/, which bin/leadscore.js runs), else `NAME.ts` compiled by tsx, as the sources are when
 * the tests or `tsx cli/main.ts` run them.
 */
export function scriptNextTo(moduleUrl: string, name: string): WorkerScript {
  const built = new URL(`./${name}.js`, moduleUrl);
  if (existsSync(fileURLToPath(built))) return { filename: built };
  const source = new URL(`./${name}.ts`, moduleUrl);
  // tsx's module hooks, registered in the thread before the module is imported (`--import tsx` in a worker's execArgv is too late for its entry module).
  const tsxApi = pathToFileURL(
    createRequire(moduleUrl)
      .resolve('tsx/package.json')
      .replace(/package\.json$/, 'dist/esm/api/index.mjs'),
  ).href;
  return { filename: `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`, eval: true };
}

interface Thread {
  worker: Worker;
  /** The batches sent to it and not yet answered, by number. */
  waiting: Map<number, (answer: unknown) => void>;
  dead: boolean;
}

export class WorkerPool<Request extends BatchMessage, Answer extends BatchMessage> {
  private readonly threads: Thread[] = [];

  constructor(
    readonly size: number,
    private readonly script: WorkerScript,
    private readonly workerData: unknown,
  ) {
    for (let i = 0; i < size; i++) this.threads.push(this.start());
  }

  /**
   * Sends a batch to the least busy thread; resolves with its answer, or a failure when the thread
   * dies first. Never rejects. What `transfer` lists (ArrayBuffers of the request's) is moved, not
   * copied: this thread can no longer read it.
   */
  run(request: Request, transfer: readonly TransferListItem[] = []): Promise<Answer | BatchFailure> {
    let index = 0;
    for (let i = 0; i < this.threads.length; i++) {
      if (this.threads[i]!.dead) this.threads[i] = this.start();
      if (this.threads[i]!.waiting.size < this.threads[index]!.waiting.size) index = i;
    }
    const thread = this.threads[index]!;
    return new Promise((resolve) => {
      thread.waiting.set(request.batch, resolve as (answer: unknown) => void);
      thread.worker.postMessage(request, transfer);
    });
  }

  /** Stops every thread; the caller must, or the threads keep the process alive. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private start(): Thread {
    const worker = new Worker(this.script.filename, { eval: this.script.eval ?? false, workerData: this.workerData });
    const thread: Thread = { worker, waiting: new Map(), dead: false };
    worker.on('message', (answer: Answer) => {
      const resolve = thread.waiting.get(answer.batch);
      thread.waiting.delete(answer.batch);
      resolve?.(answer);
    });
    const die = (why: string) => {
      if (thread.dead) return;
      thread.dead = true;
      for (const [batch, resolve] of thread.waiting) resolve({ batch, failure: why } satisfies BatchFailure);
      thread.waiting.clear();
    };
    worker.on('error', (error: unknown) => die(`a worker thread stopped: ${error instanceof Error ? error.message : String(error)}`));
    worker.on('exit', (code) => die(`a worker thread exited (code ${code})`));
    return thread;
  }
}
