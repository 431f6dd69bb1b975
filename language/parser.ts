import { EOF, tokenMatcher, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type * as ast from './ast.js';
import { statementToAst, type LineStatement } from './cst-to-ast.js';
import { diagnostic, syntaxDiagnostics, type Diagnostic } from './diagnostics.js';
import { policyGrammar, type PolicyGrammar } from './grammar.js';
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
export interface LogicalLine {
  tokens: IToken[];
  indented: boolean;
  /** A bracket was left open: already reported, not parsed. */
  unclosed?: boolean;
}

/**
 * Parses a policy. Never throws: each logical line is parsed on its own, so
 * every broken line gets its own diagnostic and the rest still form a program.
 */
export function parse(text: string): ParseResult {
  const { tokens, comments, diagnostics, lines } = lex(text);
  const statements: Array<{ statement: LineStatement; indented: boolean }> = [];
  const brokenDeclarations: ast.Program['brokenDeclarations'] = [];
  // A line the lexer already complained about would only add a confusing parse error.
  const linesWithLexicalErrors = new Set(diagnostics.map((d) => d.range.start.line));
  // A byte-order mark is not indentation: the first line still starts at its beginning.
  const bom = text.charCodeAt(0) === 0xfeff;
  for (const line of splitLines(tokens, diagnostics, bom)) {
    const statement = line.unclosed ? undefined : parseLine(line.tokens, diagnostics, linesWithLexicalErrors);
    if (statement) statements.push({ statement, indented: line.indented });
    else {
      const declared = declaredName(line.tokens);
      if (declared) brokenDeclarations.push(declared);
    }
  }
  const program: ast.Program = {
    kind: 'Program',
    statements: groupSections(statements, diagnostics),
    comments,
    brokenDeclarations,
    range: lines.range(0, text.length),
  };
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { program, diagnostics, lines };
}

/** The list, field or event a line that did not parse was meant to declare, judged by its first words. */
function declaredName(tokens: IToken[]): ast.Program['brokenDeclarations'][number] | undefined {
  const [first, second] = tokens;
  if (!second || !tokenMatcher(second, t.Name)) return undefined;
  if (first?.tokenType === t.List) return { kind: 'list', name: second.image };
  if (first?.tokenType === t.Field) return { kind: 'field', name: second.image };
  if (first?.tokenType === t.Event) return { kind: 'event', name: second.image.toLowerCase() };
  return undefined;
}

/**
 * Whether the line after a line break continues the statement: `and` and `or`
 * never start one, so a condition may go on on the next line with them.
 */
function continuesStatement(tokens: IToken[], index: number): boolean {
  let next = tokens[index];
  while (next?.tokenType === t.Newline) next = tokens[++index];
  return next?.tokenType === t.And || next?.tokenType === t.Or;
}

/** Words that start a statement; all of them but `when` are also names (soft keywords). */
const statementWords = new Set<TokenType>([t.Policy, t.Import, t.List, t.Field, t.Event, t.Events, t.Dates, t.Numbers, t.Decay, t.Grade, t.Stage, t.Route]);

/** What may follow a name in a condition and makes it a field test: `policy > 1`, `list in dach`, `field is missing`. */
const fieldTests = new Set<TokenType>([t.Equal, t.NotEqual, t.Greater, t.GreaterEqual, t.Less, t.LessEqual, t.Between, t.Not, t.In, t.Contains, t.Starts, t.Ends, t.Is]);

/** `before "…"`, `after "…"` and `more than`: the words of a date test after a name (which are names elsewhere). */
function isDateTest(word: IToken, next: IToken | undefined): boolean {
  if (word.tokenType === t.More) return next?.tokenType === t.Than;
  return (word.tokenType === t.Before || word.tokenType === t.After) && next?.tokenType === t.StringLiteral;
}

/** What may follow a whole event pattern (or a name) in a condition: a quantifier, `for`, or the end of the primary. */
const afterPattern = new Set<TokenType>([t.Within, t.For, t.RParen, t.And, t.Or]);

/** The tokens of the physical line that starts at `index` (at most `limit` of them). */
function physicalLine(tokens: IToken[], index: number, limit = 6): IToken[] {
  const line: IToken[] = [];
  for (let i = index; i < tokens.length && tokens[i]!.tokenType !== t.Newline && line.length < limit; i++) line.push(tokens[i]!);
  return line;
}

/**
 * Whether a line that starts with a name could go on with a condition, reading its first word
 * as a name: as a field (`policy > 1`), an event pattern `VERB [OBJECT] ["glob"]` followed by
 * `K times`, `within`, `for`, `)`, `and`, `or` or the end of the line (`event webinar`,
 * `policy "x*"`), an event object, a list or a value. The line may end anywhere: a line break
 * may go between any two words inside brackets.
 */
function couldContinueCondition(line: IToken[]): boolean {
  let i = 1;
  if (line[i] && fieldTests.has(line[i]!.tokenType)) return true;
  if (line[i] && isDateTest(line[i]!, line[i + 1])) return true;
  if (line[i] && tokenMatcher(line[i]!, t.Name)) i++;
  if (line[i]?.tokenType === t.StringLiteral) i++;
  const next = line[i];
  if (!next) return true;
  // `K times` may be broken after K too.
  if (next.tokenType === t.NumberLiteral) return !line[i + 1] || line[i + 1]!.tokenType === t.Times;
  return afterPattern.has(next.tokenType);
}

/** `policy "…"`, `import "…"` and `event VERB`: complete statements that are also complete event patterns. */
function completeAsPattern(line: IToken[]): boolean {
  const [first, second, third] = line;
  if (!first || !second || third) return false;
  if (first.tokenType === t.Policy || first.tokenType === t.Import) return second.tokenType === t.StringLiteral;
  return first.tokenType === t.Event && tokenMatcher(second, t.Name);
}

/**
 * Whether the line at `index`, inside a bracket still open, starts a new statement: the bracket
 * was then left open by mistake. It does when it has a statement's shape that no condition or list
 * could continue with: `when`, a name and `:`, or a statement word followed by what its statement
 * needs there (`list dach =`, `field budget:`, `stage "SQL" when`, `decay half-life 30 days`,
 * `event login app`). Everywhere else the statement word is a name (`policy > 1`, `list)`).
 * `policy "…"`, `import "…"` and `event VERB` alone on a line read both ways; they start a
 * statement when the next line could not continue them as an event pattern (it starts with `when`
 * or a name, or there is none).
 */
function startsStatement(tokens: IToken[], index: number): boolean {
  const line = physicalLine(tokens, index);
  const [first, second] = line;
  if (!first) return false;
  if (first.tokenType === t.When) return true;
  if (tokenMatcher(first, t.Name) && second?.tokenType === t.Colon) return true;
  if (!statementWords.has(first.tokenType)) return false;
  if (!couldContinueCondition(line)) return true;
  if (!completeAsPattern(line)) return false;
  let next = index + line.length;
  while (tokens[next]?.tokenType === t.Newline) next++;
  const following = tokens[next];
  // `event more` ⏎ `than 30 days ago`: a date test of a field called `event`, broken inside it.
  if (following && line[1]?.tokenType === t.More && following.tokenType === t.Than) return false;
  return !following || following.tokenType === t.When || tokenMatcher(following, t.Name);
}

/** The tokens split into statements: a statement goes on over line breaks inside `[`/`(` and before `and`/`or`. */
export function splitLines(tokens: IToken[], diagnostics: Diagnostic[], bom: boolean): LogicalLine[] {
  const result: LogicalLine[] = [];
  let current: IToken[] = [];
  const open: IToken[] = [];
  const finish = (unclosed = false) => {
    const first = current[0];
    if (first) result.push({ tokens: current, indented: (first.startColumn ?? 1) > (bom && first.startOffset === 1 ? 2 : 1), unclosed });
    current = [];
    open.length = 0;
  };
  /** Reports the innermost bracket left open; the statement cannot be parsed. */
  const unclosed = () => {
    const bracket = open[open.length - 1]!;
    diagnostics.push(
      diagnostic(syntaxDiagnostics.unclosedBracket, `this \`${bracket.image}\` is never closed`, tokenRange(bracket), {
        help: `close it with \`${bracket.image === '[' ? ']' : ')'}\` before the end of the statement`,
      }),
    );
    finish(true);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.tokenType === t.Newline) {
      if (open.length === 0) {
        if (!continuesStatement(tokens, i + 1)) finish();
      }
      // A bracket left open would swallow the rest of the policy; stop at the next statement instead.
      else if (startsStatement(tokens, i + 1)) unclosed();
      continue;
    }
    if (token.tokenType === t.LBracket || token.tokenType === t.LParen) open.push(token);
    else if (token.tokenType === t.RBracket || token.tokenType === t.RParen) open.pop();
    current.push(token);
  }
  if (open.length > 0) unclosed();
  else finish();
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
  let errors: IRecognitionException[];
  try {
    cst = grammar.statement();
    errors = grammar.errors;
    const announced = announcedStatements.get(tokens[0]!.tokenType);
    if (errors[0]?.name === 'NoViableAltException' && announced && tokens[1]?.tokenType !== t.Colon) {
      // `stage SQL when …` fits no statement, but its first word says what it was meant to be:
      // parse it as that, so the message names what is missing (the quotes) at the right place.
      grammar.input = tokens;
      announced(grammar);
      if (grammar.errors.length > 0) errors = grammar.errors;
    }
  } catch {
    // A stack overflow on hostile input must not escape as a crash.
    diagnostics.push(diagnostic(syntaxDiagnostics.tooDeep, 'this statement is too complex to parse', lineRange));
    return undefined;
  }
  let lexicalError = false;
  for (let line = lineRange.start.line; line <= lineRange.end.line && !lexicalError; line++) lexicalError = linesWithLexicalErrors.has(line);
  if (errors.length > 0) {
    if (!lexicalError) diagnostics.push(syntaxError(errors[0]!, tokens));
    return undefined;
  }
  const statement = statementToAst(cst);
  // A rule or row that lost a character to the lexer may parse as something else entirely
  // (`title & "x"` reads as an event); checking it would only add misleading errors.
  if (lexicalError && (statement.kind === 'Rule' || statement.kind === 'DecisionRow')) return undefined;
  return statement;
}

