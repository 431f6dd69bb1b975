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

/** One line of JSON Lines, not yet parsed: `jsonLine(text, line)` reads it. */
export interface RawLine {
  line: number;
  text: string;
}

/** Passes a line on unparsed (see jsonlStreamLeads in files.ts): a worker thread of `score --jobs` parses it. */
export const rawLine = (text: string, line: number): RawLine => ({ line, text });

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
