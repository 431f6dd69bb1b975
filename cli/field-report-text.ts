// The field report on stderr: what the leads gave the policy, and the one warning that must not be missed.
import type { FieldReport } from '../leads/index.js';
import { printable } from '../runtime/support.js';

const list = (names: readonly string[], limit = 12) => (names.length > limit ? `${names.slice(0, limit).join(', ')} and ${names.length - limit} more` : names.join(', '));

/** One line per kind of finding, each starting `leadscore: `; empty when the policy reads no field. */
export function fieldReportLines(report: FieldReport, source: string, strict: boolean): string[] {
  const lines: string[] = [];
  if (report.unprovided.length > 0) {
    const fields = report.unprovided.map((name) => `\`${name}\``).join(', ');
    const level = strict ? 'error' : 'warning';
    lines.push(
      `${level}: nothing in ${source} gives the field${report.unprovided.length === 1 ? '' : 's'} ${fields} that the policy reads, so every lead was scored without ${report.unprovided.length === 1 ? 'it' : 'them'}; ` +
        `name ${report.unprovided.length === 1 ? 'its column' : 'their columns'} in the policy (\`field ${report.unprovided[0]} from "Column name"\`) or import a CRM mapping (\`import "leadscore:hubspot"\`, \`"leadscore:salesforce"\`)`,
    );
  }
  if (report.fields.length > 0 && report.leads > 0) {
    const counts = report.fields.map((field) => {
      const parts = [`${field.present} present`];
      if (field.missing > 0) parts.push(`${field.missing} missing`);
      if (field.unreadable > 0)
        parts.push(`${field.unreadable} unreadable${field.notCountries ? ` (no country: ${field.notCountries.map((value) => JSON.stringify(value)).join(', ')})` : ''}`);
      return `${field.name} ${parts.join(', ')}`;
    });
    lines.push(`fields read: ${counts.join('; ')}`);
  }
  if (report.unused.length > 0) lines.push(`not read by the policy: ${list(report.unused)}`);
  // Column names come from the file's header: a terminal shows them, never obeys them.
  return lines.map((line) => `leadscore: ${printable(line)}\n`);
}
