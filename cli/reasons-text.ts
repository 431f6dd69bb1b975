// A lead's reasons as one short line for a CSV cell or a CRM text property, most important first:
// `request demo: +39.54; title contains "VP": +15; domain = "gmail.com": -10`. A list condition
// shows the entry that matched, not the whole list; a named rule goes by its name, with the
// entries that matched: `C-level title (title contains "VP"): +15`.
// The condition comes first so that the text never starts with `+` or `-`: a spreadsheet would
// take it for a formula, and the guard against that (csv-safe.ts) would put a `'` in the CRM.
import { matchedText, type MatchedEntry, type Reason } from '../runtime/index.js';
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

/** A rule's name at its end: `as "C-level title"`. */
const ruleName = /\s+as\s+"(?:[^"\\]|\\.)*"$/;

/** A rule as written without its name (`as "…"`), for a display that shows the name apart. */
export function withoutName(rule: string): string {
  return rule.replace(ruleName, '');
}

/** The condition of a rule as written: without `when`, the effect and the name. */
function writtenCondition(rule: string): string {
  return rule
    .replace(/\s*[\r\n]\s*/g, ' ')
    .trim()
    .replace(/^when\s+/, '')
    .replace(ruleName, '')
    .replace(effect, '');
}

/** A rule as a reason shows it: its condition, without `when` and the effect (the points say it). */
export function conditionOf(rule: string): string {
  return shortLists(writtenCondition(rule));
}

const listOperand = String.raw`(?:\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\]|[A-Za-z_][\w-]*)`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The condition with each list condition that matched written with the entry that did:
 * `title contains any ["CEO", "VP"] and employees > 50` → `title contains "VP" and employees > 50`.
 * An entry whose condition cannot be found in the text is added in parentheses.
 */
export function matchedCondition(rule: string, matched: readonly MatchedEntry[]): string {
  let condition = writtenCondition(rule);
  const unplaced: string[] = [];
  for (const entry of matched) {
    const operator = entry.operator === 'in' ? 'in' : `${entry.operator.replace(/ word$/, '').replace(' ', '\\s+')}\\s+any(?:\\s+word)?`;
    const pattern = new RegExp(`(?<![\\w-])${escapeRegExp(entry.field)}\\s+${operator}\\s+${listOperand}`);
    const replaced = condition.replace(pattern, () => matchedText(entry));
    if (replaced === condition) unplaced.push(matchedText(entry));
    condition = replaced;
  }
  return shortLists(condition) + (unplaced.length > 0 ? ` (${unplaced.join(', ')})` : '');
}

function reasonText(reason: Reason): string {
  const matched = reason.matched ?? [];
  const condition =
    reason.name !== undefined
      ? reason.name + (matched.length > 0 ? ` (${matched.map(matchedText).join(', ')})` : '')
      : matched.length > 0
        ? matchedCondition(reason.rule, matched)
        : conditionOf(reason.rule);
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
