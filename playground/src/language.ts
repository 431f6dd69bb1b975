/**
 * The leadscore language for Monaco: the Monarch tokenizer is built from the
 * lexer's own token definitions (language/tokens.ts), so highlighting cannot
 * drift from the parser. No Monaco import at run time: Node tests can use it.
 */
import type { languages } from 'monaco-editor/editor/editor.api';
import type { TokenType } from 'chevrotain';
// The token definitions alone, not language/index.js: the page needs the vocabulary, the parser runs in the worker.
import { tokens } from '../../language/index.js';
import type { Diagnostic } from '../../language/index.js';
// The diagnostics module alone, for the same reason: it has no dependencies.
import { diagnosticMessage } from '../../language/diagnostics.js';

export const languageId = 'leadscore';

function patternOf(token: TokenType): RegExp {
  const pattern = token.PATTERN;
  if (!(pattern instanceof RegExp)) throw new Error(`token ${token.name} has no regular expression`);
  return pattern;
}

/**
 * A keyword token's pattern as a Monarch rule. The lexer gives keywords a
 * longer alternative (`Identifier`), so `when-ever` or `timestamp` stay names:
 * the rule refuses a match that an identifier would continue.
 */
function keywordRule(token: TokenType, kind: string): languages.IMonarchLanguageRule {
  return [new RegExp(`(?:${patternOf(token).source})(?![A-Za-z0-9_]|-[A-Za-z0-9_])`), kind];
}

/** Every word a keyword token can stand for, e.g. `times` and `time`. */
export function keywordWords(token: TokenType): string[] {
  const word = String(token.LABEL ?? token.name).replace(/`/g, '');
  const pattern = new RegExp(`^(?:${patternOf(token).source})$`);
  return [word, word.replace(/s$/, '')].filter((candidate, index, all) => all.indexOf(candidate) === index && pattern.test(candidate));
}

export const hardKeywordWords = tokens.hardKeywords.flatMap(keywordWords);
export const softKeywordWords = tokens.softKeywords.flatMap(keywordWords);

export function monarchLanguage(): languages.IMonarchLanguage {
  const rule = (token: TokenType, kind: string): languages.IMonarchLanguageRule => [patternOf(token), kind];
  return {
    defaultToken: 'invalid',
    tokenPostfix: '.leadscore',
    brackets: [
      { open: '[', close: ']', token: 'delimiter.bracket' },
      { open: '(', close: ')', token: 'delimiter.parenthesis' },
    ],
    tokenizer: {
      root: [
        // A section header: a name at the start of a line followed by `:`.
        [new RegExp(`^${patternOf(tokens.Identifier).source}(?=\\s*:)`), 'type.section'],
        rule(tokens.Whitespace, 'white'),
        rule(tokens.Comment, 'comment'),
        rule(tokens.StringLiteral, 'string'),
        rule(tokens.UnterminatedString, 'string.invalid'),
        rule(tokens.WrongQuotes, 'string.invalid'),
        rule(tokens.NumberLiteral, 'number'),
        rule(tokens.BadNumber, 'number.invalid'),
        ...tokens.hardKeywords.map((token) => keywordRule(token, 'keyword')),
        ...tokens.softKeywords.map((token) => keywordRule(token, 'keyword.soft')),
        rule(tokens.Identifier, 'identifier'),
        [/[[\]()]/, '@brackets'],
        ...[tokens.GreaterEqual, tokens.LessEqual, tokens.NotEqual, tokens.Equal, tokens.Greater, tokens.Less].map((token) => rule(token, 'operator')),
        ...[tokens.Comma, tokens.Colon].map((token) => rule(token, 'delimiter')),
      ],
    },
  };
}

/** A section header: a name at the start of a line and `:`, perhaps with a comment after it. */
export const sectionHeaderPattern = new RegExp(`^${patternOf(tokens.Identifier).source}\\s*:\\s*(#.*)?$`);

/**
 * The start of an indented line that can never be in a section: a declaration, a decision or
 * another section's header (LS1007). Typing it under a section takes the line back to column 1.
 */
export const neverInSectionPattern = new RegExp(
  `^\\s+(?:(?:${[tokens.Policy, tokens.List, tokens.Field, tokens.Event, tokens.Import, tokens.Grade, tokens.Stage, tokens.Route].map((token) => patternOf(token).source).join('|')})\\s|${patternOf(tokens.Identifier).source}\\s*:)`,
);

/** Monaco's `IndentAction.Indent`, without importing Monaco at run time. */
const indent = 1 as languages.IndentAction.Indent;

/**
 * Brackets, comments, Enter and folding. Enter after a section header indents the next line,
 * so the rules typed there are the section's (at column 1 they would be rules outside every
 * section, and nothing would say so); other lines keep their indentation. Folding follows the
 * indentation, so a section folds to its header; `# region` … `# endregion` fold too.
 */
export const languageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  wordPattern: new RegExp(patternOf(tokens.Identifier).source, 'g'),
  onEnterRules: [{ beforeText: sectionHeaderPattern, action: { indentAction: indent } }],
  indentationRules: { increaseIndentPattern: sectionHeaderPattern, decreaseIndentPattern: neverInSectionPattern },
  // Off-side: the blank lines after a section belong to what follows, so a folded section hides only its rules.
  folding: { offSide: true, markers: { start: /^\s*#\s*region\b/, end: /^\s*#\s*endregion\b/ } },
};

/** A marker as Monaco wants it, without depending on Monaco at run time (severity: 8 error, 4 warning). */
export interface MarkerData {
  severity: 8 | 4;
  message: string;
  code: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** The message shown on the squiggle: the compiler's message, then its help or suggestion (as every editor shows it). */
export const markerMessage = diagnosticMessage;

/** One marker per diagnostic; each file's model gets the diagnostics whose `range.file` is that file. */
export function toMarkers(diagnostics: readonly Diagnostic[]): MarkerData[] {
  return diagnostics.map((diagnostic) => {
    const { start, end } = diagnostic.range;
    return {
      severity: diagnostic.severity === 'error' ? 8 : 4,
      message: markerMessage(diagnostic),
      code: diagnostic.code,
      startLineNumber: start.line,
      startColumn: start.column,
      endLineNumber: end.line,
      endColumn: Math.max(end.column, end.line === start.line ? start.column + 1 : end.column),
    };
  });
}
