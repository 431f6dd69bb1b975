/**
 * Names in policy tests (`NAME.test.score`): the fields a test's lead sets and the sections its
 * expectations read, resolved against the policy the test runs (its `policy "…"`, else the
 * `.score` file of the same name), so that renaming a field or a section keeps the tests right.
 */
import { testSyntax } from '../language/index.js';
import type { Analysis } from './analysis.js';
import { toServiceDiagnostic } from './diagnostics.js';
import { fieldSymbol, occurrenceAt, sectionSymbol, type Occurrence } from './names.js';
import { intersects, offsetAt, toRange } from './positions.js';
import type * as ast from '../language/index.js';
import type { CodeAction, DocumentSymbol, Location, Position, Range, ServiceDiagnostic } from './types.js';

const suffix = '.test.score';

export interface TestFileContext {
  /** The path of `specifier` as written in the file `from`. */
  resolve(from: string, specifier: string): string;
  /** The analysis of a policy, or undefined when it cannot be read. */
  policy(path: string): Analysis | undefined;
}

export function testOccurrences(file: string, text: string, context: TestFileContext): Occurrence[] {
  const { file: parsed } = testSyntax.parseTestFile(text);
  const found: Occurrence[] = [];
  for (const test of parsed.tests) {
    const reference = test.policy ?? parsed.policy;
    const path = reference ? context.resolve(file, reference.path) : file.endsWith(suffix) ? `${file.slice(0, -suffix.length)}.score` : undefined;
    const policy = path === undefined ? undefined : context.policy(path);
    if (!policy) continue;
    for (const field of test.fields) {
      const symbol = fieldSymbol(policy.declared, field.name, policy.file);
      if (symbol) found.push({ symbol, file, range: field.nameRange, isDeclaration: false });
    }
    for (const expectation of test.expectations) {
      if (expectation.kind !== 'value' || expectation.target.kind !== 'section') continue;
      const symbol = sectionSymbol(policy.declared, expectation.target.name, policy.file);
      if (symbol) found.push({ symbol, file, range: expectation.target.range, isDeclaration: false });
    }
  }
  return found;
}

export const isTestFile = (file: string) => file.endsWith(suffix);

/** The policy a test runs: its own `policy "…"`, the file's, else the `.score` file of the same name. */
function policyOfTest(
  file: string,
  parsed: ReturnType<typeof testSyntax.parseTestFile>['file'],
  test: (typeof parsed.tests)[number],
  context: TestFileContext,
): Analysis | undefined {
  const reference = test.policy ?? parsed.policy;
  const path = reference ? context.resolve(file, reference.path) : file.endsWith(suffix) ? `${file.slice(0, -suffix.length)}.score` : undefined;
  return path === undefined ? undefined : context.policy(path);
}

/** The policy's own rules (not those of files it imports), by the line they start on. */
function rulesByLine(program: ast.Program): Map<number, ast.Rule> {
  const rules = new Map<number, ast.Rule>();
  for (const statement of program.statements) {
    const candidates = statement.kind === 'Section' ? statement.items : [statement];
    for (const item of candidates) if (item.kind === 'Rule' && item.range.file === undefined) rules.set(item.range.start.line, item);
  }
  return rules;
}

/**
 * Quick fixes for a bare `expect rule at line N` (LT1006): pin it to the rule on that line of the
 * policy the test runs, by the rule's name when it has one (`expect rule "NAME"`), else by its
 * condition as written (`expect rule at line N "CONDITION"`).
 */
export function testQuickFixes(file: string, text: string, range: Range, context: TestFileContext): CodeAction[] {
  const { file: parsed, diagnostics } = testSyntax.parseTestFile(text);
  const actions: CodeAction[] = [];
  for (const test of parsed.tests) {
    for (const expectation of test.expectations) {
      if (expectation.kind !== 'rule' || expectation.line === undefined || expectation.pin || !intersects(toRange(expectation.range), range)) continue;
      const policy = policyOfTest(file, parsed, test, context);
      const rule = policy && rulesByLine(policy.program).get(expectation.line);
      const warning = diagnostics.find((d) => d.code === 'LT1006' && d.range.start.offset === expectation.lineRange!.start.offset);
      if (!rule || !warning) continue;
      const condition = policy.text.slice(rule.condition.range.start.offset, rule.condition.range.end.offset).replace(/\s+/g, ' ');
      const outcome = expectation.fired ? 'fired' : 'did not fire';
      const fixes = rule.name
        ? [{ title: `Expect the rule by its name, ${JSON.stringify(rule.name.value)}`, newText: `expect rule ${JSON.stringify(rule.name.value)} ${outcome}` }]
        : [];
      fixes.push({
        title: `Pin the rule at line ${expectation.line} to its condition`,
        newText: `expect rule at line ${expectation.line} ${JSON.stringify(condition)} ${outcome}`,
      });
      fixes.forEach(({ title, newText }, index) =>
        actions.push({
          title,
          kind: 'quickfix',
          diagnostic: toServiceDiagnostic(warning),
          edit: { [file]: [{ range: toRange(expectation.range), newText }] },
          preferred: index === 0,
        }),
      );
    }
  }
  return actions;
}

/** A test file's own diagnostics: its syntax (LT1xxx). Reading it against its policy is `leadscore test`'s job. */
export function testDiagnostics(text: string): ServiceDiagnostic[] {
  return testSyntax.parseTestFile(text).diagnostics.map(toServiceDiagnostic);
}

/** From a lead's field or an expected section to its declaration in the policy the test runs. */
export function testDefinition(file: string, text: string, position: Position, context: TestFileContext): Location | undefined {
  const found = occurrenceAt(testOccurrences(file, text, context), file, offsetAt(text, position));
  const declaration = found?.symbol.declaration;
  return declaration && { file: declaration.file, range: toRange(declaration.range) };
}

/** The outline of a test file: its tests. */
export function testSymbols(text: string): DocumentSymbol[] {
  return testSyntax.parseTestFile(text).file.tests.map((test) => ({
    name: test.name,
    detail: `${test.expectations.length} ${test.expectations.length === 1 ? 'expectation' : 'expectations'}`,
    kind: 'test',
    range: toRange(test.range),
    selectionRange: toRange(test.range),
  }));
}
