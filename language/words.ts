import { EOF, type IToken, type TokenType } from 'chevrotain';

/** `a`, `a or b`, `a, b or c`: each word once, in order. */
export function oneOf(words: readonly string[], none = 'something else'): string {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? none;
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/** A token as a message quotes it: `` `when` ``, or the end of the line. */
export function describeToken(token: IToken): string {
  return token.tokenType === EOF ? 'the end of the line' : `\`${token.image}\``;
}

/** What a token type is called in a message: its label (`a number`, `` `add` ``). */
export function describeType(type: TokenType): string {
  const label = type.LABEL ?? type.name;
  return label === 'end of line' || type === EOF ? 'the end of the line' : label;
}
