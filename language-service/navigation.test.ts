import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { cursor } from '../test-support/cursor.js';
import { LanguageService, type Range, type TextEdit } from './index.js';

const reference = readFileSync(new URL('../examples/b2b-saas.score', import.meta.url), 'utf8');

const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

/** Applies edits to a text (from the last to the first, so earlier ranges stay right). */
function apply(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((result, edit) => result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end)), text);
}

describe('go to definition', () => {
  test('a list, a declared field and a section lead to their declarations; built-ins lead nowhere', () => {
    const service = new LanguageService();
    const at = (marked: string) => {
      const { text, position } = cursor(marked);
      return service.definition('policy.score', text, position);
    };
    expect(at(reference.replace('domain in competitors', 'domain in compet|itors'))).toEqual({ file: 'policy.score', range: range(2, 5, 16) });
    expect(at(reference.replace('when fit >= 40 and', 'when f|it >= 40 and'))).toEqual({ file: 'policy.score', range: range(6, 0, 3) });
    expect(at('field plan: text\nwhen pla|n = "pro" add 5')).toEqual({ file: 'policy.score', range: range(0, 6, 10) });
    expect(at('when ti|tle = "CTO" add 5')).toBeUndefined();
    // A cursor just after the name is still on it.
    expect(at('list a = ["x"]\nwhen title in a| add 5')).toEqual({ file: 'policy.score', range: range(0, 5, 6) });
  });

  test('a name declared in an imported file leads into that file', () => {
    const files: Record<string, string> = { 'lists.score': '# shared lists\nlist dach = ["DE"]\n' };
    const service = new LanguageService({ resolve: (_from, specifier) => specifier, readFile: (path) => files[path] });
    const { text, position } = cursor('import "lists.score"\nwhen country in da|ch add 5\n');
    expect(service.definition('main.score', text, position)).toEqual({ file: 'lists.score', range: range(1, 5, 9) });
  });
});

describe('references', () => {
  test('every use of a section in decision rows, with or without its declaration', () => {
    const { text, position } = cursor(reference.replace('engagement:', 'engage|ment:'));
    const service = new LanguageService();
    const all = service.references('policy.score', text, position, true);
    expect(all).toEqual([
      { file: 'policy.score', range: range(15, 0, 10) },
      { file: 'policy.score', range: range(32, 31, 41) },
    ]);
    expect(service.references('policy.score', text, position, false)).toEqual([all[1]]);
  });

  test('a built-in field: its uses in this policy', () => {
    const { text, position } = cursor('when ti|tle = "CTO" add 5\nstage "A" when title contains "VP"\n');
    expect(new LanguageService().references('policy.score', text, position).map((location) => location.range)).toEqual([range(0, 5, 10), range(1, 15, 20)]);
  });
});

describe('highlights', () => {
  test('the places in this document that name the same thing: a field, not a list of the same name', () => {
    const { text, position } = cursor('field dach: text\nlist dach = ["DE"]\nwhen country in da|ch add 5\nwhen dach = "x" add 1\n');
    expect(new LanguageService().highlights('policy.score', text, position)).toEqual([range(1, 5, 9), range(2, 16, 20)]);
  });
});

