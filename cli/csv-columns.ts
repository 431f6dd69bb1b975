// Which columns each CSV format of `score` writes, and under which headers: leadscore's own
// `csv`, and import files for HubSpot and Salesforce (the CRM's id column, custom property
// names), with the headers a user renames or leaves out with `--column NAME=HEADER`.
import type { Policy } from '../runtime/index.js';
import { CliError } from '../workspace/index.js';

export const csvFormats = ['csv', 'hubspot-csv', 'salesforce-csv'] as const;
export type CsvFormat = (typeof csvFormats)[number];
type CrmFormat = Exclude<CsvFormat, 'csv'>;

export const isCsvFormat = (format: string): format is CsvFormat => (csvFormats as readonly string[]).includes(format);
/** An import file for a CRM: it holds only leads that can update a record (see ImportFilter). */
export const isCrmFormat = (format: string): format is CrmFormat => format === 'hubspot-csv' || format === 'salesforce-csv';

/** What a column holds: one of a result's values, a section's total, or the reasons text. */
export type ColumnValue = 'line' | 'id' | 'score' | 'grade' | 'stage' | 'route' | 'blacklisted' | 'error' | 'reasons' | { section: string };

export interface CsvColumn {
  /** The NAME of `--column NAME=HEADER`: the value's name, or the section's. */
  name: string;
  value: ColumnValue;
  header: string;
}

/** `product-fit` → `product_fit`: a HubSpot internal property name is lower case, digits and `_`. */
const hubspotName = (name: string) => `leadscore_${name.toLowerCase().replace(/-/g, '_')}`;

/** `product-fit` → `Leadscore_Product_Fit__c`: a Salesforce API name has no `-`, nor `__` inside. */
function salesforceName(name: string): string {
  const parts = name.split(/[-_]+/).filter((part) => part !== '');
  return `Leadscore_${parts.map((part) => part[0]!.toUpperCase() + part.slice(1)).join('_')}__c`;
}

/** The header of a column in a CRM import file: the CRM's record id, or the custom property it updates. */
const crmHeader: Record<CrmFormat, (name: string, value: ColumnValue) => string> = {
  'hubspot-csv': (name, value) => (value === 'id' ? 'Record ID' : hubspotName(name)),
  'salesforce-csv': (name, value) => (value === 'id' ? 'Id' : salesforceName(name)),
};

/** The columns of a format, in order, each under its default header. */
function defaultColumns(policy: Policy, format: CsvFormat, reasons: boolean): CsvColumn[] {
  const sections = policy.ir.sections.map((section): [string, ColumnValue] => [section.name, { section: section.name }]);
  const named = (...names: Array<Exclude<ColumnValue, object>>) => names.map((name): [string, ColumnValue] => [name, name]);
  const columns: Array<[string, ColumnValue]> =
    format === 'csv'
      ? [...named('line', 'id', 'score'), ...sections, ...named('grade', 'stage', 'route', 'blacklisted', 'error'), ...(reasons ? named('reasons') : [])]
      : [...named('id', 'score'), ...sections, ...named('grade', 'stage', 'route', 'reasons')];
  return columns.map(([name, value]) => ({ name, value, header: format === 'csv' ? name : crmHeader[format](name, value) }));
}

/**
 * Reads the values of `--column NAME=HEADER` (given any number of times): NAME is a column of
 * the format (`score`, a section's name, …), HEADER its header; an empty HEADER leaves it out.
 */
export function parseColumnRenames(values: readonly string[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const value of values) {
    const equals = value.indexOf('=');
    const name = value.slice(0, Math.max(0, equals)).trim();
    if (equals < 0 || name === '') {
      throw new CliError(`--column takes NAME=HEADER, such as score=hs_lead_score (or reasons= to leave a column out); got ${JSON.stringify(value)}`);
    }
    const header = value.slice(equals + 1).trim();
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(header)) throw new CliError(`--column ${name}: a header cannot hold a line break, a tab or another control character`);
    if (renames.has(name)) throw new CliError(`--column names the column ${JSON.stringify(name)} twice`);
    renames.set(name, header);
  }
  return renames;
}

export interface ColumnOptions {
  /** Whether `csv` has a `reasons` column (the CRM formats always have one). */
  reasons: boolean;
  /** From `--column`: a column's name → its header; an empty header leaves the column out. */
  renames: ReadonlyMap<string, string>;
}

/**
 * The columns `score` writes in a CSV format, renamed and left out as `--column` says. A CliError
 * for a name the format has no column for, for leaving out the id of an import file, and for two
 * columns under one header (headers are compared as CRMs compare them, without regard to case).
 */
export function csvColumns(policy: Policy, format: CsvFormat, options: ColumnOptions): CsvColumn[] {
  const columns = defaultColumns(policy, format, options.reasons);
  for (const [name, header] of options.renames) {
    const matching = columns.filter((column) => column.name === name);
    if (matching.length === 0) {
      const names = [...new Set(columns.map((column) => column.name))].join(', ');
      throw new CliError(`--column ${name}=…: ${format} has no column ${JSON.stringify(name)}; its columns are ${names}`);
    }
    for (const column of matching) column.header = header;
  }
  const kept = columns.filter((column) => column.header !== '');
  if (isCrmFormat(format) && !kept.some((column) => column.value === 'id')) {
    throw new CliError(`--column id=: the id column cannot be left out of a ${format} file; it is how the CRM finds the record to update`);
  }
  const byHeader = new Map<string, CsvColumn>();
  for (const column of kept) {
    const other = byHeader.get(column.header.toLowerCase());
    if (other) {
      throw new CliError(
        `two columns would have the header ${JSON.stringify(column.header)} (${other.name} and ${column.name}); give one another header with --column NAME=HEADER`,
      );
    }
    byHeader.set(column.header.toLowerCase(), column);
  }
  return kept;
}
