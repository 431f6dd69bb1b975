// The lines of a JSON Lines stream. Only a line feed ends a line (a CR before it is dropped): a
// lone CR inside a line is whitespace to JSON, and readline would split the line there, giving two
// broken results and shifting every later line number. A line longer than the limit is not held
// in memory: it is reported in its place, and reading goes on at the next line.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** The longest line read, in characters: far beyond any lead, far below what would exhaust memory. */
export const maxLineLength = 32 * 1024 * 1024;

/** A line too long to read: its number is its place in the stream. */
export interface OverlongLine {
  overlong: true;
}

export async function* linesOf(input: Readable, limit = maxLineLength): AsyncGenerator<string | OverlongLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let overlong = false;
  const finish = (line: string): string | OverlongLine => (overlong || line.length > limit + 1 ? { overlong: true } : line.endsWith('\r') ? line.slice(0, -1) : line);
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
      yield finish(pending + text.slice(start, end));
      pending = '';
      overlong = false;
    }
    if (overlong) continue;
    pending += text.slice(start);
    if (pending.length > limit) {
      overlong = true;
      pending = '';
    }
  }
  const rest = pending + decoder.end();
  if (overlong || rest !== '') yield finish(rest);
}
