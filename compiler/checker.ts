import type * as ast from '../language/index.js';
import { diagnostic, oneOf, type Diagnostic, type Range } from '../language/index.js';
import type { ComparisonOperator, DateOperator, EventMatch, ValueRef } from '../runtime/rule-graph.js';
import { inTimeRange, millisPerDay, normalizeText, outOfTimeRange, outsideTimeRange, parseIsoTime, timeRange } from '../runtime/support.js';
import { listItemType, type Symbols } from './binder.js';
import { countryProblem } from './countries.js';
import { semanticDiagnostics as d } from './diagnostics.js';
import { didYouMean, suggest } from './suggest.js';
import { anyActivity, blacklistedStage, decisionNames, scoreName, type FieldType } from './vocabulary.js';

/** A list after checking: its entries normalised, named or written in place. */
export interface BoundList {
  name?: string;
  /** `country`: text entries read as countries for a country field, each an ISO 3166-1 alpha-2 code. */
  type: 'text' | 'number' | 'country';
  values: Array<string | number>;
  /** Text entries as written (trimmed), one per value; reasons name a matched entry this way. */
  written?: string[];
  range: Range;
}

/** A condition with every name resolved and every type checked; one-to-one with IR predicates. */
export type Bound =
  | { kind: 'compare'; value: ValueRef; operator: ComparisonOperator; operand: string | number; range: Range }
  | { kind: 'compare-values'; value: ValueRef; operator: ComparisonOperator; other: ValueRef; range: Range }
  | { kind: 'between'; value: ValueRef; low: number; high: number; range: Range }
  | { kind: 'in'; value: ValueRef; list: BoundList; negated: boolean; range: Range }
  | { kind: 'text'; value: ValueRef; match: 'contains' | 'starts-with' | 'ends-with'; word: boolean; list: BoundList; range: Range }
  | { kind: 'is'; value: ValueRef; test: ast.IsTest; range: Range }
  | { kind: 'event'; match?: EventMatch; atLeast: number; withinDays?: number; range: Range }
  | { kind: 'no-event'; match?: EventMatch; withinDays: number; range: Range }
  | { kind: 'date-within' | 'date-ago'; value: ValueRef; days: number; range: Range }
  | { kind: 'date-compare'; value: ValueRef; operator: DateOperator; time: string; range: Range }
  | { kind: 'not'; operand: Bound; range: Range }
  | { kind: 'and' | 'or'; operands: Bound[]; range: Range };

export interface CheckedRule {
  rule: ast.Rule;
  section: string | null;
  condition: Bound;
  /** The condition is a single event pattern: `each`, `at most` and decay apply. */
  eventRule: boolean;
}

export interface CheckedRow {
  row: ast.DecisionRow;
  condition: Bound | null;
}

export interface CheckedSection {
  section: ast.Section;
  decay?: ast.DecayDeclaration;
}

export interface CheckResult {
  rules: CheckedRule[];
  sections: CheckedSection[];
  /** Each decision's rows, and the decisions its conditions read. */
  decisions: Map<ast.DecisionKind, { rows: CheckedRow[]; dependsOn: Set<ast.DecisionKind> }>;
}

type ValueType = FieldType;

/** A type as messages say it: `the field \`country\` is a country`. */
const typeWords: Record<ValueType, string> = { text: 'text', number: 'a number', boolean: 'true or false', country: 'a country', date: 'a date' };

/** How a date field is tested, for messages that point there. */
const dateTests = '`before "2026-01-01"`, `after "…"`, `within N days` or `more than N days ago`';

interface Resolved {
  ref: ValueRef;
  type: ValueType;
  /** What the name is, in words, for messages. */
  what: string;
  /** Decision values may be null, section totals and the score never are. */
  total: boolean;
  decision?: ast.DecisionKind;
}

/** Where a condition stands: in a rule, or in a row of a decision. */
interface Context {
  decision?: ast.DecisionKind;
  dependsOn: Set<ast.DecisionKind>;
}

/** Resolves names and checks types in every rule and decision; reports what is wrong, keeps what is right. */
export function check(program: ast.Program, symbols: Symbols, diagnostics: Diagnostic[]): CheckResult {
  const broken = new Set(program.brokenDeclarations.map((declaration) => `${declaration.kind}:${declaration.name}`));
  const checker = new Checker(symbols, diagnostics, broken);
  return checker.run(program);
}

class Checker {
  /** Country entries of named lists already reported (by offset and file), so a list used twice is reported once. */
  private readonly reportedCountries = new Set<string>();

  constructor(
    private readonly symbols: Symbols,
    private readonly diagnostics: Diagnostic[],
    /** `list:NAME`, `field:NAME`, `event:VERB` declared on lines that did not parse: their uses are not reported again. */
    private readonly brokenDeclarations: ReadonlySet<string>,
  ) {}

  private report(kind: (typeof d)[keyof typeof d], message: string, range: Range, extra: { suggestions?: string[]; replaces?: Range; help?: string } = {}): void {
    this.diagnostics.push(diagnostic(kind, message, range, extra));
  }

