// Which rule an `expect rule …` line means: by its name, or at a line and pinned to the rule's
// name or text, so that a line added above a rule never turns the expectation onto another rule.
import type { IToken } from 'chevrotain';
import { lex, tokens as t, unquote } from '../language/index.js';
import type { RuleTrace } from '../runtime/index.js';

/** Rule names compare as the compiler compares them (LS2050): without case and surrounding spaces. */
export const ruleNameKey = (name: string) => name.trim().toLowerCase();

/** A token as pins compare it: strings by their value, keywords by their kind (`time` is `times`), the rest as written. */
function tokenKey(token: IToken): string {
  if (token.tokenType === t.StringLiteral) return `"${unquote(token.image)}`;
  if (token.tokenType === t.Identifier || token.tokenType === t.NumberLiteral) return token.image;
  return `:${token.tokenType.name}`;
}

function tokenKeys(text: string): string[] {
  return lex(text)
    .tokens.filter((token) => token.tokenType !== t.Newline)
    .map(tokenKey);
}

const effectWords = new Set([':Add', ':Subtract', ':Blacklist']);

/**
 * Whether a pin means this rule: its name, or its text as written — the condition alone
 * (`request demo`) or the whole rule (`when request demo add 40`) — whatever the spacing and
 * line breaks. Names ignore case and surrounding spaces; text is compared word by word.
 */
export function pinMatches(pin: string, rule: Pick<RuleTrace, 'rule' | 'name'>): boolean {
  if (rule.name !== undefined && ruleNameKey(rule.name) === ruleNameKey(pin)) return true;
  const wanted = tokenKeys(pin).join(' ');
  if (wanted === '') return false;
  const whole = tokenKeys(rule.rule);
  const effect = whole.findIndex((key) => effectWords.has(key));
  const condition = whole.slice(whole[0] === ':When' ? 1 : 0, effect < 0 ? whole.length : effect);
  const named = whole.length >= 2 && whole[whole.length - 2] === ':As' ? whole.slice(0, -2) : whole;
  return [condition, named, whole].some((keys) => keys.join(' ') === wanted);
}

/** How a rule is called in a failure: by its name, else by its text. */
export function ruleLabel(rule: Pick<RuleTrace, 'rule' | 'name'>): string {
  return rule.name !== undefined ? JSON.stringify(rule.name) : `\`${rule.rule}\``;
}
