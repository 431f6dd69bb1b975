/** Format document: `leadscore fmt` as one edit, or why the policy cannot be formatted now. */
import { formatPolicy } from '../language/index.js';
import { endOf } from './positions.js';
import type { FormatAnswer } from './types.js';

export function format(text: string): FormatAnswer {
  try {
    const result = formatPolicy(text);
    const first = result.diagnostics[0];
    if (first) return { error: `not formatted: line ${first.range.start.line} has an error (${first.message})` };
    return { edits: result.text === text ? [] : [{ range: { start: { line: 0, character: 0 }, end: endOf(text) }, newText: result.text }] };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
