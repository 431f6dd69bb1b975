import { Lexer, tokenMatcher, type ILexingError, type IRecognitionException, type IToken, type TokenType, EOF } from 'chevrotain';
import { diagnostic, sortDiagnostics, syntaxDiagnostics, type Diagnostic } from '../diagnostics.js';
import { tokenRange } from '../lexer.js';
import { LineIndex, rangeOf, type Range } from '../source.js';
import * as p from '../tokens.js';
import type { TestCase, TestFile } from './ast.js';
import { testSyntaxDiagnostics } from './diagnostics.js';
import { testGrammar, type TestGrammar } from './grammar.js';
import * as t from './tokens.js';

export interface TestParseResult {
  file: TestFile;
  diagnostics: Diagnostic[];
}

let lexer: Lexer | undefined;
function sharedLexer(): Lexer {
  lexer ??= new Lexer(t.testTokens, { positionTracking: 'full', ensureOptimizations: false });
  return lexer;
}

/** Blocks a line can be in, by indentation. */
type Block = 'file' | 'test' | 'lead' | 'events';

interface Line {
  tokens: IToken[];
  indent: number;
  range: Range;
}

/**
 * Parses a `.test.score` file. Never throws: every problem becomes a diagnostic
 * with a position, and the lines around a broken line are still read.
 */
