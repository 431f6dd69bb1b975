// Whole-word text matching: `title contains word "CTO"` holds for "CTO" and "CTO & Co-Founder",
// not for "Director" (direCTOr), where a plain `contains` would.

export type TextMatchKind = 'contains' | 'starts-with' | 'ends-with';

/** Letters and digits make words; everything else (spaces, punctuation) separates them. */
const wordCharacter = /[\p{L}\p{N}]/u;

const isWordAt = (text: string, index: number) => index >= 0 && index < text.length && wordCharacter.test(text[index]!);

/**
 * Whether `needle` occurs in `text` as whole words: where it begins with a letter or digit, none
 * stands just before it; where it ends with one, none stands just after it. Both are normalised
 * text (trimmed, lower-cased) already.
 */
export function matchesWord(text: string, needle: string, kind: TextMatchKind): boolean {
  if (needle === '') return true;
  const guardStart = wordCharacter.test(needle[0]!);
  const guardEnd = wordCharacter.test(needle[needle.length - 1]!);
  const fits = (at: number) => !(guardStart && isWordAt(text, at - 1)) && !(guardEnd && isWordAt(text, at + needle.length));
  if (kind === 'starts-with') return text.startsWith(needle) && fits(0);
  if (kind === 'ends-with') return text.endsWith(needle) && fits(text.length - needle.length);
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) if (fits(at)) return true;
  return false;
}
