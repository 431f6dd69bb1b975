// A lead's reasons as one short line for a CSV cell or a CRM text property, most important first:
// `request demo: +39.54; title contains any ["CEO", "CTO", …]: +15; domain in freemail: -10`.
// The condition comes first so that the text never starts with `+` or `-`: a spreadsheet would
// take it for a formula, and the guard against that (csv-safe.ts) would put a `'` in the CRM.
import type { Reason } from '../runtime/index.js';
import { round2 } from '../runtime/support.js';

/** The default cap on the text, in characters: a CRM text property holds it comfortably. */
export const defaultReasonsLength = 1000;
/** The smallest cap allowed: room for a reason's start and the count of the rest. */
export const minimumReasonsLength = 20;
/** The text for a lead no rule gave points to (an empty cell would leave the old reasons in a CRM). */
export const noReasons = 'no rule fired';

/** The effect at the end of a rule (`add 5 each, at most 15`, `blacklist`): the points say it already. */
const effect = /\s+(?:(?:add|subtract)\s+\d+(?:\.\d+)?[kMB]?(?:\s+each)?(?:\s*,?\s*at\s+most\s+\d+(?:\.\d+)?[kMB]?)?|blacklist)$/;
/** A list written in place longer than this is cut to its first entries. */
const longList = 40;
const listEntriesShown = 30;

/** `+15`, `-10`, `0`, `+39.54`. */
function signed(points: number): string {
  const rounded = round2(points);
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

/** A list literal's entries (`"a, b"`, `"c"`), split at the commas outside strings. */
function listEntries(inner: string): string[] {
  const entries: string[] = [];
  let current = '';
  let inString = false;
  for (let index = 0; index < inner.length; index++) {
    const char = inner[index]!;
    if (inString && char === '\\') {
      current += char + (inner[index + 1] ?? '');
      index++;
      continue;
    }
    if (char === '"') inString = !inString;
    if (char === ',' && !inString) {
      entries.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') entries.push(current.trim());
  return entries;
}

/** `["CEO", "CTO", "CMO", "VP", "Head of", "Founder"]` → `["CEO", "CTO", "CMO", "VP", …]`. */
function shortList(list: string): string {
  if (list.length <= longList) return list;
  const entries = listEntries(list.slice(1, -1));
  const shown: string[] = [];
  for (const entry of entries) {
    if (shown.length > 0 && [...shown, entry].join(', ').length > listEntriesShown) break;
    shown.push(entry);
  }
  return shown.length === entries.length ? list : `[${shown.join(', ')}, …]`;
}

/** A string, or a list written in place (whose entries may be strings holding `]`). */
const stringOrList = /"(?:[^"\\]|\\.)*"|\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\]/g;

/** The lists of a condition, each shortened; brackets inside strings are left alone. */
function shortLists(condition: string): string {
  return condition.replace(stringOrList, (match) => (match.startsWith('[') ? shortList(match) : match));
}

/** A rule as a reason shows it: its condition, without `when` and the effect (the points say it). */
export function conditionOf(rule: string): string {
  const condition = rule
    .replace(/\s*[\r\n]\s*/g, ' ')
    .trim()
    .replace(/^when\s+/, '')
    .replace(effect, '');
  return shortLists(condition);
}

function reasonText(reason: Reason): string {
  const condition = conditionOf(reason.rule);
  if (reason.blacklist) return `${condition}: blacklist`;
  const events = reason.events !== undefined && reason.events > 1 ? ` (${reason.events} events)` : '';
  return `${condition}: ${signed(reason.points)}${events}`;
}

/** The most important first: a blacklist, then by the size of the points, then in rule order. */
function byImportance(a: Reason, b: Reason): number {
  if (Boolean(a.blacklist) !== Boolean(b.blacklist)) return a.blacklist ? -1 : 1;
  return Math.abs(b.points) - Math.abs(a.points) || a.line - b.line;
}

/** Characters as a person (and a CRM) counts them: by code point, so no emoji is cut in half. */
const characters = (text: string) => [...text];

/**
 * The reasons in one line, most important first, `; ` between them. Longer than `maxLength`
 * characters, it keeps the reasons that fit whole and ends with `… (N more)`; when not even the
 * first fits, that one is cut with `…`.
 */
export function reasonsText(reasons: readonly Reason[], maxLength = defaultReasonsLength): string {
  if (reasons.length === 0) return noReasons;
  const parts = [...reasons].sort(byImportance).map(reasonText);
  const whole = parts.join('; ');
  if (characters(whole).length <= maxLength) return whole;
  let kept = '';
  for (let count = 1; count < parts.length; count++) {
    const candidate = parts.slice(0, count).join('; ');
    const rest = `; … (${parts.length - count} more)`;
    if (characters(candidate + rest).length > maxLength) break;
    kept = candidate + rest;
  }
  if (kept !== '') return kept;
  const rest = parts.length > 1 ? ` (${parts.length - 1} more)` : '';
  return (
    characters(parts[0]!)
      .slice(0, Math.max(0, maxLength - 1 - characters(rest).length))
      .join('') + `…${rest}`
  );
}
