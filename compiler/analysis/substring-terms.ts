import { diagnostic, type Diagnostic } from '../../language/index.js';
import type * as ast from '../../language/index.js';
import { normalizeText } from '../../runtime/support.js';
import { semanticDiagnostics as d } from '../diagnostics.js';
import { commonWords } from './common-words.js';
import type { AnalysisInput } from './context.js';

/**
 * LS5007: `contains`, `starts with` or `ends with` (without `word`) with a term that also matches
 * inside common words: `title contains "CTO"` holds for "Sales Director" (direCTOr), `title
 * starts with "intern"` for "International Sales". The fix is the whole-word form.
 */
export function checkSubstringTerms({ checked, symbols }: AnalysisInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const conditions = [...checked.rules.map(({ rule }) => rule.condition), ...[...checked.decisions.values()].flatMap(({ rows }) => rows.flatMap(({ row }) => row.condition ?? []))];
  for (const match of conditions.flatMap(textMatches)) {
    if (match.word || !isProse(match.subject.name, symbols)) continue;
    const found = termsInsideWords(termsOf(match, symbols), match.operator);
    if (found.length === 0) continue;
    diagnostics.push(
      diagnostic(d.substringTerm, describe(found), match.value.range, {
        suggestions: [` ${match.operator}${match.any ? ' any' : ''} word `],
        replaces: { ...match.value.range, start: match.subject.range.end, end: match.value.range.start },
        help: `\`${match.operator}${match.any ? ' any' : ''} word\` matches whole words only`,
      }),
    );
  }
  return diagnostics;
}

/** Fields whose text is an address or a code, not words: a term inside them is meant as a substring. */
const notProse = new Set(['id', 'email', 'domain', 'phone', 'website']);

function isProse(name: string, symbols: AnalysisInput['symbols']): boolean {
  return !notProse.has(name) && symbols.fields.get(name)?.type === 'text';
}

/** Endings that make a word another form of the term (`engineer` → "engineering", `Leiter` → "Leiterin"), not another word. */
const inflections = new Set(['s', 'es', 'ed', 'ing', 'er', 'ers', 'or', 'ors', 'ment', 'ments', 'ure', 'in', 'innen']);

interface Found {
  term: string;
  word: string;
}

/** For each term (as written), the first common word it matches inside of, if any. */
function termsInsideWords(terms: string[], operator: ast.TextOperator): Found[] {
  const found: Found[] = [];
  for (const term of terms) {
    const needle = normalizeText(term);
    const word = commonWords.find((candidate) => insideWord(candidate, needle, operator));
    if (word !== undefined) found.push({ term, word });
  }
  return found;
}

/** Whether `needle` matches `word` under the operator only as part of a longer, different word. */
function insideWord(word: string, needle: string, operator: ast.TextOperator): boolean {
  // A single letter or digit is a substring test by intent.
  if (needle.length < 2 || word === needle || !/^[\p{L}\p{N}]/u.test(needle) || !/[\p{L}\p{N}]$/u.test(needle)) return false;
  const letterBefore = (at: number) => at > 0;
  const otherWordAfter = (at: number) => at + needle.length < word.length && !inflections.has(word.slice(at + needle.length));
  if (operator === 'starts with') return word.startsWith(needle) && otherWordAfter(0);
  if (operator === 'ends with') return word.endsWith(needle) && letterBefore(word.length - needle.length);
  for (let at = word.indexOf(needle); at >= 0; at = word.indexOf(needle, at + 1)) if (letterBefore(at) || otherWordAfter(at)) return true;
  return false;
}

/** The strings a text match tests: the one written, the list written in place, or the named list's. */
function termsOf(match: ast.TextMatch, symbols: AnalysisInput['symbols']): string[] {
  const value = match.value;
  const items = value.kind === 'String' ? [value] : value.kind === 'ListLiteral' ? value.items : (symbols.lists.get(value.name)?.declaration.items.items ?? []);
  return items.flatMap((item) => (item.kind === 'String' ? [item.value] : []));
}

/** `"CTO" also matches inside other words, such as "director"`, and the same for several terms. */
function describe(found: Found[]): string {
  const quoted = (texts: string[]) => texts.map((text) => `"${text}"`);
  const join = (texts: string[]) => (texts.length === 1 ? texts[0]! : `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}`);
  return `${join(quoted(found.map((f) => f.term)))} also ${found.length === 1 ? 'matches' : 'match'} inside other words, such as ${join(quoted(found.map((f) => f.word)))}`;
}

/** Every text match in a condition, however deeply nested. */
function textMatches(condition: ast.Condition): ast.TextMatch[] {
  switch (condition.kind) {
    case 'TextMatch':
      return [condition];
    case 'Group':
    case 'Quantified':
      return textMatches(condition.condition);
    case 'Not':
      return textMatches(condition.operand);
    case 'And':
    case 'Or':
      return condition.operands.flatMap(textMatches);
    default:
      return [];
  }
}
