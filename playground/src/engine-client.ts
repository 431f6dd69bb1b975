/**
 * The page's side of the engine worker: one request at a time, and while the worker works
 * only the newest request waits (it takes over what the one it replaces carried). So there is
 * no fixed debounce: typing fast coalesces into as many runs as the worker can do, and a single
 * edit is not delayed.
 */
import EngineWorker from './engine.worker.ts?worker';
import type { RunRequest, RunResponse } from './protocol.js';

export interface EngineClientOptions {
  /** Adds what the engine needs to a new request: files, leads, `now`… */
  fill(message: RunRequest): void;
  /** A request that replaces one still waiting takes over what only the waiting one carried. */
  carryOver(waiting: RunRequest, message: RunRequest): void;
  answer(response: RunResponse, timing: { sentAt: number }): void;
  failed(message: string): void;
}

export class EngineClient {
  private readonly worker = new EngineWorker();
  private nextId = 1;
  private busy = false;
  private pending: RunRequest | undefined;
  /** When the change behind each request happened, to measure change → updated table. */
  private readonly changedAt = new Map<number, number>();

  constructor(private readonly options: EngineClientOptions) {
    this.worker.onmessage = (event: MessageEvent<RunResponse>) => this.answered(event.data);
    this.worker.onerror = (event) => options.failed(event.message);
  }

  /** Whether a newer request is on its way: the answer being shown is then not the latest state. */
  get waiting(): boolean {
    return this.busy;
  }

  /** Asks for new results; `changedAt` is when the change that needs them happened. */
  request(changedAt = performance.now()): void {
    // `now` and the rest are filled in by the page.
    const message: RunRequest = { type: 'run', id: this.nextId++, now: '' };
    this.options.fill(message);
    this.changedAt.set(message.id, changedAt);
    if (this.busy) {
      if (this.pending) {
        this.options.carryOver(this.pending, message);
        this.changedAt.delete(this.pending.id);
      }
      this.pending = message;
      return;
    }
    this.busy = true;
    this.worker.postMessage(message);
  }

  private answered(response: RunResponse): void {
    const sentAt = this.changedAt.get(response.id) ?? performance.now();
    this.changedAt.delete(response.id);
    this.busy = false;
    const next = this.pending;
    this.pending = undefined;
    if (next) {
      this.busy = true;
      this.worker.postMessage(next);
    }
    // After the next request is on its way, so `waiting` says whether this answer is the latest.
    this.options.answer(response, { sentAt });
  }
}
