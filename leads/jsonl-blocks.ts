// JSON Lines from a stream, cut into blocks of whole lines as the chunks arrive (see LineBlock),
// for `score --jobs`: the command's own thread only finds where lines end, and worker threads
// parse them. The leads come out exactly as jsonlStreamLeads gives them, numbers included: a CR
// before a line feed is dropped, blank lines are skipped, a byte-order mark on line 1 is fine, a
// line beyond the limit is an error in its place. Input whose first line is not JSON (one lead
// over several lines, or a bad first line) is handed to jsonlStreamLeads, which holds it.
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { CliError } from '../workspace/index.js';
import { jsonlStreamLeads } from './files.js';
import type { LeadInput } from './input.js';
import { jsonLine, type LineBlock } from './jsonl.js';
import { maxLineLength } from './lines.js';

const overlongLine = (line: number): LeadInput => ({ line, id: null, error: `line ${line} is longer than ${maxLineLength / 1024 / 1024} MiB; it was not read` });

/** The number of line feeds in `text`. */
function lineFeeds(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Cuts text, chunk by chunk, into blocks of whole lines; a line longer than `limit` becomes its error. */
class BlockCutter {
  private pending = '';
  private overlong = false;

  constructor(
    private number: number,
    private readonly limit: number,
  ) {}

  /** The blocks (and over-long lines) a chunk completes. */
  cut(chunk: string): Array<LeadInput | LineBlock> {
    const items: Array<LeadInput | LineBlock> = [];
    let start = 0;
    if (this.overlong) {
      const end = chunk.indexOf('\n');
      if (end < 0) return items;
      items.push(overlongLine(this.number++));
      this.overlong = false;
      start = end + 1;
    }
    const last = chunk.lastIndexOf('\n');
    if (last >= start) {
      if (this.pending.length + (last - start) <= this.limit + 1) {
        // No line can be too long: the whole text is within the limit.
        this.block(items, this.pending + chunk.slice(start, last));
      } else {
        // A chunk larger than the limit (chunks are 64 KiB, the limit 32 MiB): line by line.
        let run: string[] = [];
        for (let end = chunk.indexOf('\n', start); end >= 0 && end <= last; start = end + 1, end = chunk.indexOf('\n', start)) {
          const line = this.pending + chunk.slice(start, end);
          this.pending = '';
          if (line.length <= this.limit + 1) {
            run.push(line);
            continue;
          }
          if (run.length > 0) this.block(items, run.join('\n'));
          run = [];
          items.push(overlongLine(this.number++));
        }
        if (run.length > 0) this.block(items, run.join('\n'));
      }
      this.pending = '';
      start = last + 1;
    }
    this.pending += chunk.slice(start);
    if (this.pending.length > this.limit) {
      this.overlong = true;
      this.pending = '';
    }
    return items;
  }

  private block(items: Array<LeadInput | LineBlock>, text: string): void {
    const lines = lineFeeds(text) + 1;
    items.push({ line: this.number, lines, text });
    this.number += lines;
  }

  /** The last line, which no line feed ended. */
  end(rest: string): Array<LeadInput | LineBlock> {
    const text = this.pending + rest;
    if (this.overlong || text.length > this.limit + 1) return [overlongLine(this.number)];
    return text === '' ? [] : [{ line: this.number, lines: 1, text }];
  }
}

/**
 * The leads of a JSON stream as jsonlStreamLeads reads them, the first one parsed and the rest in
 * blocks of whole lines, unparsed (blockLeads parses a block).
 */
export async function* jsonlBlocks(input: Readable, path: string, limit = maxLineLength): AsyncGenerator<LeadInput | LineBlock> {
  const decoder = new StringDecoder('utf8');
  const decode = (chunk: unknown) => (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<unknown>;
  const seen: string[] = [];
  let text = '';
  let number = 1;
  let first: LeadInput | undefined;
  let handOver = false;
  try {
    // The first non-blank line decides: JSON, and the rest goes in blocks; anything else, and jsonlStreamLeads reads all of it.
    while (!first && !handOver) {
      const next = await chunks.next();
      if (next.done) {
        handOver = true;
        break;
      }
      const chunk = decode(next.value);
      seen.push(chunk);
      text += chunk;
      for (let end = text.indexOf('\n'); end >= 0 && !first && !handOver; end = text.indexOf('\n')) {
        const raw = text.slice(0, end);
        text = text.slice(end + 1);
        if (raw.length > limit + 1) handOver = true;
        const whole = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        const line = number === 1 ? whole.replace(/^\ufeff/, '') : whole;
        if (!handOver && line.trim() !== '') {
          first = jsonLine(line, number);
          if (first.error !== undefined) handOver = true;
        }
        number++;
      }
      if (text.length > limit) handOver = true;
    }
  } catch (error) {
    throw new CliError(`cannot read leads ${path}: ${(error as Error).message}`);
  }
  if (handOver) {
    // What was read goes first, then the rest, all decoded here (a character may be split between chunks).
    async function* again(): AsyncGenerator<string> {
      yield* seen;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield decode(next.value);
      const rest = decoder.end();
      if (rest !== '') yield rest;
    }
    yield* jsonlStreamLeads(Readable.from(again()), path);
    return;
  }
  yield first!;
  const cutter = new BlockCutter(number, limit);
  try {
    yield* cutter.cut(text);
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield* cutter.cut(decode(next.value));
    yield* cutter.end(decoder.end());
  } catch (error) {
    throw new CliError(`cannot read leads ${path}: ${(error as Error).message}`);
  } finally {
    await chunks.return?.();
  }
}
