import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../language/diagnostics.js';
import { parseTestFile } from '../language/test-syntax/index.js';
import { loadPolicy, type Policy } from '../runtime/index.js';
import { compile } from '../compiler/index.js';
import { coverage, prepareTest, runTestFile } from './index.js';

const policyText = [
  'policy "Runner"', //                                   1
  'field plan: text', //                                   2
  'field verified: boolean', //                            3
  'fit:', //                                               4
  '  when title contains any ["CTO", "VP"] add 15', //     5
  '  when employees >= 100 add 10', //                      6
  '  when verified is true add 5', //                       7
  'engagement:', //                                        8
  '  when open email add 5 each, at most 15', //           9
  '  when request demo within 2 days add 40', //          10
  'when domain in ["acme.com"] blacklist', //             11
  'grade "A" when fit >= 20', //                          12
  'grade "B" otherwise', //                               13
  'stage "SQL" when engagement >= 40', //                 14
  'stage "Nurture" otherwise', //                         15
  'when visit page 3 times add 10', //                    16
].join('\n');

const compiled = compile(policyText);
const policy: Policy = loadPolicy(compiled.ir);

function described(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}${d.help ? ` (${d.help})` : ''}`);
}

/** Errors only: a bare `expect rule at line N` is a warning (LT1006), and still runs. */
const errors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');

function run(text: string) {
  const parsed = parseTestFile(text);
  expect(described(errors(parsed.diagnostics))).toEqual([]);
  return runTestFile(parsed.file, text, () => policy);
}

const header = 'now 2026-11-23T12:00:00Z\ntest "t"\n';

describe('running tests', () => {
  it('the policy compiles', () => expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('passes when every expectation holds', () => {
    const outcome = run(
      header +
        [
          '  lead',
          '    email "anna@nordsoft.de"',
          '    title "CTO"',
          '    employees 200',
          '    verified true',
          '    events',
          '      request demo 1 day ago',
          '  expect fit 30',
          '  expect fit between 30 and 30',
          '  expect score > 60',
          '  expect engagement <= 40',
          '  expect grade "A"',
          '  expect stage "SQL"',
          '  expect route none',
          '  expect not blacklisted',
          '  expect rule at line 10 fired',
          '  expect rule at line 9 did not fire',
        ].join('\n'),
    );
    expect(outcome.diagnostics).toEqual([]);
    expect(outcome.results).toHaveLength(1);
    expect(outcome.results[0]!.failures).toEqual([]);
    expect(outcome.results[0]!.explanation.score).toBe(70);
  });

  it('reports each kind of failure with the line as written, expected and actual', () => {
    const outcome = run(
      header +
        [
          '  lead',
          '    email "bob@acme.com"',
          '    events',
          '      open email 2 times 1 day ago',
          '  expect score 0',
          '  expect fit between 1 and 5',
          '  expect engagement >= 20',
          '  expect grade "A"',
          '  expect stage none',
          '  expect not blacklisted',
          '  expect rule at line 9 did not fire',
          '  expect rule at line 10 fired',
          '  expect rule at line 11 did not fire',
        ].join('\n'),
    );
    const failures = outcome.results[0]!.failures.map(({ line, text, expected, actual }) => ({ line, text, expected, actual }));
    expect(failures).toEqual([
      { line: 7, text: 'expect score 0', expected: '0', actual: '10' },
      { line: 8, text: 'expect fit between 1 and 5', expected: 'between 1 and 5', actual: '0' },
      { line: 9, text: 'expect engagement >= 20', expected: '>= 20', actual: '10' },
      { line: 10, text: 'expect grade "A"', expected: '"A"', actual: '"B"' },
      { line: 11, text: 'expect stage none', expected: 'none', actual: '"Blacklisted"' },
      { line: 12, text: 'expect not blacklisted', expected: 'not blacklisted', actual: 'blacklisted' },
      { line: 13, text: 'expect rule at line 9 did not fire', expected: 'did not fire', actual: 'fired (+10 points)' },
      { line: 14, text: 'expect rule at line 10 fired', expected: 'fired', actual: 'did not fire' },
      { line: 15, text: 'expect rule at line 11 did not fire', expected: 'did not fire', actual: 'fired (blacklisted the lead)' },
    ]);
  });

  it('says when matching events were not enough for a rule to fire', () => {
    const outcome = run(header + ['  lead', '    events', '      request demo 3 days ago', '  expect rule at line 10 fired'].join('\n'));
    // The demo is outside the rule's 2-day window, so no event matched.
    expect(outcome.results[0]!.failures.map((f) => f.actual)).toEqual(['did not fire']);
    const counted = run('now 2026-11-23T12:00:00Z\ntest "t"\n  lead\n    events\n      open email 1 day ago\n  expect rule at line 9 did not fire\n');
    expect(counted.results[0]!.failures.map((f) => f.actual)).toEqual(['fired (+5 points)']);
    const tooFew = run('now 2026-11-23T12:00:00Z\ntest "t"\n  lead\n    events\n      visit page 2 times 1 day ago\n  expect rule at line 16 fired\n');
    expect(tooFew.results[0]!.failures.map((f) => f.actual)).toEqual(['did not fire (2 matching events were not enough)']);
  });

  it('places events relative to now in minutes, hours, days and weeks, and at absolute times', () => {
    const parsed = parseTestFile(
      header +
        [
          '  lead',
          '    events',
          '      open email 30 minutes ago',
          '      open email 5 hours ago',
          '      visit page "/pricing" 2 days ago',
          '      open email 2 times 1 week ago',
          '      request demo at 2026-11-24T14:00+02:00',
          '  expect score 0',
        ].join('\n'),
    );
    const { prepared } = prepareTest(parsed.file.tests[0]!, parsed.file, policy.ir);
    expect(prepared?.now).toBe(Date.parse('2026-11-23T12:00:00Z'));
    expect(prepared?.lead['events']).toEqual([
      { type: 'open', object: 'email', at: '2026-11-23T11:30:00.000Z' },
      { type: 'open', object: 'email', at: '2026-11-23T07:00:00.000Z' },
      { type: 'visit', object: 'page', name: '/pricing', at: '2026-11-21T12:00:00.000Z' },
      { type: 'open', object: 'email', at: '2026-11-16T12:00:00.000Z' },
      { type: 'open', object: 'email', at: '2026-11-16T12:00:00.000Z' },
      { type: 'request', object: 'demo', at: '2026-11-24T12:00:00.000Z' },
    ]);
  });

  it("a test's own now wins over the file's", () => {
    const parsed = parseTestFile(header.replace('test "t"\n', 'test "t"\n  now 2026-01-01\n') + '  lead\n    events\n      open email 1 day ago\n  expect score 5\n');
    const { prepared } = prepareTest(parsed.file.tests[0]!, parsed.file, policy.ir);
    expect(prepared?.lead['events']).toEqual([{ type: 'open', object: 'email', at: '2025-12-31T00:00:00.000Z' }]);
  });

  it('reads the test against the policy: fields, types, sections, rule lines, times, now (LT2001–LT2006)', () => {
    const text = [
      'test "against the policy"',
      '  now 2026-02-30T12:00:00Z',
      '  lead',
      '    titel "CTO"',
      '    employees "200"',
      '    verified "yes"',
      '    plan 3',
      '    id 42',
      '    events',
      '      open email at 2026-13-01',
      '  expect fitt 10',
      '  expect rule at line 8 fired',
      'test "no now"',
      '  lead',
      '    title "CTO"',
      '  expect score 15',
    ].join('\n');
    const parsed = parseTestFile(text);
    expect(errors(parsed.diagnostics)).toEqual([]);
    const outcome = runTestFile(parsed.file, text, () => policy);
    expect(outcome.results).toEqual([]);
    expect(described(outcome.diagnostics)).toEqual([
      'LT2005 2:7 `2026-02-30T12:00:00Z` is not a valid time (write a real date and time, e.g. 2026-11-23T12:00:00Z)',
      'LT2001 4:5 the policy has no field `titel` (did you mean `title`?)',
      'LT2002 5:15 `employees` is a number, not text (write a number without quotes, e.g. 200 or 10M)',
      'LT2002 6:14 `verified` is true or false, not text (write true or false, without quotes)',
      'LT2002 7:10 `plan` is text, not a number (write text in double quotes, e.g. "CTO")',
      'LT2005 10:21 `2026-13-01` is not a valid time (write a real date and time, e.g. 2026-11-23T12:00:00Z)',
      'LT2003 11:10 the policy has no section `fitt` (did you mean `fit`?)',
      'LT2004 12:23 the policy has no rule on line 8 (the nearest rule is on line 7)',
      'LT2006 13:1 test "no now" has no `now` (write `now 2026-11-23T12:00:00Z` at the top of the file or in the test, so the test scores the same way every day)',
    ]);
  });

  it('refuses times outside the years 0000 to 9999 (UTC), where `N days ago` threw an internal error (LT2005)', () => {
    const text = [
      'test "near the year 0"',
      '  now 0000-01-02T00:00:00Z',
      '  lead',
      '    events',
      '      open email 3 days ago',
      '      open email 100000000000000000000 days ago',
      '      open email at 0000-01-01T00:00:00+01:00',
      '  expect score 0',
      'test "after 9999"',
      '  now 9999-12-31T23:00:00-05:00',
      '  lead',
      '    title "CTO"',
      '  expect score 0',
    ].join('\n');
    const parsed = parseTestFile(text);
    expect(errors(parsed.diagnostics)).toEqual([]);
    const outcome = runTestFile(parsed.file, text, () => policy);
    expect(outcome.results).toEqual([]);
    expect(described(outcome.diagnostics)).toEqual([
      'LT2005 5:18 3 days before `now` is before the year 0000; times are read in the years 0000 to 9999 (UTC)',
      'LT2005 6:18 100000000000000000000 days before `now` is before the year 0000; times are read in the years 0000 to 9999 (UTC)',
      'LT2005 7:21 `0000-01-01T00:00:00+01:00` is outside the years 0000 to 9999 (UTC), the times leadscore can write and read back (write a real date and time, e.g. 2026-11-23T12:00:00Z)',
      'LT2005 10:7 `9999-12-31T23:00:00-05:00` is outside the years 0000 to 9999 (UTC), the times leadscore can write and read back (write a real date and time, e.g. 2026-11-23T12:00:00Z)',
    ]);
  });
});

describe('which rule an expectation means', () => {
  const namedText = [
    'fit:', //                                                       1
    '  when title contains any ["CTO", "VP"] add 15 as "Senior title"', // 2
    '  when employees >= 100', //                                     3
    '    and industry = "software" add 10', //                        4
    'engagement:', //                                                5
    '  when visit page 2 times add 10', //                            6
    '  when request demo add 40 as "Demo"', //                        7
  ].join('\n');
  const named = loadPolicy(compile(namedText).ir);
  const lead = '  lead\n    title "VP Sales"\n    employees 500\n    industry "Software"\n    events\n      visit page 1 time 1 day ago\n';
  const check = (expectations: string[]) => {
    const text = header + lead + expectations.map((line) => `  ${line}`).join('\n') + '\n';
    const parsed = parseTestFile(text);
    expect(described(parsed.diagnostics)).toEqual([]);
    const outcome = runTestFile(parsed.file, text, () => named);
    expect(described(outcome.diagnostics)).toEqual([]);
    return outcome.results[0]!.failures.map(({ text, expected, actual }) => ({ text, expected, actual }));
  };

  it('by name, without regard to case and surrounding spaces', () => {
    expect(check(['expect rule "Senior title" fired', 'expect rule " senior TITLE" fired', 'expect rule "Demo" did not fire'])).toEqual([]);
    expect(check(['expect rule "Demo" fired'])).toEqual([{ text: 'expect rule "Demo" fired', expected: 'fired', actual: 'did not fire' }]);
  });

  it("at a line, pinned to the rule's name, its condition or the whole rule, word by word", () => {
    expect(
      check([
        'expect rule at line 2 "Senior title" fired',
        'expect rule at line 2 "title contains any [\\"CTO\\",\\"VP\\"]" fired',
        'expect rule at line 2 "when title contains any [\\"CTO\\", \\"VP\\"] add 15" fired',
        'expect rule at line 3 "employees >= 100 and industry = \\"software\\"" fired',
        'expect rule at line 6 "visit page 2 time" did not fire',
        'expect rule at line 7 "request demo" did not fire',
      ]),
    ).toEqual([]);
  });

  it('a pin the rule at the line does not match fails, saying what is there and where the rule is', () => {
    expect(
      check(['expect rule at line 6 "Demo" did not fire', 'expect rule at line 5 "visit page 2 times" did not fire', 'expect rule at line 2 "title = \\"CTO\\"" fired']),
    ).toEqual([
      { text: 'expect rule at line 6 "Demo" did not fire', expected: 'line 6 to be "Demo"', actual: 'line 6 is `when visit page 2 times add 10`; "Demo" is at line 7' },
      {
        text: 'expect rule at line 5 "visit page 2 times" did not fire',
        expected: 'line 5 to be "visit page 2 times"',
        actual: 'line 5 holds no rule; "visit page 2 times" is at line 6',
      },
      {
        text: 'expect rule at line 2 "title = \\"CTO\\"" fired',
        expected: 'line 2 to be "title = \\"CTO\\""',
        actual: 'line 2 is "Senior title"; no rule is named or written "title = \\"CTO\\""',
      },
    ]);
  });

  it('a name no rule has is an error (LT2050) that lists the names there are', () => {
    const text = header + lead + '  expect rule "Senior titel" fired\n  expect rule "Webinar" fired\n';
    const outcome = runTestFile(parseTestFile(text).file, text, () => named);
    expect(described(outcome.diagnostics)).toEqual([
      'LT2050 9:15 no rule of the policy is named "Senior titel" (did you mean `"Senior title"`?)',
      'LT2050 10:15 no rule of the policy is named "Webinar" (its named rules: "Senior title", "Demo")',
    ]);
  });
});

describe('names that are words of the language', () => {
  it('a policy whose fields, sections and events are called like keywords is tested like any other', () => {
    const named = compile(
      [
        'field expect: number', //                         1
        'field policy: text', //                           2
        'event expect email', //                           3
        'rule:', //                                        4
        '  when (expect > 1 or', //                        5
        '    policy = "x") add 2', //                      6
        'blacklisted:', //                                 7
        '  when (open email or', //                        8
        '    expect email) add 3', //                      9
        'list:', //                                       10
        '  when policy in ["x"] add 1', //                11
      ].join('\n'),
    );
    expect(named.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text =
      header +
      [
        '  lead',
        '    expect 2',
        '    policy "x"',
        '    events',
        '      expect email 1 day ago',
        '  expect rule 2',
        '  expect blacklisted >= 3',
        '  expect list between 1 and 1',
        '  expect score 6',
        '  expect not blacklisted',
        '  expect rule at line 5 fired',
      ].join('\n');
    const parsed = parseTestFile(text);
    expect(described(errors(parsed.diagnostics))).toEqual([]);
    const outcome = runTestFile(parsed.file, text, () => loadPolicy(named.ir));
    expect(outcome.diagnostics).toEqual([]);
    expect(outcome.results[0]!.failures).toEqual([]);
  });
});

describe('coverage', () => {
  it('counts rules that fired and rows that matched in at least one test, exactly', () => {
    const outcome = run(
      header +
        ['  lead', '    title "VP"', '    employees 500', '    events', '      open email 1 hour ago', '  expect grade "A"'].join('\n') +
        '\ntest "u"\n  lead\n    email "x@acme.com"\n  expect blacklisted\n',
    );
    const lines = policyText.split('\n');
    const result = coverage(
      policy.ir,
      outcome.results.map((r) => r.explanation),
      (line) => lines[line - 1] ?? '',
    );
    expect(result.rules).toEqual({
      total: 7,
      exercised: 4,
      notExercised: [
        { line: 7, text: 'when verified is true add 5' },
        { line: 10, text: 'when request demo within 2 days add 40' },
        { line: 16, text: 'when visit page 3 times add 10' },
      ],
    });
    // The blacklisted lead's stage comes from the blacklist, not a row.
    expect(result.rows).toEqual({
      total: 4,
      exercised: 3,
      notExercised: [{ line: 14, text: 'stage "SQL" when engagement >= 40' }],
    });
  });

  it('with no tests, nothing is exercised', () => {
    const result = coverage(policy.ir, []);
    expect([result.rules.exercised, result.rules.total, result.rows.exercised, result.rows.total]).toEqual([0, 7, 0, 4]);
    // Without the policy's text (a compiled rule graph), a row is shown by its label.
    expect(result.rows.notExercised[0]).toEqual({ line: 12, text: 'grade "A"' });
  });
});

describe('date fields in tests', () => {
  const dated = loadPolicy(compile('field created: date\nfit:\n  when created within 30 days add 10\n  when created before "2026-01-01" add 1').ir);

  it('takes an ISO-8601 date or time in double quotes', () => {
    const text = header + ['  lead', '    created "2026-11-01T09:00:00Z"', '  expect fit 10', 'test "old"', '  lead', '    created "2025-12-31"', '  expect fit 1'].join('\n');
    const parsed = parseTestFile(text);
    const outcome = runTestFile(parsed.file, text, () => dated);
    expect(described(outcome.diagnostics)).toEqual([]);
    expect(outcome.results.map((result) => result.failures)).toEqual([[], []]);
  });

  it('refuses anything else, saying how to write a date', () => {
    const text = header + ['  lead', '    created "11/01/2026"', '  expect fit 10'].join('\n');
    const parsed = parseTestFile(text);
    expect(described(runTestFile(parsed.file, text, () => dated).diagnostics)).toEqual([
      'LT2002 4:13 `created` is a date, not text (write an ISO-8601 date in double quotes, e.g. "2026-11-01" or "2026-11-01T09:30:00Z")',
    ]);
  });
});
