/**
 * Hostile text: mutations of a valid text (a policy, a file of leads) as fast-check arbitraries,
 * so that a failure shrinks to the fewest, smallest mutations that still make it. A mutation
 * names its place as a whole number taken modulo the text's tokens or lines, so any mutation
 * applies to any text (and still applies after shrinking).
 */
import fc from 'fast-check';

/** How long the long inserts get: enough to cross any buffer or limit below the documented ones, small enough for `npm test`. */
export interface Sizes {
  long: number;
  deep: number;
}

export const testSizes: Sizes = { long: 10_000, deep: 500 };
export const fuzzSizes: Sizes = { long: 200_000, deep: 5_000 };

export type Mutation =
  | { kind: 'delete-token' | 'duplicate-token' | 'delete-line' | 'duplicate-line' | 'truncate'; at: number }
  | { kind: 'swap-tokens' | 'swap-lines'; at: number; other: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'line-ends'; ends: '\r\n' | '\r' | 'mixed' };

/** Characters that break naive readers: NUL, controls, separators, a BOM, lone surrogates, zero-width and bidi marks. */
export const oddCharacters = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\u000b',
  '\f',
  '\r',
  '\r\n',
  '\n',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u200b',
  '\u200e',
  '\u202e',
  '\ud800',
  '\udfff',
  '\udfff\ud800',
  '\ud83d\ude00',
  '\ufffd',
  '\uffff',
];

/** Letters and signs that look like the language's own: Cyrillic and Greek letters, full-width forms, typographic quotes. */
export const confusables = [
  'а',
  'е',
  'о',
  'р',
  'ѕ',
  'і',
  'Α',
  'ο',
  'ｗｈｅｎ',
  'ａｄｄ',
  '＝',
  '＞',
  '（',
  '）',
  '［',
  '］',
  '“',
  '”',
  '„',
  '‘',
  '’',
  '″',
  '−',
  '–',
  '—',
  '٣',
  '１０',
  'ﬁ',
  'ǅ',
  'İ',
  'ß',
  'ſ',
];

/** Words and signs of the language, so that mutations make near-valid policies, not only noise. */
export const languageWords = [
  'when',
  'and',
  'or',
  'not',
  'in',
  'contains',
  'any',
  'word',
  'starts with',
  'ends with',
  'between',
  'is',
  'add',
  'subtract',
  'blacklist',
  'each',
  'at most',
  'times',
  'within',
  'days',
  'for',
  'no activity',
  'otherwise',
  'policy',
  'list',
  'field',
  'event',
  'decay half-life',
  'grade',
  'stage',
  'route',
  'import',
  'from',
  'as',
  'missing',
  'present',
  'true',
  'false',
  'score',
  'fit:',
  'engagement:',
  'title',
  'employees',
  'country',
  'open email',
  'visit page',
  '"/pricing*"',
  '"*a*b*"',
  '""',
  '"',
  '"\\',
  '\\u{110000}',
  '10',
  '-5',
  '0',
  '1.5',
  '10M',
  '1e308',
  '-0',
  '9007199254740993',
  '[',
  ']',
  '(',
  ')',
  ':',
  ',',
  '=',
  '!=',
  '>=',
  '<',
  '#',
  '\n',
  '\n  ',
  '\t',
];

/**
 * Text of any code points, lone surrogates included. (fast-check's `unit: 'binary'` takes seconds
 * to set up on first use, in every test file and fuzz run.)
 */
export const anyText = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)), maxLength });

