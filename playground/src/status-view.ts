/**
 * What the header and the banner above the table say about the last answer: errors and
 * warnings, how long scoring took, why the results shown are stale, why `now` is not a time.
 */
import type { RunResponse } from './protocol.js';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export class StatusView {
  constructor(
    private readonly status: HTMLElement,
    private readonly staleBanner: HTMLElement,
    private readonly nowError: HTMLElement,
  ) {}

  checking(): void {
    this.status.textContent = 'checking…';
  }

  say(message: string): void {
    this.status.textContent = message;
  }

  failed(message: string): void {
    this.status.textContent = `the engine stopped: ${message}`;
    this.status.className = 'status has-errors';
  }

  /** Shows an answer; true when it has new rows for the table. */
  answer(response: RunResponse, workMs: number): boolean {
    const errors = response.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = response.diagnostics.length - errors;
    this.nowError.textContent = response.nowError ?? '';
    if (!response.ok || !response.rows) {
      const where = response.entry === undefined ? '' : ` (${response.entry} and the files it reads)`;
      const why =
        response.problem !== undefined
          ? `Nothing to score: ${response.problem}.`
          : response.ok
            ? 'Showing the last results: `now` is not a valid time.'
            : `The policy has ${plural(errors, 'error')}${where}: showing the results of the last version that compiled.`;
      this.setStale(true, why);
      this.status.textContent = response.problem ?? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
      this.status.className = 'status has-errors';
      return false;
    }
    this.setStale(false);
    const future = response.futureEvents ? ` · ${plural(response.futureEvents, 'event')} after now ignored` : '';
    this.status.textContent = `${plural(warnings, 'warning')} · ${response.rows.length} leads scored in ${workMs.toFixed(1)} ms${future}`;
    this.status.className = warnings > 0 ? 'status has-warnings' : 'status ok';
    return true;
  }

  private setStale(stale: boolean, why = ''): void {
    document.body.classList.toggle('is-stale', stale);
    this.staleBanner.hidden = !stale;
    this.staleBanner.textContent = why;
  }
}