/** Statements whose first word says which statement the line is (unless it is a section `word:`). */
const announcedStatements = new Map<TokenType, (grammar: PolicyGrammar) => unknown>([
  [t.Policy, (grammar) => grammar.policyHeader()],
  [t.Import, (grammar) => grammar.importStatement()],
  [t.List, (grammar) => grammar.listDeclaration()],
  [t.Field, (grammar) => grammar.fieldDeclaration()],
  [t.Event, (grammar) => grammar.eventDeclaration()],
  [t.Events, (grammar) => grammar.eventsColumn()],
  [t.Dates, (grammar) => grammar.datesStatement()],
  [t.Numbers, (grammar) => grammar.numbersStatement()],
  [t.Decay, (grammar) => grammar.decayDeclaration()],
  [t.Grade, (grammar) => grammar.decisionRow()],
  [t.Stage, (grammar) => grammar.decisionRow()],
  [t.Route, (grammar) => grammar.decisionRow()],
]);

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
  /** The section the last line at the beginning of a line closed, to explain an indented line after it. */
  let closed: { name: string; line: number } | undefined;
  for (const { statement, indented } of lines) {
    if (!indented && section) closed = { name: section.name.name, line: statement.range.start.line };
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
      const message = closed
        ? `this line is indented, but no section is open: \`${closed.name}\` ended at line ${closed.line}, which is not indented`
        : 'this line is indented, but no section is open above it';
      diagnostics.push(
        diagnostic(syntaxDiagnostics.indentedOutsideSection, message, statement.range, {
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
    case 'Import':
      return 'an `import`';
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
