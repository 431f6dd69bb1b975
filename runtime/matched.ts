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
  field: string;
  operator: MatchedOperator;
  list?: string;
  values: ReadonlyArray<string | number>;
  written: ReadonlyArray<string | number>;
}

const textOperators = { contains: 'contains', 'starts-with': 'starts with', 'ends-with': 'ends with' } as const;

/** Whether a list condition names its entry: a named list, or more than one entry written in place (`contains "ceo"` names itself). */
function reported(list: ListNode): boolean {
  return list.name !== undefined || list.values.length > 1;
}

/**
 * The list conditions a rule's reason reports, in the order written: `in` (not `not in`), and
 * `contains`/`starts with`/`ends with any`, found through `and` and `or` but not under `not`,
 * where a condition that holds has matched no entry.
 */
export function entryProbes(ir: PolicyIr, when: string): EntryProbe[] {
  const index = new Map(ir.predicates.map((node, position) => [node.id, position]));
  const lists = new Map(ir.lists.map((list) => [list.id, list]));
  const probes: EntryProbe[] = [];
  const visit = (id: string) => {
    const position = index.get(id)!;
    const node: PredicateNode = ir.predicates[position]!;
    if (node.op === 'and' || node.op === 'or') for (const arg of node.args) visit(arg);
    if ((node.op !== 'in' || node.negated) && node.op !== 'text') return;
    const list = lists.get(node.list)!;
    if (!reported(list)) return;
    const operator: MatchedOperator = node.op === 'in' ? 'in' : node.word ? `${textOperators[node.match]} word` : textOperators[node.match];
    probes.push({
      predicate: position,
      value: node.value,
      field: node.value.slice(node.value.indexOf(':') + 1),
      operator,
      ...(list.name !== undefined && { list: list.name }),
      values: list.values,
      written: list.written ?? list.values,
    });
  };
  visit(when);
  return probes;
}

/** The entry of a probe's list that a value (normalised, as predicates read it) matches; the first in the list's order. */
export function matchedEntry(probe: EntryProbe, value: unknown): MatchedEntry {
  const { values, operator } = probe;
  let at: number;
  if (operator === 'in') at = values.indexOf(value as string | number);
  else {
    const text = value as string;
    const word = operator.endsWith(' word');
    const kind = operator.startsWith('contains') ? 'contains' : operator.startsWith('starts') ? 'starts-with' : 'ends-with';
    at = values.findIndex((needle) =>
      word
        ? matchesWord(text, needle as string, kind)
        : kind === 'contains'
          ? text.includes(needle as string)
          : kind === 'starts-with'
            ? text.startsWith(needle as string)
            : text.endsWith(needle as string),
    );
  }
  const entry: MatchedEntry = { field: probe.field, operator, entry: probe.written[at] ?? probe.values[at]! };
  if (probe.list !== undefined) entry.list = probe.list;
  return entry;
}

/** A matched entry as a condition with that one entry: `title contains "VP"`, `industry = "software"`, `employees = 50`. */
export function matchedText(matched: MatchedEntry): string {
  const entry = typeof matched.entry === 'number' ? String(matched.entry) : JSON.stringify(matched.entry);
  return `${matched.field} ${matched.operator === 'in' ? '=' : matched.operator} ${entry}`;
}
