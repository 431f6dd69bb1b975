import type * as ast from '../language/index.js';
import { lex, type Range } from '../language/index.js';
import {
  irFormat,
  irVersion,
  type ContributionNode,
  type DecisionNode,
  type EventMappingNode,
  type InputNode,
  type ListNode,
  type PolicyIr,
  type PredicateNode,
  type SectionNode,
} from '../runtime/rule-graph.js';
import type { Symbols } from './binder.js';
import type { Bound, BoundList, CheckResult } from './checker.js';
import { compilerVersion } from './version.js';
import { decisionNames } from './vocabulary.js';

/**
 * Turns a checked policy into the rule graph. Identical predicates and lists
 * are shared; predicates and decisions come in dependency order.
 */
export function lower(sourceOf: (file: string | undefined) => string, symbols: Symbols, checked: CheckResult): PolicyIr {
  const graph = new GraphBuilder();
  const sections: SectionNode[] = checked.sections
    .filter(({ section }) => symbols.sections.get(section.name.name) === section)
    .map(({ section, decay }) => ({
      name: section.name.name,
      ...(decay && { decay: { halfLifeDays: decay.halfLife.value, range: decay.range } }),
      range: section.range,
    }));
  const contributions: ContributionNode[] = checked.rules.map(({ rule, section, condition, eventRule }, index) => {
    const decays = eventRule && section !== null && sections.some((s) => s.name === section && s.decay);
    const effect = rule.effect;
    return {
      id: `c${index}`,
      section,
      when: graph.predicate(condition),
      effect: effect.kind,
      points: effect.kind === 'blacklist' ? 0 : effect.amount.value,
      mode: rule.each ? 'each' : 'once',
      // A cap only limits repeated points; on a rule that scores once it is ignored (warning LS4004).
      ...(rule.atMost && rule.each && { cap: rule.atMost.value }),
      decay: decays,
      text: ruleText(sourceOf(rule.range.file), rule),
      ...(rule.name && { name: rule.name.value }),
      range: rule.range,
    };
  });
  const decisions: DecisionNode[] = decisionOrder(checked).map((name) => ({
    name,
    rows: checked.decisions.get(name)!.rows.map(({ row, condition }) => ({
      label: row.label.value,
      when: condition ? graph.predicate(condition) : null,
      range: row.range,
    })),
  }));
  return {
    format: irFormat,
    version: irVersion,
    compiler: compilerVersion,
    policy: { name: symbols.policyName, version: symbols.policyVersion },
    inputs: [...symbols.fields.values()].map((field): InputNode => ({
      id: `field:${field.name}`,
      name: field.name,
      type: field.type,
      builtin: field.builtin,
      ...(field.sources.length > 0 && { sources: field.sources }),
      ...(field.declaration && { range: field.declaration.range }),
    })),
    derived: [{ id: 'derived:domain', name: 'domain', type: 'text', derive: 'email-domain', from: 'field:email', explicit: 'field:domain' }],
    lists: graph.lists,
    predicates: graph.predicates,
    sections,
    contributions,
    decisions,
    ...eventMapping(symbols),
    ...(symbols.dateFormat && { dateFormat: symbols.dateFormat.format }),
    ...(symbols.numberFormat && { numberFormat: symbols.numberFormat.format }),
  };
}

/** The policy's names for a CRM's event parts and event types, when it gives any. */
function eventMapping(symbols: Symbols): { events?: EventMappingNode } {
  const columns = Object.fromEntries([...symbols.eventColumns].filter(([, names]) => names.length > 0));
  const types = symbols.eventSources.map(({ name, verb, object }) => ({ name, type: verb, ...(object !== undefined && { object }) }));
  if (Object.keys(columns).length === 0 && types.length === 0) return {};
  return { events: { ...(Object.keys(columns).length > 0 && { columns }), ...(types.length > 0 && { types }) } };
}