  run(program: ast.Program): CheckResult {
    const result: CheckResult = {
      rules: [],
      sections: [],
      decisions: new Map(decisionNames.map((name) => [name, { rows: [], dependsOn: new Set() }])),
    };
    for (const statement of program.statements) {
      switch (statement.kind) {
        case 'Section':
          result.sections.push(this.checkSection(statement, result.rules));
          break;
        case 'Rule': {
          const checked = this.checkRule(statement, null);
          if (checked) result.rules.push(checked);
          break;
        }
        case 'Decay':
          this.report(d.misplacedDecay, '`decay` belongs in a section: indent it under the section whose points should decay', statement.range);
          break;
        case 'DecisionRow':
          this.checkDecisionRow(statement, result);
          break;
        default:
          break;
      }
    }
    this.checkUnreachableRows();
    this.checkDecisionCycles(result);
    return result;
  }

  private checkSection(section: ast.Section, rules: CheckedRule[]): CheckedSection {
    const checked: CheckedSection = { section };
    for (const item of section.items) {
      if (item.kind === 'Decay') {
        if (checked.decay) {
          this.report(d.misplacedDecay, `the section \`${section.name.name}\` already decays (line ${checked.decay.range.start.line})`, item.range);
          continue;
        }
        if (!this.positive(item.halfLife, 'a half-life')) continue;
        checked.decay = item;
      } else {
        const rule = this.checkRule(item, section.name.name);
        if (rule) rules.push(rule);
      }
    }
    return checked;
  }

  /** Reports a number that must be greater than zero; true when it is. */
  private positive(number: ast.NumberLiteral, what: string): boolean {
    if (number.value > 0) return true;
    this.report(d.badNumber, `${what} must be greater than 0`, number.range);
    return false;
  }

  private checkRule(rule: ast.Rule, section: string | null): CheckedRule | undefined {
    const condition = this.checkCondition(rule.condition, { dependsOn: new Set() });
    const unwrapped = unwrapGroups(rule.condition);
    // `created within 90 days` reads like an event pattern but tests a date field: it scores once.
    const eventRule = this.asEvent(unwrapped) !== undefined;
    let ok = condition !== undefined;
    if (rule.effect.kind !== 'blacklist') {
      const amount = rule.effect.amount;
      if (amount.value < 0) {
        this.report(d.badNumber, `points are written without a sign: use \`${rule.effect.kind === 'add' ? 'subtract' : 'add'} ${amount.raw.slice(1)}\``, amount.range, {
          suggestions: [`${rule.effect.kind === 'add' ? 'subtract' : 'add'} ${amount.raw.slice(1)}`],
          replaces: rule.effect.range,
        });
        ok = false;
      }
    }
    if (rule.each && !eventRule) {
      this.report(d.eachWithoutEvent, '`each` scores per matching event, but this condition is not a single event pattern', rule.each, {
        help: 'use `each` with a condition such as `open email`',
      });
      ok = false;
    }
    if (rule.atMost) {
      if (!eventRule) {
        this.report(d.capWithoutEvent, '`at most` caps points from repeated events, but this condition is not a single event pattern', rule.atMost.range);
        ok = false;
      } else if (!rule.each) {
        this.report(d.capWithoutEach, 'this rule scores once, so `at most` has no effect; add `each` to score per event', rule.atMost.range);
      }
      if (!this.positive(rule.atMost, 'the cap')) ok = false;
    }
    return ok && condition ? { rule, section, condition, eventRule } : undefined;
  }

  private checkDecisionRow(row: ast.DecisionRow, result: CheckResult): void {
    const entry = result.decisions.get(row.decision)!;
    if (!row.condition) {
      entry.rows.push({ row, condition: null });
      return;
    }
    const condition = this.checkCondition(row.condition, { decision: row.decision, dependsOn: entry.dependsOn });
    if (condition) entry.rows.push({ row, condition });
  }

  private checkUnreachableRows(): void {
    for (const [name, rows] of this.symbols.decisions) {
      const otherwise = rows.find((row) => !row.condition);
      if (!otherwise) continue;
      for (const row of rows.slice(rows.indexOf(otherwise) + 1)) {
        this.report(
          d.unreachableRow,
          `this ${name} row can never match: \`${name} ${JSON.stringify(otherwise.label.value)} otherwise\` on line ${otherwise.range.start.line} matches every lead first`,
          row.range,
        );
      }
    }
  }

