// Which list entry made a rule fire: `title contains any ["CEO", "VP"]` held for "VP Sales" by "VP".
// Both backends find the entries the same way, and only for a rule that fired.
import type { ListNode, PolicyIr, PredicateNode } from './ir.js';
import type { MatchedEntry, MatchedOperator } from './results.js';
import { matchesWord } from './words.js';

/** A list condition of a rule whose matching entry its reason names. */
export interface EntryProbe {
  /** The predicate's index in the rule graph. */
  predicate: number;
  /** What the predicate reads (`field:title`, `derived:domain`). */
  value: string;
  /** The entry a value (normalised, as predicates read it) matched: the first in the list's order. Called only when the condition held. */
  find: (value: unknown) => MatchedEntry;
}

const textOperators = { contains: 'contains', 'starts-with': 'starts with', 'ends-with': 'ends with' } as const;

/** Whether a list condition names its entry: a named list, or more than one entry written in place (`contains "ceo"` names itself). */
function reported(list: ListNode): boolean {
  return list.name !== undefined || list.values.length > 1;
}

/**
 * How a probe finds its entry, fast: the entries are made once, frozen and shared by every
 * reason; `in` looks the value up in a map, the text operators try the entries in order.
 */
function finder(node: Extract<PredicateNode, { op: 'in' | 'text' }>, list: ListNode, operator: MatchedOperator): EntryProbe['find'] {
  const field = node.value.slice(node.value.indexOf(':') + 1);
  const written = list.written ?? list.values;
  const entries = list.values.map((_, index) =>
    Object.freeze<MatchedEntry>({ field, operator, entry: written[index] ?? list.values[index]!, ...(list.name !== undefined && { list: list.name }) }),
  );
  if (node.op === 'in') {
    const byValue = new Map<unknown, MatchedEntry>();
    list.values.forEach((value, index) => byValue.has(value) || byValue.set(value, entries[index]!));
    return (value) => byValue.get(value)!;
  }
  const needles = list.values as string[];
  const kind = node.match;
  const test = node.word
    ? (text: string, needle: string) => matchesWord(text, needle, kind)
    : kind === 'contains'
      ? (text: string, needle: string) => text.includes(needle)
      : kind === 'starts-with'
        ? (text: string, needle: string) => text.startsWith(needle)
        : (text: string, needle: string) => text.endsWith(needle);
  return (value) => {
    for (let index = 0; index < needles.length; index++) if (test(value as string, needles[index]!)) return entries[index]!;
    return entries[0]!;
  };
}

/**
 * The list conditions a rule's reason reports, in the order written: `in` (not `not in`), and
 * `contains`/`starts with`/`ends with any`, found through `and` and `or` but not under `not`,
 * where a condition that holds has matched no entry.
 */
export function entryProbes(ir: PolicyIr, when: string): EntryProbe[] {
  const { index, lists } = lookups(ir);
  const probes: EntryProbe[] = [];
  const visit = (id: string) => {
    const position = index.get(id)!;
    const node: PredicateNode = ir.predicates[position]!;
    if (node.op === 'and' || node.op === 'or') for (const arg of node.args) visit(arg);
    if ((node.op !== 'in' || node.negated) && node.op !== 'text') return;
    const list = lists.get(node.list)!;
    if (!reported(list)) return;
    const operator: MatchedOperator = node.op === 'in' ? 'in' : node.word ? `${textOperators[node.match]} word` : textOperators[node.match];
    probes.push({ predicate: position, value: node.value, find: finder(node, list, operator) });
  };
  visit(when);
  return probes;
}

/** The rule graph's predicates and lists by id, made once per rule graph: a policy of many rules asks for every rule's probes. */
const lookupsOf = new WeakMap<PolicyIr, { index: Map<string, number>; lists: Map<string, ListNode> }>();

function lookups(ir: PolicyIr): { index: Map<string, number>; lists: Map<string, ListNode> } {
  let found = lookupsOf.get(ir);
  if (!found) {
    found = { index: new Map(ir.predicates.map((node, position) => [node.id, position])), lists: new Map(ir.lists.map((list) => [list.id, list])) };
    lookupsOf.set(ir, found);
  }
  return found;
}

/** A matched entry as a condition with that one entry: `title contains "VP"`, `industry = "software"`, `employees = 50`. */
export function matchedText(matched: MatchedEntry): string {
  const entry = typeof matched.entry === 'number' ? String(matched.entry) : JSON.stringify(matched.entry);
  return `${matched.field} ${matched.operator === 'in' ? '=' : matched.operator} ${entry}`;
}
