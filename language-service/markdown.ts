/** Text for hovers and completion details: the policy's own text is shown as written, never as markup. */

/** Escapes text from the policy for Markdown: it is shown as written, never as markup or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&"']/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
}

/** A list's entries, shortened to about `width` characters. */
export function shortEntries(entries: readonly string[], width = 48): string {
  let shown = '';
  let count = 0;
  for (const entry of entries) {
    const next = shown === '' ? entry : `${shown}, ${entry}`;
    if (next.length > width && count > 0) break;
    shown = next;
    count++;
  }
  return `[${shown}${count < entries.length ? `, … (${entries.length} entries)` : ''}]`;
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
