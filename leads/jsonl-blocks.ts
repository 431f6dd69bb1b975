// JSON Lines from a stream, cut into blocks of whole lines as the chunks arrive (see LineBlock),
// for `score --jobs`: the command's own thread only finds where lines end, in the bytes (no
// decoding, which the worker threads do), and worker threads decode and parse them. The leads
// come out exactly as jsonlStreamLeads gives them, numbers included: a CR before a line feed is
// dropped, blank lines are skipped, a byte-order mark on line 1 is fine, a line beyond the limit
// is an error in its place. Input whose first line is not JSON (one lead over several lines, or a
// bad first line) is handed to jsonlStreamLeads, which holds it.
import { Readable } from 'node:stream';
import { CliError } from '../workspace/index.js';
import { jsonlStreamLeads } from './files.js';
import type { LeadInput } from './input.js';
import { jsonLine, type LineBlock } from './jsonl.js';
import { maxLineLength } from './lines.js';
import { codeUnits, PendingLine } from './pending-line.js';

const lineFeed = 0x0a;

/** The number of lines in bytes: one more than their line feeds. */
function lineCount(bytes: Buffer): number {
  let lines = 1;
  for (let at = bytes.indexOf(lineFeed); at >= 0; at = bytes.indexOf(lineFeed, at + 1)) lines++;
  return lines;
}

/** Whether a chunk alone holds its memory (it is no slice of Node's buffer pool or of a larger buffer): then the memory can move to a worker thread. */
const ownsMemory = (chunk: Buffer): boolean => chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.buffer instanceof ArrayBuffer;

const overlongLine = (line: number): LeadInput => ({ line, id: null, error: `line ${line} is longer than ${maxLineLength / 1024 / 1024} MiB; it was not read` });

/**
 * The bytes of a stream's chunks: Buffers as they are; text (a stream read as text, as tests give)
 * as UTF-8, a surrogate pair cut between two chunks kept whole.
 */
class ChunkBytes {
  private highSurrogate = '';

  of(chunk: unknown): Buffer {
    if (Buffer.isBuffer(chunk)) return chunk;
    if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let text = this.highSurrogate + String(chunk);
    const last = text.charCodeAt(text.length - 1);
    this.highSurrogate = last >= 0xd800 && last <= 0xdbff ? text.slice(-1) : '';
    if (this.highSurrogate !== '') text = text.slice(0, -1);
    return Buffer.from(text, 'utf8');
  }

  /** A high surrogate the text ended with, alone. */
  end(): Buffer {
    return Buffer.from(this.highSurrogate, 'utf8');
  }
}

/** Cuts bytes, chunk by chunk, into blocks of whole lines; a line beyond the limit becomes its error. */
class BlockCutter {
  private readonly pending: PendingLine;
  private overlong = false;

  constructor(
    private number: number,
    private readonly limit: number,
  ) {
    this.pending = new PendingLine(limit);
  }

  /** The blocks (and over-long lines) a chunk completes. */
  cut(chunk: Buffer): Array<LeadInput | LineBlock> {
    const items: Array<LeadInput | LineBlock> = [];
    let start = 0;
    if (this.overlong) {
      const end = chunk.indexOf(lineFeed);
      if (end < 0) return items;
      items.push(overlongLine(this.number++));
      this.overlong = false;
      start = end + 1;
    }
    const last = chunk.lastIndexOf(lineFeed);
    let moved = false;
    if (last >= start) {
      // No line can be too long when all of them have no more bytes than the limit allows code units.
      if (this.pending.byteLength + (last - start) <= this.limit + 1) moved = this.cutWhole(items, chunk, start, last);
      else this.cutLines(items, chunk, start, last);
      this.pending.clear();
      start = last + 1;
    }
    // The start of the next line is kept in a copy when the chunk's memory moves away with a block.
    const rest = chunk.subarray(start);
    if (!this.pending.add(moved ? Buffer.from(rest) : rest)) {
      this.overlong = true;
      this.pending.clear();
    }
    return items;
  }

  /**
   * The pending line and the chunk's lines up to `last`, its last line feed: the line the chunk
   * completes in a block of its own (copied), the others in one block that is a view of the chunk.
   * True when that block takes the chunk's memory with it to a worker thread (not copied): when
   * the chunk alone holds that memory, as the chunks a stream reads do.
   */
  private cutWhole(items: Array<LeadInput | LineBlock>, chunk: Buffer, start: number, last: number): boolean {
    if (this.pending.byteLength > 0) {
      const end = chunk.indexOf(lineFeed, start);
      this.block(items, [...this.pending.parts, chunk.subarray(start, end)]);
      if (end === last) return false;
      start = end + 1;
    }
    const bytes = chunk.subarray(start, last);
    if (!ownsMemory(chunk)) {
      this.block(items, [bytes]);
      return false;
    }
    const lines = lineCount(bytes);
    items.push({ line: this.number, lines, bytes });
    this.number += lines;
    return true;
  }