describe('rename', () => {
  test('a list: its declaration and every use', () => {
    const { text, position } = cursor(reference.replace('list dach', 'list da|ch'));
    const answer = new LanguageService().rename('policy.score', text, position, 'german_speaking');
    if ('error' in answer) throw new Error(answer.error);
    expect(Object.keys(answer.edit)).toEqual(['policy.score']);
    const renamed = apply(text, answer.edit['policy.score']!);
    expect(renamed).toContain('list german_speaking = ["DE", "AT", "CH"]');
    expect(renamed).toContain('when country in german_speaking add 5');
    expect(renamed).not.toMatch(/\bdach\b/);
  });

  test('a field and a section, as the compiler resolves them', () => {
    const service = new LanguageService();
    const field = cursor('field plan: text\nfit:\n  when pl|an = "pro" add 5\nstage "A" when fit >= 5 and plan = "pro"\nstage "B" otherwise\n');
    const renamedField = service.rename('policy.score', field.text, field.position, 'tier');
    if ('error' in renamedField) throw new Error(renamedField.error);
    expect(apply(field.text, renamedField.edit['policy.score']!)).toBe(
      'field tier: text\nfit:\n  when tier = "pro" add 5\nstage "A" when fit >= 5 and tier = "pro"\nstage "B" otherwise\n',
    );
    const section = cursor(field.text.replace('fit >=', 'f|it >='));
    const renamedSection = service.rename('policy.score', section.text, section.position, 'profile');
    if ('error' in renamedSection) throw new Error(renamedSection.error);
    expect(apply(section.text, renamedSection.edit['policy.score']!)).toContain('profile:\n  when plan');
    expect(apply(section.text, renamedSection.edit['policy.score']!)).toContain('stage "A" when profile >= 5');
  });

  test('refuses built-ins, keywords, clashes and what is no name', () => {
    const service = new LanguageService();
    const rename = (marked: string, name: string) => {
      const { text, position } = cursor(marked);
      const answer = service.rename('policy.score', text, position, name);
      return 'error' in answer ? answer.error : answer.edit;
    };
    expect(rename('when ti|tle = "x" add 5', 'role')).toBe('`title` is a built-in field; it cannot be renamed');
    expect(rename('when title = "x" a|dd 5', 'role')).toBe('only the names of lists, fields and sections can be renamed');
    const policy = 'list a = ["x"]\nlist b = ["y"]\nfield plan: text\nwhen title in |a add 5\n';
    expect(rename(policy, 'b')).toBe('there is already a list `b`');
    expect(rename(policy, 'when')).toMatch(/^`when` is not a name/);
    expect(rename(policy, 'two words')).toMatch(/^`two words` is not a name/);
    expect(rename(policy.replace('title in |a', 'title in a').replace('field plan', 'field pl|an'), 'employees')).toBe('there is already a field `employees`');
    expect(rename(policy.replace('title in |a', 'title in a').replace('field plan', 'field pl|an'), 'stage')).toBe('`stage` is reserved for the `stage` decision');
    expect(rename(policy, 'a')).toEqual({});
  });

  test('reaches the file that declares the name and every other policy that imports it', () => {
    const files: Record<string, string> = {
      'lists.score': 'list dach = ["DE"]\n',
      'a.score': 'import "lists.score"\nwhen country in dach add 5\n',
      'b.score': 'import "lists.score"\nwhen country not in dach add 1\n',
      'c.score': 'list dach = ["AT"]\nwhen country in dach add 1\n',
    };
    const service = new LanguageService({ resolve: (_from, specifier) => specifier, readFile: (path) => files[path], policyFiles: () => Object.keys(files) });
    const { text, position } = cursor(files['a.score']!.replace('in dach', 'in da|ch'));
    const answer = service.rename('a.score', text, position, 'german');
    if ('error' in answer) throw new Error(answer.error);
    expect(Object.keys(answer.edit).sort()).toEqual(['a.score', 'b.score', 'lists.score']);
    expect(apply(files['b.score']!, answer.edit['b.score']!)).toBe('import "lists.score"\nwhen country not in german add 1\n');
    expect(apply(files['lists.score']!, answer.edit['lists.score']!)).toBe('list german = ["DE"]\n');
    expect(
      service
        .references('a.score', text, position)
        .map((location) => location.file)
        .sort(),
    ).toEqual(['a.score', 'b.score', 'lists.score']);
  });

  test('keeps the policy tests in step: the fields their leads set and the sections they expect', () => {
    const files: Record<string, string> = {
      'b2b.score': 'field plan: text\nfit:\n  when plan = "pro" add 10\n',
      'b2b.test.score': 'test "a pro"\n  lead\n    plan "pro"\n    title "CTO"\n  expect fit 10\n',
      'other.test.score': 'policy "elsewhere.score"\ntest "not this policy"\n  lead\n    plan "pro"\n  expect fit 0\n',
      'elsewhere.score': 'field plan: text\nfit:\n  when plan = "x" add 1\n',
    };
    const host = {
      resolve: (_from: string, specifier: string) => specifier,
      readFile: (path: string) => files[path],
      policyFiles: () => ['b2b.score', 'elsewhere.score'],
      testFiles: () => ['b2b.test.score', 'other.test.score'],
    };
    const service = new LanguageService(host);
    const field = cursor(files['b2b.score']!.replace('field plan', 'field pl|an'));
    const renamed = service.rename('b2b.score', field.text, field.position, 'tier');
    if ('error' in renamed) throw new Error(renamed.error);
    expect(Object.keys(renamed.edit).sort()).toEqual(['b2b.score', 'b2b.test.score']);
    expect(apply(files['b2b.test.score']!, renamed.edit['b2b.test.score']!)).toBe('test "a pro"\n  lead\n    tier "pro"\n    title "CTO"\n  expect fit 10\n');
    const section = cursor(files['b2b.score']!.replace('fit:', 'f|it:'));
    const renamedSection = service.rename('b2b.score', section.text, section.position, 'profile');
    if ('error' in renamedSection) throw new Error(renamedSection.error);
    expect(apply(files['b2b.test.score']!, renamedSection.edit['b2b.test.score']!)).toContain('  expect profile 10\n');
    expect(service.references('b2b.score', section.text, section.position).map((location) => location.file)).toEqual(['b2b.score', 'b2b.test.score']);
  });
});