/** The rule as written, on one line, without the comments written inside it. */
function ruleText(source: string, rule: ast.Rule): string {
  let text = source.slice(rule.range.start.offset, rule.range.end.offset);
  // Joined into one line, a comment between the lines of a rule would seem to hide the rest of it.
  if (text.includes('#')) {
    for (const comment of lex(text).comments.reverse()) text = text.slice(0, comment.range.start.offset) + text.slice(comment.range.end.offset);
  }
  return text.replace(/[ \t]*(\r\n|\r|\n)\s*/g, ' ');
}

/** Decisions in an order where each comes after those it reads; grade, stage, route otherwise. */
function decisionOrder(checked: CheckResult): ast.DecisionKind[] {
  const order: ast.DecisionKind[] = [];
  const place = (name: ast.DecisionKind, visiting: Set<ast.DecisionKind>): void => {
    if (order.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const dependency of checked.decisions.get(name)!.dependsOn) place(dependency, visiting);
    order.push(name);
  };
  for (const name of decisionNames) place(name, new Set());
  return order;
}

/** Builds the predicate and list nodes, sharing identical ones. */
class GraphBuilder {
  readonly predicates: PredicateNode[] = [];
  readonly lists: ListNode[] = [];
  private readonly predicateIds = new Map<string, string>();
  private readonly listIds = new Map<string, string>();

  predicate(bound: Bound): string {
    const node = this.node(bound);
    const { id: _id, range: _range, ...shape } = node;
    const key = JSON.stringify(shape);
    const existing = this.predicateIds.get(key);
    if (existing) return existing;
    node.id = `p${this.predicates.length}`;
    this.predicateIds.set(key, node.id);
    this.predicates.push(node);
    return node.id;
  }

  private list(list: BoundList): string {
    const key = JSON.stringify([list.name ?? null, list.type, list.values, list.written ?? null]);
    const existing = this.listIds.get(key);
    if (existing) return existing;
    let id = list.name ? `list:${list.name}` : `list:#${this.lists.filter((l) => !l.name).length}`;
    // A named list used with a text field and with a country field is two lists: its text, and its countries.
    if (this.lists.some((other) => other.id === id)) id = `${id}:${list.type}`;
    this.listIds.set(key, id);
    this.lists.push({ id, ...(list.name && { name: list.name }), type: list.type, values: list.values, ...(list.written && { written: list.written }), range: list.range });
    return id;
  }

  /** The node for a bound condition, its children interned first; `id` is filled in by the caller. */
  private node(bound: Bound): PredicateNode {
    const range: Range = bound.range;
    const id = '';
    switch (bound.kind) {
      case 'compare':
        return { id, op: 'compare', value: bound.value, operator: bound.operator, operand: bound.operand, range };
      case 'compare-values':
        return { id, op: 'compare-values', value: bound.value, operator: bound.operator, other: bound.other, range };
      case 'between':
        return { id, op: 'between', value: bound.value, low: bound.low, high: bound.high, range };
      case 'in':
        return { id, op: 'in', value: bound.value, list: this.list(bound.list), negated: bound.negated, range };
      case 'text':
        return { id, op: 'text', value: bound.value, match: bound.match, ...(bound.word && { word: true as const }), list: this.list(bound.list), range };
      case 'is':
        return { id, op: 'is', value: bound.value, test: bound.test, range };
      case 'event':
        return {
          id,
          op: 'event',
          ...(bound.match && { match: bound.match }),
          atLeast: bound.atLeast,
          ...(bound.withinDays !== undefined && { withinDays: bound.withinDays }),
          range,
        };
      case 'no-event':
        return { id, op: 'no-event', ...(bound.match && { match: bound.match }), withinDays: bound.withinDays, range };
      case 'date-within':
      case 'date-ago':
        return { id, op: bound.kind, value: bound.value, days: bound.days, range };
      case 'date-compare':
        return { id, op: 'date-compare', value: bound.value, operator: bound.operator, time: bound.time, range };
      case 'not':
        return { id, op: 'not', arg: this.predicate(bound.operand), range };
      case 'and':
      case 'or':
        return { id, op: bound.kind, args: bound.operands.map((operand) => this.predicate(operand)), range };
    }
  }
}
