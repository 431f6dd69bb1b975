// The options of `leadscore score` that shape its CSV output, checked before anything is read:
// --format csv|hubspot-csv|salesforce-csv, --explain (a reasons column in csv), --column,
// --empty-as and --reasons-length.
import type { Policy } from '../runtime/index.js';
import { CliError } from '../workspace/index.js';
import { isCsvFormat, parseColumnRenames } from './csv-columns.js';
import { CsvResults } from './csv-results.js';
import { minimumReasonsLength } from './reasons-text.js';
import type { CsvSettings } from './score-lead.js';

export interface CsvOptionValues {
  format: string;
  explain?: boolean;
  column?: string[];
  emptyAs?: string;
  reasonsLength?: string;
  /** `--no-formula-guard` makes it false. */
  formulaGuard?: boolean;
}

function reasonsLengthOf(text: string): number {
  const length = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(length >= minimumReasonsLength)) throw new CliError(`--reasons-length must be a whole number of characters, at least ${minimumReasonsLength}; got ${JSON.stringify(text)}`);
  return length;
}

/**
 * How to write CSV results for a policy, or undefined when the format is not CSV. Throws a
 * CliError for an option that has nothing to shape (`--column` with `--format jsonl`), a
 * malformed `--column` or `--reasons-length`; the columns themselves are checked with the policy.
 */
export function csvOutput(options: CsvOptionValues): ((policy: Policy) => CsvResults) | undefined {
  const settings = csvSettings(options);
  return settings && ((policy) => new CsvResults(policy, settings.format, settings.options));
}

/** The format and options CsvResults is made with (see csvOutput), or undefined when the format is not CSV: what a worker thread needs to write the same rows. */
export function csvSettings(options: CsvOptionValues): CsvSettings | undefined {
  const given = [
    ['--column', options.column !== undefined && options.column.length > 0],
    ['--empty-as', options.emptyAs !== undefined],
    ['--reasons-length', options.reasonsLength !== undefined],
    ['--no-formula-guard', options.formulaGuard === false],
  ] as const;
  const { format } = options;
  if (!isCsvFormat(format)) {
    const misplaced = given.find(([, present]) => present);
    if (misplaced) throw new CliError(`${misplaced[0]} goes with a CSV format (--format csv, hubspot-csv or salesforce-csv), not --format ${format}`);
    return undefined;
  }
  const reasons = format !== 'csv' || options.explain === true;
  if (options.reasonsLength !== undefined && !reasons) throw new CliError('--reasons-length goes with a reasons column: --format csv --explain, or a CRM format');
  const reasonsLength = options.reasonsLength === undefined ? undefined : reasonsLengthOf(options.reasonsLength);
  const renames = parseColumnRenames(options.column ?? []);
  return { format, options: { reasons, renames, reasonsLength, emptyAs: options.emptyAs, formulaGuard: options.formulaGuard ?? true } };
}
