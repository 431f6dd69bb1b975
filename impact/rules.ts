import type { PolicyIr } from '../runtime/index.js';
import type { ContributionNode, PredicateNode } from '../runtime/rule-graph.js';

/** A rule in one version of a policy, as the impact report names it. */
export interface RuleRef {
  id: string;
  rule: string;
  /** The rule's name (`as "…"`), when it has one. */
  name?: string;
  line: number;
  section: string | null;
}

/** How a rule differs between the old and the new policy. */
export type RuleChange = { kind: 'added'; new: RuleRef } | { kind: 'removed'; old: RuleRef } | { kind: 'changed'; old: RuleRef; new: RuleRef; what: string[] };

export interface RuleMatching {
  changes: RuleChange[];
  /** Old rule id → new rule id, for every rule present in both (changed or not). */
  pairs: Map<string, string>;
}

/**
 * A predicate as a value that does not depend on ids or positions: the same condition
 * written twice (or in two versions of a policy) has the same key. Lists are replaced by
 * their values, in order.
 */
export function conditionKey(ir: PolicyIr, predicateId: string): string {
  const predicates = new Map(ir.predicates.map((p) => [p.id, p]));
  const lists = new Map(ir.lists.map((l) => [l.id, l.values]));
  const canonical = (id: string): unknown => {
    const node = predicates.get(id);
    if (!node) return { unknown: id };
    const { id: _id, range: _range, ...rest } = node as PredicateNode & Record<string, unknown>;
    switch (node.op) {
      case 'not':
        return { op: 'not', arg: canonical(node.arg) };
      case 'and':
      case 'or':
        return { op: node.op, args: node.args.map(canonical) };
      case 'in':
      case 'text':
        return { ...rest, list: lists.get(node.list) ?? node.list };
      default:
        return rest;
    }
  };
  return JSON.stringify(canonical(predicateId));
}

function ref(contribution: ContributionNode): RuleRef {
  return {
    id: contribution.id,
    rule: contribution.text,
    ...(contribution.name !== undefined && { name: contribution.name }),
    line: contribution.range.start.line,
    section: contribution.section,
  };
}

/** What differs between two versions of a rule with the same condition, in words. */
function differences(old: ContributionNode, now: ContributionNode, sameCondition: boolean): string[] {
  const what: string[] = [];
  if (!sameCondition) what.push('condition');
  if (old.effect !== now.effect) what.push(`${old.effect} → ${now.effect}`);
  if (old.points !== now.points) what.push(`points ${old.points} → ${now.points}`);
  if (old.mode !== now.mode) what.push(now.mode === 'each' ? 'now scores each event' : 'now scores once');
  if (old.cap !== now.cap) what.push(`at most ${old.cap ?? 'none'} → ${now.cap ?? 'none'}`);
  if (old.decay !== now.decay) what.push(now.decay ? 'now decays' : 'no longer decays');
  if (old.name !== now.name) what.push(`name ${old.name === undefined ? 'none' : JSON.stringify(old.name)} → ${now.name === undefined ? 'none' : JSON.stringify(now.name)}`);
  return what;
}

/** A rule's name as names are compared (LS2050): without case and surrounding spaces. */
const nameKey = (contribution: ContributionNode) => (contribution.name === undefined ? undefined : contribution.name.trim().toLowerCase());

/**
 * Pairs the rules of two versions of a policy. A rule with the same name is the same rule,
 * wherever it moved and however it changed. Then a rule with the same text in the same section
 * is the same rule (changed when what its names mean changed, e.g. a list's entries); of the
 * rest, a rule in the same section with an equal condition is the same rule, changed: first
 * those on the same line, then those whose condition is unique on both sides. Everything
 * else is added or removed.
 */
export function matchRules(oldIr: PolicyIr, newIr: PolicyIr): RuleMatching {
  const changes: RuleChange[] = [];
  const pairs = new Map<string, string>();
  const oldKeys = new Map(oldIr.contributions.map((c) => [c.id, conditionKey(oldIr, c.when)]));
  const newKeys = new Map(newIr.contributions.map((c) => [c.id, conditionKey(newIr, c.when)]));
  let oldLeft = [...oldIr.contributions];
  let newLeft = [...newIr.contributions];
  const pair = (old: ContributionNode, now: ContributionNode) => {
    pairs.set(old.id, now.id);
    oldLeft = oldLeft.filter((c) => c !== old);
    newLeft = newLeft.filter((c) => c !== now);
    const sameCondition = oldKeys.get(old.id) === newKeys.get(now.id);
    const what = differences(old, now, sameCondition);
    if (what.length > 0 || old.text !== now.text) changes.push({ kind: 'changed', old: ref(old), new: ref(now), what });
  };
  // 0. Same name: the author says they are one rule.
  for (const old of [...oldLeft]) {
    const named = nameKey(old) === undefined ? undefined : newLeft.find((c) => nameKey(c) === nameKey(old));
    if (named) pair(old, named);
  }
  // 1. Same text, same section (nearest line first when a text repeats).
  for (const old of [...oldLeft]) {
    const candidates = newLeft.filter((c) => c.text === old.text && c.section === old.section);
    const best = candidates.sort((a, b) => Math.abs(a.range.start.line - old.range.start.line) - Math.abs(b.range.start.line - old.range.start.line))[0];
    if (best) pair(old, best);
  }
  // 2. Same section, same line, equal condition.
  for (const old of [...oldLeft]) {
    const same = newLeft.find((c) => c.section === old.section && c.range.start.line === old.range.start.line && newKeys.get(c.id) === oldKeys.get(old.id));
    if (same) pair(old, same);
  }
  // 3. Same section, an equal condition that no other remaining rule on either side has.
  for (const old of [...oldLeft]) {
    const key = oldKeys.get(old.id);
    const olds = oldLeft.filter((c) => c.section === old.section && oldKeys.get(c.id) === key);
    const news = newLeft.filter((c) => c.section === old.section && newKeys.get(c.id) === key);
    if (olds.length === 1 && news.length === 1) pair(old, news[0]!);
  }
  for (const old of oldLeft) changes.push({ kind: 'removed', old: ref(old) });
  for (const now of newLeft) changes.push({ kind: 'added', new: ref(now) });
  const order = { changed: 0, removed: 1, added: 2 };
  const lineOf = (change: RuleChange) => (change.kind === 'added' ? change.new.line : change.old.line);
  changes.sort((a, b) => order[a.kind] - order[b.kind] || lineOf(a) - lineOf(b));
  return { changes, pairs };
}
