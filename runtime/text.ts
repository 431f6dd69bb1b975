/** Text comparisons ignore case and surrounding whitespace; compiler and runtime normalise the same way. */
export function normalizeText(text: string): string {
  return text.trim().toLowerCase();
}
