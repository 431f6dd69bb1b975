/**
 * Names in policy tests (`NAME.test.score`): the fields a test's lead sets and the sections its
 * expectations read, resolved against the policy the test runs (its `policy "…"`, else the
 * `.score` file of the same name), so that renaming a field or a section keeps the tests right.
 */
import { testSyntax } from '../language/index.js';
import type { Analysis } from './analysis.js';
import { toServiceDiagnostic } from './diagnostics.js';
import { fieldSymbol, occurrenceAt, sectionSymbol, type Occurrence } from './names.js';
import { offsetAt, toRange } from './positions.js';
import type { DocumentSymbol, Location, Position, ServiceDiagnostic } from './types.js';

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
