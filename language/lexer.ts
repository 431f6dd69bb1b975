import { Lexer, type IToken, type TokenType } from 'chevrotain';
import { diagnostic, syntaxDiagnostics, type Diagnostic } from './diagnostics.js';
import { LineIndex, type Range } from './source.js';
import { maxNumberLiteral, numberValue } from './number-value.js';
import { allTokens, BadNumber, NumberLiteral, UnexpectedCharacter, UnterminatedString, WrongQuotes } from './tokens.js';

/** A `#` comment, kept so the formatter and the playground can show it. */
export interface Comment {
  text: string;
  range: Range;
}

export interface LexResult {
  tokens: IToken[];
  comments: Comment[];
  diagnostics: Diagnostic[];
  lines: LineIndex;
}

// One lexer for the whole process: building it is the expensive part. The catch-all
// `UnexpectedCharacter` stays out of it: a pattern that matches any character turns off
// chevrotain's first-character optimisation and makes lexing several times slower. Characters
// no token matches come back as lexer errors instead, one per run, and are reported alike.
let lexer: Lexer | undefined;
function sharedLexer(): Lexer {
  lexer ??= new Lexer(
    allTokens.filter((token) => token !== UnexpectedCharacter),
    { positionTracking: 'full', ensureOptimizations: false },
  );
  return lexer;
}

export function tokenRange(token: IToken): Range {
  return {
    start: { line: token.startLine ?? 1, column: token.startColumn ?? 1, offset: token.startOffset },
    end: {
      line: token.endLine ?? token.startLine ?? 1,
      column: (token.endColumn ?? token.startColumn ?? 0) + 1,
      offset: (token.endOffset ?? token.startOffset) + 1,
    },
  };
}

/** Tokens that only exist to be reported: each becomes a diagnostic and leaves the stream. */
const errorTokens = new Map<TokenType, (token: IToken) => Diagnostic>([
  [
    UnterminatedString,
    (token) =>
      diagnostic(syntaxDiagnostics.unterminatedString, 'this string has no closing `"`', tokenRange(token), {
        help: 'a string ends on the line it starts; close it with `"`',
      }),
  ],
  [
    WrongQuotes,
    (token) =>
      diagnostic(syntaxDiagnostics.unexpectedCharacter, 'strings use straight double quotes', tokenRange(token), {
        suggestions: [JSON.stringify(token.image.slice(1, -1))],
        help: `write ${JSON.stringify(token.image.slice(1, -1))}`,
      }),
  ],
  [
    BadNumber,
    (token) =>
      diagnostic(syntaxDiagnostics.badNumber, `\`${token.image}\` is not a number`, tokenRange(token), {
        help: 'write digits, an optional decimal part and an optional suffix k (thousand), M (million) or B (billion), e.g. 10M',
      }),
  ],
]);

/**
 * Splits a policy into tokens. Never fails: text the language does not know
 * becomes a diagnostic and is left out of the token stream.
 */
export function lex(text: string): LexResult {
  // A byte-order mark becomes a space so that offsets still match the text.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const lines = new LineIndex(source);
  const result = sharedLexer().tokenize(source);
  const diagnostics: Diagnostic[] = [];
  const tokens: IToken[] = [];
  for (const token of result.tokens) {
    const report = errorTokens.get(token.tokenType);
    if (report) diagnostics.push(report(token));
    else tokens.push(token);
    if (token.tokenType === NumberLiteral && !(Math.abs(numberValue(token.image)) <= maxNumberLiteral)) diagnostics.push(tooLarge(token));
  }
  // Each error is a run of characters no token matches: one diagnostic for the run, not one per character.
  for (const error of result.errors) {
    const text = source.slice(error.offset, error.offset + error.length);
    const shown = text.length > maxShownCharacters ? `${text.slice(0, maxShownCharacters)}…` : text;
    diagnostics.push(
      diagnostic(
        syntaxDiagnostics.unexpectedCharacter,
        `unexpected character${text.length === 1 ? '' : 's'} \`${showCharacter(shown)}\``,
        lines.range(error.offset, error.offset + error.length),
        { help: characterHelp(text) },
      ),
    );
  }
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const comments = (result.groups['comments'] ?? []).map((token) => ({ text: token.image, range: tokenRange(token) }));
  return { tokens, comments, diagnostics, lines };
}

/** A number too large to score with (a 400-digit literal is Infinity): an error, not a `null` score later. */
function tooLarge(token: IToken): Diagnostic {
  const shown = token.image.length > maxShownCharacters ? `${token.image.slice(0, maxShownCharacters)}…` : token.image;
  return diagnostic(syntaxDiagnostics.badNumber, `\`${shown}\` is too large: a number in a policy is at most 1,000,000,000,000,000`, tokenRange(token), {
    help: 'write a smaller number; with a suffix, 10M is ten million and 2B two billion',
  });
}

/** A long run of unknown characters is quoted only in part: the caret shows the rest. */
const maxShownCharacters = 20;

function showCharacter(text: string): string {
  // eslint-disable-next-line no-control-regex -- naming the control characters is the point
  return text.replace(/[\u0000-\u001f\u2028\u2029]/g, (ch) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A hint for what was probably meant, judged by the run's first character. */
function characterHelp(text: string): string | undefined {
  const ch = text[0];
  if (ch === '&') return 'write `and`';
  if (ch === '|') return 'write `or`';
  if (ch === '!') return 'write `not`, or `!=` for "not equal"';
  if (ch && "'‘’‚“”„".includes(ch)) return 'strings use straight double quotes: "…"';
  return undefined;
}
