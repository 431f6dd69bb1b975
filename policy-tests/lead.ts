import { diagnostic, type Diagnostic } from '../language/diagnostics.js';
import type { EventEntry, TestCase, TestFile, TimeLiteral } from '../language/test-syntax/index.js';
import type { PolicyIr } from '../runtime/index.js';
import { inTimeRange, outOfTimeRange, outsideTimeRange, parseIsoTime, timeRange } from '../runtime/support.js';
import { didYouMean, suggest } from '../compiler/index.js';
import { testCheckDiagnostics as codes } from './diagnostics.js';
import { ruleNameKey } from './rule-pins.js';

/** A test made ready to run: the lead as JSON and the time to score at. */
export interface PreparedTest {
  lead: Record<string, unknown>;
  now: number;
}

const unitMillis = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 7 * 86_400_000 } as const;

/**
 * Reads a test against its policy: the lead's fields typed by the policy's fields,
 * events with their times, and every expectation checked for names the policy has.
 * Returns diagnostics instead of a lead when anything is wrong.
 */
export function prepareTest(test: TestCase, file: TestFile, ir: PolicyIr): { prepared?: PreparedTest; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const nowLiteral = test.now ?? file.now;
  let now = Number.NaN;
  if (!nowLiteral) {
    diagnostics.push(
      diagnostic(codes.missingNow, `test "${test.name}" has no \`now\``, test.range, {
        help: 'write `now 2026-11-23T12:00:00Z` at the top of the file or in the test, so the test scores the same way every day',
      }),
    );
  } else now = time(nowLiteral, diagnostics);

  const lead: Record<string, unknown> = {};
  const inputs = new Map(ir.inputs.map((input) => [input.name, input]));
  for (const field of test.fields) {
    const input = inputs.get(field.name);
    if (!input) {
      const help = didYouMean(suggest(field.name, inputs.keys()));
      diagnostics.push(diagnostic(codes.unknownField, `the policy has no field \`${field.name}\``, field.nameRange, help ? { help } : {}));
      continue;
    }
    const actual = field.value.kind;
    // A country is written as text (`country: "Germany"`); the runtime reads which country it is.
    // A date is written as ISO-8601 text in double quotes: `created "2026-11-01"`.
    const wanted = input.type === 'country' ? 'text' : input.type;
    const isoDate = input.type === 'date' && actual === 'text' && !Number.isNaN(parseIsoTime(String(field.value.value)));
    const fits = actual === wanted || isoDate || (input.name === 'id' && actual === 'number');
    if (!fits) {
      diagnostics.push(diagnostic(codes.fieldType, `\`${field.name}\` is ${describeType(wanted)}, not ${describeType(actual)}`, field.valueRange, { help: typeHelp(wanted) }));
      continue;
    }
    lead[field.name] = field.value.value;
  }

  const events: Array<Record<string, unknown>> = [];
  for (const event of test.events) {
    const at = eventTime(event, now, diagnostics);
    if (at === undefined) continue;
    for (let i = 0; i < event.count; i++) {
      const entry: Record<string, unknown> = { type: event.verb };
      if (event.object !== undefined) entry['object'] = event.object;
      if (event.name !== undefined) entry['name'] = event.name;
      entry['at'] = at;
      events.push(entry);
    }
  }
  lead['events'] = events;

  const sections = ir.sections.map((section) => section.name);
  const ruleNames = new Set(ir.contributions.flatMap((rule) => (rule.name === undefined ? [] : [ruleNameKey(rule.name)])));
  const ruleLines = new Set(ir.contributions.filter((rule) => rule.range.file === undefined).map((rule) => rule.range.start.line));
  for (const expectation of test.expectations) {
    if (expectation.kind === 'value' && expectation.target.kind === 'section' && !sections.includes(expectation.target.name)) {
      const name = expectation.target.name;
      const help =
        didYouMean(suggest(name, [...sections, 'score'])) ?? (sections.length > 0 ? `its sections: ${sections.join(', ')}` : 'the policy has no sections; expect `score`');
      diagnostics.push(diagnostic(codes.unknownSection, `the policy has no section \`${name}\``, expectation.target.range, { help }));
    }
    // A pinned line that holds no rule is a failure of its test, saying where the rule went (run.ts).
    const line = expectation.kind === 'rule' && !expectation.pin ? expectation.line : undefined;
    if (expectation.kind === 'rule' && line !== undefined && Number.isInteger(line) && line >= 1 && !ruleLines.has(line)) {
      const nearest = [...ruleLines].sort((a, b) => Math.abs(a - line) - Math.abs(b - line) || a - b)[0];
      diagnostics.push(
        diagnostic(codes.noRuleAtLine, `the policy has no rule on line ${line}`, expectation.lineRange!, {
          help: nearest === undefined ? 'the policy has no rules' : `the nearest rule is on line ${nearest}`,
        }),
      );
    }
    if (expectation.kind === 'rule' && expectation.line === undefined && expectation.pin && !ruleNames.has(ruleNameKey(expectation.pin.text))) {
      const names = ir.contributions.flatMap((rule) => (rule.name === undefined ? [] : [rule.name]));
      const suggestions = suggest(expectation.pin.text, names);
      diagnostics.push(
        diagnostic(codes.unknownRuleName, `no rule of the policy is named ${JSON.stringify(expectation.pin.text)}`, expectation.pin.range, {
          suggestions: suggestions.map((name) => JSON.stringify(name)),
          help:
            didYouMean(suggestions.map((name) => JSON.stringify(name))) ??
            (names.length > 0 ? `its named rules: ${names.map((name) => JSON.stringify(name)).join(', ')}` : 'the policy names no rule; name one with `as "…"` after its effect'),
        }),
      );
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { prepared: { lead, now }, diagnostics };
}

function time(literal: TimeLiteral, diagnostics: Diagnostic[]): number {
  const millis = parseIsoTime(literal.text);
  if (Number.isNaN(millis)) {
    const problem = outOfTimeRange(literal.text) ? outsideTimeRange : 'is not a valid time';
    diagnostics.push(diagnostic(codes.badTime, `\`${literal.text}\` ${problem}`, literal.range, { help: 'write a real date and time, e.g. 2026-11-23T12:00:00Z' }));
  }
  return millis;
}

function eventTime(event: EventEntry, now: number, diagnostics: Diagnostic[]): string | undefined {
  if (event.time.kind === 'at') {
    const millis = time(event.time.time, diagnostics);
    return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
  }
  // Without a valid `now` the missing or broken `now` is already reported.
  if (Number.isNaN(now)) return undefined;
  // `100000 weeks ago` from a `now` in 2026 is before the year 0000: no time leadscore reads (or `new Date` writes).
  const millis = now - event.time.amount * unitMillis[event.time.unit];
  if (!inTimeRange(millis)) {
    diagnostics.push(diagnostic(codes.badTime, `${event.time.amount} ${event.time.unit} before \`now\` is before the year 0000; times are read in ${timeRange}`, event.time.range));
    return undefined;
  }
  return new Date(millis).toISOString();
}

function describeType(type: 'text' | 'number' | 'boolean' | 'date'): string {
  return type === 'text' ? 'text' : type === 'number' ? 'a number' : type === 'date' ? 'a date' : 'true or false';
}

function typeHelp(type: 'text' | 'number' | 'boolean' | 'date'): string {
  if (type === 'text') return 'write text in double quotes, e.g. "CTO"';
  if (type === 'date') return 'write an ISO-8601 date in double quotes, e.g. "2026-11-01" or "2026-11-01T09:30:00Z"';
  if (type === 'number') return 'write a number without quotes, e.g. 200 or 10M';
  return 'write true or false, without quotes';
}
