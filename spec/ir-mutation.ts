/**
 * Seeded mutations of valid rule graphs, for holding the IR loader to its promise: a graph
 * `checkIr` accepts scores identically with both backends. A mutation changes one thing the way a
 * hand-edited or foreign graph might: a field's or a list's type, an operator, a list entry, an
 * operand, or what a condition, a derived value, a rule or a decision row refers to. The same seed
 * always gives the same mutations, and leads made to fit the mutated graph's fields.
 */
import type { PolicyIr } from '../runtime/rule-graph.js';
import type { Random } from './random-policy.js';

type Json = Record<string, any>;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number) => random() < p;

const valueTypes = ['text', 'number', 'boolean', 'country', 'date'] as const;
const listTypes = ['text', 'number', 'country'] as const;
const comparisonOperators = ['=', '!=', '>', '>=', '<', '<='];
const predicateOps = ['compare', 'compare-values', 'between', 'in', 'text', 'is', 'event', 'no-event', 'date-within', 'date-ago', 'date-compare', 'not', 'and', 'or'];
/** Entries and operands of every type, normalised and not. */
const oddValues: Array<string | number> = ['ceo', 'CEO', ' vp ', 'DE', 'de', 'Germany', 'XX', '', 0, 50, -3, 1.5e6, '50', '2026-01-01T00:00:00.000Z'];

/** Everything a value reference can name in this graph, and a few it cannot. */
function valueRefs(ir: Json): string[] {
  return [
    ...ir['inputs'].map((input: Json) => input['id']),
    ...ir['derived'].map((derived: Json) => derived['id']),
    ...ir['sections'].map((section: Json) => `section:${section['name']}`),
    'score',
    ...ir['decisions'].map((decision: Json) => `decision:${decision['name']}`),
    'field:nowhere',
  ];
}

const isEventPattern = (node: Json) => (node['op'] === 'event' || node['op'] === 'no-event') && typeof node['match'] === 'object';

/** One mutation, in place; returns what it did, for the failure message. */
type Mutation = (ir: Json, random: Random) => string | undefined;

const mutations: Mutation[] = [
  (ir, r) => {
    const input = pick(r, ir['inputs'] as Json[]);
    input['type'] = pick(r, valueTypes);
    return `${input['id']} is ${input['type']}`;
  },
  (ir, r) => {
    const list = ir['lists'].length > 0 ? pick(r, ir['lists'] as Json[]) : undefined;
    if (!list) return undefined;
    list['type'] = pick(r, listTypes);
    return `${list['id']} holds ${list['type']}`;
  },
  (ir, r) => {
    const list = ir['lists'].length > 0 ? pick(r, ir['lists'] as Json[]) : undefined;
    if (!list || list['values'].length === 0) return undefined;
    const index = Math.floor(r() * list['values'].length);
    list['values'][index] = pick(r, oddValues);
    delete list['written'];
    return `${list['id']} entry ${index} is ${JSON.stringify(list['values'][index])}`;
  },
  (ir, r) => {
    const node = pick(
      r,
      (ir['predicates'] as Json[]).filter((p) => 'value' in p),
    );
    if (!node) return undefined;
    node['value'] = pick(r, valueRefs(ir));
    return `${node['id']} reads ${node['value']}`;
  },
  (ir, r) => {
    const node = pick(
      r,
      (ir['predicates'] as Json[]).filter((p) => 'other' in p || 'operand' in p),
    );
    if (!node) return undefined;
    if ('other' in node) node['other'] = pick(r, valueRefs(ir));
    else node['operand'] = pick(r, oddValues);
    return `${node['id']} compares with ${JSON.stringify(node['other'] ?? node['operand'])}`;
  },
  (ir, r) => {
    const node = pick(r, ir['predicates'] as Json[]);
    if ('operator' in node) node['operator'] = pick(r, node['op'] === 'date-compare' ? ['<', '<=', '>', '>='] : comparisonOperators);
    else if (node['op'] === 'text') node['match'] = pick(r, ['contains', 'starts-with', 'ends-with']);
    else if (node['op'] === 'is') node['test'] = pick(r, ['missing', 'present', 'true', 'false']);
    else if (node['op'] === 'in') node['negated'] = !node['negated'];
    else return undefined;
    return `${node['id']} is ${node['operator'] ?? node['match'] ?? node['test'] ?? `negated ${node['negated']}`}`;
  },
  (ir, r) => {
    // Another operation on the same fields: most are malformed, some (`date-within` ↔ `date-ago`, `and` ↔ `or`) are not.
    const node = pick(r, ir['predicates'] as Json[]);
    node['op'] = pick(r, predicateOps);
    if (node['op'] === 'text' && chance(r, 0.5)) node['word'] = true;
    return `${node['id']} is ${node['op']}`;
  },
  (ir, r) => {
    const node = pick(
      r,
      (ir['predicates'] as Json[]).filter((p) => 'list' in p),
    );
    if (!node || ir['lists'].length === 0) return undefined;
    node['list'] = pick(r, ir['lists'] as Json[])['id'];
    return `${node['id']} reads ${node['list']}`;
  },
  (ir, r) => {
    const derived = ir['derived'][0] as Json | undefined;
    if (!derived) return undefined;
    const key = pick(r, ['from', 'explicit']);
    derived[key] = pick(r, valueRefs(ir));
    return `${derived['id']}.${key} is ${derived[key]}`;
  },
  (ir, r) => {
    const contribution = pick(r, ir['contributions'] as Json[]);
    if (!contribution) return undefined;
    const change = pick(r, ['when', 'mode', 'decay', 'effect']);
    if (change === 'when') contribution['when'] = pick(r, ir['predicates'] as Json[])['id'];
    else if (change === 'mode') contribution['mode'] = contribution['mode'] === 'each' ? 'once' : 'each';
    else if (change === 'decay') contribution['decay'] = !contribution['decay'];
    else contribution['effect'] = pick(r, ['add', 'subtract', 'blacklist']);
    return `${contribution['id']}.${change} is ${JSON.stringify(contribution[change])}`;
  },
  (ir, r) => {
    const rows = (ir['decisions'] as Json[]).flatMap((decision) => decision['rows'] as Json[]);
    if (rows.length === 0) return undefined;
    const row = pick(r, rows);
    row['when'] = pick(r, ir['predicates'] as Json[])['id'];
    return `the row ${JSON.stringify(row['label'])} tests ${row['when']}`;
  },
  (ir, r) => {
    const node = pick(r, (ir['predicates'] as Json[]).filter(isEventPattern));
    if (!node) return undefined;
    const part = pick(r, ['verb', 'object', 'glob']);
    node['match'][part] = pick(r, ['OPEN', ' email', 'page', '/Pricing*', 'webinar', 'demo']);
    return `${node['id']}.match.${part} is ${JSON.stringify(node['match'][part])}`;
  },
];

