/**
 * Between the compiler's ranges (1-based lines and columns, with offsets) and the service's
 * (0-based, as the Language Server Protocol counts). Both count characters in UTF-16 code
 * units and end lines at `\r\n`, `\r` or `\n`, so the conversion is plain arithmetic.
 */
import type { Range as SourceRange } from '../language/index.js';
import type { Position, Range } from './types.js';

export function toRange(range: SourceRange): Range {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

/** The 1-based line and column the compiler's tokens use. */
export function toSourcePosition(position: Position): { line: number; column: number } {
  return { line: position.line + 1, column: position.character + 1 };
}

/** Where each line of `text` starts, by 0-based line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The position just after the last character: the end of a whole-document edit. */
export function endOf(text: string): Position {
  const starts = lineStarts(text);
  const last = starts.length - 1;
  return { line: last, character: text.length - starts[last]! };
}

/** The offset of a position, clamped to its line (a position past a line's end is at its end). */
export function offsetAt(text: string, position: Position): number {
  const starts = lineStarts(text);
  const line = Math.min(Math.max(position.line, 0), starts.length - 1);
  const start = starts[line]!;
  const next = starts[line + 1];
  let end = next ?? text.length;
  if (next !== undefined) end -= text.charCodeAt(next - 2) === 13 && text.charCodeAt(next - 1) === 10 ? 2 : 1;
  return Math.min(start + Math.max(position.character, 0), end);
}

export function contains(range: Range, position: Position): boolean {
  return !before(position, range.start) && !before(range.end, position);
}

/** Whether two ranges share a position; touching counts, so a cursor at a word's end is on it. */
export function intersects(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
