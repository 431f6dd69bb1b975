/** A point in a policy's text. Lines and columns are 1-based; offset is 0-based. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A half-open span of text: `start` is the first character, `end` the one after the last. */
export interface Range {
  start: Position;
  end: Position;
  /** The file, for text from an imported file; absent in the main policy. */
  file?: string;
}

export function rangeOf(first: Range, last: Range): Range {
  return first.file === undefined ? { start: first.start, end: last.end } : { start: first.start, end: last.end, file: first.file };
}

/** Where each line starts, to turn offsets into line/column positions. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) this.starts.push(i + 1);
      else if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1, offset };
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.position(startOffset), end: this.position(endOffset) };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    const raw = this.text.slice(start, next ?? this.text.length);
    return raw.replace(/\r?\n$|\r$/, '');
  }
}