/** Something to insert: odd characters, language words, confusables, random text, or something very long or very deep. */
export function insertion(sizes: Sizes): fc.Arbitrary<string> {
  const count = (most: number) => fc.integer({ min: 1, max: most });
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...languageWords) },
    { weight: 3, arbitrary: fc.constantFrom(...oddCharacters) },
    { weight: 2, arbitrary: fc.constantFrom(...confusables) },
    { weight: 2, arbitrary: anyText(12) },
    { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 8 }) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        count(sizes.long).map((n) => 'a'.repeat(n)),
        count(sizes.long).map((n) => `"${'x'.repeat(n)}"`),
        count(sizes.long).map((n) => `"${'x'.repeat(n)}`),
        count(sizes.long).map((n) => '9'.repeat(n)),
        count(sizes.long).map((n) => `0.${'0'.repeat(n)}1`),
        count(sizes.long).map((n) => `# ${'#'.repeat(n)}`),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        count(sizes.deep).map((n) => `${'('.repeat(n)}title = "x"${')'.repeat(n)}`),
        count(sizes.deep).map((n) => '('.repeat(n)),
        count(sizes.deep).map((n) => ')'.repeat(n)),
        count(sizes.deep).map((n) => '['.repeat(n)),
        count(sizes.deep).map((n) => 'not '.repeat(n)),
        count(sizes.deep).map((n) => Array.from({ length: n }, (_, i) => `employees > ${i}`).join(n % 2 === 0 ? ' and ' : ' or ')),
        count(sizes.deep).map((n) => `${'(title = "a" or '.repeat(n)}true${')'.repeat(n)}`),
      ),
    },
  );
}

/** One mutation of a text; `inserts` are what an insertion inserts (by default, what suits a policy). */
export function mutation(sizes: Sizes, inserts: fc.Arbitrary<string> = insertion(sizes)): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    fc.record({ kind: fc.constantFrom('delete-token', 'duplicate-token', 'delete-line', 'duplicate-line', 'truncate'), at }) as fc.Arbitrary<Mutation>,
    fc.record({ kind: fc.constantFrom('swap-tokens', 'swap-lines'), at, other: fc.nat() }) as fc.Arbitrary<Mutation>,
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert'), at, text: inserts }) as fc.Arbitrary<Mutation> },
    fc.record({ kind: fc.constant('line-ends'), ends: fc.constantFrom('\r\n', '\r', 'mixed') }) as fc.Arbitrary<Mutation>,
  );
}

/** Up to `most` mutations. */
export const mutations = (sizes: Sizes, most = 6, inserts?: fc.Arbitrary<string>): fc.Arbitrary<Mutation[]> =>
  fc.array(mutation(sizes, inserts), { minLength: 1, maxLength: most });

/** The tokens of a text, roughly as a lexer would see them: strings, words, numbers, space, each other character; together they are the text. */
const tokenPattern = /"(?:[^"\\\n]|\\.)*"?|[\p{L}\p{N}_-]+|\s+|[^]/gu;

export function applyMutation(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, text.length === 0 ? 0 : m.at % text.length);
    case 'line-ends': {
      if (m.ends !== 'mixed') return text.replace(/\r?\n/g, m.ends);
      let i = 0;
      return text.replace(/\r?\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]!);
    }
    case 'delete-line':
    case 'duplicate-line':
    case 'swap-lines': {
      const lines = text.split('\n');
      const i = m.at % lines.length;
      if (m.kind === 'delete-line') lines.splice(i, 1);
      else if (m.kind === 'duplicate-line') lines.splice(i, 0, lines[i]!);
      else if (m.kind === 'swap-lines') {
        const j = m.other % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      return lines.join('\n');
    }
    default: {
      const tokens = text.match(tokenPattern) ?? [];
      if (m.kind === 'insert') {
        tokens.splice(m.at % (tokens.length + 1), 0, m.text);
        return tokens.join('');
      }
      if (tokens.length === 0) return text;
      const i = m.at % tokens.length;
      if (m.kind === 'delete-token') tokens.splice(i, 1);
      else if (m.kind === 'duplicate-token') tokens.splice(i, 0, tokens[i]!);
      else if (m.kind === 'swap-tokens') {
        const j = m.other % tokens.length;
        [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
      }
      return tokens.join('');
    }
  }
}

export const applyMutations = (text: string, list: readonly Mutation[]): string => list.reduce(applyMutation, text);

/** A mutation as a person reads it in a failure report (long inserts abbreviated). */
export function describeMutation(m: Mutation): string {
  if (m.kind !== 'insert') return JSON.stringify(m);
  const shown = m.text.length > 60 ? `${JSON.stringify(m.text.slice(0, 30))}… (${m.text.length} characters)` : JSON.stringify(m.text);
  return `insert ${shown} at token ${m.at}`;
}