export interface Mutant {
  ir: Json;
  /** What was changed, in order. */
  changes: string[];
}

/** One to three random mutations of a copy of `ir`. */
export function mutateIr(ir: PolicyIr, random: Random): Mutant {
  const copy = JSON.parse(JSON.stringify(ir)) as Json;
  const changes: string[] = [];
  for (let count = 1 + Math.floor(random() * 3); changes.length < count;) {
    const change = pick(random, mutations)(copy, random);
    if (change !== undefined) changes.push(change);
  }
  return { ir: copy, changes };
}

const day = 86_400_000;

/**
 * A lead that fits the graph's fields as they are typed (so that it reaches the rules), its values
 * drawn from what the graph compares with, and events of the verbs, objects and names its patterns
 * name; some fields are missing or null.
 */
export function leadFor(ir: Json, random: Random, now: number, id: number): Record<string, unknown> {
  const strings = [...(ir['lists'] as Json[]).flatMap((list) => list['values']), ...(ir['predicates'] as Json[]).map((p) => p['operand'])].filter(
    (value): value is string => typeof value === 'string',
  );
  const numbers = [
    0,
    7,
    50,
    501,
    1e6,
    ...(ir['predicates'] as Json[]).flatMap((p) => [p['operand'], p['low'], p['high']]),
    ...(ir['lists'] as Json[]).flatMap((list) => list['values']),
  ].filter((value): value is number => typeof value === 'number');
  const lead: Record<string, unknown> = { id: `lead-${id}` };
  for (const input of ir['inputs'] as Json[]) {
    const name = input['name'] as string;
    if (name === 'id' || chance(random, 0.2)) continue;
    if (chance(random, 0.05)) {
      lead[name] = null;
      continue;
    }
    switch (input['type']) {
      case 'number':
        lead[name] = pick(random, numbers);
        break;
      case 'boolean':
        lead[name] = chance(random, 0.5);
        break;
      case 'date': {
        const time = Math.round(now - (random() * 100 - 5) * day);
        lead[name] = chance(random, 0.3) ? time : new Date(time).toISOString();
        break;
      }
      default: {
        const text = pick(random, [...strings, 'CEO of things', 'ada@acme.com', 'bob@gmail.com', 'Germany', 'Atlantis', '']);
        lead[name] = chance(random, 0.3) ? ` ${text.toUpperCase()} ` : text;
      }
    }
  }
  const patterns = (ir['predicates'] as Json[]).filter(isEventPattern).map((p) => p['match'] as Json);
  const events: Array<Record<string, unknown>> = [];
  for (let i = Math.floor(random() * 8); i > 0 && patterns.length > 0; i--) {
    const match = pick(random, patterns);
    const name = typeof match['glob'] === 'string' ? match['glob'].replace(/\*/g, chance(random, 0.5) ? '' : 'x') : undefined;
    events.push({
      type: chance(random, 0.2) ? String(match['verb']).toUpperCase() : match['verb'],
      ...(match['object'] !== undefined && { object: match['object'] }),
      ...(name !== undefined && { name }),
      at: new Date(Math.round(now - (random() * 100 - 5) * day)).toISOString(),
    });
  }
  lead['events'] = events;
  return lead;
}
