/** The lexer's view of a position: which token the cursor is on, and what kind of word it is. */
import type { IToken, TokenType } from 'chevrotain';
import { lex, splitLines, tokens as t } from '../language/index.js';

export const keywordTypes = new Set<TokenType>([...t.hardKeywords, ...t.softKeywords]);
export const isWordToken = (token: IToken) => token.tokenType === t.Identifier || keywordTypes.has(token.tokenType);
/** A word that may be a name: an identifier, or a soft keyword (`stage`, `event`…) used as one. */
export const isNameToken = (token: IToken) => token.tokenType === t.Identifier || t.softKeywords.includes(token.tokenType);

/** The token under a 1-based line and column; a cursor just after a word is on it. */
export function tokenAt(text: string, position: { line: number; column: number }): IToken | undefined {
  return lex(text).tokens.find(
    (token) => token.startLine === position.line && (token.startColumn ?? 0) <= position.column && position.column <= (token.endColumn ?? 0) + 1 && token.tokenType !== t.Newline,
  );
}

/**
 * Whether a soft keyword starts its statement, as the parser splits statements, and so is a keyword
 * (`policy "…"`, `list dach = …`). Elsewhere, at the start of a line inside brackets too, and as a
 * section's name (`policy:`), it is a name.
 */
export function startsStatement(text: string, token: IToken): boolean {
  const statement = splitLines(lex(text).tokens, [], text.charCodeAt(0) === 0xfeff).find((line) => line.tokens[0]?.startOffset === token.startOffset);
  return statement !== undefined && statement.tokens[1]?.tokenType !== t.Colon;
}
