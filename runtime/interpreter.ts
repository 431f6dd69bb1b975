import { eventMatcher, leadEvents, type LeadEvent } from './events.js';
import type { ComparisonOperator, ContributionNode, ListNode, PolicyIr, PredicateNode } from './ir.js';
import { leadValidator, type LeadValidator } from './lead-schema.js';
import type { DecisionTrace, Explanation, Policy, PolicyInfo, Reason, RuleTrace, ScoreOptions, ScoreResult } from './policy.js';
import { round2 } from './round.js';
import { normalizeText } from './text.js';
import { toMillis } from './time.js';

/** The state of one lead while it is scored. */
interface Evaluation {
  slots: unknown[];
  events: LeadEvent[];
  /** Per predicate: 0 not yet evaluated, 1 true, 2 false. */
  memo: Uint8Array;
  /** Per event predicate: the matching events in its window, once evaluated. */
  matches: Array<LeadEvent[] | undefined>;
}

type Predicate = (evaluation: Evaluation) => boolean;

/** The stage of every blacklisted lead. */
export const blacklistedStage = 'Blacklisted';

/** Text operands are normalised strings, so `=`/`!=` work for both types; the others only meet numbers. */
const comparators: Record<ComparisonOperator, (a: number | string, b: number | string) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

/** Scores by walking the rule graph: no generated code, so it runs under any Content-Security-Policy. */
export class InterpretedPolicy implements Policy {
  readonly name: string | null;
  readonly backend = 'interpreter';
  readonly validate: LeadValidator;
  private readonly slotIndex = new Map<string, number>();
  private readonly predicates: Predicate[] = [];
  private readonly predicateIndex = new Map<string, number>();

  constructor(
    readonly ir: PolicyIr,
    readonly info: PolicyInfo,
  ) {
    this.name = ir.policy.name;
    this.validate = leadValidator(ir.inputs);
    const slotNames = [
      ...ir.inputs.map((input) => input.id),
      ...ir.derived.map((derived) => derived.id),
      ...ir.sections.map((section) => `section:${section.name}`),
      'score',
      ...ir.decisions.map((decision) => `decision:${decision.name}`),
    ];
    slotNames.forEach((name, index) => this.slotIndex.set(name, index));
    const lists = new Map(ir.lists.map((list) => [list.id, list]));
    for (const node of ir.predicates) {
      this.predicateIndex.set(node.id, this.predicates.length);
      this.predicates.push(this.compilePredicate(node, lists));
    }
  }

  private slot(ref: string): number {
    return this.slotIndex.get(ref)!;
  }

  /** Evaluates predicate `index` once per lead; shared predicates are not recomputed. */
  private test(evaluation: Evaluation, index: number): boolean {
    const known = evaluation.memo[index];
    if (known) return known === 1;
    const result = this.predicates[index]!(evaluation);
    evaluation.memo[index] = result ? 1 : 2;
    return result;
  }

  private compilePredicate(node: PredicateNode, lists: ReadonlyMap<string, ListNode>): Predicate {
    switch (node.op) {
      case 'compare': {
        const slot = this.slot(node.value);
        const operand = node.operand;
        const compare = comparators[node.operator];
        return (e) => {
          const value = e.slots[slot] as number | string | null;
          return value !== null && compare(value, operand);
        };
      }
      case 'compare-values': {
        const left = this.slot(node.value);
        const right = this.slot(node.other);
        const compare = comparators[node.operator];
        return (e) => {
          const a = e.slots[left] as number | string | null;
          const b = e.slots[right] as number | string | null;
          return a !== null && b !== null && compare(a, b);
        };
      }
      case 'between': {
        const { low, high } = node;
        const slot = this.slot(node.value);
        return (e) => {
          const value = e.slots[slot] as number | null;
          return value !== null && value >= low && value <= high;
        };
      }
      case 'in': {
        const slot = this.slot(node.value);
        const set = new Set<unknown>(lists.get(node.list)!.values);
        const negated = node.negated;
        return (e) => {
          const value = e.slots[slot];
          return value !== null && set.has(value) !== negated;
        };
      }
      case 'text': {
        const slot = this.slot(node.value);
        const needles = lists.get(node.list)!.values as string[];
        const test =
          node.match === 'contains'
            ? (value: string, needle: string) => value.includes(needle)
            : node.match === 'starts-with'
              ? (value: string, needle: string) => value.startsWith(needle)
              : (value: string, needle: string) => value.endsWith(needle);
        return (e) => {
          const value = e.slots[slot] as string | null;
          return value !== null && needles.some((needle) => test(value, needle));
        };
      }
      case 'is': {
        const slot = this.slot(node.value);
        switch (node.test) {
          case 'missing':
            return (e) => e.slots[slot] === null;
          case 'present':
            return (e) => e.slots[slot] !== null;
          case 'true':
            return (e) => e.slots[slot] === true;
          case 'false':
            return (e) => e.slots[slot] === false;
        }
        break;
      }
      case 'event': {
        const matches = eventMatcher(node.match);
        const within = node.withinDays ?? Infinity;
        const atLeast = node.atLeast;
        const index = this.predicates.length;
        return (e) => {
          const matched: LeadEvent[] = [];
          for (const event of e.events) if (event.ageDays < within && matches(event)) matched.push(event);
          e.matches[index] = matched;
          return matched.length >= atLeast;
        };
      }
      case 'no-event': {
        const matches = eventMatcher(node.match);
        const within = node.withinDays;
        return (e) => !e.events.some((event) => event.ageDays < within && matches(event));
      }
      case 'not': {
        const arg = this.predicateIndex.get(node.arg)!;
        return (e) => !this.test(e, arg);
      }
      case 'and': {
        const args = node.args.map((id) => this.predicateIndex.get(id)!);
        return (e) => args.every((arg) => this.test(e, arg));
      }
      case 'or': {
        const args = node.args.map((id) => this.predicateIndex.get(id)!);
        return (e) => args.some((arg) => this.test(e, arg));
      }
    }
    throw new Error(`unknown predicate ${JSON.stringify(node)}`);
  }

