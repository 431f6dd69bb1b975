import type { Policy, ValueType } from '../runtime/index.js';
import type { DateFormat, EventPart, NumberFormat } from '../runtime/rule-graph.js';
import { sourceKey } from '../runtime/support.js';
import type { BadValues } from './input.js';

/** The type of every field the policies read; the first policy's type wins when they disagree. */
export function fieldTypes(...policies: Policy[]): Map<string, ValueType> {
  const types = new Map<string, ValueType>();
  for (const policy of policies) for (const input of policy.ir.inputs) if (!types.has(input.name)) types.set(input.name, input.type);
  return types;
}

/** What a file of leads must hold for these policies: each field's type and the other names it may come under, and the names of the events' parts. */
export interface LeadShape {
  types: Map<string, ValueType>;
  /** Field → its sources (`field title from "Job Title"`), in the policies' order. */
  sources: Map<string, string[]>;
  /** Event part → its other names (`events at from "Timestamp"`). */
  eventColumns: Partial<Record<EventPart, string[]>>;
  /** A value that cannot be read: the lead's error (default), or read as missing with a warning. */
  badValues?: BadValues;
  /** The order of day and month in dates that are not ISO-8601: the first policy's `dates "…"` (or `--date-format`). */
  dateFormat?: DateFormat;
  /** The separators of numbers written as text: the first policy's `numbers "…"` (or `--number-format`). */
  numberFormat?: NumberFormat;
}

/** The shape of leads for one policy or several (`diff` reads one file for two); names add up, the first policy's type wins. */
export function leadShape(...policies: Policy[]): LeadShape {
  const sources = new Map<string, string[]>();
  const eventColumns: Partial<Record<EventPart, string[]>> = {};
  const add = (list: string[], names: readonly string[]) => {
    for (const name of names) if (!list.some((known) => sourceKey(known) === sourceKey(name))) list.push(name);
  };
  for (const policy of policies) {
    for (const input of policy.ir.inputs) if (input.sources) add(sources.get(input.name) ?? sources.set(input.name, []).get(input.name)!, input.sources);
    for (const [part, names] of Object.entries(policy.ir.events?.columns ?? {}) as Array<[EventPart, string[]]>) add((eventColumns[part] ??= []), names);
  }
  const dateFormat = policies.map((policy) => policy.ir.dateFormat).find((format) => format !== undefined);
  const numberFormat = policies.map((policy) => policy.ir.numberFormat).find((format) => format !== undefined);
  return { types: fieldTypes(...policies), sources, eventColumns, ...(dateFormat && { dateFormat }), ...(numberFormat && { numberFormat }) };
}
