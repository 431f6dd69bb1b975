import type * as ast from '../language/index.js';
import { diagnostic, oneOf, type Diagnostic, type Range } from '../language/index.js';
import type { ComparisonOperator, EventMatch, ValueRef } from '../runtime/rule-graph.js';
import { normalizeText } from '../runtime/support.js';
import { listItemType, type Symbols } from './binder.js';
import { semanticDiagnostics as d } from './diagnostics.js';
import { didYouMean, suggest } from './suggest.js';
import { anyActivity, blacklistedStage, decisionNames, scoreName, type FieldType } from './vocabulary.js';

/** A list after checking: its entries normalised, named or written in place. */
export interface BoundList {
  name?: string;
  type: 'text' | 'number';
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
    const eventRule = unwrapGroups(rule.condition).kind === 'EventPattern';
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
        const words = [times && `${times.raw} ${times.value === 1 ? 'time' : 'times'}`, within && `within ${within.raw} ${within.value === 1 ? 'day' : 'days'}`].filter(Boolean);
        const range = condition.quantifier ?? (times ?? within)!.range;
        this.report(d.quantifierWithoutEvent, `\`${words.join(' ')}\` counts events, but it follows a condition that is not an event pattern`, range, {
          help: 'write it right after an event, e.g. `visit page 3 times within 14 days`',
        });
        this.checkCondition(condition.condition, context);
        return undefined;
      }
      case 'EventPattern':
        return this.checkEventPattern(condition);
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

  private checkEventPattern(pattern: ast.EventPattern): Bound | undefined {
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
    if (subject.type === 'text' && operator !== '=' && operator !== '!=') {
      this.report(d.operatorType, `\`${operator}\` compares numbers, but ${subject.what} is text`, condition.range, {
        help: 'text is tested with `=`, `!=`, `in`, `contains`, `starts with` or `ends with`',
      });
      return undefined;
    }
    if (value.kind === 'Identifier') {
      const other = this.resolve(value, context);
      if (!other) return undefined;
      if (other.type !== subject.type) {
        this.report(
          d.operandType,
          `${subject.what} is ${subject.type === 'number' ? 'a number' : 'text'}, but ${other.what} is ${other.type === 'number' ? 'a number' : other.type === 'text' ? 'text' : 'true or false'}`,
          value.range,
        );
        return undefined;
      }
      return { kind: 'compare-values', value: subject.ref, operator, other: other.ref, range: condition.range };
    }
    const expected = subject.type === 'number' ? 'Number' : 'String';
    if (value.kind !== expected) {
      this.report(
        d.operandType,
        `${subject.what} is ${subject.type === 'number' ? 'a number' : 'text'}; compare it with ${subject.type === 'number' ? 'a number' : 'a string in double quotes'}`,
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
    return { kind: 'compare', value: subject.ref, operator, operand, range: condition.range };
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
      this.report(d.operatorType, `\`between\` compares numbers, but ${subject.what} is ${subject.type === 'text' ? 'text' : 'true or false'}`, condition.range);
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
    if (subject.type !== list.type) {
      this.report(
        d.listType,
        `${subject.what} is ${subject.type === 'number' ? 'a number' : 'text'}, but ${describeList(condition.list)} holds ${list.type === 'number' ? 'numbers' : 'strings'}`,
        condition.list.range,
      );
      return undefined;
    }
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

  private checkTextMatch(condition: ast.TextMatch, context: Context): Bound | undefined {
    const subject = this.resolve(condition.subject, context);
    const list: BoundList | undefined =
      condition.value.kind === 'String' ? { type: 'text', values: [normalizeText(condition.value.value)], range: condition.value.range } : this.checkList(condition.value);
    if (!subject || !list) return undefined;
    if (subject.type !== 'text') {
      this.report(
        d.operatorType,
        `\`${condition.operator}\` looks inside text, but ${subject.what} is ${subject.type === 'number' ? 'a number' : 'true or false'}`,
        condition.range,
        {
          ...(subject.type === 'number' && { help: 'compare numbers with `=`, `>`, `<` or `between`' }),
        },
      );
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
      this.report(d.operatorType, `\`is ${condition.test}\` tests a true/false field, but ${subject.what} is ${subject.type === 'number' ? 'a number' : 'text'}`, condition.range, {
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
        if (current.subject.name === name) return current.subject;
        break;
      default:
        break;
    }
  }
  return undefined;
}