export function parseTestFile(text: string): TestParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const lines = new LineIndex(source);
  const diagnostics: Diagnostic[] = [];
  const tokens = lexTokens(source, lines, diagnostics);
  const brokenLines = new Set(diagnostics.map((d) => d.range.start.line));
  const file: TestFile = { tests: [] };

  const stack: Array<{ block: Block; indent: number }> = [];
  let test: TestCase | undefined;
  // Tests with an `expect` line, even a broken one: "expects nothing" would only repeat that.
  const triedToExpect = new Set<TestCase>();
  for (const line of splitLines(tokens, lines, source !== text)) {
    while (stack.length > 0 && line.indent <= stack[stack.length - 1]!.indent) stack.pop();
    const block = stack[stack.length - 1]?.block ?? 'file';
    if (block === 'file') test = undefined;
    const first = line.tokens[0]!;
    const misplaced = (message: string, help?: string) => diagnostics.push(diagnostic(testSyntaxDiagnostics.misplacedLine, message, line.range, help ? { help } : {}));
    const run = <T>(rule: (grammar: TestGrammar) => T): T | undefined => parseLine(line, rule, diagnostics, brokenLines);

    if (block === 'file') {
      if (line.indent > 0) {
        misplaced('this line is indented, but there is no `test` above it', 'start tests with `test "what it checks"` at the start of a line');
        continue;
      }
      if (first.tokenType === t.Test) {
        const header = run((g) => g.testHeader());
        // The lines of a test whose header is broken are still read (and reported), but it never runs.
        test = { name: header?.kind === 'test' ? header.name : '', range: header?.range ?? line.range, fields: [], events: [], expectations: [] };
        if (header) file.tests.push(test);
        stack.push({ block: 'test', indent: line.indent });
      } else if (first.tokenType === p.Policy) {
        const policy = run((g) => g.policyLine());
        if (policy && file.policy) duplicate(diagnostics, 'the file already names its policy', policy.range);
        else if (policy) file.policy = policy;
      } else if (first.tokenType === t.Now) {
        const now = run((g) => g.nowLine());
        if (now && file.now) duplicate(diagnostics, 'the file already sets `now`', line.range);
        else if (now) file.now = now;
      } else if (belongsInTest.has(first.tokenType)) {
        misplaced(`\`${first.image}\` belongs in a test: indent it under a \`test "…"\` line`);
      } else {
        syntaxError(diagnostics, line, 'expected `test`, `policy` or `now` at the start of the line', first);
      }
    } else if (block === 'test') {
      const current = test!;
      if (first.tokenType === t.Expect) {
        triedToExpect.add(current);
        const rule = expectationRule(line);
        const expectation = run(rule);
        if (expectation) current.expectations.push(expectation);
      } else if (first.tokenType === t.Lead) {
        const header = run((g) => g.leadHeader());
        if (!header) continue;
        if (current.lead) duplicate(diagnostics, 'this test already has a lead', header.range);
        else current.lead = header.range;
        stack.push({ block: 'lead', indent: line.indent });
      } else if (first.tokenType === p.Policy) {
        const policy = run((g) => g.policyLine());
        if (policy && current.policy) duplicate(diagnostics, 'this test already names its policy', policy.range);
        else if (policy) current.policy = policy;
      } else if (first.tokenType === t.Now) {
        const now = run((g) => g.nowLine());
        if (now && current.now) duplicate(diagnostics, 'this test already sets `now`', line.range);
        else if (now) current.now = now;
      } else if (first.tokenType === t.Test) {
        misplaced('a `test` starts at the beginning of a line, not inside another test');
      } else if (first.tokenType === t.Events) {
        misplaced("`events` belongs under `lead`: indent it one step further, below the lead's fields");
      } else {
        syntaxError(diagnostics, line, 'expected `lead`, `expect`, `policy` or `now`', first, "write the lead's fields indented under a `lead` line");
      }
    } else if (block === 'lead') {
      const current = test!;
      if (first.tokenType === t.Events && line.tokens.length === 1) {
        if (run((g) => g.eventsHeader())) stack.push({ block: 'events', indent: line.indent });
      } else if ((first.tokenType === t.Expect && !reads(line, (g) => g.fieldLine())) || (first.tokenType === t.Lead && line.tokens.length === 1)) {
        // (`test "…"` and `expect 3` here are fields called `test` and `expect`: the indentation says so.)
        if (first.tokenType === t.Expect) triedToExpect.add(current);
        misplaced(
          `\`${first.image}\` does not belong under \`lead\`: un-indent it`,
          `the lead's fields and its \`events\` are indented under \`lead\`; \`expect\` lines line up with \`lead\``,
        );
      } else {
        const field = run((g) => g.fieldLine());
        if (!field) continue;
        if (current.fields.some((other) => other.name === field.name)) duplicate(diagnostics, `the lead already has a \`${field.name}\``, field.nameRange);
        else current.fields.push(field);
      }
    } else {
      // (`expect email 2 days ago` here is an event whose verb is `expect`.)
      if ((first.tokenType === t.Expect && !reads(line, (g) => g.eventLine())) || (first.tokenType === t.Lead && line.tokens.length === 1)) {
        if (first.tokenType === t.Expect) triedToExpect.add(test!);
        misplaced(`\`${first.image}\` does not belong under \`events\`: un-indent it`);
        continue;
      }
      const event = run((g) => g.eventLine());
      if (!event) continue;
      if (!Number.isInteger(event.count) || event.count < 1) {
        diagnostics.push(diagnostic(testSyntaxDiagnostics.badCount, 'an event happens a whole number of times, at least once', event.countRange ?? event.range));
      } else if (event.time.kind === 'ago' && event.time.amount < 0) {
        diagnostics.push(
          diagnostic(testSyntaxDiagnostics.badCount, 'an age cannot be negative', event.time.range, { help: 'for an event in the future, write `at` and its time' }),
        );
      } else test!.events.push(event);
    }
  }

  for (const test of file.tests) {
    for (const expectation of test.expectations) {
      if (expectation.kind !== 'rule' || expectation.line === undefined) continue;
      if (!Number.isInteger(expectation.line) || expectation.line < 1) {
        diagnostics.push(diagnostic(testSyntaxDiagnostics.badCount, 'a line number is a whole number of at least 1', expectation.lineRange!));
      } else if (!expectation.pin) {
        diagnostics.push(
          diagnostic(
            testSyntaxDiagnostics.bareLineRule,
            `\`expect rule at line ${expectation.line}\` does not say which rule it means: a line added or removed above it would silently make it expect another rule`,
            expectation.lineRange!,
            {
              help: `pin it with the rule's name or text: \`expect rule at line ${expectation.line} "NAME OR CONDITION" …\`, or name the rule (\`as "…"\`) and write \`expect rule "NAME" …\``,
            },
          ),
        );
      }
    }
    if (!test.lead) {
      diagnostics.push(diagnostic(testSyntaxDiagnostics.emptyTest, `test "${test.name}" has no \`lead\``, test.range, { help: 'describe the lead under a `lead` line' }));
    } else if (test.expectations.length === 0 && !triedToExpect.has(test)) {
      diagnostics.push(diagnostic(testSyntaxDiagnostics.emptyTest, `test "${test.name}" expects nothing`, test.range, { help: 'add a line such as `expect stage "SQL"`' }));
    }
  }
  return { file, diagnostics: sortDiagnostics(diagnostics) };
}

/** Words that start a line inside a test; found at the top of the file, the line is misplaced. */
const belongsInTest = new Set<TokenType>([t.Expect, t.Lead, t.Events]);

/**
 * The rule for `expect …`, chosen by the word after `expect`. A section may be called
 * `blacklisted` or `rule`: `expect rule >= 3` tests that section, `expect rule at line 3 fired`
 * a rule.
 */
function expectationRule(line: Line): (grammar: TestGrammar) => ReturnType<TestGrammar['valueExpectation']> {
  const type = line.tokens[1]?.tokenType;
  if (type === p.Grade || type === p.Stage || type === p.Route) return (g) => g.decisionExpectation();
  if ((type === t.Blacklisted || type === t.Rule) && reads(line, (g) => g.valueExpectation())) return (g) => g.valueExpectation();
  if (type === p.Not || type === t.Blacklisted) return (g) => g.blacklistedExpectation();
  if (type === t.Rule) return (g) => g.ruleExpectation();
  return (g) => g.valueExpectation();
}

