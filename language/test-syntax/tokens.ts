import { createToken, type TokenType } from 'chevrotain';
import * as p from '../tokens.js';

/**
 * The vocabulary of `.test.score` files: the policy's strings, numbers, names,
 * comments and operators, plus a timestamp and the words of tests. Every new
 * word is soft (usable as a lead's field name, e.g. `line` or `score`), like
 * the policy's soft keywords.
 */
function word(text: string, pattern = new RegExp(`${text}\\b`)): TokenType {
  const name = text.replace(/^\w/, (c) => c.toUpperCase());
  return createToken({ name, pattern, longer_alt: p.Identifier, categories: [p.Name], label: `\`${text}\`` });
}

export const Test = word('test');
export const Expect = word('expect');
export const Lead = word('lead');
/** `events` is the policy's own soft keyword (`events at from …`), here the start of a lead's events. */
export const Events = p.Events;
export const Now = word('now');
/** `ago` is the policy's own soft keyword (`more than 30 days ago`), here the end of an event's age. */
export const Ago = p.Ago;
export const Hours = word('hours', /hours?\b/);
export const Minutes = word('minutes', /minutes?\b/);
export const Weeks = word('weeks', /weeks?\b/);
export const Score = word('score');
export const Blacklisted = word('blacklisted');
export const Rule = word('rule');
export const Line = word('line');
export const Fired = word('fired');
export const Did = word('did');
export const Fire = word('fire');
export const None = word('none');

/** `2026-11-23`, `2026-11-23T12:00:00Z`, `2026-11-23T14:00+02:00`: checked as a time when the test runs. */
export const Timestamp = createToken({
  name: 'Timestamp',
  pattern: /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w.:+-])/,
  label: 'a time such as 2026-11-23T12:00:00Z',
});

export const testWords = [Test, Expect, Lead, Now, Hours, Minutes, Weeks, Score, Blacklisted, Rule, Line, Fired, Did, Fire, None];

/** The policy's hard keywords a test file uses; any other hard keyword is still reserved. */
export const testTokens: TokenType[] = [
  p.Whitespace,
  p.Newline,
  p.Comment,
  p.StringLiteral,
  p.UnterminatedString,
  p.WrongQuotes,
  Timestamp,
  p.NumberLiteral,
  p.BadNumber,
  ...p.hardKeywords,
  ...testWords,
  ...p.softKeywords,
  p.Identifier,
  p.Name,
  p.LBracket,
  p.RBracket,
  p.LParen,
  p.RParen,
  p.Comma,
  p.Colon,
  p.GreaterEqual,
  p.LessEqual,
  p.NotEqual,
  p.Equal,
  p.Greater,
  p.Less,
];
