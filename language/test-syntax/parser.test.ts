import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics.js';
import { parseTestFile } from './index.js';

/** `CODE line:column-line:column message`, to compare diagnostics with their positions at a glance. */
function described(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} ${d.message}`);
}

function parsed(text: string) {
  const result = parseTestFile(text);
  expect(described(result.diagnostics)).toEqual([]);
  return result.file;
}

function problems(text: string): string[] {
  return described(parseTestFile(text).diagnostics);
}

const minimal = (body: string) => `test "t"\n  lead\n    title "CTO"\n${body}`;

describe('test files: constructs', () => {
  it('reads the shared policy and now at the top, and each test with its own', () => {
    const file = parsed(
      [
        '# tests for the reference policy',
        'policy "b2b-saas.score"',
        'now 2026-11-23T12:00:00Z',
        '',
        'test "first"',
        '  lead',
        '    title "CTO"',
        '  expect grade "A"',
        '',
        'test "second"   # its own policy and time',
        '  policy "other.score"',
        '  now 2026-11-24',
        '  lead',
        '    title "VP"',
        '  expect grade "B"',
      ].join('\n'),
    );
    expect(file.policy?.path).toBe('b2b-saas.score');
    expect(file.policy?.range.start).toEqual({ line: 2, column: 1, offset: 33 });
    expect(file.now?.text).toBe('2026-11-23T12:00:00Z');
    expect(file.tests.map((test) => test.name)).toEqual(['first', 'second']);
    expect(file.tests[0]!.policy).toBeUndefined();
    expect(file.tests[0]!.range.start.line).toBe(5);
    expect(file.tests[1]!.policy?.path).toBe('other.score');
    expect(file.tests[1]!.now?.text).toBe('2026-11-24');
  });

  it('types field values as written: strings with escapes, numbers with suffixes, booleans', () => {
    const file = parsed(
      minimal('').replace(
        '    title "CTO"\n',
        ['    title "Head of \\"Growth\\""', '    employees 200', '    revenue 10M', '    budget 1.5k', '    score -3', '    verified true', '    trial false', ''].join('\n'),
      ) + '  expect stage "SQL"\n',
    );
    expect(file.tests[0]!.fields.map((field) => [field.name, field.value])).toEqual([
      ['title', { kind: 'text', value: 'Head of "Growth"' }],
      ['employees', { kind: 'number', value: 200 }],
      ['revenue', { kind: 'number', value: 10_000_000 }],
      ['budget', { kind: 'number', value: 1500 }],
      ['score', { kind: 'number', value: -3 }],
      ['verified', { kind: 'boolean', value: true }],
      ['trial', { kind: 'boolean', value: false }],
    ]);
    const employees = file.tests[0]!.fields[1]!;
    expect(employees.nameRange.start).toMatchObject({ line: 4, column: 5 });
    expect(employees.valueRange.start).toMatchObject({ line: 4, column: 15 });
  });

  it('reads events relative to now in minutes, hours, days and weeks, or at a time, with counts and names', () => {
    const file = parsed(
      minimal(
        [
          '    events',
          '      open email 1 day ago',
          '      visit page "/pricing" 3 times 2 days ago',
          '      unsubscribe 5 hours ago',
          '      login app 30 minutes ago',
          '      attend webinar "Intro" 1 week ago',
          '      open email 5 times at 2026-08-15T12:00:00Z',
          '      request demo at 2026-11-24T14:00+02:00',
          '  expect score 1',
        ].join('\n'),
      ),
    );
    const events = file.tests[0]!.events.map(({ verb, object, name, count, time }) => ({
      verb,
      object,
      name,
      count,
      time: time.kind === 'ago' ? `${time.amount} ${time.unit} ago` : `at ${time.time.text}`,
    }));
    expect(events).toEqual([
      { verb: 'open', object: 'email', name: undefined, count: 1, time: '1 days ago' },
      { verb: 'visit', object: 'page', name: '/pricing', count: 3, time: '2 days ago' },
      { verb: 'unsubscribe', object: undefined, name: undefined, count: 1, time: '5 hours ago' },
      { verb: 'login', object: 'app', name: undefined, count: 1, time: '30 minutes ago' },
      { verb: 'attend', object: 'webinar', name: 'Intro', count: 1, time: '1 weeks ago' },
      { verb: 'open', object: 'email', name: undefined, count: 5, time: 'at 2026-08-15T12:00:00Z' },
      { verb: 'request', object: 'demo', name: undefined, count: 1, time: 'at 2026-11-24T14:00+02:00' },
    ]);
    expect(file.tests[0]!.events[1]!.range).toMatchObject({ start: { line: 6, column: 7 }, end: { line: 6, column: 47 } });
  });

  it('reads every kind of expectation', () => {
    const file = parsed(
      minimal(
        [
          '  expect score 151.34',
          '  expect fit -5',
          '  expect engagement between 100 and 110',
          '  expect score >= 50',
          '  expect score < 0',
          '  expect grade "A"',
          '  expect stage "SQL"',
          '  expect route none',
          '  expect blacklisted',
          '  expect not blacklisted',
          '  expect rule at line 21 "request demo" fired',
          '  expect rule at line 22 "no activity for 30 days" did not fire',
          '  expect rule "C-level title" fired',
          '  expect rule "Competitor" did not fire',
        ].join('\n'),
      ),
    );
    const expectations = file.tests[0]!.expectations.map(({ range: _range, ...rest }) => rest);
    expect(expectations).toEqual([
      { kind: 'value', target: { kind: 'score' }, test: { op: '=', value: 151.34 } },
      { kind: 'value', target: { kind: 'section', name: 'fit', range: expect.anything() }, test: { op: '=', value: -5 } },
      { kind: 'value', target: { kind: 'section', name: 'engagement', range: expect.anything() }, test: { op: 'between', low: 100, high: 110 } },
      { kind: 'value', target: { kind: 'score' }, test: { op: '>=', value: 50 } },
      { kind: 'value', target: { kind: 'score' }, test: { op: '<', value: 0 } },
      { kind: 'decision', decision: 'grade', label: 'A' },
      { kind: 'decision', decision: 'stage', label: 'SQL' },
      { kind: 'decision', decision: 'route', label: null },
      { kind: 'blacklisted', blacklisted: true },
      { kind: 'blacklisted', blacklisted: false },
      { kind: 'rule', line: 21, pin: { text: 'request demo', range: expect.anything() }, fired: true, lineRange: expect.anything() },
      { kind: 'rule', line: 22, pin: { text: 'no activity for 30 days', range: expect.anything() }, fired: false, lineRange: expect.anything() },
      { kind: 'rule', pin: { text: 'C-level title', range: expect.anything() }, fired: true },
      { kind: 'rule', pin: { text: 'Competitor', range: expect.anything() }, fired: false },
    ]);
    expect(file.tests[0]!.expectations[0]!.range).toMatchObject({ start: { line: 4, column: 3 }, end: { line: 4, column: 22 } });
  });

  it('uses the words of tests as field names where a field is expected', () => {
    const file = parsed(minimal('').replace('    title "CTO"\n', '    line "B2B"\n    score 3\n    now "x"\n    test true\n') + '  expect grade "A"\n');
    expect(file.tests[0]!.fields.map((field) => field.name)).toEqual(['line', 'score', 'now', 'test']);
  });

  it('reads `expect` under `lead` as a field and under `events` as an event verb, when the line is one', () => {
    const file = parsed(
      minimal('').replace(
        '    title "CTO"\n',
        '    expect 5\n    policy "x"\n    list 2\n    events\n      expect email 2 days ago\n      policy list "x*" 2 times at 2026-11-20\n',
      ) + '  expect score 1\n',
    );
    expect(file.tests[0]!.fields.map((field) => field.name)).toEqual(['expect', 'policy', 'list']);
    expect(file.tests[0]!.events.map((event) => [event.verb, event.object, event.count])).toEqual([
      ['expect', 'email', 1],
      ['policy', 'list', 2],
    ]);
    expect(file.tests[0]!.expectations).toHaveLength(1);
    // An expectation out of place is still reported as one.
    expect(problems(minimal('    expect score 1\n    events\n      expect stage "SQL"\n  expect score 1\n'))).toEqual([
      'LT1002 4:5-4:19 `expect` does not belong under `lead`: un-indent it',
      'LT1002 6:7-6:25 `expect` does not belong under `events`: un-indent it',
    ]);
  });

  it('tests sections called `blacklisted`, `rule` or after a soft keyword like any other section', () => {
    const file = parsed(
      minimal('  expect blacklisted 5\n  expect rule >= 3\n  expect policy between 1 and 2\n  expect list < 1\n  expect blacklisted\n  expect rule at line 2 "x" fired\n'),
    );
    expect(file.tests[0]!.expectations.map((e) => (e.kind === 'value' ? `${e.target.kind === 'section' ? e.target.name : 'score'} ${e.test.op}` : e.kind))).toEqual([
      'blacklisted =',
      'rule >=',
      'policy between',
      'list <',
      'blacklisted',
      'rule',
    ]);
    // A broken rule expectation keeps its message.
    expect(problems(minimal('  expect rule at line 3 "x" fires\n'))).toEqual(['LT1001 4:29-4:34 expected `fired` or `did not fire`, found `fires`']);
    expect(problems(minimal('  expect rule C-level fired\n'))).toEqual(["LT1001 4:15-4:22 expected `at line N` or the rule's name in double quotes, found `C-level`"]);
  });

  it('LT1006: a bare `expect rule at line N` is a warning that says how to name the rule', () => {
    const { diagnostics } = parseTestFile(minimal('  expect rule at line 21 fired\n  expect rule at line 22 "request demo" fired\n  expect rule "Demo" fired\n'));
    expect(diagnostics.map((d) => [d.code, d.severity, `${d.range.start.line}:${d.range.start.column}`, d.message])).toEqual([
      ['LT1006', 'warning', '4:23', '`expect rule at line 21` does not say which rule it means: a line added or removed above it would silently make it expect another rule'],
    ]);
    expect(diagnostics[0]!.help).toContain('expect rule at line 21 "NAME OR CONDITION"');
  });

  it('accepts a byte-order mark, CRLF line ends, tabs and comments', () => {
    const file = parsed('\ufeffnow 2026-11-23\r\ntest "t" # note\r\n\tlead\r\n\t\ttitle "CTO"\r\n\texpect grade "A"\r\n');
    expect(file.tests[0]!.fields).toHaveLength(1);
    expect(file.tests[0]!.expectations).toHaveLength(1);
  });
});

describe('test files: diagnostics', () => {
  it('LT1001: a value that is not a value, a missing time, a label without quotes', () => {
    expect(problems(minimal(['    company Acme', '    events', '      open email yesterday', '  expect stage SQL', '  expect fit'].join('\n')))).toEqual([
      'LT1001 4:13-4:17 expected a value: a string in double quotes, a number, `true` or `false`, found `Acme`',
      'LT1001 6:18-6:27 expected when it happened: `N days ago` (or hours, minutes, weeks) or `at` and a time, found `yesterday`',
      'LT1001 7:16-7:19 expected a string or `none`, found `SQL`',
      'LT1001 8:13-8:13 expected a number, `between N and M`, or a comparison such as `>= 40`, found the end of the line',
    ]);
  });

  it('LT1001: words where a line starts, and text after a complete line', () => {
    expect(problems('hello\ntest "t"\n  title "x"\n  lead\n    title "CTO" "CEO"\n  expect rule at line 3 fires\n').filter((p) => !p.startsWith('LT1006'))).toEqual([
      'LT1001 1:1-1:6 expected `test`, `policy` or `now` at the start of the line, found `hello`',
      'LT1001 3:3-3:8 expected `lead`, `expect`, `policy` or `now`, found `title`',
      'LT1001 5:17-5:22 unexpected `"CEO"`: the line is already complete',
      'LT1001 6:25-6:30 expected `fired` or `did not fire`, found `fires`',
    ]);
  });

  it('LT1002: lines in the wrong block', () => {
    expect(
      problems(['  lead', 'expect score 1', 'test "t"', '  events', '  lead', '    expect score 1', '    events', '      lead', '  test "u"', '  expect score 1'].join('\n')),
    ).toEqual([
      'LT1002 1:3-1:7 this line is indented, but there is no `test` above it',
      'LT1002 2:1-2:15 `expect` belongs in a test: indent it under a `test "…"` line',
      "LT1002 4:3-4:9 `events` belongs under `lead`: indent it one step further, below the lead's fields",
      'LT1002 6:5-6:19 `expect` does not belong under `lead`: un-indent it',
      'LT1002 8:7-8:11 `lead` does not belong under `events`: un-indent it',
      'LT1002 9:3-9:11 a `test` starts at the beginning of a line, not inside another test',
    ]);
  });

  it('LT1003: a setting given twice', () => {
    expect(
      problems(
        [
          'policy "a.score"',
          'policy "b.score"',
          'now 2026-01-01',
          'now 2026-01-02',
          'test "t"',
          '  policy "a.score"',
          '  policy "b.score"',
          '  now 2026-01-01',
          '  now 2026-01-02',
          '  lead',
          '    title "a"',
          '    title "b"',
          '  lead',
          '  expect score 1',
        ].join('\n'),
      ),
    ).toEqual([
      'LT1003 2:1-2:17 the file already names its policy',
      'LT1003 4:1-4:15 the file already sets `now`',
      'LT1003 7:3-7:19 this test already names its policy',
      'LT1003 9:3-9:17 this test already sets `now`',
      'LT1003 12:5-12:10 the lead already has a `title`',
      'LT1003 13:3-13:7 this test already has a lead',
    ]);
  });

  it('LT1004: a test without a lead or without expectations', () => {
    expect(problems('test "no lead"\n  expect score 1\ntest "nothing expected"\n  lead\n    title "CTO"\n')).toEqual([
      'LT1004 1:1-1:15 test "no lead" has no `lead`',
      'LT1004 3:1-3:24 test "nothing expected" expects nothing',
    ]);
  });

  it('LT1005: counts, ages and line numbers that make no sense', () => {
    expect(
      problems(
        minimal(
          [
            '    events',
            '      open email 0 times 1 day ago',
            '      open email 1.5 times 1 day ago',
            '      open email -2 days ago',
            '  expect rule at line 0 fired',
            '  expect rule at line 2.5 fired',
          ].join('\n'),
        ),
      ),
    ).toEqual([
      'LT1005 5:18-5:19 an event happens a whole number of times, at least once',
      'LT1005 6:18-6:21 an event happens a whole number of times, at least once',
      'LT1005 7:18-7:29 an age cannot be negative',
      'LT1005 8:23-8:24 a line number is a whole number of at least 1',
      'LT1005 9:23-9:26 a line number is a whole number of at least 1',
    ]);
  });

  it('lexical problems keep the policy codes, once per line', () => {
    expect(problems(minimal(["    title 'CTO'", '    company "Acme', '    revenue 10m', '    phone & "x"', '  expect score 1'].join('\n')))).toEqual([
      'LS1001 4:11-4:16 strings use straight double quotes',
      'LS1002 5:13-5:18 this string has no closing `"`',
      'LS1003 6:13-6:16 `10m` is not a number',
      'LS1001 7:11-7:12 unexpected character `&`',
    ]);
  });

  it('the lines of a test with a broken header are still checked', () => {
    expect(problems('test nameless\n  lead\n    title CTO\n  expect score 1\n')).toEqual([
      'LT1001 1:6-1:14 expected a string, found `nameless`',
      'LT1001 3:11-3:14 expected a value: a string in double quotes, a number, `true` or `false`, found `CTO`',
    ]);
  });

  it('never throws on hostile input', () => {
    for (const text of ['', '\n\n', '"', 'test', 'test "', '((((((', '    '.repeat(1000) + 'x', 'test "t"\n' + '  '.repeat(500) + 'lead\n']) {
      expect(() => parseTestFile(text)).not.toThrow();
    }
  });
});
