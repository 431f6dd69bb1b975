// Leads as JSON Lines: one JSON object per line; a blank line is skipped, a line that is not JSON
// becomes an error in the lead's place. Browser-safe: the CLI streams lines, the playground splits text.
import { idOf, type LeadInput } from './input.js';

/** The lead of one line of JSON Lines, or why it is not one. */
export function jsonLine(text: string, line: number): LeadInput {
  try {
    const lead: unknown = JSON.parse(text);
    return { line, id: idOf(lead), lead };
  } catch (error) {
    return { line, id: null, error: `not valid JSON: ${(error as Error).message}` };
  }
}

/**
 * Lines of JSON Lines not yet parsed, many at once: `bytes` is whole lines in UTF-8 as they came
 * (each ended by a line feed in the input, the last one's left off), the first of them numbered
 * `line`; `lines` says how many. `score --jobs` sends these to its worker threads (the bytes
 * moved, not copied), which decode and parse them.
 */
export interface LineBlock {
  line: number;
  lines: number;
  bytes: Uint8Array;
}

/** The memory of the blocks among `items`, each block's its own: a worker thread is sent it to keep (transferred), not a copy. */
export function blockMemory(items: ReadonlyArray<LeadInput | LineBlock>): ArrayBuffer[] {
  const memory: ArrayBuffer[] = [];
  for (const item of items) if ('bytes' in item) memory.push(item.bytes.buffer as ArrayBuffer);
  return memory;
}

// A byte-order mark is text here: only line 1's is dropped, and line 1 is never in a block. Bytes
// that are not UTF-8 become U+FFFD, as the StringDecoder of a stream read as text makes them; a
// block ends at a line feed, so no character is cut between two blocks.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The leads of a block, numbered: each non-blank line, parsed (a CR before a line's end is dropped, as linesOf does). */
export function* blockLeads(block: LineBlock): Generator<LeadInput> {
  const text = utf8.decode(block.bytes);
  let number = block.line;
  for (let start = 0; ; number++) {
    const end = text.indexOf('\n', start);
    const raw = end < 0 ? text.slice(start) : text.slice(start, end);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() !== '') yield jsonLine(line, number);
    if (end < 0) return;
    start = end + 1;
  }
}

/** Every lead of a JSON Lines text, numbered by line; a byte-order mark and CRLF line ends are fine. */
export function jsonlLeads(text: string): LeadInput[] {
  const leads: LeadInput[] = [];
  text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() !== '') leads.push(jsonLine(line, index + 1));
    });
  return leads;
}
