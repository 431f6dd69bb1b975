import { EmbeddedActionsParser, EOF, type IParserErrorMessageProvider, type IToken } from 'chevrotain';
import { numberValue, unquote } from '../cst-to-ast.js';
import { tokenRange } from '../lexer.js';
import { rangeOf, type Range } from '../source.js';
import * as p from '../tokens.js';
import type { EventEntry, EventTime, Expectation, FieldValue, NumberTest, PolicyReference, TimeLiteral, Value } from './ast.js';
import * as t from './tokens.js';
import { describeToken, describeType, oneOf } from '../words.js';

/** A test-file line that opens a block or sets something, as parsed. */
export type HeaderLine = { kind: 'test'; name: string; range: Range } | { kind: 'lead'; range: Range } | { kind: 'events'; range: Range };

function range(first: IToken, last: IToken): Range {
  return rangeOf(tokenRange(first), tokenRange(last));
}

/**
 * The grammar of one line of a test file. The parser (parser.ts) knows from the
 * indentation which block a line is in and from its first word which rule to run,
 * so each rule is small and its error names exactly what is missing.
 */
class TestGrammar extends EmbeddedActionsParser {
  constructor() {
    super(t.testTokens, { maxLookahead: 3, recoveryEnabled: false, errorMessageProvider: messages });
    this.performSelfAnalysis();
  }

  policyLine = this.RULE('policyLine', (): PolicyReference => {
    const keyword = this.CONSUME(p.Policy);
    const path = this.CONSUME(p.StringLiteral);
    return this.ACTION(() => ({ path: unquote(path.image), range: range(keyword, path) }));
  });

  nowLine = this.RULE('nowLine', (): TimeLiteral => {
    this.CONSUME(t.Now);
    const time = this.CONSUME(t.Timestamp);
    return this.ACTION(() => ({ text: time.image, range: tokenRange(time) }));
  });

  testHeader = this.RULE('testHeader', (): HeaderLine => {
    const keyword = this.CONSUME(t.Test);
    const name = this.CONSUME(p.StringLiteral);
    return this.ACTION(() => ({ kind: 'test' as const, name: unquote(name.image), range: range(keyword, name) }));
  });

  leadHeader = this.RULE('leadHeader', (): HeaderLine => {
    const keyword = this.CONSUME(t.Lead);
    return this.ACTION(() => ({ kind: 'lead' as const, range: tokenRange(keyword) }));
  });

  eventsHeader = this.RULE('eventsHeader', (): HeaderLine => {
    const keyword = this.CONSUME(t.Events);
    return this.ACTION(() => ({ kind: 'events' as const, range: tokenRange(keyword) }));
  });

  fieldLine = this.RULE('fieldLine', (): FieldValue => {
    const name = this.CONSUME(p.Name);
    const { value, token } = this.SUBRULE(this.value);
    return this.ACTION(() => ({
      name: name.image,
      nameRange: tokenRange(name),
      value,
      valueRange: tokenRange(token),
      range: range(name, token),
    }));
  });

  value = this.RULE('value', (): { value: Value; token: IToken } => {
    return this.OR([
      { ALT: () => this.literal(this.CONSUME(p.StringLiteral), (image) => ({ kind: 'text', value: unquote(image) })) },
      { ALT: () => this.literal(this.CONSUME(p.NumberLiteral), (image) => ({ kind: 'number', value: numberValue(image) })) },
      { ALT: () => this.literal(this.CONSUME(p.True), () => ({ kind: 'boolean', value: true })) },
      { ALT: () => this.literal(this.CONSUME(p.False), () => ({ kind: 'boolean', value: false })) },
    ]);
  });

  private literal(token: IToken, convert: (image: string) => Value): { value: Value; token: IToken } {
    return this.ACTION(() => ({ value: convert(token.image), token }));
  }

  eventLine = this.RULE('eventLine', (): EventEntry => {
    const verb = this.CONSUME(p.Name);
    const object = this.OPTION(() => this.CONSUME2(p.Name));
    const name = this.OPTION2(() => this.CONSUME(p.StringLiteral));
    const count = this.OPTION3(() => {
      const number = this.CONSUME(p.NumberLiteral);
      this.CONSUME(p.Times);
      return number;
    });
    const time = this.SUBRULE(this.eventTime);
    return this.ACTION(() => {
      const entry: EventEntry = {
        verb: verb.image,
        count: count ? numberValue(count.image) : 1,
        time,
        range: rangeOf(tokenRange(verb), time.range),
      };
      if (object) entry.object = object.image;
      if (name) entry.name = unquote(name.image);
      if (count) entry.countRange = tokenRange(count);
      return entry;
    });
  });

  eventTime = this.RULE('eventTime', (): EventTime => {
    return this.OR([
      {
        ALT: () => {
          const amount = this.CONSUME(p.NumberLiteral);
          const unit = this.OR2([
            { ALT: () => ({ token: this.CONSUME(p.Days), unit: 'days' as const }) },
            { ALT: () => ({ token: this.CONSUME(t.Hours), unit: 'hours' as const }) },
            { ALT: () => ({ token: this.CONSUME(t.Minutes), unit: 'minutes' as const }) },
            { ALT: () => ({ token: this.CONSUME(t.Weeks), unit: 'weeks' as const }) },
          ]);
          const ago = this.CONSUME(t.Ago);
          return this.ACTION(() => ({ kind: 'ago' as const, amount: numberValue(amount.image), unit: unit.unit, range: range(amount, ago) }));
        },
      },
      {
        ALT: () => {
          const at = this.CONSUME(p.At);
          const time = this.CONSUME(t.Timestamp);
          return this.ACTION(() => ({ kind: 'at' as const, time: { text: time.image, range: tokenRange(time) }, range: range(at, time) }));
        },
      },
    ]);
  });

