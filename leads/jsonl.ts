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

/** The memory of the blocks among `items`, which a worker thread is sent to keep (transferred), not a copy; a block's memory is its own or its chunk's. */
export function blockMemory(items: ReadonlyArray<LeadInput | LineBlock>): ArrayBuffer[] {
  const memory = new Set<ArrayBuffer>();
  for (const item of items) if ('bytes' in item) memory.add(item.bytes.buffer as ArrayBuffer);
  return [...memory];
}

// A byte-order mark is text here: only line 1's is dropped, and line 1 is never in a block. Bytes
// that are not UTF-8 become U+FFFD, as the StringDecoder of a stream read as text makes them; a
// block ends at a line feed, so no character is cut between two blocks.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * About the most bytes decoded into one string: V8 makes strings up to 128 KiB in its young
 * generation, quickly, and larger ones several times more slowly (64 MiB of leads took 15 ms to
 * decode in pieces of 64 KiB, 40 to 70 ms in pieces of 1 MiB).
 */
const pieceBytes = 64 * 1024;

/** The text of a block, in pieces of whole lines of about `pieceBytes` (a longer line is a piece of its own). */
function* blockText(bytes: Uint8Array): Generator<string> {
  for (let from = 0; from < bytes.length;) {
    let to = from + pieceBytes >= bytes.length ? bytes.length : bytes.lastIndexOf(0x0a, from + pieceBytes);
    if (to < from) to = bytes.indexOf(0x0a, from + pieceBytes);
    if (to < 0) to = bytes.length;
    yield utf8.decode(bytes.subarray(from, to));
    from = to + 1;
  }
}

/** The leads of a block, numbered: each non-blank line, parsed (a CR before a line's end is dropped, as linesOf does). */
export function* blockLeads(block: LineBlock): Generator<LeadInput> {
  let number = block.line;
  for (const text of blockText(block.bytes)) {
    for (let start = 0; ; number++) {
      const end = text.indexOf('\n', start);
      const raw = end < 0 ? text.slice(start) : text.slice(start, end);
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() !== '') yield jsonLine(line, number);
      if (end < 0) break;
      start = end + 1;
    }
    // The line feed between two pieces ends a line.
    number++;
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