  /** The profile values the predicates read: normalised text, numbers, booleans, or null when missing. */
  private profileSlots(lead: Record<string, unknown>): unknown[] {
    const slots: unknown[] = new Array(this.slotIndex.size).fill(null);
    for (const input of this.ir.inputs) {
      const raw = Object.hasOwn(lead, input.name) ? lead[input.name] : undefined;
      let value: unknown = null;
      if (input.type === 'text') {
        if (typeof raw === 'string') value = normalizeText(raw) || null;
        else if (typeof raw === 'number') value = String(raw);
      } else if (raw !== undefined) value = raw;
      slots[this.slot(input.id)] = value;
    }
    for (const derived of this.ir.derived) {
      const explicit = derived.explicit === undefined ? null : slots[this.slot(derived.explicit)];
      const email = slots[this.slot(derived.from)] as string | null;
      const at = email === null ? -1 : email.lastIndexOf('@');
      slots[this.slot(derived.id)] = explicit ?? (at >= 0 ? email!.slice(at + 1) || null : null);
    }
    return slots;
  }

  score(lead: unknown, options: ScoreOptions): ScoreResult {
    return this.run(lead, options, undefined);
  }

  explain(lead: unknown, options: ScoreOptions): Explanation {
    const trace: Trace = { rules: [], decisions: [] };
    const result = this.run(lead, options, trace);
    return { ...result, rules: trace.rules, decisions: trace.decisions };
  }

  /** Scores a lead; with a trace, also records every rule and decision row on the way. */
  private run(lead: unknown, options: ScoreOptions, trace: Trace | undefined): ScoreResult {
    const now = toMillis(options.now);
    const times = this.validate(lead);
    const record = lead as Record<string, unknown> & { events?: Parameters<typeof leadEvents>[0] };
    const evaluation: Evaluation = {
      slots: this.profileSlots(record),
      // Own properties only, as the validator reads them.
      events: leadEvents(Object.hasOwn(record, 'events') ? record.events : undefined, times, now),
      memo: new Uint8Array(this.predicates.length),
      matches: [],
    };
    const sectionTotals = new Map(this.ir.sections.map((section) => [section.name, 0]));
    const halfLives = new Map(this.ir.sections.map((section) => [section.name, section.decay?.halfLifeDays]));
    let direct = 0;
    let blacklisted = false;
    const reasons: Reason[] = [];

    for (const contribution of this.ir.contributions) {
      const index = this.predicateIndex.get(contribution.when)!;
      const fired = this.test(evaluation, index);
      const matched = evaluation.matches[index];
      if (!fired) {
        trace?.rules.push(ruleTrace(contribution, false, matched ?? [], undefined));
        continue;
      }
      const reason: Reason = { rule: contribution.text, line: contribution.range.start.line, section: contribution.section, points: 0 };
      if (contribution.range.file !== undefined) reason.file = contribution.range.file;
      if (matched) reason.events = matched.length;
      if (contribution.effect === 'blacklist') {
        blacklisted = true;
        reason.blacklist = true;
        reasons.push(reason);
        trace?.rules.push(ruleTrace(contribution, true, matched ?? [], undefined));
        continue;
      }
      const halfLife = contribution.decay && contribution.section !== null ? halfLives.get(contribution.section) : undefined;
      const points = contributionPoints(contribution, matched ?? [], halfLife, trace !== undefined);
      const signed = contribution.effect === 'subtract' ? -points.total : points.total;
      reason.points = round2(signed);
      reasons.push(reason);
      trace?.rules.push(ruleTrace(contribution, true, matched ?? [], points));
      if (contribution.section === null) direct += signed;
      else sectionTotals.set(contribution.section, sectionTotals.get(contribution.section)! + signed);
    }

    const dimensions: Record<string, number> = {};
    let total = direct;
    for (const [name, points] of sectionTotals) {
      const rounded = round2(points);
      // Defined, not assigned: a section named "__proto__" is a key like any other.
      Object.defineProperty(dimensions, name, { value: rounded, enumerable: true, writable: true, configurable: true });
      total += rounded;
      evaluation.slots[this.slot(`section:${name}`)] = rounded;
    }
    const score = round2(total);
    evaluation.slots[this.slot('score')] = score;

    const decided: Record<string, string | null> = { grade: null, stage: null, route: null };
    for (const decision of this.ir.decisions) {
      let label: string | null = null;
      let row: number | null = null;
      if (blacklisted && decision.name === 'stage') label = blacklistedStage;
      else if (!(blacklisted && decision.name === 'route')) {
        const found = decision.rows.findIndex((r) => r.when === null || this.test(evaluation, this.predicateIndex.get(r.when)!));
        if (found >= 0) {
          row = found;
          label = decision.rows[found]!.label;
        }
      }
      decided[decision.name] = label;
      evaluation.slots[this.slot(`decision:${decision.name}`)] = label === null ? null : normalizeText(label);
      trace?.decisions.push({
        name: decision.name,
        label,
        row,
        line: row === null ? null : decision.rows[row]!.range.start.line,
        ...(blacklisted && (decision.name === 'stage' || decision.name === 'route') && { byBlacklist: true }),
      });
    }
    if (blacklisted && !this.ir.decisions.some((decision) => decision.name === 'stage')) decided['stage'] = blacklistedStage;

    const id = record['id'];
    return {
      id: typeof id === 'string' || typeof id === 'number' ? id : null,
      score,
      dimensions,
      grade: decided['grade']!,
      stage: decided['stage']!,
      route: decided['route']!,
      blacklisted,
      reasons,
      policy: this.info,
    };
  }
}

