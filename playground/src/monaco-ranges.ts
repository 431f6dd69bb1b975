/**
 * Between Monaco's positions (1-based lines and columns) and the language service's (0-based,
 * as the Language Server Protocol counts). Types only: no Monaco at run time, so Node tests can use it.
 */
import type { IPosition, IRange } from 'monaco-editor/editor/editor.api';
import type { Position, Range } from '../../language-service/index.js';

export function fromMonacoPosition(position: IPosition): Position {
  return { line: position.lineNumber - 1, character: position.column - 1 };
}

export function fromMonacoRange(range: IRange): Range {
  return { start: { line: range.startLineNumber - 1, character: range.startColumn - 1 }, end: { line: range.endLineNumber - 1, character: range.endColumn - 1 } };
}

export function toMonacoRange(range: Range): IRange {
  return { startLineNumber: range.start.line + 1, startColumn: range.start.character + 1, endLineNumber: range.end.line + 1, endColumn: range.end.character + 1 };
}