  valueExpectation = this.RULE('valueExpectation', (): Expectation => {
    const expect = this.CONSUME(t.Expect);
    const target = this.CONSUME(p.Name);
    const test = this.SUBRULE(this.numberTest);
    return this.ACTION(() => ({
      kind: 'value' as const,
      target: target.tokenType === t.Score ? { kind: 'score' as const } : { kind: 'section' as const, name: target.image, range: tokenRange(target) },
      test: test.test,
      range: range(expect, test.last),
    }));
  });

  numberTest = this.RULE('numberTest', (): { test: NumberTest; last: IToken } => {
    return this.OR([
      {
        ALT: () => {
          const value = this.CONSUME(p.NumberLiteral);
          return this.ACTION(() => ({ test: { op: '=' as const, value: numberValue(value.image) }, last: value }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(p.Between);
          const low = this.CONSUME2(p.NumberLiteral);
          this.CONSUME(p.And);
          const high = this.CONSUME3(p.NumberLiteral);
          return this.ACTION(() => ({ test: { op: 'between' as const, low: numberValue(low.image), high: numberValue(high.image) }, last: high }));
        },
      },
      {
        ALT: () => {
          const operator = this.OR2([
            { ALT: () => this.CONSUME(p.GreaterEqual) },
            { ALT: () => this.CONSUME(p.LessEqual) },
            { ALT: () => this.CONSUME(p.Greater) },
            { ALT: () => this.CONSUME(p.Less) },
          ]);
          const value = this.CONSUME4(p.NumberLiteral);
          return this.ACTION(() => ({
            test: { op: operator.image as '>' | '>=' | '<' | '<=', value: numberValue(value.image) },
            last: value,
          }));
        },
      },
    ]);
  });

  decisionExpectation = this.RULE('decisionExpectation', (): Expectation => {
    const expect = this.CONSUME(t.Expect);
    const decision = this.OR([{ ALT: () => this.CONSUME(p.Grade) }, { ALT: () => this.CONSUME(p.Stage) }, { ALT: () => this.CONSUME(p.Route) }]);
    const label = this.OR2([{ ALT: () => this.CONSUME(p.StringLiteral) }, { ALT: () => this.CONSUME(t.None) }]);
    return this.ACTION(() => ({
      kind: 'decision' as const,
      decision: decision.image as 'grade' | 'stage' | 'route',
      label: label.tokenType === t.None ? null : unquote(label.image),
      range: range(expect, label),
    }));
  });

  blacklistedExpectation = this.RULE('blacklistedExpectation', (): Expectation => {
    const expect = this.CONSUME(t.Expect);
    const not = this.OPTION(() => this.CONSUME(p.Not));
    const last = this.CONSUME(t.Blacklisted);
    return this.ACTION(() => ({ kind: 'blacklisted' as const, blacklisted: !not, range: range(expect, last) }));
  });

  ruleExpectation = this.RULE('ruleExpectation', (): Expectation => {
    const expect = this.CONSUME(t.Expect);
    this.CONSUME(t.Rule);
    const where = this.OR2([
      {
        ALT: () => {
          this.CONSUME(p.At);
          this.CONSUME(t.Line);
          const line = this.CONSUME(p.NumberLiteral);
          const pin = this.OPTION(() => this.CONSUME(p.StringLiteral));
          return { line, pin };
        },
      },
      { ALT: () => ({ line: undefined, pin: this.CONSUME2(p.StringLiteral) }) },
    ]);
    const outcome = this.SUBRULE(this.ruleOutcome);
    return this.ACTION(() => ({
      kind: 'rule' as const,
      ...(where.line && { line: numberValue(where.line.image), lineRange: tokenRange(where.line) }),
      ...(where.pin && { pin: { text: unquote(where.pin.image), range: tokenRange(where.pin) } }),
      fired: outcome.fired,
      range: range(expect, outcome.last),
    }));
  });

  ruleOutcome = this.RULE('ruleOutcome', (): { fired: boolean; last: IToken } =>
    this.OR([
      { ALT: () => ({ fired: true, last: this.CONSUME(t.Fired) }) },
      {
        ALT: () => {
          this.CONSUME(t.Did);
          this.CONSUME(p.Not);
          return { fired: false, last: this.CONSUME(t.Fire) };
        },
      },
    ]),
  );
}

/** What each rule with alternatives expects, in words. */
const ruleExpectations: Record<string, string> = {
  value: 'a value: a string in double quotes, a number, `true` or `false`',
  eventTime: 'when it happened: `N days ago` (or hours, minutes, weeks) or `at` and a time',
  numberTest: 'a number, `between N and M`, or a comparison such as `>= 40`',
  ruleExpectation: "`at line N` or the rule's name in double quotes",
  ruleOutcome: '`fired` or `did not fire`',
};

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${describeType(expected)}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}: the line is already complete`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const found = describeToken(actual[0] ?? ({ tokenType: EOF } as IToken));
    const expectation = ruleExpectations[ruleName] ?? oneOf(expectedPathsPerAlt.flat().map((path) => (path[0] ? describeType(path[0]) : 'the end of the line')));
    return `expected ${expectation}, found ${found}`;
  },
  buildEarlyExitMessage({ actual }) {
    return `unexpected ${describeToken(actual[0] ?? ({ tokenType: EOF } as IToken))}`;
  },
};

let grammar: TestGrammar | undefined;

/** The one grammar instance, built on first use. */
export function testGrammar(): TestGrammar {
  grammar ??= new TestGrammar();
  return grammar;
}

export type { TestGrammar };