  /** Line by line up to `last`, the chunk's last line feed: some line has more bytes than the limit (32 MiB, far more than a chunk). */
  private cutLines(items: Array<LeadInput | LineBlock>, chunk: Buffer, start: number, last: number): void {
    // The lines not yet in a block: the pending line's bytes, then the chunk's from `from` up to `to`.
    let head = this.pending.parts;
    let from = start;
    let to = -1;
    for (let end = chunk.indexOf(lineFeed, start); end >= 0 && end <= last; start = end + 1, end = chunk.indexOf(lineFeed, start)) {
      const rest = chunk.subarray(start, end);
      const overlong = start === from && head.length > 0 ? this.pending.endsOverlong(rest) : rest.length > this.limit + 1 && codeUnits([rest]) > this.limit + 1;
      if (!overlong) {
        to = end;
        continue;
      }
      if (to >= 0) this.block(items, [...head, chunk.subarray(from, to)]);
      items.push(overlongLine(this.number++));
      head = [];
      from = end + 1;
      to = -1;
    }
    if (to >= 0) this.block(items, [...head, chunk.subarray(from, to)]);
  }

  /** A block of the lines in `parts`, copied into memory of its own, which can be moved to a worker thread. */
  private block(items: Array<LeadInput | LineBlock>, parts: readonly Uint8Array[]): void {
    let size = 0;
    for (const part of parts) size += part.length;
    const bytes = Buffer.allocUnsafeSlow(size);
    size = 0;
    for (const part of parts) {
      bytes.set(part, size);
      size += part.length;
    }
    const lines = lineCount(bytes);
    items.push({ line: this.number, lines, bytes });
    this.number += lines;
  }

  /** The last line, which no line feed ended. */
  end(): Array<LeadInput | LineBlock> {
    if (this.overlong || this.pending.endsOverlong(new Uint8Array(0))) return [overlongLine(this.number)];
    const items: Array<LeadInput | LineBlock> = [];
    if (this.pending.byteLength > 0) this.block(items, this.pending.parts);
    return items;
  }
}

/**
 * The leads of a JSON stream as jsonlStreamLeads reads them, the first one parsed and the rest in
 * blocks of whole lines, unparsed (blockLeads decodes and parses a block). The stream's chunks
 * become the blocks': a Buffer that alone holds its memory, as a file's or a pipe's chunks do, is
 * moved to a worker thread with its block, and whoever made it must not use it again.
 */
export async function* jsonlBlocks(input: Readable, path: string, limit = maxLineLength): AsyncGenerator<LeadInput | LineBlock> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<unknown>;
  const bytes = new ChunkBytes();
  const seen: unknown[] = [];
  const pending = new PendingLine(limit);
  let number = 1;
  let first: LeadInput | undefined;
  let handOver = false;
  /** The bytes after the first lead's line. */
  let after: Buffer | undefined;
  try {
    // The first non-blank line decides: JSON, and the rest goes in blocks; anything else, and jsonlStreamLeads reads all of it.
    while (!first && !handOver) {
      const next = await chunks.next();
      if (next.done) {
        handOver = true;
        break;
      }
      seen.push(next.value);
      const chunk = bytes.of(next.value);
      let start = 0;
      for (let end = chunk.indexOf(lineFeed); end >= 0 && !first && !handOver; start = end + 1, end = chunk.indexOf(lineFeed, start)) {
        const rest = chunk.subarray(start, end);
        if (pending.endsOverlong(rest)) handOver = true;
        else {
          const raw = Buffer.concat([...pending.parts, rest]).toString('utf8');
          const whole = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
          const line = number === 1 ? whole.replace(/^\ufeff/, '') : whole;
          if (line.trim() !== '') {
            first = jsonLine(line, number);
            if (first.error !== undefined) handOver = true;
          }
        }
        pending.clear();
        number++;
      }
      if (first && !handOver) after = chunk.subarray(start);
      else if (!handOver && !pending.add(chunk.subarray(start))) handOver = true;
    }
  } catch (error) {
    throw new CliError(`cannot read leads ${path}: ${(error as Error).message}`);
  }
  if (handOver) {
    // What was read goes first, as it came, then the rest: jsonlStreamLeads decodes it all.
    async function* again(): AsyncGenerator<unknown> {
      yield* seen;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    }
    yield* jsonlStreamLeads(Readable.from(again()), path, undefined, limit);
    return;
  }
  yield first!;
  const cutter = new BlockCutter(number, limit);
  try {
    yield* cutter.cut(after!);
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield* cutter.cut(bytes.of(next.value));
    yield* cutter.cut(bytes.end());
    yield* cutter.end();
  } catch (error) {
    throw new CliError(`cannot read leads ${path}: ${(error as Error).message}`);
  } finally {
    await chunks.return?.();
  }
}
