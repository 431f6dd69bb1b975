/** language/test-syntax/: the syntax of `.test.score` files, tests written next to a policy. */
export type * from './ast.js';
export { parseTestFile, type TestParseResult } from './parser.js';
export { testSyntaxDiagnostics } from './diagnostics.js';
