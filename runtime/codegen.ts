/**
 * Turns a checked rule graph into the source of one JavaScript function that
 * scores a lead: profile values read once, every event scanned once for all
 * event patterns, predicates computed once and shared, lists as sets.
 *
 * Safety: no text from a policy or a lead is spliced into the source except as
 * a JSON string literal (`literal`), and numbers only as numerals of finite
 * numbers; everything else (sets, patterns, odd numbers) is passed in through
 * `bindings`. Field reads go through `hasOwn`, so no field name reaches a prototype.
 *
 * The arithmetic mirrors the interpreter (runtime/interpreter.ts) operation by
 * operation, in the same order, so both give identical numbers.
 */
import { countryValue } from './countries.js';
import { compileGlob, type Glob } from './glob.js';
import { blacklistedStage, type ComparisonOperator, type ContributionNode, type DateOperator, type EventMatch, type PolicyIr, type PredicateNode } from './ir.js';
import { dateValueMillis } from './dates.js';
import { entryProbes, type EntryProbe } from './matched.js';
import { round2 } from './round.js';
import { parseIsoTime } from './time.js';
import { eventTime, leadValidator, profileCheck, type LeadValidator } from './lead-schema.js';
import { normalizeText } from './text.js';
import { matchesWord } from './words.js';

/** What the generated source reads besides its arguments. */
export interface ScorerBindings {
  hasOwn: (object: object, key: string) => boolean;
  normalizeText: (text: string) => string;
  /** A country field's value: its alpha-2 code, or the normalised text when it is no known country. */
  countryValue: (text: string) => string | null;
  round2: (value: number) => number;
  matchesWord: typeof matchesWord;
  /** A date field's value (ISO-8601 text or epoch milliseconds) as epoch milliseconds, NaN when there is none. */
  dateValueMillis: typeof dateValueMillis;
  /** Lists used with `in`, as sets. */
  sets: Array<Set<unknown>>;
  /** Event-name globs, compiled. */
  globs: Glob[];
  /** Values that have no safe literal form (non-finite numbers, long needle lists). */
  constants: unknown[];
  /** The list conditions whose entries reasons name, each with its way to find the entry that matched. */
  probes: EntryProbe[];
  /** The lead's check, fused into scoring: the profile first, each event as the scan reaches it; the full validator where they fail. */
  profileCheck: (lead: unknown) => boolean;
  eventTime: typeof eventTime;
  validate: LeadValidator;
  /** The policy info every result carries. */
  info: unknown;
}

export interface GeneratedScorer {
  /**
   * The body of a function of `rt` (the bindings) that returns `score(lead, times, now)`: with `times` null it checks
   * the lead as it scores it (and leaves any lead its quick checks do not pass to the validator); with the times the
   * validator gave, it scores a lead already checked.
   */
  source: string;
  bindings: Omit<ScorerBindings, 'info'>;
}

