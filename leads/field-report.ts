// What a set of leads gave the policy: per field the policy reads, how many leads had it, lacked
// it or had it in a form that could not be read; the fields nothing provided at all; and the
// columns or keys the policy did not use. A field no column provides is the silent failure this
// report exists to make loud.
import type { PolicyIr, ValueType } from '../runtime/rule-graph.js';
import { countryCode, dateValueMillis, isPresent, sourceKey } from '../runtime/support.js';

export interface FieldCount {
  name: string;
  present: number;
  missing: number;
  unreadable: number;
  /** A country field's first few values (up to 3, as written) that are no country: they count as unreadable, yet are scored as the text they are. */
  notCountries?: string[];
}

export interface FieldReport {
  leads: number;
  fields: FieldCount[];
  /** Fields the policy reads that no column (CSV) or key (JSON) provided for any lead. */
  unprovided: string[];
  /** Columns or keys that no field of the policy reads. */
  unused: string[];
}

const readCache = new WeakMap<PolicyIr, string[]>();

/**
 * The fields the policy's rules and decision rows read (directly, or through `domain`, which
 * comes from `email` unless the lead gives its own), in the order of its inputs. Built-in fields no rule reads are not listed:
 * a lead need not carry them.
 */
export function fieldsRead(ir: PolicyIr): string[] {
  // Asked for every lead in `serve`: walked once per rule graph.
  const known = readCache.get(ir);
  if (known) return known;
  const referenced = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.startsWith('field:') || value.startsWith('derived:')) referenced.add(value);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit([ir.predicates, ir.contributions, ir.decisions]);
  for (const derived of ir.derived) {
    if (!referenced.has(derived.id)) continue;
    // `domain` comes from `email`; a lead's own `domain` only overrides it, so it is not required.
    referenced.add(derived.from);
  }
  const read = ir.inputs.filter((input) => referenced.has(input.id)).map((input) => input.name);
  readCache.set(ir, read);
  return read;
}

const jsonTypes: Record<Exclude<ValueType, 'date'>, string> = { text: 'string', number: 'number', boolean: 'boolean', country: 'string' };

/** Whether a present value has the JSON type of its field (an id may be text or a number; a date is ISO-8601 text or epoch milliseconds); a value that does not is read as missing with `--bad-values missing`. */
export const fitsType = (name: string, value: unknown, type: ValueType) =>
  name === 'id' || (type === 'date' ? !Number.isNaN(dateValueMillis(value)) : typeof value === jsonTypes[type]);

/**
 * Whether a present value reads as its field's type: it has the JSON type, and a country's text
 * names a country. Text that is no country (`"Germny"`, `"EMEA"`) is still scored, as the text it
 * is (so it matches no country), but the field report counts it as unreadable so it is seen.
 */
export const readsAsType = (name: string, value: unknown, type: ValueType) =>
  fitsType(name, value, type) && (type !== 'country' || name === 'id' || countryCode(value as string) !== undefined);

/** Every name a lead may carry that the policy uses: its fields' own names and sources, the id, the events. */
function knownKeys(ir: PolicyIr): Set<string> {
  let known = knownCache.get(ir);
  if (!known) {
    known = new Set(['id', 'events', ...ir.inputs.flatMap((input) => [input.name, ...(input.sources ?? [])])].map(sourceKey));
    knownCache.set(ir, known);
  }
  return known;
}

const knownCache = new WeakMap<PolicyIr, Set<string>>();

