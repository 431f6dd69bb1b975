import { countryValue } from './countries.js';
import { dateValueMillis } from './dates.js';
import { EventScanner, type EventTally, type MatchedEvent, type RawEvent, type ScanPattern } from './events.js';
import { blacklistedStage, type ComparisonOperator, type ContributionNode, type DateOperator, type DecisionNode, type ListNode, type PolicyIr, type PredicateNode } from './ir.js';
import { leadValidator, type LeadValidator } from './lead-schema.js';
import { entryProbes, type EntryProbe } from './matched.js';
import type { DecisionTrace, Explanation, MatchedEntry, Policy, PolicyInfo, Reason, RuleTrace, ScoreOptions, ScoreResult } from './results.js';
import { round2 } from './round.js';
import { normalizeText } from './text.js';
import { millisPerDay, parseIsoTime, toMillis } from './time.js';
import { matchesWord } from './words.js';

/** The state of one lead while it is scored. */
interface Evaluation {
  now: number;
  slots: unknown[];
  events: EventTally;
  /** Per predicate: 0 not yet evaluated, 1 true, 2 false. */
  memo: Uint8Array;
}

type Predicate = (evaluation: Evaluation) => boolean;

/** The stage of every blacklisted lead. */

/** Text operands are normalised strings, so `=`/`!=` work for both types; the others only meet numbers. */
const comparators: Record<ComparisonOperator, (a: number | string, b: number | string) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

const dateComparators: Record<DateOperator, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** A profile field a predicate reads, and where its value goes. */
interface FieldRead {
  name: string;
  slot: number;
  /** How a string is read: as text, as a country, as a date (epoch milliseconds), or as it is (numbers and booleans). */
  read: 'text' | 'country' | 'date' | 'as-is';
}

interface DerivedRead {
  slot: number;
  /** The slot of the field that overrides the derivation, or -1. */
  explicit: number;
  from: number;
}

/** A rule with everything that does not depend on the lead worked out once. */
interface ContributionPlan {
  node: ContributionNode;
  predicate: number;
  /** The scan's pattern for an `event` predicate (whose matches the reason counts), or -1. */
  pattern: number;
  /** The section's index, or -1 for points that go to the total directly. */
  section: number;
  kind: 'blacklist' | 'constant' | 'each' | 'decaying-once';
  /** `constant`: the signed points and their rounded form. */
  signed: number;
  rounded: number;
  /** `each`: the scan's running total of this rule's points, or -1 when its predicate is not an event pattern. */
  sum: number;
  halfLife: number | undefined;
  negative: boolean;
  /** The list conditions whose matching entry the reason names, with the slot each reads. */
  probes: Array<{ probe: EntryProbe; slot: number }>;
}

interface DecisionPlan {
  name: DecisionNode['name'];
  slot: number;
  /** Per row: its predicate, or -1 for `otherwise`. */
  rows: Array<{ predicate: number; label: string; normalized: string; line: number }>;
}

/** Scores by walking the rule graph: no generated code, so it runs under any Content-Security-Policy. */
export class InterpretedPolicy implements Policy {
  readonly name: string | null;
  readonly backend = 'interpreter';
  readonly validate: LeadValidator;
  private readonly slotIndex = new Map<string, number>();
  private readonly predicates: Predicate[] = [];
  private readonly predicateIndex = new Map<string, number>();
  private readonly scanner: EventScanner;
  /** Per predicate: its pattern in the scan, or -1. */
  private readonly patternOf: number[] = [];
  private readonly fields: FieldRead[] = [];
  private readonly derived: DerivedRead[];
  private readonly contributions: ContributionPlan[];
  private readonly sectionNames: string[];
  private readonly sectionSlots: number[];
  /** A section named `__proto__` must be defined, not assigned, to become a key like any other. */
  private readonly defineSections: boolean;
  private readonly scoreSlot: number;
  private readonly decisions: DecisionPlan[];
  private readonly hasStage: boolean;

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
    ir.predicates.forEach((node, index) => this.predicateIndex.set(node.id, index));

