import { describe, expect, test } from 'vitest';
import { fromMonacoPosition, fromMonacoRange, toMonacoRange } from './monaco-ranges.js';

describe("Monaco's positions and the language service's", () => {
  test('Monaco counts from 1, the service (as the LSP) from 0; a range goes there and back unchanged', () => {
    expect(fromMonacoPosition({ lineNumber: 1, column: 1 })).toEqual({ line: 0, character: 0 });
    const monacoRange = { startLineNumber: 2, startColumn: 6, endLineNumber: 2, endColumn: 13 };
    expect(fromMonacoRange(monacoRange)).toEqual({ start: { line: 1, character: 5 }, end: { line: 1, character: 12 } });
    expect(toMonacoRange(fromMonacoRange(monacoRange))).toEqual(monacoRange);
  });
});