/** The keys of a lead (as it came) that the policy does not use, each once, in order. */
function unknownKeys(ir: PolicyIr, given: Record<string, unknown>, seen = new Map<string, string>()): Map<string, string> {
  const known = knownKeys(ir);
  for (const key of Object.keys(given)) if (!known.has(sourceKey(key)) && !seen.has(sourceKey(key))) seen.set(sourceKey(key), key);
  return seen;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** A FieldTally's counts, as they travel between threads. */
export interface TallyPart {
  leads: number;
  counts: FieldCount[];
  /** The unknown keys seen, in order: [the key as compared, the key as written]. */
  keys: Array<[string, string]>;
}

/** Counts, lead by lead, what the policy's fields got. */
export class FieldTally {
  private readonly counts: Map<string, FieldCount>;
  private readonly types: Map<string, ValueType>;
  private readonly seenKeys = new Map<string, string>();
  private readonly ir: PolicyIr;
  private leads = 0;
  /** Set for a CSV, whose header says once which fields have no column and which columns go unread. */
  private header: { unprovided: readonly string[]; unused: readonly string[] } | undefined;

  constructor(ir: PolicyIr) {
    const read = new Set(fieldsRead(ir));
    this.counts = new Map(ir.inputs.filter((input) => read.has(input.name)).map((input) => [input.name, { name: input.name, present: 0, missing: 0, unreadable: 0 }]));
    this.types = new Map(ir.inputs.map((input) => [input.name, input.type]));
    this.ir = ir;
  }

  /** What a CSV's header provides: the fields with no column, the columns no field reads. */
  setHeader(unprovided: readonly string[], unused: readonly string[]): void {
    this.header = { unprovided: unprovided.filter((name) => this.counts.has(name)), unused };
  }

  /**
   * One lead as the policy reads it (its fields under their own names: after `readLead`), and the
   * fields whose value was there but could not be read (a CSV cell that is not a number, say).
   * `given` is the lead as it came, for the keys the policy does not use.
   */
  add(lead: unknown, unreadable: readonly string[] = [], given: unknown = lead): void {
    this.leads++;
    const record = asRecord(lead) ?? {};
    for (const count of this.counts.values()) {
      const value = Object.hasOwn(record, count.name) ? record[count.name] : undefined;
      if (unreadable.includes(count.name)) count.unreadable++;
      else if (!isPresent(value)) count.missing++;
      else if (!readsAsType(count.name, value, this.types.get(count.name)!)) {
        count.unreadable++;
        if (typeof value === 'string' && this.types.get(count.name) === 'country') {
          const samples = (count.notCountries ??= []);
          if (samples.length < 3 && !samples.includes(value)) samples.push(value);
        }
      } else count.present++;
    }
    const keys = asRecord(given);
    if (!this.header && keys) unknownKeys(this.ir, keys, this.seenKeys);
  }

  /** Notes keys that leads counted elsewhere carry (a Parquet file's columns, which every row has), as `add` notes a lead's. */
  addKeys(keys: readonly string[]): void {
    if (!this.header) unknownKeys(this.ir, Object.fromEntries(keys.map((key) => [key, null])), this.seenKeys);
  }

  /** What this tally counted, to be merged into another: a worker thread's share of the leads (`score --jobs`). */
  part(): TallyPart {
    return { leads: this.leads, counts: [...this.counts.values()], keys: [...this.seenKeys] };
  }

  /** Adds a part counted elsewhere, as if its leads had been added here; parts must come in the order of their leads. */
  merge(part: TallyPart): void {
    this.leads += part.leads;
    for (const counted of part.counts) {
      const count = this.counts.get(counted.name);
      if (!count) continue;
      count.present += counted.present;
      count.missing += counted.missing;
      count.unreadable += counted.unreadable;
      for (const value of counted.notCountries ?? []) {
        const samples = (count.notCountries ??= []);
        if (samples.length < 3 && !samples.includes(value)) samples.push(value);
      }
    }
    if (!this.header) for (const [key, name] of part.keys) if (!this.seenKeys.has(key)) this.seenKeys.set(key, name);
  }

  report(): FieldReport {
    const fields = [...this.counts.values()].map((count) => ({ ...count, ...(count.notCountries && { notCountries: [...count.notCountries] }) }));
    const unprovided = this.header
      ? [...this.header.unprovided]
      : this.leads === 0
        ? []
        : fields.filter((count) => count.present === 0 && count.unreadable === 0).map((count) => count.name);
    const unused = this.header ? [...this.header.unused] : [...this.seenKeys.values()];
    return { leads: this.leads, fields, unprovided, unused };
  }
}

/**
 * Why one lead (as it came, e.g. in a webhook) may be scored wrong: fields the policy reads that it
 * lacks while it carries keys the policy knows nothing of. Empty when nothing suggests a naming problem.
 */
export function leadWarnings(ir: PolicyIr, given: unknown, read: unknown = given): string[] {
  const lead = asRecord(given);
  if (!lead) return [];
  const record = asRecord(read) ?? {};
  const lacking = fieldsRead(ir).filter((name) => !isPresent(Object.hasOwn(record, name) ? record[name] : undefined));
  const unused = [...unknownKeys(ir, lead).values()];
  if (lacking.length === 0 || unused.length === 0) return [];
  return [
    `the lead lacks ${lacking.map((name) => `\`${name}\``).join(', ')}, which the policy reads, and has ${unused.map((key) => JSON.stringify(key)).join(', ')}, which it does not; ` +
      `if those are the same fields under other names, name them in the policy (\`field ${lacking[0]} from "${unused[0]}"\`) or import a CRM mapping`,
  ];
}