    const halfLives = new Map(ir.sections.map((section) => [section.name, section.decay?.halfLifeDays]));
    const halfLifeOf = (contribution: ContributionNode) => (contribution.decay && contribution.section !== null ? halfLives.get(contribution.section) : undefined);
    // `each` rules on an event predicate: the scan sums their points event by event.
    const summed = new Map<number, ContributionNode[]>();
    for (const contribution of ir.contributions) {
      const predicate = this.predicateIndex.get(contribution.when)!;
      if (contribution.mode !== 'each' || contribution.effect === 'blacklist' || ir.predicates[predicate]!.op !== 'event') continue;
      summed.set(predicate, [...(summed.get(predicate) ?? []), contribution]);
    }
    const patterns: ScanPattern[] = [];
    const sumIndex = new Map<ContributionNode, number>();
    for (const [index, node] of ir.predicates.entries()) {
      if (node.op !== 'event' && node.op !== 'no-event') {
        this.patternOf.push(-1);
        continue;
      }
      const rules = summed.get(index) ?? [];
      for (const rule of rules) sumIndex.set(rule, sumIndex.size);
      this.patternOf.push(patterns.length);
      patterns.push({ match: node.match, withinDays: node.withinDays, sums: rules.map((rule) => ({ points: rule.points, halfLifeDays: halfLifeOf(rule) })) });
    }
    this.scanner = new EventScanner(patterns);

    const lists = new Map(ir.lists.map((list) => [list.id, list]));
    for (const node of ir.predicates) this.predicates.push(this.compilePredicate(node, lists));

    // Only the fields something reads: the validator has checked the others.
    const used = new Set<string>();
    for (const node of ir.predicates) {
      if ('value' in node) used.add(node.value);
      if ('other' in node) used.add(node.other);
    }
    for (const derived of ir.derived) if (used.has(derived.id)) used.add(derived.from).add(derived.explicit ?? derived.from);
    for (const input of ir.inputs) {
      if (!used.has(input.id)) continue;
      this.fields.push({ name: input.name, slot: this.slot(input.id), read: input.type === 'number' || input.type === 'boolean' ? 'as-is' : input.type });
    }
    this.derived = ir.derived
      .filter((derived) => used.has(derived.id))
      .map((derived) => ({
        slot: this.slot(derived.id),
        explicit: derived.explicit === undefined ? -1 : this.slot(derived.explicit),
        from: this.slot(derived.from),
      }));

