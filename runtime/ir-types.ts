// The types of a rule graph, checked as the compiler checks a policy: every condition reads values
// of the type its operator compares, every list holds entries of its type, a derived value reads a
// text field. A graph that passes scores the same with either backend; one that does not would make
// the generated code throw (`f3.includes is not a function`) where the interpreter quietly scores.
import type { ListNode, PolicyIr, PredicateNode, ValueType } from './ir.js';
import { normalizeText } from './text.js';

const typeWords: Record<ValueType, string> = { text: 'text', number: 'a number', boolean: 'true or false', country: 'a country', date: 'a date' };
const listWords: Record<ListNode['type'], string> = { text: 'text', number: 'numbers', country: 'countries' };

/** A country entry or operand as the compiler writes it: an ISO 3166-1 alpha-2 code, as countryValue gives it. */
const countryCodePattern = /^[A-Z]{2}$/;

/** What a predicate reads: its type, and whether it always has a value (the score and section totals). */
interface ValueInfo {
  type: ValueType;
  total: boolean;
}

/**
 * The problems of a rule graph whose references have been checked, each with its path
 * (`predicates.3.value: …`); an empty list for a well-typed graph.
 */
export function irTypeProblems(ir: PolicyIr): string[] {
  const problems: string[] = [];
  const problem = (path: string, message: string) => problems.push(`${path}: ${message}`);
  const values = new Map<string, ValueInfo>();
  for (const input of ir.inputs) values.set(input.id, { type: input.type, total: false });
  for (const section of ir.sections) values.set(`section:${section.name}`, { type: 'number', total: true });
  values.set('score', { type: 'number', total: true });
  for (const decision of ir.decisions) values.set(`decision:${decision.name}`, { type: 'text', total: false });

  ir.derived.forEach((derived, index) => {
    for (const key of ['from', 'explicit'] as const) {
      const read = derived[key];
      const type = read === undefined ? 'text' : values.get(read)?.type;
      if (type !== 'text')
        problem(`derived.${index}.${key}`, `${derived.id} is the domain of an e-mail address, read from a text field, but ${read} is ${type ? typeWords[type] : 'no field'}`);
    }
    values.set(derived.id, { type: derived.type, total: false });
  });

  const lists = new Map<string, ListNode>();
  ir.lists.forEach((list, index) => {
    lists.set(list.id, list);
    // The first entry that does not fit: a list of the wrong type would name every entry.
    const entry = list.values.findIndex((value) => entryProblem(list.type, value) !== undefined);
    if (entry >= 0) {
      const value = list.values[entry]!;
      problem(`lists.${index}.values.${entry}`, `${list.id} holds ${listWords[list.type]}, but ${JSON.stringify(value)} ${entryProblem(list.type, value)}`);
    }
  });

  ir.predicates.forEach((node, index) => {
    const path = `predicates.${index}`;
    const message = predicateProblem(node, values, lists);
    if (message) problem(`${path}.${message[0]}`, message[1]);
  });
  return problems;
}

/** Why a list entry or an operand does not fit its type, or undefined. */
function entryProblem(type: ValueType, value: string | number): string | undefined {
  if (type === 'number') return typeof value === 'number' ? undefined : 'is text';
  if (typeof value !== 'string') return 'is a number';
  if (type === 'country') return countryCodePattern.test(value) ? undefined : 'is no ISO 3166-1 alpha-2 code in capitals, such as "DE"';
  return normalizeText(value) === value ? undefined : 'is not trimmed and in lower case, as text is compared';
}

/** What an operator written in a policy is called in messages. */
function operatorName(node: PredicateNode): string {
  switch (node.op) {
    case 'compare':
    case 'compare-values':
      return node.operator;
    case 'text':
      return `${node.match.replace('-', ' ')}${node.word ? ' word' : ''}`;
    case 'is':
      return `is ${node.test}`;
    case 'date-within':
      return 'within N days';
    case 'date-ago':
      return 'more than N days ago';
    case 'date-compare':
      return node.operator.startsWith('<') ? 'before' : 'after';
    default:
      return node.op;
  }
}

/** The types each operator reads; `compare` with `=`/`!=` also reads text and countries, its other operators only numbers. */
function acceptedTypes(node: PredicateNode): readonly ValueType[] {
  switch (node.op) {
    case 'compare':
    case 'compare-values':
      return node.operator === '=' || node.operator === '!=' ? ['text', 'number', 'country'] : ['number'];
    case 'in':
      return ['text', 'number', 'country'];
    case 'between':
      return ['number'];
    case 'text':
      return ['text'];
    case 'is':
      return node.test === 'true' || node.test === 'false' ? ['boolean'] : ['text', 'number', 'boolean', 'country', 'date'];
    default:
      return ['date'];
  }
}

/** The property at fault and what is wrong with it, or undefined for a well-typed predicate. */
function predicateProblem(node: PredicateNode, values: ReadonlyMap<string, ValueInfo>, lists: ReadonlyMap<string, ListNode>): [string, string] | undefined {
  if (node.op === 'event' || node.op === 'no-event') return node.match && eventMatchProblem(node.match);
  if (!('value' in node)) return undefined;
  const read = values.get(node.value)!;
  const accepted = acceptedTypes(node);
  if (!accepted.includes(read.type)) {
    const words = accepted.map((type) => typeWords[type]);
    const wanted = words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words[0];
    return ['value', `\`${operatorName(node)}\` reads ${wanted}, but ${node.value} is ${typeWords[read.type]}`];
  }
  switch (node.op) {
    case 'compare': {
      const problem = entryProblem(read.type, node.operand);
      return problem === undefined ? undefined : ['operand', `${node.value} is ${typeWords[read.type]}, but ${JSON.stringify(node.operand)} ${problem}`];
    }
    case 'compare-values': {
      const other = values.get(node.other)!;
      return other.type === read.type ? undefined : ['other', `${node.value} is ${typeWords[read.type]}, but ${node.other} is ${typeWords[other.type]}`];
    }
    case 'in':
    case 'text': {
      const list = lists.get(node.list)!;
      const wanted = node.op === 'text' ? 'text' : read.type;
      return list.type === wanted ? undefined : ['list', `${node.value} is ${typeWords[read.type]}, but ${node.list} holds ${listWords[list.type]}`];
    }
    case 'is':
      return read.total && (node.test === 'missing' || node.test === 'present') ? ['value', `${node.value} always has a value, so \`is ${node.test}\` tests nothing`] : undefined;
    default:
      return undefined;
  }
}

/** Events are matched by their normalised type, object and name: a pattern written otherwise matches nothing. */
function eventMatchProblem(match: NonNullable<Extract<PredicateNode, { op: 'event' }>['match']>): [string, string] | undefined {
  for (const part of ['verb', 'object', 'glob'] as const) {
    const text = match[part];
    if (text !== undefined && normalizeText(text) !== text) return [`match.${part}`, `${JSON.stringify(text)} is not trimmed and in lower case, as events are matched`];
  }
  return undefined;
}