/** Whether the line reads without error as `rule`, which then decides what the line is. */
function reads(line: Line, rule: (grammar: TestGrammar) => unknown): boolean {
  const grammar = testGrammar();
  grammar.input = line.tokens;
  try {
    rule(grammar);
  } catch {
    return false;
  }
  return grammar.errors.length === 0;
}

function duplicate(diagnostics: Diagnostic[], message: string, range: Range): void {
  diagnostics.push(diagnostic(testSyntaxDiagnostics.duplicateSetting, message, range));
}

function syntaxError(diagnostics: Diagnostic[], line: Line, message: string, token: IToken, help?: string): void {
  diagnostics.push(diagnostic(testSyntaxDiagnostics.unexpectedToken, `${message}, found \`${token.image}\``, tokenRange(token), help ? { help } : {}));
}

function parseLine<T>(line: Line, rule: (grammar: TestGrammar) => T, diagnostics: Diagnostic[], brokenLines: Set<number>): T | undefined {
  const grammar = testGrammar();
  grammar.input = line.tokens;
  let result: T;
  try {
    result = rule(grammar);
  } catch {
    diagnostics.push(diagnostic(testSyntaxDiagnostics.unexpectedToken, 'this line cannot be read', line.range));
    return undefined;
  }
  const error: IRecognitionException | undefined = grammar.errors[0];
  if (!error) return result;
  // A line that lost a character to the lexer is reported once, by the lexer.
  if (!brokenLines.has(line.range.start.line)) {
    const token = error.token;
    const range = token.tokenType !== EOF && !Number.isNaN(token.startOffset) ? tokenRange(token) : { start: line.range.end, end: line.range.end };
    // A bare word where text belongs (`title CTO`, `expect stage SQL`) only lacks its quotes.
    const quoted = tokenMatcher(token, p.Name) && error.message.includes('string') ? JSON.stringify(token.image) : undefined;
    diagnostics.push(
      diagnostic(testSyntaxDiagnostics.unexpectedToken, error.message, range, quoted ? { suggestions: [quoted], help: `text goes in double quotes: ${quoted}` } : {}),
    );
  }
  return undefined;
}

/** The lines that hold tokens; a byte-order mark (read as a space) is no indentation. */
function splitLines(tokens: IToken[], lines: LineIndex, bom: boolean): Line[] {
  const result: Line[] = [];
  let current: IToken[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const first = current[0]!;
    const lineStart = first.startOffset - (first.startColumn! - 1);
    const leading = lines.text.slice(lineStart === 0 && bom ? 1 : lineStart, first.startOffset);
    result.push({
      tokens: current,
      indent: leading.replace(/\t/g, '    ').length,
      range: rangeOf(tokenRange(first), tokenRange(current[current.length - 1]!)),
    });
    current = [];
  };
  for (const token of tokens) {
    if (token.tokenType === p.Newline) flush();
    else current.push(token);
  }
  flush();
  return result;
}

const errorTokens = new Map<TokenType, (token: IToken) => Diagnostic>([
  [
    p.UnterminatedString,
    (token) =>
      diagnostic(syntaxDiagnostics.unterminatedString, 'this string has no closing `"`', tokenRange(token), { help: 'a string ends on the line it starts; close it with `"`' }),
  ],
  [
    p.WrongQuotes,
    (token) =>
      diagnostic(syntaxDiagnostics.unexpectedCharacter, 'strings use straight double quotes', tokenRange(token), {
        suggestions: [JSON.stringify(token.image.slice(1, -1))],
        help: `write ${JSON.stringify(token.image.slice(1, -1))}`,
      }),
  ],
  [
    p.BadNumber,
    (token) =>
      diagnostic(syntaxDiagnostics.badNumber, `\`${token.image}\` is not a number`, tokenRange(token), {
        help: 'write digits, an optional decimal part and an optional suffix k, M or B; a time is written like 2026-11-23T12:00:00Z',
      }),
  ],
]);

/** Tokens of the whole file; lexical problems become the policy's LS1001–LS1003 diagnostics. */
function lexTokens(source: string, lines: LineIndex, diagnostics: Diagnostic[]): IToken[] {
  const result = sharedLexer().tokenize(source);
  const tokens: IToken[] = [];
  for (const token of result.tokens) {
    const report = errorTokens.get(token.tokenType);
    if (report) diagnostics.push(report(token));
    else tokens.push(token);
  }
  for (const error of result.errors as ILexingError[]) {
    const text = source.slice(error.offset, error.offset + error.length);
    diagnostics.push(
      diagnostic(
        syntaxDiagnostics.unexpectedCharacter,
        `unexpected character${text.length === 1 ? '' : 's'} \`${text.slice(0, 20)}\``,
        lines.range(error.offset, error.offset + error.length),
      ),
    );
  }
  return tokens;
}