  private checkDecisionCycles(result: CheckResult): void {
    const visiting = new Set<ast.DecisionKind>();
    const done = new Set<ast.DecisionKind>();
    const reported = new Set<ast.DecisionKind>();
    const visit = (name: ast.DecisionKind, path: ast.DecisionKind[]): void => {
      if (done.has(name)) return;
      if (visiting.has(name)) {
        const cycle = [...path.slice(path.indexOf(name)), name];
        for (const member of new Set(cycle)) {
          if (reported.has(member)) continue;
          reported.add(member);
          // Told from the member's own point of view: `stage → grade → stage`, not `grade → stage → grade`.
          const at = cycle.indexOf(member);
          const own = [...cycle.slice(at, -1), ...cycle.slice(0, at), member];
          // Pointed at the first place where the member reads the next decision of the cycle.
          const rows = this.symbols.decisions.get(member)!;
          let place: Range | undefined;
          for (const row of rows) place ??= row.condition && mention(row.condition, own[1]!)?.range;
          this.report(d.decisionCycle, `\`${member}\` depends on itself: ${own.join(' → ')}`, place ?? rows[0]!.range);
        }
        return;
      }
      visiting.add(name);
      for (const next of result.decisions.get(name)!.dependsOn) visit(next, [...path, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of decisionNames) visit(name, []);
  }

  // ---- conditions ----

  private checkCondition(condition: ast.Condition, context: Context): Bound | undefined {
    switch (condition.kind) {
      case 'Group':
        return this.checkCondition(condition.condition, context);
      case 'Not': {
        const operand = this.checkCondition(condition.operand, context);
        return operand && { kind: 'not', operand, range: condition.range };
      }
      case 'And':
      case 'Or': {
        const operands = condition.operands.map((operand) => this.checkCondition(operand, context));
        if (operands.some((operand) => !operand)) return undefined;
        return { kind: condition.kind === 'And' ? 'and' : 'or', operands: operands as Bound[], range: condition.range };
      }
      case 'Quantified': {
        const { times, within } = condition;
        const pattern = this.asEvent(condition);
        if (pattern) return this.checkEventPattern(pattern);
        const words = [times && `${times.raw} ${times.value === 1 ? 'time' : 'times'}`, within && `within ${within.raw} ${within.value === 1 ? 'day' : 'days'}`].filter(Boolean);
        const range = condition.quantifier ?? (times ?? within)!.range;
        this.report(d.quantifierWithoutEvent, `\`${words.join(' ')}\` counts events, but it follows a condition that is not an event pattern`, range, {
          help: 'write it right after an event, e.g. `visit page 3 times within 14 days`',
        });
        this.checkCondition(condition.condition, context);
        return undefined;
      }
      case 'EventPattern':
        return this.isDateTest(condition) ? this.checkDateWithin(condition, context) : this.checkEventPattern(condition);
      case 'DateCompare': {
        const pattern = this.asEvent(condition);
        return pattern ? this.checkEventPattern(pattern) : this.checkDateCompare(condition, context);
      }
      case 'DateAgo':
        return this.checkDateAgo(condition, context);
      case 'NoActivity':
        return this.checkNoActivity(condition);
      case 'Comparison':
        return this.checkComparison(condition, context);
      case 'Between':
        return this.checkBetween(condition, context);
      case 'InList':
        return this.checkInList(condition, context);
      case 'TextMatch':
        return this.checkTextMatch(condition, context);
      case 'Is':
        return this.checkIs(condition, context);
    }
  }

  /** Resolves a name used as a value: a field, a section total, `score`, or a decision. */
  private resolve(name: ast.Identifier, context: Context): Resolved | undefined {
    const id = name.name;
    const field = this.symbols.fields.get(id);
    if (field) {
      const ref = id === 'domain' ? 'derived:domain' : `field:${id}`;
      return { ref, type: field.type, what: `the field \`${id}\``, total: false };
    }
    const isTotal = id === scoreName || this.symbols.sections.has(id);
    const decision = (decisionNames as readonly string[]).includes(id) ? (id as ast.DecisionKind) : undefined;
    if (isTotal || decision) {
      if (!context.decision) {
        this.report(
          d.totalInRule,
          `rules score fields and events; \`${id}\` is ${isTotal ? 'a total that rules produce' : 'a decision made after scoring'}, so only grade, stage and route rows can test it`,
          name.range,
        );
        return undefined;
      }
      if (isTotal) {
        return { ref: id === scoreName ? 'score' : `section:${id}`, type: 'number', what: id === scoreName ? 'the score' : `the section \`${id}\``, total: true };
      }
      context.dependsOn.add(decision!);
      return { ref: `decision:${decision}`, type: 'text', what: `the ${decision}`, total: false, decision };
    }
    if (this.brokenDeclarations.has(`field:${id}`)) return undefined;
    const candidates = [...this.symbols.fields.keys()];
    if (context.decision) candidates.push(scoreName, ...this.symbols.sections.keys(), ...decisionNames);
    const suggestions = suggest(id, candidates);
    const kinds = context.decision ? 'field, section, `score`, `grade`, `stage` or `route`' : 'field';
    this.report(d.unknownName, `unknown name \`${id}\`: no ${kinds} is called that`, name.range, {
      suggestions,
      help: didYouMean(suggestions) ?? (context.decision ? undefined : 'declare it with `field NAME: text|number|boolean`'),
    });
    return undefined;
  }

  /**
   * The event pattern a condition is, if it is one: an event pattern that tests no date field, or
   * `VERB before|after "glob"` (with its `K times` and `within N days`) for an event whose verb takes
   * the object `before` or `after`, as it was read before dates could be compared.
   */
  private asEvent(condition: ast.Condition): ast.EventPattern | undefined {
    if (condition.kind === 'EventPattern') return this.isDateTest(condition) ? undefined : condition;
    if (condition.kind === 'Quantified') {
      const inner = condition.condition.kind === 'DateCompare' ? this.asEvent(condition.condition) : undefined;
      return inner && { ...inner, ...(condition.times && { times: condition.times }), ...(condition.within && { within: condition.within }), range: condition.range };
    }
    if (condition.kind !== 'DateCompare' || !this.symbols.events.get(condition.subject.name.toLowerCase())?.has(condition.operator)) return undefined;
    const object: ast.Identifier = { kind: 'Identifier', name: condition.operator, range: condition.operatorRange };
    return { kind: 'EventPattern', verb: condition.subject, object, glob: condition.value, range: condition.range };
  }

  /**
   * Whether `NAME [within N days]` tests a date field rather than events: the name is a field declared
   * `date` and no event (events win, as they do over every field), with no object or name pattern.
   */
  private isDateTest(pattern: ast.EventPattern): boolean {
    const name = pattern.verb.name;
    if (pattern.object || pattern.glob || this.symbols.fields.get(name)?.type !== 'date') return false;
    return !this.symbols.events.has(name.toLowerCase()) && !isAnyActivity(pattern);
  }

  /** A date field's subject, or undefined after reporting that the field is not a date (LS3001). */
  private dateSubject(subject: ast.Identifier, test: string, range: Range, context: Context): Resolved | undefined {
    const resolved = this.resolve(subject, context);
    if (!resolved) return undefined;
    if (resolved.type === 'date') return resolved;
    this.report(d.operatorType, `\`${test}\` tests a date, but ${resolved.what} is ${typeWords[resolved.type]}`, range, {
      help: resolved.total || resolved.decision ? undefined : `declare the field as \`date\` (\`field ${subject.name}: date\`) if it holds dates`,
    });
    return undefined;
  }

  /** `created within 90 days`: parsed as an event pattern, since only the field's type tells the two apart. */
  private checkDateWithin(pattern: ast.EventPattern, context: Context): Bound | undefined {
    const name = pattern.verb.name;
    if (pattern.times) {
      this.report(d.quantifierWithoutEvent, `\`${pattern.times.raw} times\` counts events, but \`${name}\` is a date field`, pattern.times.range, {
        help: `test the date with \`${name} within N days\``,
      });
      return undefined;
    }
    if (!pattern.within) {
      this.report(d.fieldAsCondition, `\`${name}\` is a value, not a condition: write a test such as \`${name} within 30 days\` or \`${name} is present\``, pattern.verb.range);
      return undefined;
    }
    const subject = this.resolve(pattern.verb, context);
    if (!subject || !this.positive(pattern.within, 'a time window')) return undefined;
    return { kind: 'date-within', value: subject.ref, days: pattern.within.value, range: pattern.range };
  }

  private checkDateAgo(condition: ast.DateAgo, context: Context): Bound | undefined {
    const subject = this.dateSubject(condition.subject, 'more than … days ago', condition.range, context);
    const days = this.positive(condition.days, 'the number of days');
    if (!subject || !days) return undefined;
    return { kind: 'date-ago', value: subject.ref, days: condition.days.value, range: condition.range };
  }

  /**
   * `before "2026-01-01"` and `after "2026-01-01"`: a date alone stands for the whole day (UTC), so
   * `before` is before its midnight and `after` from the next midnight on; a time is a moment, and
   * both bounds exclude it.
   */
  private checkDateCompare(condition: ast.DateCompare, context: Context): Bound | undefined {
    const subject = this.dateSubject(condition.subject, condition.operator, condition.range, context);
    const text = condition.value.value.trim();
    const millis = parseIsoTime(text);
    if (Number.isNaN(millis)) {
      const message = outOfTimeRange(text) ? outsideTimeRange : 'is not an ISO-8601 date or time';
      this.report(d.badDate, `${JSON.stringify(condition.value.value)} ${message}`, condition.value.range, {
        help: 'write a date such as "2026-01-01" or a time such as "2026-01-01T12:00:00Z" (a time without an offset is UTC)',
      });
      return undefined;
    }
    if (!subject) return undefined;
    const wholeDay = /^\d{4}-\d{2}-\d{2}$/.test(text);
    const [operator, time]: [DateOperator, number] = condition.operator === 'before' ? ['<', millis] : wholeDay ? ['>=', millis + millisPerDay] : ['>', millis];
    // `after "9999-12-31"` starts at 10000-01-01, a time the rule graph cannot hold: no date leadscore reads is after it.
    if (!inTimeRange(time)) {
      this.report(d.badDate, `no date is after ${JSON.stringify(condition.value.value)}: dates are read in ${timeRange}`, condition.value.range);
      return undefined;
    }
    return { kind: 'date-compare', value: subject.ref, operator, time: new Date(time).toISOString(), range: condition.range };
  }

  private checkEventPattern(pattern: ast.EventPattern): Bound | undefined {
    const field = this.symbols.fields.get(pattern.verb.name);
    const isEvent = this.symbols.events.has(pattern.verb.name.toLowerCase()) || isAnyActivity(pattern);
    if (field && pattern.within && !pattern.object && !pattern.glob && !isEvent) {
      this.report(d.operatorType, `\`within N days\` tests a date, but the field \`${pattern.verb.name}\` is ${typeWords[field.type]}`, pattern.range, {
        help: `declare the field as \`date\` (\`field ${pattern.verb.name}: date\`) if it holds dates`,
      });
      return undefined;
    }
    const anyEvent = isAnyActivity(pattern);
    const match = anyEvent ? undefined : this.eventMatch(pattern);
    let ok = anyEvent || match !== undefined;
    let atLeast = 1;
    if (pattern.times) {
      if (!Number.isInteger(pattern.times.value) || pattern.times.value < 1) {
        this.report(d.badNumber, '`K times` needs a whole number of at least 1', pattern.times.range);
        ok = false;
      } else atLeast = pattern.times.value;
    }
    if (pattern.within && !this.positive(pattern.within, 'a time window')) ok = false;
    if (!ok) return undefined;
    return { kind: 'event', ...(match && { match }), atLeast, ...(pattern.within && { withinDays: pattern.within.value }), range: pattern.range };
  }

  private checkNoActivity(condition: ast.NoActivity): Bound | undefined {
    const days = this.positive(condition.days, 'the number of days');
    if (isAnyActivity(condition.event)) return days ? { kind: 'no-event', withinDays: condition.days.value, range: condition.range } : undefined;
    const match = this.eventMatch(condition.event);
    if (!match || !days) return undefined;
    return { kind: 'no-event', match, withinDays: condition.days.value, range: condition.range };
  }

  /** Checks `VERB [OBJECT] ["glob"]` against the event vocabulary. */
  private eventMatch(pattern: ast.EventPattern): EventMatch | undefined {
    const verb = pattern.verb.name.toLowerCase();
    const objects = this.symbols.events.get(verb);
    if (!objects) {
      if (!this.brokenDeclarations.has(`event:${verb}`)) this.reportUnknownEvent(pattern);
      return undefined;
    }
    const match: EventMatch = { verb };
    if (pattern.object) {
      const object = pattern.object.name.toLowerCase();
      if (!objects.has(object)) {
        if (this.brokenDeclarations.has(`event:${verb}`)) return undefined;
        const suggestions = suggest(object, objects);
        const takes = objects.size === 0 ? `\`${verb}\` takes no object` : `\`${verb}\` takes ${oneOf([...objects].map((o) => `\`${o}\``))}`;
        this.report(d.unknownEventObject, `unknown event \`${verb} ${object}\`: ${takes}`, pattern.object.range, {
          suggestions,
          help: didYouMean(suggestions) ?? `declare it with \`event ${verb} ${object}\``,
        });
        return undefined;
      }
      match.object = object;
    }
    if (pattern.glob) match.glob = normalizeText(pattern.glob.value);
    return match;
  }

  private reportUnknownEvent(pattern: ast.EventPattern): void {
    const name = pattern.verb.name;
    const field = this.symbols.fields.get(name);
    const isValue = field || name === scoreName || this.symbols.sections.has(name) || (decisionNames as readonly string[]).includes(name);
    if (isValue && !pattern.object && !pattern.glob) {
      const fix = field?.type === 'boolean' ? `\`${name} is true\`` : `a test such as \`${name} is present\``;
      this.report(d.fieldAsCondition, `\`${name}\` is a value, not a condition: write ${fix}`, pattern.verb.range, {
        ...(field?.type === 'boolean' && { suggestions: [`${name} is true`] }),
      });
      return;
    }
    if (isValue) {
      this.report(d.fieldAsCondition, `\`${name}\` is a value, not an event: compare it with an operator such as \`=\`, \`in\` or \`contains\``, pattern.range);
      return;
    }
    const suggestions = suggest(name, this.symbols.events.keys());
    this.report(d.unknownEvent, `unknown event \`${name}\``, pattern.verb.range, {
      suggestions,
      help: didYouMean(suggestions) ?? `declare it with \`event ${name.toLowerCase()}${pattern.object ? ` ${pattern.object.name.toLowerCase()}` : ''}\``,
    });
  }

  private checkComparison(condition: ast.Comparison, context: Context): Bound | undefined {
    const subject = this.resolve(condition.subject, context);
    if (!subject) return undefined;
    const { operator, value } = condition;
    if (subject.type === 'boolean') {
      this.report(d.operatorType, `${subject.what} is true or false: test it with \`is true\` or \`is false\``, condition.range, {
        suggestions: [`${condition.subject.name} is ${operator === '!=' ? 'false' : 'true'}`],
      });
      return undefined;
    }
    if (subject.type === 'date') {
      const suggestion = operator === '<' || operator === '<=' ? 'before' : operator === '>' || operator === '>=' ? 'after' : undefined;
      this.report(d.operatorType, `\`${operator}\` does not compare dates: ${subject.what} is a date`, condition.range, {
        help: `test a date with ${dateTests}`,
        ...(suggestion && value.kind === 'String' && { suggestions: [`${condition.subject.name} ${suggestion} ${JSON.stringify(value.value)}`] }),
      });
      return undefined;
    }
    if (subject.type === 'text' && operator !== '=' && operator !== '!=') {
      this.report(d.operatorType, `\`${operator}\` compares numbers, but ${subject.what} is text`, condition.range, {
        help: 'text is tested with `=`, `!=`, `in`, `contains`, `starts with` or `ends with`',
      });
      return undefined;
    }
    if (subject.type === 'country' && operator !== '=' && operator !== '!=') {
      this.report(d.operatorType, `\`${operator}\` compares numbers, but ${subject.what} is a country`, condition.range, {
        help: 'a country is tested with `=`, `!=` or `in`',
      });
      return undefined;
    }
    if (value.kind === 'Identifier') {
      const other = this.resolve(value, context);
      if (!other) return undefined;
      if (other.type !== subject.type) {
        this.report(d.operandType, `${subject.what} is ${typeWords[subject.type]}, but ${other.what} is ${typeWords[other.type]}`, value.range);
        return undefined;
      }
      return { kind: 'compare-values', value: subject.ref, operator, other: other.ref, range: condition.range };
    }
    const expected = subject.type === 'number' ? 'Number' : 'String';
    if (value.kind !== expected) {
      this.report(
        d.operandType,
        `${subject.what} is ${typeWords[subject.type]}; compare it with ${subject.type === 'number' ? 'a number' : subject.type === 'country' ? 'a country name or code in double quotes' : 'a string in double quotes'}`,
        value.range,
        {
          ...(value.kind === 'Number' && { suggestions: [JSON.stringify(value.raw)] }),
        },
      );
      return undefined;
    }
    const operand = value.kind === 'String' ? normalizeText(value.value) : value.value;
    if (operand === '') {
      // Blank text counts as missing, and comparisons on missing values are false.
      const fix = `${condition.subject.name} is ${operator === '=' ? 'missing' : 'present'}`;
      this.report(
        d.emptyText,
        operator === '=' ? `blank text counts as missing, so \`= ""\` never matches: write \`${fix}\`` : `blank text counts as missing, so \`!= ""\` means \`${fix}\`: write that`,
        condition.range,
        { suggestions: [fix] },
      );
    }
    if (subject.decision && value.kind === 'String') this.checkDecisionValue(subject.decision, value, value.range);
    if (subject.type === 'country' && operand !== '') {
      const code = this.countryOf(value as ast.StringLiteral, value.range);
      return code === undefined ? undefined : { kind: 'compare', value: subject.ref, operator, operand: code, range: condition.range };
    }
    if (subject.type === 'text' && typeof operand === 'string') this.checkCountryAsText(condition.subject, [operand], condition.range);
    return { kind: 'compare', value: subject.ref, operator, operand, range: condition.range };
  }

  /** Text fields already told to be countries, so each is told once. */
  private readonly toldCountryFields = new Set<string>();

  /**
   * A declared text field named like a country (`hq_country`) compared with countries: `"DE"` would
   * miss the leads that say `Germany`. Warned once per field, where it is first compared.
   */
  private checkCountryAsText(name: ast.Identifier, values: readonly string[], range: Range): void {
    const field = this.symbols.fields.get(name.name);
    if (!field?.declaration || field.type !== 'text' || !/country/i.test(field.name) || this.toldCountryFields.has(field.name)) return;
    if (values.length === 0 || !values.every((value) => countryProblem(value).code !== undefined)) return;
    this.toldCountryFields.add(field.name);
    this.report(
      d.countryAsText,
      `\`${field.name}\` is text, so countries match only as written (\`Germany\` is not \`DE\`): declare it \`field ${field.name}: country\` to compare them however they are written`,
      range,
    );
  }

  /** Warns about a grade, stage or route name no row produces; the message quotes it as written. */
  private checkDecisionValue(decision: ast.DecisionKind, written: ast.StringLiteral, range: Range): void {
    const value = normalizeText(written.value);
    const labels = this.symbols.decisions.get(decision)!.map((row) => row.label.value);
    if (decision === 'stage') labels.push(blacklistedStage);
    if (labels.some((label) => normalizeText(label) === value)) return;
    const suggestions = suggest(value, labels);
    this.report(d.unknownDecisionValue, `no ${decision} row is named ${JSON.stringify(written.value)}, so this never matches`, range, {
      suggestions: suggestions.map((s) => JSON.stringify(s)),
      help: didYouMean(suggestions.map((s) => JSON.stringify(s))),
    });
  }

  private checkBetween(condition: ast.Between, context: Context): Bound | undefined {
    const subject = this.resolve(condition.subject, context);
    if (!subject) return undefined;
    if (subject.type !== 'number') {
      this.report(d.operatorType, `\`between\` compares numbers, but ${subject.what} is ${typeWords[subject.type]}`, condition.range, {
        ...(subject.type === 'date' && { help: 'for a time span, write `after "…" and before "…"`' }),
      });
      return undefined;
    }
    if (condition.low.value > condition.high.value) {
      this.report(d.emptyRange, `\`between ${condition.low.raw} and ${condition.high.raw}\` matches nothing: the lower bound comes first`, rangeOfBounds(condition), {
        suggestions: [`between ${condition.high.raw} and ${condition.low.raw}`],
      });
      return undefined;
    }
    return { kind: 'between', value: subject.ref, low: condition.low.value, high: condition.high.value, range: condition.range };
  }

  /** Resolves a list operand, named or written in place, and checks its entries' type. */
  private checkList(operand: ast.ListOperand): BoundList | undefined {
    if (operand.kind === 'ListLiteral') {
      const type = listItemType(operand, this.diagnostics);
      if (!type) {
        if (operand.items.length === 0) this.report(d.listType, 'this list is empty, so nothing is in it', operand.range);
        return undefined;
      }
      return { type, values: normalizeList(operand), ...writtenList(operand), range: operand.range };
    }
    const list = this.symbols.lists.get(operand.name);
    if (!list) {
      if (this.brokenDeclarations.has(`list:${operand.name}`)) return undefined;
      const suggestions = suggest(operand.name, this.symbols.lists.keys());
      this.report(d.unknownList, `unknown list \`${operand.name}\``, operand.range, {
        suggestions,
        help: didYouMean(suggestions) ?? `declare it with \`list ${operand.name} = ["…"]\``,
      });
      return undefined;
    }
    const type = list.type ?? (list.declaration.items.items.length === 0 ? 'text' : undefined);
    if (!type) return undefined;
    return { name: list.name, type, values: normalizeList(list.declaration.items), ...writtenList(list.declaration.items), range: list.declaration.range };
  }

  private checkInList(condition: ast.InList, context: Context): Bound | undefined {
    const subject = this.resolve(condition.subject, context);
    const list = this.checkList(condition.list);
    if (!subject || !list) return undefined;
    if (subject.type === 'boolean') {
      this.report(d.operatorType, `${subject.what} is true or false: test it with \`is true\` or \`is false\``, condition.range);
      return undefined;
    }
    if (subject.type === 'date') {
      this.report(d.operatorType, `\`in\` compares text or numbers, but ${subject.what} is a date`, condition.range, { help: `test a date with ${dateTests}` });
      return undefined;
    }
    if (subject.type !== (list.type === 'text' && subject.type === 'country' ? 'country' : list.type)) {
      this.report(
        d.listType,
        `${subject.what} is ${typeWords[subject.type]}, but ${describeList(condition.list)} holds ${list.type === 'number' ? 'numbers' : 'strings'}`,
        condition.list.range,
      );
      return undefined;
    }
    if (subject.type === 'country') {
      const countries = this.countryList(condition.list, list);
      return countries && { kind: 'in', value: subject.ref, list: countries, negated: condition.negated, range: condition.range };
    }
    if (subject.type === 'text' && list.type === 'text') this.checkCountryAsText(condition.subject, list.values as string[], condition.range);
    if (subject.decision) {
      // Entries written in place are pointed at one by one; a named list as a whole.
      const named = condition.list.kind === 'Identifier' ? this.symbols.lists.get(condition.list.name) : undefined;
      const items = condition.list.kind === 'ListLiteral' ? condition.list.items : (named?.declaration.items.items ?? []);
      for (const item of items) {
        if (item.kind === 'String') this.checkDecisionValue(subject.decision, item, named ? condition.list.range : item.range);
      }
    }
    return { kind: 'in', value: subject.ref, list, negated: condition.negated, range: condition.range };
  }

  /** A string compared with a country field, as its alpha-2 code; reported (with a suggestion) when it is no country or could be several. */
  private countryOf(written: ast.StringLiteral, range: Range): string | undefined {
    const problem = countryProblem(written.value);
    if (problem.code !== undefined) return problem.code;
    this.report(problem.ambiguous ? d.ambiguousCountry : d.unknownCountry, problem.message, range, {
      ...(problem.suggestions.length > 0 && { suggestions: problem.suggestions.map((suggestion) => JSON.stringify(suggestion)), replaces: range }),
      help: problem.help,
    });
    return undefined;
  }

  /**
   * A list used with a country field: its entries as alpha-2 codes, each once. An entry that is no
   * country is reported where it is written: in place, or in the list's declaration (once, however often the list is used).
   */
  private countryList(operand: ast.ListOperand, list: BoundList): BoundList | undefined {
    const items = operand.kind === 'ListLiteral' ? operand.items : (this.symbols.lists.get(operand.name)?.declaration.items.items ?? []);
    const codes: string[] = [];
    // A reason names the entry as written (`"Germany"`), one per code: the first that gave it.
    const written: string[] = [];
    let ok = true;
    for (const item of items) {
      if (item.kind !== 'String') continue;
      const where = `${item.range.file ?? ''}:${item.range.start.offset}:${item.value}`;
      if (operand.kind === 'Identifier' && this.reportedCountries.has(where)) {
        ok = false;
        continue;
      }
      const code = this.countryOf(item, item.range);
      if (code === undefined) {
        this.reportedCountries.add(where);
        ok = false;
      } else if (!codes.includes(code)) {
        codes.push(code);
        written.push(item.value.trim());
      }
    }
    const { written: _text, ...rest } = list;
    return ok ? { ...rest, type: 'country', values: codes, ...(written.some((entry, index) => entry !== codes[index]) && { written }) } : undefined;
  }

  private checkTextMatch(condition: ast.TextMatch, context: Context): Bound | undefined {
    const subject = this.resolve(condition.subject, context);
    const list: BoundList | undefined =
      condition.value.kind === 'String' ? { type: 'text', values: [normalizeText(condition.value.value)], range: condition.value.range } : this.checkList(condition.value);
    if (!subject || !list) return undefined;
    if (subject.type === 'country') {
      // Looking inside what a lead wrote would undo the reading of countries: `starts with "United"` misses `USA` and `UK`.
      this.report(d.operatorType, `\`${condition.operator}\` looks inside text, but ${subject.what} is a country, compared by which country it is`, condition.range, {
        help: `list the countries instead, e.g. \`${condition.subject.name} in ["US", "GB"]\`, or declare a \`text\` field to look inside what is written`,
      });
      return undefined;
    }
    if (subject.type !== 'text') {
      this.report(d.operatorType, `\`${condition.operator}\` looks inside text, but ${subject.what} is ${typeWords[subject.type]}`, condition.range, {
        ...(subject.type === 'number' && { help: 'compare numbers with `=`, `>`, `<` or `between`' }),
      });
      return undefined;
    }
    if (list.type !== 'text') {
      this.report(d.listType, `\`${condition.operator} any\` needs a list of strings`, condition.value.range);
      return undefined;
    }
    const match = condition.operator === 'contains' ? 'contains' : condition.operator === 'starts with' ? 'starts-with' : 'ends-with';
    return { kind: 'text', value: subject.ref, match, word: condition.word, list, range: condition.range };
  }

  private checkIs(condition: ast.Is, context: Context): Bound | undefined {
    const subject = this.resolve(condition.subject, context);
    if (!subject) return undefined;
    if ((condition.test === 'true' || condition.test === 'false') && subject.type !== 'boolean') {
      this.report(d.operatorType, `\`is ${condition.test}\` tests a true/false field, but ${subject.what} is ${typeWords[subject.type]}`, condition.range, {
        help: 'declare the field as `boolean`, or compare it with `=`',
      });
      return undefined;
    }
    if (subject.total) {
      this.report(d.operatorType, `${subject.what} always has a value, so \`is ${condition.test}\` is always ${condition.test === 'missing' ? 'false' : 'true'}`, condition.range);
      return undefined;
    }
    return { kind: 'is', value: subject.ref, test: condition.test, range: condition.range };
  }
}

