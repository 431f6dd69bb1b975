// The line a byte-level reader of JSON Lines is in the middle of, as chunks of it arrive, and
// whether it is beyond the line limit. The limit counts UTF-16 code units of the decoded line, as
// linesOf (which reads text) measures it: a line has no more code units than bytes, so only a
// line with more bytes than the limit is decoded to count them, and then part by part, as linesOf
// meets it, for the same verdict at the same place.
import { StringDecoder } from 'node:string_decoder';

/** The code units of `parts` decoded as one line, a character cut short at its end included (as U+FFFD). */
export function codeUnits(parts: readonly Uint8Array[]): number {
  const decoder = new StringDecoder('utf8');
  let units = 0;
  for (const part of parts) units += decoder.write(part).length;
  return units + decoder.end().length;
}

export class PendingLine {
  private held: Uint8Array[] = [];
  private size = 0;
  /** Once the bytes pass the limit: the line decoded so far, counted (the decoder keeps a character cut short). */
  private counter: StringDecoder | undefined;
  private units = 0;

  constructor(private readonly limit: number) {}

  /** The bytes of the line so far, in the order they came. */
  get parts(): readonly Uint8Array[] {
    return this.held;
  }

  get byteLength(): number {
    return this.size;
  }

  /**
   * Adds a chunk's bytes after its last line feed. False once the text decoded so far is longer than
   * the limit: linesOf, holding the same text at the end of the same chunk, gives up on the line there.
   */
  add(part: Uint8Array): boolean {
    if (part.length > 0) {
      this.held.push(part);
      this.size += part.length;
    }
    if (this.size <= this.limit) return true;
    if (this.counter) this.units += this.counter.write(part).length;
    else {
      this.counter = new StringDecoder('utf8');
      for (const held of this.held) this.units += this.counter.write(held).length;
    }
    return this.units <= this.limit;
  }

  /** Whether the line, ended by `rest` (its bytes before the line feed), is beyond the limit: more than limit + 1 code units (the one more may be a CR). */
  endsOverlong(rest: Uint8Array): boolean {
    if (this.size + rest.length <= this.limit + 1) return false;
    if (!this.counter) return codeUnits([...this.held, rest]) > this.limit + 1;
    return this.units + this.counter.write(rest).length + this.counter.end().length > this.limit + 1;
  }

  clear(): void {
    this.held = [];
    this.size = 0;
    this.counter = undefined;
    this.units = 0;
  }
}