const jsOperators: Record<ComparisonOperator, string> = { '=': '===', '!=': '!==', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };
const dateOperators: Record<DateOperator, string> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** A JSON string literal, also escaping the two line terminators JSON allows inside strings. */
export function literal(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function generateScorer(ir: PolicyIr): GeneratedScorer {
  return new ScorerWriter(ir).write();
}

/** An event predicate as the scan sees it. */
interface EventPattern {
  predicate: number;
  match: EventMatch | undefined;
  withinDays: number | undefined;
}

class ScorerWriter {
  private readonly bindings: GeneratedScorer['bindings'];
  private readonly predicateIndex = new Map<string, number>();
  private readonly values = new Map<string, string>();
  private readonly lines: string[] = [];

  constructor(private readonly ir: PolicyIr) {
    this.bindings = {
      hasOwn: (object, key) => Object.hasOwn(object, key),
      normalizeText,
      countryValue,
      round2,
      matchesWord,
      dateValueMillis,
      sets: [],
      globs: [],
      constants: [],
      probes: [],
      profileCheck: profileCheck(ir.inputs),
      eventTime,
      validate: leadValidator(ir.inputs),
    };
    ir.predicates.forEach((predicate, index) => this.predicateIndex.set(predicate.id, index));
    ir.inputs.forEach((input, index) => this.values.set(input.id, `f${index}`));
    ir.derived.forEach((derived, index) => this.values.set(derived.id, `d${index}`));
    ir.sections.forEach((section, index) => this.values.set(`section:${section.name}`, `s${index}`));
    this.values.set('score', 'score');
    ir.decisions.forEach((decision, index) => this.values.set(`decision:${decision.name}`, `n${index}`));
  }

  write(): GeneratedScorer {
    const emit = (line: string) => this.lines.push(line);
    emit('"use strict";');
    emit('const { hasOwn, normalizeText, countryValue, round2, matchesWord, dateValueMillis, sets, globs, constants, probes, info, profileCheck, eventTime, validate } = rt;');
    emit('const optionalText = (value) => (typeof value === "string" ? normalizeText(value) || null : null);');
    emit('return function scoreLead(lead, times, now) {');
    emit('if (times === null && !profileCheck(lead)) return scoreLead(lead, validate(lead), now);');
    this.writeProfile();
    this.writeEventScan();
    const emitted = new Set<number>();
    this.writePredicates(this.earlyPredicates(), emitted);
    this.writeContributions();
    this.writeSections();
    this.writeDecisions(emitted);
    emit('const id = lead["id"];');
    const stage = this.ir.decisions.findIndex((decision) => decision.name === 'stage');
    const label = (name: string) => {
      const index = this.ir.decisions.findIndex((decision) => decision.name === name);
      return index >= 0 ? `l${index}` : 'null';
    };
    emit(
      `return { id: typeof id === "string" || typeof id === "number" ? id : null, score, dimensions, grade: ${label('grade')}, ` +
        `stage: ${stage >= 0 ? `l${stage}` : `blacklisted ? ${literal(blacklistedStage)} : null`}, route: ${label('route')}, blacklisted, reasons, policy: info };`,
    );
    emit('};');
    return { source: this.lines.join('\n'), bindings: this.bindings };
  }

  /** A numeral for a finite number; anything else goes through `constants`. */
  private number(value: number): string {
    if (Number.isFinite(value)) return Object.is(value, -0) ? '-0' : String(value);
    return this.constant(value);
  }

  private constant(value: unknown): string {
    this.bindings.constants.push(value);
    return `constants[${this.bindings.constants.length - 1}]`;
  }

  private value(ref: string): string {
    return this.values.get(ref)!;
  }

  private predicate(id: string): number {
    return this.predicateIndex.get(id)!;
  }

  /** Profile values as the predicates read them: normalised text, country codes, numbers, booleans, or null when missing. */
  private writeProfile(): void {
    // Only the fields something reads; the validator has checked the others.
    const used = new Set<string>();
    for (const node of this.ir.predicates) {
      if ('value' in node) used.add(node.value);
      if ('other' in node) used.add(node.other);
    }
    for (const derived of this.ir.derived) if (used.has(derived.id)) used.add(derived.from).add(derived.explicit ?? derived.from);
    this.ir.inputs.forEach((input, index) => {
      if (!used.has(input.id)) return;
      const read = `hasOwn(lead, ${literal(input.name)}) ? lead[${literal(input.name)}] : undefined`;
      if (input.type === 'text') {
        this.lines.push(
          `let f${index} = null; { const raw = ${read}; if (typeof raw === "string") f${index} = normalizeText(raw) || null; else if (typeof raw === "number") f${index} = String(raw); }`,
        );
      } else if (input.type === 'country') {
        this.lines.push(`let f${index} = null; { const raw = ${read}; if (typeof raw === "string") f${index} = countryValue(raw); }`);
      } else if (input.type === 'date') {
        // Validated: ISO-8601 text or epoch milliseconds; blank text is missing.
        this.lines.push(
          `let f${index} = null; { const raw = ${read}; const millis = raw === undefined || raw === null ? NaN : dateValueMillis(raw); if (millis === millis) f${index} = millis; }`,
        );
      } else {
        this.lines.push(`let f${index} = ${read}; if (f${index} === undefined) f${index} = null;`);
      }
    });
    this.ir.derived.forEach((derived, index) => {
      if (!used.has(derived.id)) return;
      const explicit = derived.explicit === undefined ? 'null' : this.value(derived.explicit);
      const email = this.value(derived.from);
      this.lines.push(
        `let d${index} = ${explicit}; if (d${index} === null) { const at = ${email} === null ? -1 : ${email}.lastIndexOf("@"); d${index} = at >= 0 ? ${email}.slice(at + 1) || null : null; }`,
      );
    });
  }

  private patterns(): EventPattern[] {
    const patterns: EventPattern[] = [];
    this.ir.predicates.forEach((node, index) => {
      if (node.op === 'event') patterns.push({ predicate: index, match: node.match, withinDays: node.withinDays });
      if (node.op === 'no-event') patterns.push({ predicate: index, match: node.match, withinDays: node.withinDays });
    });
    return patterns;
  }

  /** Half-life of a contribution's decay, when it decays. */
  private halfLife(contribution: ContributionNode): number | undefined {
    if (!contribution.decay || contribution.section === null) return undefined;
    return this.ir.sections.find((section) => section.name === contribution.section)?.decay?.halfLifeDays;
  }

  /**
   * One pass over the lead's events: per event pattern, how many events match
   * (`c`), the youngest match's age (`m`), and per `each` rule its running
   * points (`a`), summed in event order as the interpreter does.
   */
  private writeEventScan(): void {
    const patterns = this.patterns();
    // The youngest match's age is needed only by rules that score once and decay.
    const youngestRead = new Set(
      this.ir.contributions
        .filter((contribution) => contribution.mode === 'once' && contribution.effect !== 'blacklist' && this.halfLife(contribution) !== undefined)
        .map((contribution) => this.predicate(contribution.when)),
    );
    const updates = new Map<number, string[]>();
    for (const { predicate } of patterns) {
      const youngest = youngestRead.has(predicate);
      this.lines.push(`let c${predicate} = 0${youngest ? `, m${predicate} = Infinity` : ''};`);
      updates.set(predicate, [`c${predicate}++;`, ...(youngest ? [`if (age < m${predicate}) m${predicate} = age;`] : [])]);
    }
    this.ir.contributions.forEach((contribution, index) => {
      if (contribution.mode !== 'each' || contribution.effect === 'blacklist') return;
      const halfLife = this.halfLife(contribution);
      const points = this.number(contribution.points);
      this.lines.push(`let a${index} = 0;`);
      const perEvent = halfLife === undefined ? points : `${points} * Math.pow(0.5, age / ${this.number(halfLife)})`;
      updates.get(this.predicate(contribution.when))!.push(`a${index} += ${perEvent};`);
    });
    if (patterns.length === 0) {
      // No rule reads the events, but a lead with a bad one is still refused.
      this.lines.push(
        'if (times === null && hasOwn(lead, "events") && lead.events != null) for (const event of lead.events) { const at = eventTime(event); if (at !== at) return scoreLead(lead, validate(lead), now); }',
      );
      return;
    }

    const test = (pattern: EventPattern) => {
      const conditions: string[] = [];
      if (pattern.match?.object !== undefined) conditions.push(`object === ${literal(pattern.match.object)}`);
      if (pattern.match?.glob !== undefined) {
        this.bindings.globs.push(compileGlob(pattern.match.glob));
        conditions.push(`name !== null && globs[${this.bindings.globs.length - 1}].test(name)`);
      }
      if (pattern.withinDays !== undefined) conditions.push(`age < ${this.number(pattern.withinDays)}`);
      const body = updates.get(pattern.predicate)!.join(' ');
      return conditions.length === 0 ? body : `if (${conditions.join(' && ')}) { ${body} }`;
    };

    this.lines.push('const events = hasOwn(lead, "events") ? lead.events : undefined;');
    this.lines.push('if (events != null) for (let i = 0; i < events.length; i++) {');
    this.lines.push('const event = events[i]; const at = times === null ? eventTime(event) : times[i];');
    this.lines.push('if (at !== at) return scoreLead(lead, validate(lead), now); if (at > now) continue;');
    this.lines.push('const age = (now - at) / 86400000;');
    for (const pattern of patterns) if (!pattern.match) this.lines.push(test(pattern));
    const byVerb = new Map<string, EventPattern[]>();
    for (const pattern of patterns) {
      if (pattern.match) byVerb.set(pattern.match.verb, [...(byVerb.get(pattern.match.verb) ?? []), pattern]);
    }
    if (byVerb.size > 0) {
      this.lines.push('switch (normalizeText(event.type)) {');
      for (const [verb, group] of byVerb) {
        this.lines.push(`case ${literal(verb)}: {`);
        if (group.some((pattern) => pattern.match!.object !== undefined)) this.lines.push('const object = optionalText(event.object);');
        if (group.some((pattern) => pattern.match!.glob !== undefined)) this.lines.push('const name = optionalText(event.name);');
        for (const pattern of group) this.lines.push(test(pattern));
        this.lines.push('break; }');
      }
      this.lines.push('}');
    }
    this.lines.push('}');
  }

  /** Predicates the point rules need, or decision rows that read only the profile and events. */
  private earlyPredicates(): number[] {
    const late = new Set<number>();
    const isLate = (ref: string) => ref === 'score' || ref.startsWith('section:') || ref.startsWith('decision:');
    this.ir.predicates.forEach((node, index) => {
      const refs = 'args' in node ? node.args : 'arg' in node ? [node.arg] : [];
      const reads = [...('value' in node ? [node.value] : []), ...('other' in node ? [node.other] : [])];
      if (reads.some(isLate) || refs.some((ref) => late.has(this.predicate(ref)))) late.add(index);
    });
    return this.ir.predicates.map((_, index) => index).filter((index) => !late.has(index));
  }

  /** `const p<N> = …` for the given predicates and those they use, in the graph's (dependency) order. */
  private writePredicates(indexes: Iterable<number>, emitted: Set<number>): void {
    const wanted = new Set<number>();
    const visit = (index: number) => {
      if (wanted.has(index) || emitted.has(index)) return;
      wanted.add(index);
      const node = this.ir.predicates[index]!;
      for (const ref of 'args' in node ? node.args : 'arg' in node ? [node.arg] : []) visit(this.predicate(ref));
    };
    for (const index of indexes) visit(index);
    for (const index of [...wanted].sort((a, b) => a - b)) {
      this.lines.push(`const p${index} = ${this.predicateExpression(this.ir.predicates[index]!, index)};`);
      emitted.add(index);
    }
  }

  private predicateExpression(node: PredicateNode, index: number): string {
    switch (node.op) {
      case 'compare': {
        const value = this.value(node.value);
        const operand = typeof node.operand === 'string' ? literal(node.operand) : this.number(node.operand);
        return `${value} !== null && ${value} ${jsOperators[node.operator]} ${operand}`;
      }
      case 'compare-values': {
        const [a, b] = [this.value(node.value), this.value(node.other)];
        return `${a} !== null && ${b} !== null && ${a} ${jsOperators[node.operator]} ${b}`;
      }
      case 'between': {
        const value = this.value(node.value);
        return `${value} !== null && ${value} >= ${this.number(node.low)} && ${value} <= ${this.number(node.high)}`;
      }
      case 'in': {
        const value = this.value(node.value);
        this.bindings.sets.push(new Set(this.list(node.list)));
        return `${value} !== null && ${node.negated ? '!' : ''}sets[${this.bindings.sets.length - 1}].has(${value})`;
      }
      case 'text': {
        const value = this.value(node.value);
        const method = node.match === 'contains' ? 'includes' : node.match === 'starts-with' ? 'startsWith' : 'endsWith';
        const needles = this.list(node.list) as string[];
        if (node.word) {
          const kind = literal(node.match);
          if (needles.length <= 16) return `${value} !== null && (${needles.map((needle) => `matchesWord(${value}, ${literal(needle)}, ${kind})`).join(' || ') || 'false'})`;
          return `${value} !== null && ${this.constant(needles)}.some((needle) => matchesWord(${value}, needle, ${kind}))`;
        }
        if (needles.length <= 16) {
          const tests = needles.map((needle) => `${value}.${method}(${literal(needle)})`);
          return `${value} !== null && (${tests.join(' || ') || 'false'})`;
        }
        return `${value} !== null && ${this.constant(needles)}.some((needle) => ${value}.${method}(needle))`;
      }
      case 'is': {
        const value = this.value(node.value);
        const test = { missing: '=== null', present: '!== null', true: '=== true', false: '=== false' }[node.test];
        return `${value} ${test}`;
      }
      case 'event':
        return `c${index} >= ${this.number(node.atLeast)}`;
      case 'no-event':
        return `c${index} === 0`;
      case 'date-within': {
        // The window of events: an age in days, `age < days`, and nothing after now.
        const value = this.value(node.value);
        return `${value} !== null && ${value} <= now && (now - ${value}) / 86400000 < ${this.number(node.days)}`;
      }
      case 'date-ago': {
        const value = this.value(node.value);
        return `${value} !== null && ${value} <= now && (now - ${value}) / 86400000 >= ${this.number(node.days)}`;
      }
      case 'date-compare': {
        const value = this.value(node.value);
        return `${value} !== null && ${value} ${dateOperators[node.operator]} ${this.number(parseIsoTime(node.time))}`;
      }
      case 'not':
        return `!p${this.predicate(node.arg)}`;
      case 'and':
      case 'or':
        return node.args.map((arg) => `p${this.predicate(arg)}`).join(node.op === 'and' ? ' && ' : ' || ');
    }
  }

  private list(id: string): Array<string | number> {
    return this.ir.lists.find((list) => list.id === id)!.values;
  }

  /** Each rule in order: its points (mirroring the interpreter's arithmetic), its section, its reason. */
  private writeContributions(): void {
    this.lines.push('let direct = 0, blacklisted = false; const reasons = [];');
    this.ir.sections.forEach((_, index) => this.lines.push(`let t${index} = 0;`));
    this.ir.contributions.forEach((contribution, index) => {
      const when = this.predicate(contribution.when);
      const isEvent = this.ir.predicates[when]!.op === 'event';
      // The entries that matched are looked up only when the rule fires, one per list condition that held.
      const found = entryProbes(this.ir, contribution.when).map((probe) => {
        this.bindings.probes.push(probe);
        return { holds: `p${probe.predicate}`, always: probe.predicate === when, find: `probes[${this.bindings.probes.length - 1}].find(${this.value(probe.value)})` };
      });
      // A rule whose whole condition is one list condition (the usual case) names its entry in the literal itself.
      const single = found.length === 1 && found[0]!.always ? found[0]!.find : undefined;
      const probes = single !== undefined ? [] : found.map(({ holds, find }) => `if (${holds}) (r.matched ??= []).push(${find});`);
      const reason = (points: string) => {
        const fields = [
          `rule: ${literal(contribution.text)}`,
          ...(contribution.name === undefined ? [] : [`name: ${literal(contribution.name)}`]),
          `line: ${this.number(contribution.range.start.line)}`,
          `section: ${contribution.section === null ? 'null' : literal(contribution.section)}`,
          `points: ${points}`,
        ];
        if (contribution.range.file !== undefined) fields.push(`file: ${literal(contribution.range.file)}`);
        if (isEvent) fields.push(`events: c${when}`);
        if (contribution.effect === 'blacklist') fields.push('blacklist: true');
        if (single !== undefined) fields.push(`matched: [${single}]`);
        if (probes.length === 0) return `reasons.push({ ${fields.join(', ')} });`;
        return `{ const r = { ${fields.join(', ')} }; ${probes.join(' ')} reasons.push(r); }`;
      };
      if (contribution.effect === 'blacklist') {
        this.lines.push(`if (p${when}) { blacklisted = true; ${reason('0')} }`);
        return;
      }
      const target = contribution.section === null ? 'direct' : `t${this.ir.sections.findIndex((s) => s.name === contribution.section)}`;
      const halfLife = this.halfLife(contribution);
      const cap = contribution.cap === undefined ? undefined : this.number(contribution.cap);
      const sign = contribution.effect === 'subtract' ? '-' : '';
      if (contribution.mode === 'once' && halfLife === undefined) {
        // Constant points: the arithmetic is done here, once.
        const total = contribution.cap === undefined ? contribution.points : Math.min(contribution.points, contribution.cap);
        const signed = contribution.effect === 'subtract' ? -total : total;
        this.lines.push(`if (p${when}) { ${target} += ${this.number(signed)}; ${reason(this.number(round2(signed)))} }`);
        return;
      }
      const points = this.number(contribution.points);
      const decayed = contribution.mode === 'each' ? `a${index}` : `c${when} > 0 ? ${points} * Math.pow(0.5, m${when} / ${this.number(halfLife!)}) : ${points}`;
      const total = cap === undefined ? `(${decayed})` : `Math.min(${decayed}, ${cap})`;
      this.lines.push(`if (p${when}) { const signed = ${sign}${total}; ${target} += signed; ${reason('round2(signed)')} }`);
    });
  }

  private writeSections(): void {
    this.lines.push('let total = direct;');
    const keys: string[] = [];
    this.ir.sections.forEach((section, index) => {
      this.lines.push(`const s${index} = round2(t${index}); total += s${index};`);
      // A computed key defines an own property even for "__proto__".
      keys.push(`[${literal(section.name)}]: s${index}`);
    });
    this.lines.push(`const dimensions = { ${keys.join(', ')} };`);
    this.lines.push('const score = round2(total);');
  }

  /** Decisions in order; a decision's late predicates are computed just before it, once the values they read exist. */
  private writeDecisions(emitted: Set<number>): void {
    this.ir.decisions.forEach((decision, index) => {
      this.writePredicates(
        decision.rows.flatMap((row) => (row.when === null ? [] : [this.predicate(row.when)])),
        emitted,
      );
      this.lines.push(`let l${index} = null, n${index} = null;`);
      const branches: string[] = [];
      if (decision.name === 'stage') branches.push(`if (blacklisted) { l${index} = ${literal(blacklistedStage)}; n${index} = ${literal(normalizeText(blacklistedStage))}; }`);
      if (decision.name === 'route') branches.push('if (blacklisted) {}');
      for (const row of decision.rows) {
        const assign = `{ l${index} = ${literal(row.label)}; n${index} = ${literal(normalizeText(row.label))}; }`;
        branches.push(row.when === null ? assign : `if (p${this.predicate(row.when)}) ${assign}`);
        if (row.when === null) break;
      }
      this.lines.push(branches.join(' else '));
    });
  }
}
