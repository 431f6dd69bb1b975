// The character tables the SQL needs to treat text exactly as the runtime does, worked out from
// this JavaScript engine's own Unicode data, so the SQL never depends on a database's Unicode
// version or collation: lower-casing by a `translate` table, JavaScript's whitespace for `trim`,
// and the classes of letters, marks and digits that whole words and country names use.

/** A run of code points, both ends included. */
export type CodePointRange = readonly [number, number];

const isSurrogate = (codePoint: number) => codePoint >= 0xd800 && codePoint <= 0xdfff;

function rangesOf(test: (character: string) => boolean): CodePointRange[] {
  const ranges: Array<[number, number]> = [];
  let start = -1;
  for (let codePoint = 1; codePoint <= 0x110000; codePoint++) {
    const inside = codePoint < 0x110000 && !isSurrogate(codePoint) && test(String.fromCodePoint(codePoint));
    if (inside && start < 0) start = codePoint;
    if (!inside && start >= 0) {
      ranges.push([start, codePoint - 1]);
      start = -1;
    }
  }
  return ranges;
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** What String.prototype.trim removes: WhiteSpace and LineTerminator. */
export const javascriptWhitespace = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** The ASCII characters of javascriptWhitespace. */
export const asciiWhitespace = '\t\n\v\f\r ';

/**
 * toLowerCase as one-to-one character pairs, for `translate(text, upper, lower)`. The one
 * character that lower-cases to two (`İ` → `i̇`) is replaced before; the final sigma, which
 * depends on the letters around it, is the one difference left (see sql/README in spec/language.md).
 */
export const lowerCaseTable = once(() => {
  let upper = '';
  let lower = '';
  for (let codePoint = 1; codePoint < 0x110000; codePoint++) {
    if (isSurrogate(codePoint)) continue;
    const character = String.fromCodePoint(codePoint);
    const lowered = character.toLowerCase();
    if (lowered === character || [...lowered].length !== 1) continue;
    upper += character;
    lower += lowered;
  }
  return { upper, lower };
});

/** The letters and digits that make words (runtime/words.ts). */
export const wordCharacters = once(() => rangesOf((character) => /[\p{L}\p{N}]/u.test(character)));

/** Letters, marks and digits: what a country key keeps (runtime/country-key.ts). */
export const keyCharacters = once(() => rangesOf((character) => /[\p{L}\p{M}\p{N}]/u.test(character)));
