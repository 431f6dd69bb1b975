import { describe, expect, test } from 'vitest';
import { cursor } from '../test-support/cursor.js';
import { LanguageService } from './index.js';

const files: Record<string, string> = {
  'b2b.score': 'field plan: text\nfit:\n  when plan = "pro" add 10\n  when plan in ["team",\n    "business"] add 5 as "Paid plan"\n',
};
const service = () => new LanguageService({ resolve: (_from, specifier) => specifier, readFile: (path) => files[path] });

describe('policy tests (*.test.score) in the editor', () => {
  const tests = 'now 2026-11-23T12:00:00Z\n\ntest "a pro"\n  lead\n    plan "pro"\n  expect fit 10\n';

  test('their own syntax is checked, not the policy language', () => {
    expect(service().diagnostics('b2b.test.score', tests)).toEqual([]);
    const [problem] = service().diagnostics('b2b.test.score', 'test "a pro"\n  lead\n    plan "pro"\n');
    expect(problem).toMatchObject({ code: 'LT1004', severity: 'error' });
  });

  test("go to definition: from a lead's field and an expected section into the policy the test runs", () => {
    const field = cursor(tests.replace('    plan "pro"', '    pl|an "pro"'));
    expect(service().definition('b2b.test.score', field.text, field.position)).toEqual({
      file: 'b2b.score',
      range: { start: { line: 0, character: 6 }, end: { line: 0, character: 10 } },
    });
    const section = cursor(tests.replace('expect fit', 'expect f|it'));
    expect(service().definition('b2b.test.score', section.text, section.position)?.range.start).toEqual({ line: 1, character: 0 });
  });

  test('a bare `expect rule at line N` is a warning, with quick fixes that pin the rule found there', () => {
    const bare = `${tests}  expect rule at line 3 fired\n  expect rule at line 4 did not fire\n`;
    expect(
      service()
        .diagnostics('b2b.test.score', bare)
        .map((d) => [d.code, d.severity, d.range.start.line]),
    ).toEqual([
      ['LT1006', 'warning', 6],
      ['LT1006', 'warning', 7],
    ]);
    const first = service().codeActions('b2b.test.score', bare, { start: { line: 6, character: 5 }, end: { line: 6, character: 5 } });
    expect(first.map((action) => [action.title, action.edit['b2b.test.score']![0]!.newText, action.preferred])).toEqual([
      ['Pin the rule at line 3 to its condition', 'expect rule at line 3 "plan = \\"pro\\"" fired', true],
    ]);
    const second = service().codeActions('b2b.test.score', bare, { start: { line: 7, character: 5 }, end: { line: 7, character: 5 } });
    expect(second.map((action) => [action.title, action.edit['b2b.test.score']![0]!.newText, action.preferred])).toEqual([
      ['Expect the rule by its name, "Paid plan"', 'expect rule "Paid plan" did not fire', true],
      ['Pin the rule at line 4 to its condition', 'expect rule at line 4 "plan in [\\"team\\", \\"business\\"]" did not fire', false],
    ]);
    expect(second[0]!.edit['b2b.test.score']![0]!.range).toEqual({ start: { line: 7, character: 2 }, end: { line: 7, character: 36 } });
  });

  test('an outline of the tests; no completion, hover or rename from there', () => {
    const s = service();
    expect(s.documentSymbols('b2b.test.score', tests)).toEqual([expect.objectContaining({ name: 'a pro', kind: 'test', detail: '1 expectation' })]);
    const at = cursor(tests.replace('    plan "pro"', '    pl|an "pro"'));
    expect(s.complete('b2b.test.score', at.text, at.position).items).toEqual([]);
    expect(s.hover('b2b.test.score', at.text, at.position)).toBeUndefined();
    expect(s.rename('b2b.test.score', at.text, at.position, 'tier')).toEqual({ error: 'rename the field or section in the policy: its tests follow' });
  });
});
