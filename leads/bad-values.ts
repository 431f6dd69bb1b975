// `--bad-values missing` for JSON leads: a field whose value has the wrong type is read as missing,
// with a warning, instead of making the whole lead an error (CSV cells get the same in ProfileReader).
import type { Policy } from '../runtime/index.js';
import type { ValueType } from '../runtime/rule-graph.js';
import { fitsType } from './field-report.js';
import { quoted } from './values.js';

// A country that is no known country is kept: it is scored as the text it is (see readsAsType).
const typeNames: Record<ValueType, string> = { text: 'text', number: 'a number', boolean: 'true or false', country: 'text (a country)', date: 'a date' };

/** The lead (in the policy's names) without the fields it cannot read, and a warning for each; the lead itself when all are fine. */
export function withoutBadValues(policy: Policy, given: unknown): { lead: unknown; warnings: string[] } {
  const lead = policy.readLead ? policy.readLead(given) : given;
  if (typeof lead !== 'object' || lead === null || Array.isArray(lead)) return { lead: given, warnings: [] };
  const record = lead as Record<string, unknown>;
  const warnings: string[] = [];
  const kept = new Map(Object.entries(record));
  for (const input of policy.ir.inputs) {
    if (input.name === 'id' || !Object.hasOwn(record, input.name)) continue;
    const value = record[input.name];
    if (value === null || value === undefined || fitsType(input.name, value, input.type)) continue;
    kept.delete(input.name);
    const shown = typeof value === 'string' ? `the text ${quoted(value)}` : (JSON.stringify(value) ?? String(value));
    warnings.push(`field ${input.name}: ${shown} is not ${typeNames[input.type]}; read as missing`);
  }
  return warnings.length === 0 ? { lead: given, warnings } : { lead: Object.fromEntries(kept), warnings };
}
