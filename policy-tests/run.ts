import { diagnostic, type Diagnostic } from '../language/diagnostics.js';
import type { Expectation, NumberTest, TestCase, TestFile } from '../language/test-syntax/index.js';
import { LeadError, type Explanation, type Policy, type RuleTrace } from '../runtime/index.js';
import { testCheckDiagnostics } from './diagnostics.js';
import { prepareTest } from './lead.js';
import { pinMatches, ruleLabel, ruleNameKey } from './rule-pins.js';

/** An expectation that did not hold. */
export interface Failure {
  expectation: Expectation;
  /** The `expect …` line as written in the test file. */
  text: string;
  /** Its line in the test file. */
  line: number;
  expected: string;
  actual: string;
}

export interface TestResult {
  test: TestCase;
  failures: Failure[];
  explanation: Explanation;
}

/** What a test file gave: results when it could run, else diagnostics that say why not. */
export interface TestFileOutcome {
  results: TestResult[];
  diagnostics: Diagnostic[];
}

/**
 * Runs every test of a parsed test file. `policyFor` gives each test's policy, already
 * loaded. When any test cannot be read against its policy, no test runs: a test file
 * with errors is reported as a whole, like a policy with errors.
 */
export function runTestFile(file: TestFile, source: string, policyFor: (test: TestCase) => Policy): TestFileOutcome {
  const diagnostics: Diagnostic[] = [];
  const ready: Array<{ test: TestCase; policy: Policy; lead: Record<string, unknown>; now: number }> = [];
  for (const test of file.tests) {
    const policy = policyFor(test);
    const { prepared, diagnostics: problems } = prepareTest(test, file, policy.ir);
    diagnostics.push(...problems);
    if (!prepared) continue;
    try {
      policy.validate(prepared.lead);
      ready.push({ test, policy, ...prepared });
    } catch (error) {
      if (!(error instanceof LeadError)) throw error;
      diagnostics.push(diagnostic(testCheckDiagnostics.invalidLead, `the policy rejects this lead: ${error.message}`, test.lead ?? test.range));
    }
  }
  if (diagnostics.length > 0) return { results: [], diagnostics };
  const results = ready.map(({ test, policy, lead, now }) => {
    const explanation = policy.explain(lead, { now });
    // `rule at line N` means line N of the policy file itself, not of a file it imports.
    const ownRules = new Set(policy.ir.contributions.filter((rule) => rule.range.file === undefined).map((rule) => rule.id));
    const failures: Failure[] = [];
    for (const expectation of test.expectations) {
      const failure = checkExpectation(expectation, explanation, ownRules);
      if (failure) {
        failures.push({
          expectation,
          text: source.slice(expectation.range.start.offset, expectation.range.end.offset),
          line: expectation.range.start.line,
          ...failure,
        });
      }
    }
    return { test, failures, explanation };
  });
  return { results, diagnostics };
}

/** Expected and actual, in words, when the expectation does not hold; undefined when it does. */
export function checkExpectation(expectation: Expectation, explanation: Explanation, ownRules?: ReadonlySet<string>): { expected: string; actual: string } | undefined {
  switch (expectation.kind) {
    case 'value': {
      const target = expectation.target;
      const actual = target.kind === 'score' ? explanation.score : explanation.dimensions[target.name];
      if (actual !== undefined && holds(expectation.test, actual)) return undefined;
      return { expected: describeTest(expectation.test), actual: actual === undefined ? 'no such section' : formatNumber(actual) };
    }
    case 'decision': {
      const actual = explanation[expectation.decision];
      if (actual === expectation.label) return undefined;
      return { expected: label(expectation.label), actual: label(actual) };
    }
    case 'blacklisted': {
      if (explanation.blacklisted === expectation.blacklisted) return undefined;
      const words = (blacklisted: boolean) => (blacklisted ? 'blacklisted' : 'not blacklisted');
      return { expected: words(expectation.blacklisted), actual: words(explanation.blacklisted) };
    }
    case 'rule': {
      const found = expectedRules(expectation, explanation, ownRules);
      if ('expected' in found) return found;
      const { rules } = found;
      const fired = rules.some((rule) => rule.fired);
      if (fired === expectation.fired) return undefined;
      const points = rules.reduce((sum, rule) => sum + rule.points, 0);
      const events = rules.reduce((sum, rule) => sum + rule.events.length, 0);
      const detail = rules.some((rule) => rule.effect === 'blacklist') ? 'blacklisted the lead' : `${formatPoints(points)} points`;
      return {
        expected: expectation.fired ? 'fired' : 'did not fire',
        actual: fired ? `fired (${detail})` : `did not fire${events > 0 ? ` (${events} matching event${events === 1 ? '' : 's'} were not enough)` : ''}`,
      };
    }
  }
}

/**
 * The rules an `expect rule …` line means: the rule of that name; or the rules at that line of
 * the policy itself, which must be the pinned rule when the line pins one. A pin that the rule at
 * the line does not match fails the expectation, saying what the line holds and where the pinned
 * rule is: a line added above a rule never turns the expectation onto another rule.
 */
function expectedRules(
  expectation: Extract<Expectation, { kind: 'rule' }>,
  explanation: Explanation,
  ownRules: ReadonlySet<string> | undefined,
): { rules: RuleTrace[] } | { expected: string; actual: string } {
  const { line, pin } = expectation;
  if (line === undefined) return { rules: explanation.rules.filter((rule) => rule.name !== undefined && ruleNameKey(rule.name) === ruleNameKey(pin!.text)) };
  const own = explanation.rules.filter((rule) => !ownRules || ownRules.has(rule.id));
  const atLine = own.filter((rule) => rule.line === line);
  if (!pin) return { rules: atLine };
  const pinned = atLine.filter((rule) => pinMatches(pin.text, rule));
  if (pinned.length > 0) return { rules: pinned };
  const here = atLine.length > 0 ? `line ${line} is ${atLine.map(ruleLabel).join(' and ')}` : `line ${line} holds no rule`;
  const elsewhere = own.filter((rule) => pinMatches(pin.text, rule)).map((rule) => rule.line);
  const where = elsewhere.length > 0 ? `${JSON.stringify(pin.text)} is at line ${elsewhere.join(', ')}` : `no rule is named or written ${JSON.stringify(pin.text)}`;
  return { expected: `line ${line} to be ${JSON.stringify(pin.text)}`, actual: `${here}; ${where}` };
}

function holds(test: NumberTest, actual: number): boolean {
  switch (test.op) {
    case '=':
      return actual === test.value;
    case '>':
      return actual > test.value;
    case '>=':
      return actual >= test.value;
    case '<':
      return actual < test.value;
    case '<=':
      return actual <= test.value;
    case 'between':
      return actual >= test.low && actual <= test.high;
  }
}

function describeTest(test: NumberTest): string {
  if (test.op === 'between') return `between ${formatNumber(test.low)} and ${formatNumber(test.high)}`;
  return test.op === '=' ? formatNumber(test.value) : `${test.op} ${formatNumber(test.value)}`;
}

export function formatNumber(value: number): string {
  return String(value);
}

export function formatPoints(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

function label(value: string | null): string {
  return value === null ? 'none' : JSON.stringify(value);
}
