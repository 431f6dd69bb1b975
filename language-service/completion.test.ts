import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { cursor } from '../test-support/cursor.js';
import { LanguageService } from './index.js';

const reference = readFileSync(new URL('../examples/b2b-saas.score', import.meta.url), 'utf8');

function complete(marked: string, service = new LanguageService()) {
  const { text, position } = cursor(marked);
  return service.complete('policy.score', text, position);
}

const labels = (completions: { items: Array<{ label: string }> }) => completions.items.map((item) => item.label);

describe('completion', () => {
  test('after `in`: the declared lists, with their entries in the detail', () => {
    const completions = complete(`${reference}\nwhen country in |`);
    expect(completions.context).toBe('list');
    expect(completions.items).toEqual([
      { label: 'competitors', kind: 'list', detail: '["acme.com", "globex.io"]' },
      { label: 'freemail', kind: 'list', detail: '["gmail.com", "yahoo.com", "outlook.com", … (5 entries)]' },
      { label: 'dach', kind: 'list', detail: '["DE", "AT", "CH"]' },
    ]);
    expect(labels(complete(`${reference}\nwhen title contains any c|`))).toContain('competitors');
  });

  test('where a condition starts: built-in and declared fields with their types, and event verbs', () => {
    const completions = complete('field plan: text\nfield trial: boolean\nwhen |');
    expect(completions.context).toBe('condition');
    expect(completions.items).toContainEqual({ label: 'employees', kind: 'field', detail: 'number field (built-in)' });
    expect(completions.items).toContainEqual({ label: 'trial', kind: 'field', detail: 'boolean field' });
    expect(completions.items).toContainEqual({ label: 'request', kind: 'event', detail: 'event · demo, trial, quote' });
    // Sections and decisions are for decision rows, not point rules.
    expect(labels(completions)).not.toContain('stage');
  });

  test('in a decision row: sections, score and decisions too', () => {
    const completions = complete(`${reference}\nroute "Later" when |`);
    expect(completions.items).toContainEqual({ label: 'engagement', kind: 'section', detail: 'section · 6 rules' });
    expect(completions.items).toContainEqual({ label: 'stage', kind: 'decision', detail: 'decision · ["SQL", "MQL", "Nurture"]' });
    expect(labels(completions)).toContain('score');
    expect(labels(complete(`${reference}\nroute "Later" |`))).toEqual(['when', 'otherwise']);
  });

  test('after a verb: its objects, declared ones included', () => {
    expect(complete('when request |').items).toEqual([
      { label: 'demo', kind: 'object', detail: 'object of request' },
      { label: 'trial', kind: 'object', detail: 'object of request' },
      { label: 'quote', kind: 'object', detail: 'object of request' },
    ]);
    expect(labels(complete('event attend meetup\nengagement:\n  when visit page and attend |'))).toEqual(['webinar', 'event', 'meetup']);
    expect(labels(complete('when no |'))).toEqual(expect.arrayContaining(['open', 'visit', 'activity']));
  });

  test('after a field: the operators; after `is`: its tests; in a field declaration: the types', () => {
    const operators = complete('when title |');
    expect(operators.context).toBe('operator');
    expect(labels(operators)).toEqual(expect.arrayContaining(['contains any', 'starts with', 'in', 'not in', 'between', 'is']));
    expect(labels(complete('when phone is |'))).toEqual(['missing', 'present', 'true', 'false']);
    expect(labels(complete('field plan: |'))).toEqual(['text', 'number', 'boolean', 'country', 'date']);
  });

  test('after a date field: the words that test dates', () => {
    const operators = complete('field created: date\nwhen created |');
    expect(operators.context).toBe('operator');
    expect(labels(operators)).toEqual(['before', 'after', 'within', 'more than', 'is']);
    expect(operators.items.find((item) => item.label === 'more than')?.documentation).toContain('days ago');
    expect(labels(complete('|'))).toContain('dates');
  });

  test('at the start of a line: statements; inside a section: rules and decay', () => {
    expect(labels(complete('|'))).toEqual(['when', 'policy', 'list', 'field', 'event', 'import', 'dates', 'numbers', 'grade', 'stage', 'route']);
    expect(labels(complete('fit:\n  w|'))).toEqual(['when', 'decay half-life']);
  });

  test('nothing inside a string, a comment, or a name being declared', () => {
    expect(complete('when title = "C|').items).toEqual([]);
    expect(complete('# when |').items).toEqual([]);
    expect(complete('list |').items).toEqual([]);
  });

  test('works while the policy has errors, and remembers a list whose line is broken now', () => {
    const service = new LanguageService();
    // The last good compile.
    expect(service.analyse('policy.score', 'list dach = ["DE", "AT"]\nwhen country in dach add 5\n').symbols.lists.has('dach')).toBe(true);
    const broken = complete('list dach = ["DE", "AT", \nwhen titel = = "x" add 5\nwhen country in |', service);
    expect(broken.items).toEqual([{ label: 'dach', kind: 'list', detail: '["DE", "AT"]' }]);
    // A fresh service never saw it compile: only what parses now.
    expect(complete('list dach = ["DE", "AT", \nwhen country in |').items).toEqual([]);
    expect(labels(complete('list ok = ["a"]\nwhen titel = = "x" add 5\nwhen title in |'))).toEqual(['ok']);
  });

  test('remembers each document on its own', () => {
    const service = new LanguageService();
    service.analyse('a.score', 'list dach = ["DE"]\nwhen country in dach add 5\n');
    const other = cursor('list dach = ["DE", \nwhen country in |');
    expect(service.complete('b.score', other.text, other.position).items).toEqual([]);
    expect(service.complete('a.score', other.text, other.position).items).toEqual([{ label: 'dach', kind: 'list', detail: '["DE"]' }]);
  });

  test('lists, fields and sections of imported files are offered too', () => {
    const files: Record<string, string> = { 'shared.score': 'list dach = ["DE", "AT"]\nfield plan: text\nfit:\n  when plan = "pro" add 5\n' };
    const service = new LanguageService({ resolve: (_from, specifier) => specifier, readFile: (path) => files[path] });
    const { text, position } = cursor('import "shared.score"\nwhen country in |');
    expect(labels(service.complete('main.score', text, position))).toEqual(['dach']);
    const row = cursor('import "shared.score"\nstage "A" when |');
    expect(labels(service.complete('main.score', row.text, row.position))).toEqual(expect.arrayContaining(['plan', 'fit']));
  });
});

