// Which leads go into a CRM import file (`score --format hubspot-csv|salesforce-csv`): those that
// were scored and name the record to update, once each. A row for any other would blank the
// record's values, create a record, or update one record twice; such leads are reported instead.
import type { HandledOutcome } from './score-lead.js';

export class ImportFilter {
  /** The line (or row) of every id written, so a second lead with the same id is refused. */
  private readonly written = new Map<string, number>();

  constructor(private readonly unit: 'row' | 'line') {}

  /** Why this lead is left out of the import file; undefined when it goes in (and its id is taken). */
  leftOut(outcome: HandledOutcome): string | undefined {
    if ('error' in outcome) return outcome.error.error;
    const { id } = outcome.result;
    if (id === null || String(id).trim() === '') return 'it has no id, so no CRM record can be matched to it';
    const key = String(id);
    const first = this.written.get(key);
    if (first !== undefined) return `its id ${JSON.stringify(key)} is also the id of ${this.unit} ${first}, which was written`;
    this.written.set(key, outcome.line);
    return undefined;
  }

  /** The line for standard error: `row 3 (A2) not written: …`. */
  message(outcome: HandledOutcome, reason: string): string {
    const id = 'error' in outcome ? outcome.error.id : outcome.result.id;
    return `${this.unit} ${outcome.line}${id === null ? '' : ` (${id})`} not written: ${reason}`;
  }
}
