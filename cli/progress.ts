import type { Output } from '../workspace/index.js';

/** Leads between two looks at the timer: reading it for every lead would cost more than scoring some leads. */
const checkEvery = 64;

/**
 * A progress line on a terminal for long runs: `123,456 leads scored · 41,000 leads/s`, redrawn
 * in place (`\r`) at most five times a second, first after a second (short runs show nothing),
 * and erased before the final summary.
 */
export class ProgressLine {
  private readonly started: number;
  private lastDrawn: number;
  private width = 0;

  constructor(
    private readonly output: Output,
    private readonly timer: () => number,
    private readonly firstAfterMs = 1000,
    private readonly everyMs = 200,
  ) {
    this.started = timer();
    this.lastDrawn = this.started - everyMs;
  }

  /** Called with the number of leads handled so far, after each lead. */
  update(leads: number): void {
    if (leads % checkEvery !== 0) return;
    const now = this.timer();
    const elapsed = now - this.started;
    if (elapsed < this.firstAfterMs || now - this.lastDrawn < this.everyMs) return;
    this.lastDrawn = now;
    const rate = Math.round((leads / elapsed) * 1000);
    const text = `${leads.toLocaleString('en-US')} leads scored · ${rate.toLocaleString('en-US')} leads/s`;
    this.output.write(`\r${text.padEnd(this.width)}`);
    this.width = text.length;
  }

  /** Erases the line, if one was drawn, leaving the cursor at the start of it. */
  clear(): void {
    if (this.width === 0) return;
    this.output.write(`\r${' '.repeat(this.width)}\r`);
    this.width = 0;
  }
}