interface Trace {
  rules: RuleTrace[];
  decisions: DecisionTrace[];
}

/** A rule's points for one lead, step by step. */
interface Points {
  /** Before decay: the points, or points × matching events with `each`. */
  base: number;
  /** After decay, before the cap. */
  decayed: number;
  /** After the cap; the magnitude that counts. */
  total: number;
  /** With `each`: each matching event's points after decay. With a once-rule that decays: its most recent event alone. */
  perEvent: Array<{ event: LeadEvent; points: number }>;
}

function ruleTrace(contribution: ContributionNode, fired: boolean, matched: readonly LeadEvent[], points: Points | undefined): RuleTrace {
  const sign = contribution.effect === 'subtract' ? -1 : 1;
  const counted = new Map(points?.perEvent.map(({ event, points: p }) => [event.index, p]));
  return {
    id: contribution.id,
    rule: contribution.text,
    line: contribution.range.start.line,
    ...(contribution.range.file !== undefined && { file: contribution.range.file }),
    section: contribution.section,
    effect: contribution.effect,
    fired,
    basePoints: points ? round2(sign * points.base) : 0,
    decayedPoints: points ? round2(sign * points.decayed) : 0,
    points: points ? round2(sign * points.total) : 0,
    capped: points !== undefined && points.total < points.decayed,
    events: matched.map((event) => ({
      index: event.index,
      ageDays: event.ageDays,
      ...(counted.has(event.index) && { points: round2(sign * counted.get(event.index)!) }),
    })),
  };
}

/**
 * The magnitude of a rule's points for one lead: per event or once, decayed by
 * age, then capped. Only an explanation (`traced`) keeps each event's share.
 */
function contributionPoints(contribution: ContributionNode, matched: readonly LeadEvent[], halfLife: number | undefined, traced: boolean): Points {
  const decay = (age: number) => (halfLife === undefined ? 1 : Math.pow(0.5, age / halfLife));
  const perEvent: Points['perEvent'] = [];
  let base: number;
  let decayed: number;
  if (contribution.mode === 'each') {
    base = contribution.points * matched.length;
    decayed = 0;
    for (const event of matched) {
      const points = contribution.points * decay(event.ageDays);
      if (traced) perEvent.push({ event, points });
      decayed += points;
    }
  } else if (halfLife !== undefined && matched.length > 0) {
    // A rule that scores once decays by its most recent matching event.
    const latest = matched.reduce((a, b) => (b.ageDays < a.ageDays ? b : a));
    base = contribution.points;
    decayed = contribution.points * decay(latest.ageDays);
    if (traced) perEvent.push({ event: latest, points: decayed });
  } else {
    base = contribution.points;
    decayed = contribution.points;
  }
  const total = contribution.cap === undefined ? decayed : Math.min(decayed, contribution.cap);
  return { base, decayed, total, perEvent };
}
