import { EOF, type IRecognitionException, type IToken } from 'chevrotain';
import type * as ast from './ast.js';
import { statementToAst, type LineStatement } from './cst-to-ast.js';
import { diagnostic, syntaxDiagnostics, type Diagnostic } from './diagnostics.js';
import { policyGrammar } from './grammar.js';
import { lex, tokenRange } from './lexer.js';
import { rangeOf, type LineIndex, type Range } from './source.js';
import * as t from './tokens.js';

export interface ParseResult {
  program: ast.Program;
  /** Every lexical and syntax problem, in source order. */
  diagnostics: Diagnostic[];
  lines: LineIndex;
}

/** Deeper nesting than this is surely a mistake, and would risk the parser's stack. */
export const maxNestingDepth = 64;

/** One statement's tokens; brackets and parentheses may carry it over several physical lines. */
interface LogicalLine {
  tokens: IToken[];
  indented: boolean;
}

/**
 * Parses a policy. Never throws: each logical line is parsed on its own, so
 * every broken line gets its own diagnostic and the rest still form a program.
 */
export function parse(text: string): ParseResult {
  const { tokens, comments, diagnostics, lines } = lex(text);
  const statements: Array<{ statement: LineStatement; indented: boolean }> = [];
  // A line the lexer already complained about would only add a confusing parse error.
  const linesWithLexicalErrors = new Set(diagnostics.map((d) => d.range.start.line));
  for (const line of splitLines(tokens, diagnostics)) {
    const statement = parseLine(line.tokens, diagnostics, linesWithLexicalErrors);
    if (statement) statements.push({ statement, indented: line.indented });
  }
  const program: ast.Program = {
    kind: 'Program',
    statements: groupSections(statements, diagnostics),
    comments,
    range: lines.range(0, text.length),
  };
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { program, diagnostics, lines };
}

const statementKeywords = new Set([t.When, t.List, t.Field, t.Policy, t.Decay]);
const decisionKeywords = new Set([t.Grade, t.Stage, t.Route]);

/** Whether the tokens at `index` look like the start of a new statement rather than a continuation. */
function startsStatement(tokens: IToken[], index: number): boolean {
  const first = tokens[index];
  const second = tokens[index + 1];
  if (!first) return false;
  if (statementKeywords.has(first.tokenType)) return true;
  if (decisionKeywords.has(first.tokenType) && second?.tokenType === t.StringLiteral) return true;
  if (first.tokenType === t.Event && second && second.tokenType !== t.Newline) return first.startColumn === 1;
  return second?.tokenType === t.Colon && first.startColumn === 1;
}

function splitLines(tokens: IToken[], diagnostics: Diagnostic[]): LogicalLine[] {
  const result: LogicalLine[] = [];
  let current: IToken[] = [];
  const open: IToken[] = [];
  const finish = () => {
    if (current.length > 0) result.push({ tokens: current, indented: (current[0]!.startColumn ?? 1) > 1 });
    current = [];
    open.length = 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.tokenType === t.Newline) {
      if (open.length === 0) finish();
      else if (startsStatement(tokens, i + 1)) {
        // A bracket left open would swallow the rest of the policy; stop at the next statement instead.
        const bracket = open[open.length - 1]!;
        diagnostics.push(
          diagnostic(syntaxDiagnostics.unclosedBracket, `this \`${bracket.image}\` is never closed`, tokenRange(bracket), {
            help: `close it with \`${bracket.image === '[' ? ']' : ')'}\` before the end of the statement`,
          }),
        );
        current = [];
        finish();
      }
      continue;
    }
    if (token.tokenType === t.LBracket || token.tokenType === t.LParen) open.push(token);
    else if (token.tokenType === t.RBracket || token.tokenType === t.RParen) open.pop();
    current.push(token);
  }
  finish();
  return result;
}

/** How deeply the line nests parentheses, brackets and `not`s. */
function nestingDepth(tokens: IToken[]): number {
  let depth = 0;
  let deepest = 0;
  let nots = 0;
  for (const token of tokens) {
    if (token.tokenType === t.LBracket || token.tokenType === t.LParen) depth++;
    else if (token.tokenType === t.RBracket || token.tokenType === t.RParen) depth--;
    nots = token.tokenType === t.Not ? nots + 1 : 0;
    deepest = Math.max(deepest, depth + nots);
  }
  return deepest;
}