    this.sectionNames = ir.sections.map((section) => section.name);
    this.sectionSlots = this.sectionNames.map((name) => this.slot(`section:${name}`));
    this.defineSections = this.sectionNames.includes('__proto__');
    this.scoreSlot = this.slot('score');
    this.contributions = ir.contributions.map((node) => this.planContribution(node, halfLifeOf(node), sumIndex.get(node) ?? -1));
    this.decisions = ir.decisions.map((decision) => ({
      name: decision.name,
      slot: this.slot(`decision:${decision.name}`),
      rows: decision.rows.map((row) => ({
        predicate: row.when === null ? -1 : this.predicateIndex.get(row.when)!,
        label: row.label,
        normalized: normalizeText(row.label),
        line: row.range.start.line,
      })),
    }));
    this.hasStage = ir.decisions.some((decision) => decision.name === 'stage');
  }

  private slot(ref: string): number {
    return this.slotIndex.get(ref)!;
  }

  private planContribution(node: ContributionNode, halfLife: number | undefined, sum: number): ContributionPlan {
    const predicate = this.predicateIndex.get(node.when)!;
    const isEvent = this.ir.predicates[predicate]!.op === 'event';
    const negative = node.effect === 'subtract';
    const plan: ContributionPlan = {
      node,
      predicate,
      pattern: isEvent ? this.patternOf[predicate]! : -1,
      section: node.section === null ? -1 : this.sectionNames.indexOf(node.section),
      kind: 'constant',
      signed: 0,
      rounded: 0,
      sum,
      halfLife,
      negative,
      probes: entryProbes(this.ir, node.when).map((probe) => ({ probe, slot: this.slot(probe.value) })),
    };
    if (node.effect === 'blacklist') plan.kind = 'blacklist';
    else if (node.mode === 'each') plan.kind = 'each';
    else if (halfLife !== undefined) plan.kind = 'decaying-once';
    else {
      const total = node.cap === undefined ? node.points : Math.min(node.points, node.cap);
      plan.signed = negative ? -total : total;
      plan.rounded = round2(plan.signed);
    }
    return plan;
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
        const kind = node.match;
        const test = node.word
          ? (value: string, needle: string) => matchesWord(value, needle, kind)
          : node.match === 'contains'
            ? (value: string, needle: string) => value.includes(needle)
            : node.match === 'starts-with'
              ? (value: string, needle: string) => value.startsWith(needle)
              : (value: string, needle: string) => value.endsWith(needle);
        return (e) => {
          const value = e.slots[slot] as string | null;
          if (value === null) return false;
          for (const needle of needles) if (test(value, needle)) return true;
          return false;
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
        const pattern = this.patternOf[this.predicates.length]!;
        const atLeast = node.atLeast;
        return (e) => e.events.counts[pattern]! >= atLeast;
      }
      case 'no-event': {
        const pattern = this.patternOf[this.predicates.length]!;
        return (e) => e.events.counts[pattern] === 0;
      }
      case 'date-within': {
        // The window of events: an age in days, `age < days`, and nothing after now.
        const slot = this.slot(node.value);
        const days = node.days;
        return (e) => {
          const value = e.slots[slot] as number | null;
          return value !== null && value <= e.now && (e.now - value) / millisPerDay < days;
        };
      }
      case 'date-ago': {
        const slot = this.slot(node.value);
        const days = node.days;
        return (e) => {
          const value = e.slots[slot] as number | null;
          return value !== null && value <= e.now && (e.now - value) / millisPerDay >= days;
        };
      }
      case 'date-compare': {
        const slot = this.slot(node.value);
        const time = parseIsoTime(node.time);
        const compare = dateComparators[node.operator];
        return (e) => {
          const value = e.slots[slot] as number | null;
          return value !== null && compare(value, time);
        };
      }
      case 'not': {
        const arg = this.predicateIndex.get(node.arg)!;
        return (e) => !this.test(e, arg);
      }
      case 'and': {
        const args = node.args.map((id) => this.predicateIndex.get(id)!);
        return (e) => {
          for (const arg of args) if (!this.test(e, arg)) return false;
          return true;
        };
      }
      case 'or': {
        const args = node.args.map((id) => this.predicateIndex.get(id)!);
        return (e) => {
          for (const arg of args) if (this.test(e, arg)) return true;
          return false;
        };
      }
    }
    throw new Error(`unknown predicate ${JSON.stringify(node)}`);
  }

  /** The profile values the predicates read: normalised text, country codes, numbers, booleans, or null when missing. */
  private profileSlots(lead: Record<string, unknown>): unknown[] {
    const slots: unknown[] = new Array(this.slotIndex.size).fill(null);
    for (const field of this.fields) {
      const raw = Object.hasOwn(lead, field.name) ? lead[field.name] : undefined;
      let value: unknown = null;
      if (field.read === 'text') {
        if (typeof raw === 'string') value = normalizeText(raw) || null;
        else if (typeof raw === 'number') value = String(raw);
      } else if (field.read === 'country') {
        if (typeof raw === 'string') value = countryValue(raw);
      } else if (field.read === 'date') {
        // Validated: ISO-8601 text or epoch milliseconds; blank text is missing.
        const millis = raw === undefined || raw === null ? Number.NaN : dateValueMillis(raw);
        value = Number.isNaN(millis) ? null : millis;
      } else if (raw !== undefined) value = raw;
      slots[field.slot] = value;
    }
    for (const derived of this.derived) {
      const explicit = derived.explicit < 0 ? null : slots[derived.explicit];
      const email = slots[derived.from] as string | null;
      const at = email === null ? -1 : email.lastIndexOf('@');
      slots[derived.slot] = explicit ?? (at >= 0 ? email!.slice(at + 1) || null : null);
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

  /** The entries that matched the list conditions of a rule that fired, one per condition that held. */
  private matchedEntries(evaluation: Evaluation, plan: ContributionPlan): MatchedEntry[] | undefined {
    const entries: MatchedEntry[] = [];
    for (const { probe, slot } of plan.probes) if (this.test(evaluation, probe.predicate)) entries.push(probe.find(evaluation.slots[slot]));
    return entries.length > 0 ? entries : undefined;
  }

  /** Scores a lead; with a trace, also records every rule and decision row on the way. */
  private run(lead: unknown, options: ScoreOptions, trace: Trace | undefined): ScoreResult {
    const now = toMillis(options.now);
    const times = this.validate(lead);
    const record = lead as Record<string, unknown> & { events?: readonly RawEvent[] };
    const evaluation: Evaluation = {
      now,
      slots: this.profileSlots(record),
      // Own properties only, as the validator reads them.
      events: this.scanner.scan(Object.hasOwn(record, 'events') ? record.events : undefined, times, now, trace !== undefined),
      memo: new Uint8Array(this.predicates.length),
    };
    const tally = evaluation.events;
    const sectionTotals = new Float64Array(this.sectionNames.length);
    let direct = 0;
    let blacklisted = false;
    const reasons: Reason[] = [];

    for (const plan of this.contributions) {
      const contribution = plan.node;
      const fired = this.test(evaluation, plan.predicate);
      const matched = plan.pattern >= 0 ? tally.matches?.[plan.pattern] : undefined;
      if (!fired) {
        trace?.rules.push(ruleTrace(contribution, false, matched ?? [], undefined, undefined));
        continue;
      }
      const reason: Reason =
        contribution.name === undefined
          ? { rule: contribution.text, line: contribution.range.start.line, section: contribution.section, points: 0 }
          : { rule: contribution.text, name: contribution.name, line: contribution.range.start.line, section: contribution.section, points: 0 };
      if (contribution.range.file !== undefined) reason.file = contribution.range.file;
      if (plan.pattern >= 0) reason.events = tally.counts[plan.pattern]!;
      const entries = plan.probes.length > 0 ? this.matchedEntries(evaluation, plan) : undefined;
      if (plan.kind === 'blacklist') {
        blacklisted = true;
        reason.blacklist = true;
        if (entries) reason.matched = entries;
        reasons.push(reason);
        trace?.rules.push(ruleTrace(contribution, true, matched ?? [], undefined, entries));
        continue;
      }
      let signed: number;
      if (trace !== undefined) {
        // An explanation keeps every step; its arithmetic is the same as below, from the recorded matches.
        const points = contributionPoints(contribution, matched ?? [], plan.halfLife);
        signed = plan.negative ? -points.total : points.total;
        reason.points = round2(signed);
        trace.rules.push(ruleTrace(contribution, true, matched ?? [], points, entries));
      } else if (plan.kind === 'constant') {
        signed = plan.signed;
        reason.points = plan.rounded;
      } else {
        let decayed: number;
        if (plan.kind === 'each') decayed = plan.sum >= 0 ? tally.sums[plan.sum]! : 0;
        else {
          // A rule that scores once decays by its most recent matching event.
          const youngest = plan.pattern >= 0 && tally.counts[plan.pattern]! > 0 ? tally.youngest[plan.pattern]! : undefined;
          decayed = youngest === undefined ? contribution.points : contribution.points * Math.pow(0.5, youngest / plan.halfLife!);
        }
        const total = contribution.cap === undefined ? decayed : Math.min(decayed, contribution.cap);
        signed = plan.negative ? -total : total;
        reason.points = round2(signed);
      }
      if (entries) reason.matched = entries;
      reasons.push(reason);
      if (plan.section < 0) direct += signed;
      else sectionTotals[plan.section]! += signed;
    }

    const dimensions: Record<string, number> = {};
    let total = direct;
    for (let index = 0; index < sectionTotals.length; index++) {
      const rounded = round2(sectionTotals[index]!);
      const name = this.sectionNames[index]!;
      if (this.defineSections) Object.defineProperty(dimensions, name, { value: rounded, enumerable: true, writable: true, configurable: true });
      else dimensions[name] = rounded;
      total += rounded;
      evaluation.slots[this.sectionSlots[index]!] = rounded;
    }
    const score = round2(total);
    evaluation.slots[this.scoreSlot] = score;

    let grade: string | null = null;
    let stage: string | null = blacklisted && !this.hasStage ? blacklistedStage : null;
    let route: string | null = null;
    for (const decision of this.decisions) {
      let label: string | null = null;
      let row: number | null = null;
      const byBlacklist = blacklisted && (decision.name === 'stage' || decision.name === 'route');
      if (byBlacklist) label = decision.name === 'stage' ? blacklistedStage : null;
      else {
        for (let index = 0; index < decision.rows.length; index++) {
          const candidate = decision.rows[index]!;
          if (candidate.predicate < 0 || this.test(evaluation, candidate.predicate)) {
            row = index;
            label = candidate.label;
            break;
          }
        }
      }
      if (decision.name === 'grade') grade = label;
      else if (decision.name === 'stage') stage = label;
      else route = label;
      evaluation.slots[decision.slot] = row !== null ? decision.rows[row]!.normalized : label === null ? null : normalizeText(label);
      trace?.decisions.push({
        name: decision.name,
        label,
        row,
        line: row === null ? null : decision.rows[row]!.line,
        ...(byBlacklist && { byBlacklist: true }),
      });
    }

    const id = record['id'];
    return {
      id: typeof id === 'string' || typeof id === 'number' ? id : null,
      score,
      dimensions,
      grade,
      stage,
      route,
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
  perEvent: Array<{ event: MatchedEvent; points: number }>;
}

function ruleTrace(contribution: ContributionNode, fired: boolean, matched: readonly MatchedEvent[], points: Points | undefined, entries: MatchedEntry[] | undefined): RuleTrace {
  const sign = contribution.effect === 'subtract' ? -1 : 1;
  const counted = new Map(points?.perEvent.map(({ event, points: p }) => [event.index, p]));
  return {
    id: contribution.id,
    rule: contribution.text,
    ...(contribution.name !== undefined && { name: contribution.name }),
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
    ...(entries && { matched: entries }),
  };
}

/**
 * The magnitude of a rule's points for one lead, step by step: per event or once,
 * decayed by age, then capped. The same operations in the same order as `run`.
 */
function contributionPoints(contribution: ContributionNode, matched: readonly MatchedEvent[], halfLife: number | undefined): Points {
  const decay = (age: number) => (halfLife === undefined ? 1 : Math.pow(0.5, age / halfLife));
  const perEvent: Points['perEvent'] = [];
  let base: number;
  let decayed: number;
  if (contribution.mode === 'each') {
    base = contribution.points * matched.length;
    decayed = 0;
    for (const event of matched) {
      const points = contribution.points * decay(event.ageDays);
      perEvent.push({ event, points });
      decayed += points;
    }
  } else if (halfLife !== undefined && matched.length > 0) {
    // A rule that scores once decays by its most recent matching event.
    const latest = matched.reduce((a, b) => (b.ageDays < a.ageDays ? b : a));
    base = contribution.points;
    decayed = contribution.points * decay(latest.ageDays);
    perEvent.push({ event: latest, points: decayed });
  } else {
    base = contribution.points;
    decayed = contribution.points;
  }
  const total = contribution.cap === undefined ? decayed : Math.min(decayed, contribution.cap);
  return { base, decayed, total, perEvent };
}