/** `activity` alone stands for any event, as in `activity within 7 days`. */
function isAnyActivity(pattern: ast.EventPattern): boolean {
  return pattern.verb.name.toLowerCase() === anyActivity && !pattern.object && !pattern.glob;
}

function unwrapGroups(condition: ast.Condition): ast.Condition {
  let current = condition;
  while (current.kind === 'Group') current = current.condition;
  return current;
}

function normalizeList(list: ast.ListLiteral): Array<string | number> {
  return list.items.map((item) => (item.kind === 'String' ? normalizeText(item.value) : item.value));
}

/** A text list's entries as written, when any differs from its normalised value (`"VP"`, not `"vp"`). */
function writtenList(list: ast.ListLiteral): { written?: string[] } {
  const written = list.items.map((item) => (item.kind === 'String' ? item.value.trim() : item.raw));
  return list.items.some((item) => item.kind === 'String' && item.value.trim() !== normalizeText(item.value)) ? { written } : {};
}

function describeList(operand: ast.ListOperand): string {
  return operand.kind === 'Identifier' ? `the list \`${operand.name}\`` : 'the list';
}

function rangeOfBounds(condition: ast.Between): Range {
  return { start: condition.low.range.start, end: condition.high.range.end };
}

/** The first place, in source order, where a condition names the decision `name`. */
function mention(condition: ast.Condition, name: string): ast.Identifier | undefined {
  const stack: ast.Condition[] = [condition];
  while (stack.length > 0) {
    const current = stack.pop()!;
    switch (current.kind) {
      case 'Group':
      case 'Quantified':
        stack.push(current.condition);
        break;
      case 'Not':
        stack.push(current.operand);
        break;
      case 'And':
      case 'Or':
        for (let i = current.operands.length - 1; i >= 0; i--) stack.push(current.operands[i]!);
        break;
      case 'Comparison':
        if (current.subject.name === name) return current.subject;
        if (current.value.kind === 'Identifier' && current.value.name === name) return current.value;
        break;
      case 'Between':
      case 'InList':
      case 'TextMatch':
      case 'Is':
      case 'DateCompare':
      case 'DateAgo':
        if (current.subject.name === name) return current.subject;
        break;
      default:
        break;
    }
  }
  return undefined;
}
