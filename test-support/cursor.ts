/** Editor positions in tests: a `|` in the text marks the cursor. */

/** The text without its `|`, and the 0-based position (as the LSP counts) where the `|` was. */
export function cursor(marked: string): { text: string; position: { line: number; character: number } } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no cursor in the text');
  const before = marked.slice(0, offset).split('\n');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), position: { line: before.length - 1, character: before[before.length - 1]!.length } };
}