function parseLine(tokens: IToken[], diagnostics: Diagnostic[], linesWithLexicalErrors: Set<number>): LineStatement | undefined {
  const lineRange = rangeOf(tokenRange(tokens[0]!), tokenRange(tokens[tokens.length - 1]!));
  if (nestingDepth(tokens) > maxNestingDepth) {
    diagnostics.push(
      diagnostic(syntaxDiagnostics.tooDeep, `this condition nests more than ${maxNestingDepth} levels deep`, lineRange, {
        help: 'split it into simpler conditions',
      }),
    );
    return undefined;
  }
  const grammar = policyGrammar();
  grammar.input = tokens;
  let cst;
  try {
    cst = grammar.statement();
  } catch {
    // A stack overflow on hostile input must not escape as a crash.
    diagnostics.push(diagnostic(syntaxDiagnostics.tooDeep, 'this statement is too complex to parse', lineRange));
    return undefined;
  }
  const errors = grammar.errors;
  if (errors.length > 0) {
    const first = lineRange.start.line;
    const last = lineRange.end.line;
    let lexicalError = false;
    for (let line = first; line <= last && !lexicalError; line++) lexicalError = linesWithLexicalErrors.has(line);
    if (!lexicalError) diagnostics.push(syntaxError(errors[0]!, tokens));
    return undefined;
  }
  return statementToAst(cst);
}

function syntaxError(error: IRecognitionException, tokens: IToken[]): Diagnostic {
  const kind = error.name === 'NotAllInputParsedException' ? syntaxDiagnostics.trailingInput : syntaxDiagnostics.unexpectedToken;
  return diagnostic(kind, error.message, errorRange(error.token, tokens));
}

/** The offending token's range; at the end of the line, an empty range just after the last token. */
function errorRange(token: IToken, tokens: IToken[]): Range {
  if (token.tokenType !== EOF && !Number.isNaN(token.startOffset)) return tokenRange(token);
  const end = tokenRange(tokens[tokens.length - 1]!).end;
  return { start: end, end };
}

/** Builds sections from headers and the indented lines under them. */
function groupSections(lines: Array<{ statement: LineStatement; indented: boolean }>, diagnostics: Diagnostic[]): ast.Statement[] {
  const statements: ast.Statement[] = [];
  let section: ast.Section | undefined;
  for (const { statement, indented } of lines) {
    if (!indented) section = undefined;
    if (statement.kind === 'SectionHeader') {
      if (indented) {
        diagnostics.push(
          diagnostic(
            section ? syntaxDiagnostics.notAllowedInSection : syntaxDiagnostics.indentedOutsideSection,
            section ? 'sections do not nest: a section header starts at the beginning of a line' : 'a section header starts at the beginning of a line',
            statement.range,
          ),
        );
      }
      section = { kind: 'Section', name: statement.name, items: [], range: statement.range };
      statements.push(section);
      continue;
    }
    if (indented && !section) {
      diagnostics.push(
        diagnostic(syntaxDiagnostics.indentedOutsideSection, 'this line is indented, but no section is open above it', statement.range, {
          help: 'open a section with a line `name:` above it, or remove the indentation',
        }),
      );
    } else if (section && (statement.kind === 'Rule' || statement.kind === 'Decay')) {
      section.items.push(statement);
      section.range = rangeOf(section.range, statement.range);
      continue;
    } else if (section) {
      diagnostics.push(
        diagnostic(
          syntaxDiagnostics.notAllowedInSection,
          `only rules and \`decay\` belong in a section; ${describeStatement(statement)} goes at the beginning of a line`,
          statement.range,
        ),
      );
    }
    statements.push(statement);
  }
  return statements;
}

function describeStatement(statement: Exclude<LineStatement, { kind: 'SectionHeader' }>): string {
  switch (statement.kind) {
    case 'PolicyHeader':
      return 'the `policy` header';
    case 'ListDeclaration':
      return 'a `list`';
    case 'FieldDeclaration':
      return 'a `field`';
    case 'EventDeclaration':
      return 'an `event` declaration';
    case 'DecisionRow':
      return `a \`${statement.decision}\` row`;
    default:
      return 'this statement';
  }
}
