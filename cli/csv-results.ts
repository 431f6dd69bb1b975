// The rows of `leadscore score` in a CSV format (csv, hubspot-csv, salesforce-csv): one per lead,
// in input order, under the columns csv-columns.ts lays out, every cell spreadsheet-safe.
import type { Policy } from '../runtime/index.js';
import { csvColumns, type ColumnOptions, type CsvColumn, type CsvFormat } from './csv-columns.js';
import { csvLines, type CsvCell } from './csv-safe.js';
import { defaultReasonsLength, reasonsText } from './reasons-text.js';
import type { LineOutcome } from './score-lead.js';

export interface CsvResultsOptions extends Partial<ColumnOptions> {
  /** The longest reasons text, in characters. */
  reasonsLength?: number;
  /** Written in place of a missing grade, stage or route (default: an empty cell). */
  emptyAs?: string;
  /** False to write cells as they are, for programs rather than spreadsheets (default: true). */
  formulaGuard?: boolean;
}

export class CsvResults {
  readonly columns: CsvColumn[];
  private readonly reasonsLength: number;
  private readonly emptyAs: string;
  private readonly formulaGuard: boolean;

  /** Throws CliError when `--column` names no column, or its headers clash (see csvColumns). */
  constructor(policy: Policy, format: CsvFormat, options: CsvResultsOptions = {}) {
    this.columns = csvColumns(policy, format, { reasons: options.reasons ?? false, renames: options.renames ?? new Map() });
    this.reasonsLength = options.reasonsLength ?? defaultReasonsLength;
    this.emptyAs = options.emptyAs ?? '';
    this.formulaGuard = options.formulaGuard ?? true;
  }

  /** The header line. */
  header(): string {
    return csvLines([this.columns.map((column) => column.header)], this.formulaGuard);
  }

  /** One line per lead; a lead that was not scored has its line, id and error, and empty score columns. */
  rows(outcomes: readonly LineOutcome[]): string {
    return csvLines(
      outcomes.map((outcome) => this.columns.map((column) => this.cell(column, outcome))),
      this.formulaGuard,
    );
  }

  private cell({ value }: CsvColumn, outcome: LineOutcome): CsvCell {
    if (value === 'line') return outcome.line;
    if ('error' in outcome) {
      if (value === 'id') return outcome.error.id;
      return value === 'error' ? outcome.error.error : null;
    }
    const result = outcome.result;
    if (typeof value === 'object') return result.dimensions[value.section] ?? 0;
    switch (value) {
      case 'id':
        return result.id;
      case 'score':
        return result.score;
      case 'grade':
      case 'stage':
      case 'route':
        return result[value] ?? this.emptyAs;
      case 'blacklisted':
        return result.blacklisted;
      case 'error':
        return null;
      case 'reasons':
        return reasonsText(result.reasons, this.reasonsLength);
    }
  }
}