describe('completion in a statement that goes on over several lines', () => {
  test('on a line starting with `and` or `or`: fields, verbs and conditions, as after `when`', () => {
    const continued = complete(`${reference}\nwhen title contains any ["CEO"]\n  and |`);
    expect(continued.context).toBe('condition');
    expect(continued.items).toContainEqual({ label: 'employees', kind: 'field', detail: 'number field (built-in)' });
    expect(labels(continued)).toEqual(expect.arrayContaining(['request', 'activity', 'not']));
    expect(complete('when visit page\n  or request |').context).toBe('object');
    expect(labels(complete('when country in dach\n  and title |'))).toContain('starts with');
  });

  test('a decision row continued on the next line still offers sections and decisions', () => {
    const continued = complete(`${reference}\nroute "Later" when score >= 10\n  and |`);
    expect(labels(continued)).toEqual(expect.arrayContaining(['engagement', 'stage', 'score']));
  });

  test('inside a list written over several lines: the entries of named lists, not keywords, nor those already there', () => {
    const inside = complete(`${reference}\nwhen country in [\n  "DE",\n  |`);
    expect(inside.context).toBe('entry');
    expect(inside.items).toContainEqual({ label: '"AT"', kind: 'value', detail: 'in list dach' });
    expect(labels(inside)).not.toContain('"DE"');
    expect(labels(inside)).not.toContain('when');
    expect(labels(inside)).not.toContain('employees');
    // After the list is closed on a later line, the rule goes on as usual.
    expect(complete(`${reference}\nwhen country in [\n  "DE"\n] |`).context).toBe('any');
  });

  test('inside parentheses over several lines: conditions', () => {
    expect(complete('when (title contains "VP"\n    or |').context).toBe('condition');
  });

  test('a complete statement on the line above does not carry over to a new one', () => {
    expect(labels(complete('when title contains "CEO" add 10\n|'))).toEqual(['when', 'policy', 'list', 'field', 'event', 'import', 'dates', 'numbers', 'grade', 'stage', 'route']);
    expect(labels(complete('fit:\n  when title contains "CEO" add 10\n  w|'))).toEqual(['when', 'decay half-life']);
    // A comment on an earlier line does not turn completion off.
    expect(complete('# the fit rules\nwhen |').context).toBe('condition');
  });
});
