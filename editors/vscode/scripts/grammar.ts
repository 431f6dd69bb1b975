/**
 * The TextMate grammar of `.score` files, built from the lexer's own token definitions
 * (language/tokens.ts) so that highlighting cannot drift from the parser: one rule per token,
 * in the lexer's order, each with the token's own regular expression.
 */
import type { TokenType } from 'chevrotain';
import { tokens } from '../../../language/index.js';

export const scopeName = 'source.leadscore';

interface Rule {
  name?: string;
  match: string;
  captures?: Record<string, { name: string }>;
}

export interface TextMateGrammar {
  $schema: string;
  name: string;
  scopeName: string;
  fileTypes: string[];
  patterns: Rule[];
}

function source(token: TokenType): string {
  const pattern = token.PATTERN;
  if (!(pattern instanceof RegExp)) throw new Error(`token ${token.name} has no regular expression`);
  return pattern.source;
}

/** A name goes on with letters, digits, `_` and `-` followed by more: `when-ever` is a name, not `when`. */
const nameEnds = '(?![A-Za-z0-9_]|-[A-Za-z0-9_])';

/** The scope of each token the lexer keeps or reports; whitespace, line breaks and the `Name` category have none. */
const scopes = new Map<TokenType, string>([
  [tokens.Comment, 'comment.line.number-sign.leadscore'],
  [tokens.StringLiteral, 'string.quoted.double.leadscore'],
  [tokens.UnterminatedString, 'invalid.illegal.unterminated-string.leadscore'],
  [tokens.WrongQuotes, 'invalid.illegal.wrong-quotes.leadscore'],
  [tokens.NumberLiteral, 'constant.numeric.leadscore'],
  [tokens.BadNumber, 'invalid.illegal.number.leadscore'],
  ...tokens.hardKeywords.map((token): [TokenType, string] => [token, 'keyword.control.leadscore']),
  ...tokens.softKeywords.map((token): [TokenType, string] => [token, 'keyword.other.leadscore']),
  [tokens.Identifier, 'variable.other.leadscore'],
  [tokens.LBracket, 'punctuation.section.brackets.begin.leadscore'],
  [tokens.RBracket, 'punctuation.section.brackets.end.leadscore'],
  [tokens.LParen, 'punctuation.section.parens.begin.leadscore'],
  [tokens.RParen, 'punctuation.section.parens.end.leadscore'],
  [tokens.Comma, 'punctuation.separator.comma.leadscore'],
  [tokens.Colon, 'punctuation.separator.colon.leadscore'],
  ...[tokens.GreaterEqual, tokens.LessEqual, tokens.NotEqual, tokens.Equal, tokens.Greater, tokens.Less].map((token): [TokenType, string] => [
    token,
    'keyword.operator.comparison.leadscore',
  ]),
]);

/** Tokens that are not highlighted: skipped, structural, or a category of others. */
export const unscopedTokens: ReadonlySet<TokenType> = new Set([tokens.Whitespace, tokens.Newline, tokens.Name, tokens.UnexpectedCharacter]);

export function scopeOf(token: TokenType): string | undefined {
  return scopes.get(token);
}

export function textMateGrammar(): TextMateGrammar {
  const keywords = new Set<TokenType>([...tokens.hardKeywords, ...tokens.softKeywords]);
  const patterns: Rule[] = [
    // A section header: a name at the start of a line, then `:`.
    {
      match: `^(${source(tokens.Identifier)})\\s*(:)`,
      captures: { '1': { name: 'entity.name.section.leadscore' }, '2': { name: 'punctuation.separator.colon.leadscore' } },
    },
  ];
  for (const token of tokens.allTokens) {
    if (unscopedTokens.has(token)) continue;
    const name = scopes.get(token);
    if (!name) throw new Error(`the grammar has no scope for the token ${token.name}`);
    const match = keywords.has(token) ? `\\b(?:${source(token)})${nameEnds}` : source(token);
    patterns.push({ name, match });
  }
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'leadscore',
    scopeName,
    fileTypes: ['score'],
    patterns,
  };
}
