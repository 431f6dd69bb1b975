/** language/: the syntax of leadscore policies. Tokens, grammar, AST, parser. Nothing about scoring. */
export type * from './ast.js';
export { parse, splitLines, maxNestingDepth, type LogicalLine, type ParseResult } from './parser.js';
export { lex, tokenRange, type Comment, type LexResult } from './lexer.js';
export { LineIndex, rangeOf, type Position, type Range } from './source.js';
export { diagnostic, diagnosticMessage, hasErrors, sortDiagnostics, syntaxDiagnostics, type Diagnostic, type DiagnosticKind, type Severity } from './diagnostics.js';
export * as tokens from './tokens.js';
export { unquote } from './cst-to-ast.js';
export { oneOf } from './words.js';
export { formatPolicy, type FormatResult } from './printer.js';
export * as testSyntax from './test-syntax/index.js';
