import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { hardKeywordWords, softKeywordWords } from './language.js';
import { escapeMarkdown, keywordDocs, PolicyServices, shortEntries, type Position } from './services.js';

const reference = readFileSync(new URL('../../examples/b2b-saas.score', import.meta.url), 'utf8');

/** The text without its `|`, and the position where the `|` was. */
function cursor(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no cursor in the text');
  const before = marked.slice(0, offset).split('\n');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), position: { line: before.length, column: before[before.length - 1]!.length + 1 } };
}

function complete(marked: string, services = new PolicyServices()) {
  const { text, position } = cursor(marked);
  return services.complete(text, position);
}

function hover(marked: string) {
  const { text, position } = cursor(marked);
  return new PolicyServices().hover(text, position)?.contents.join('\n');
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

  test("after a verb: its objects, declared ones included", () => {
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
    expect(labels(complete('field plan: |'))).toEqual(['text', 'number', 'boolean']);
  });

  test('at the start of a line: statements; inside a section: rules and decay', () => {
    expect(labels(complete('|'))).toEqual(['when', 'policy', 'list', 'field', 'event', 'import', 'grade', 'stage', 'route']);
    expect(labels(complete('fit:\n  w|'))).toEqual(['when', 'decay half-life']);
  });

  test('nothing inside a string, a comment, or a name being declared', () => {
    expect(complete('when title = "C|').items).toEqual([]);
    expect(complete('# when |').items).toEqual([]);
    expect(complete('list |').items).toEqual([]);
  });

  test('works while the policy has errors, and remembers a list whose line is broken now', () => {
    const services = new PolicyServices();
    // The last good compile.
    expect(services.analyse('list dach = ["DE", "AT"]\nwhen country in dach add 5\n').symbols.lists.has('dach')).toBe(true);
    const broken = complete('list dach = ["DE", "AT", \nwhen titel = = "x" add 5\nwhen country in |', services);
    expect(broken.items).toEqual([{ label: 'dach', kind: 'list', detail: '["DE", "AT"]' }]);
    // A fresh editor never saw it compile: only what parses now.
    expect(complete('list dach = ["DE", "AT", \nwhen country in |').items).toEqual([]);
    expect(labels(complete('list ok = ["a"]\nwhen titel = = "x" add 5\nwhen title in |'))).toEqual(['ok']);
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
    expect(labels(complete('when title contains "CEO" add 10\n|'))).toEqual(['when', 'policy', 'list', 'field', 'event', 'import', 'grade', 'stage', 'route']);
    expect(labels(complete('fit:\n  when title contains "CEO" add 10\n  w|'))).toEqual(['when', 'decay half-life']);
    // A comment on an earlier line does not turn completion off.
    expect(complete('# the fit rules\nwhen |').context).toBe('condition');
  });
});

describe('hover', () => {
  test("a list's entries, a field's type, a section's rules", () => {
    expect(hover(`${reference.replace('country in dach add 5', 'country in da|ch add 5')}`)).toBe('**list dach**\n3 entries: \\"DE\\", \\"AT\\", \\"CH\\"');
    expect(hover('field plan: text\nwhen pl|an = "pro" add 5')).toBe('**field plan**: text');
    expect(hover('when employ|ees > 10 add 5')).toBe('**field employees**: number (built-in)');
    expect(hover(reference.replace('engagement:', 'engage|ment:'))).toBe('**section engagement**: 6 rules, decay half-life 60 days');
  });

  test("a rule's points and section, and what a keyword does", () => {
    expect(hover(reference.replace('add 5 each, at most 15', 'a|dd 5 each, at most 15'))).toBe(
      `**add** (keyword): ${keywordDocs['add']}\n**rule**, line 17, in section engagement: +5 points per matching event, at most 15; the section's event points decay with a half-life of 60 days`,
    );
    expect(hover('when domain in ["x.com"] |blacklist')).toContain('**rule**, line 1, outside sections: adds to the total: blacklists the lead');
    expect(hover('when phone is missing subtract |5')).toBe('**rule**, line 1, outside sections: adds to the total: −5 points');
    expect(hover('when phone is mis|sing subtract 5')).toBe(`**missing** (keyword): ${keywordDocs['missing']}`);
  });

  test('a soft keyword is a name wherever it does not start its statement, at the start of a line inside brackets too', () => {
    expect(hover('field policy: number\nwhen (employees > 5 or\n  pol|icy > 1) add 1')).toBe('**field policy**: number');
    expect(hover('list list = ["a"]\nwhen (title in\nli|st) add 1')).toBe('**list list**\n1 entry: \\"a\\"');
    expect(hover('pol|icy "Inbound"')).toBe(`**policy** (keyword): ${keywordDocs['policy']}`);
    expect(hover('import:\n  when title = "x" add 1\ngrade "A" when im|port > 0')).toMatch(/^\*\*section import\*\*/);
    expect(hover('im|port:\n  when title = "x" add 1')).toMatch(/^\*\*section import\*\*/);
  });

  test('every keyword of the language has a line of documentation', () => {
    for (const word of [...hardKeywordWords, ...softKeywordWords]) expect(keywordDocs[word], word).toBeTruthy();
  });

  test('text from the policy is escaped, never Markdown or HTML', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> *b* [l](u)')).toBe('&lt;img src=x onerror=alert\\(1\\)&gt; \\*b\\* \\[l\\]\\(u\\)');
    expect(hover('list bad = ["<script>alert(1)</script>"]\nwhen title in ba|d add 1')).not.toContain('<script>');
    expect(shortEntries(['"a"', '"b"'])).toBe('["a", "b"]');
  });
});

describe('go to definition', () => {
  test('a list, a declared field and a section lead to their declarations; built-ins lead nowhere', () => {
    const services = new PolicyServices();
    const at = (marked: string) => {
      const { text, position } = cursor(marked);
      return services.definition(text, position);
    };
    expect(at(reference.replace('domain in competitors', 'domain in compet|itors'))).toEqual({ startLineNumber: 3, startColumn: 6, endLineNumber: 3, endColumn: 17 });
    expect(at(reference.replace('when fit >= 40 and', 'when f|it >= 40 and'))).toEqual({ startLineNumber: 7, startColumn: 1, endLineNumber: 7, endColumn: 4 });
    expect(at('field plan: text\nwhen pla|n = "pro" add 5')).toEqual({ startLineNumber: 1, startColumn: 7, endLineNumber: 1, endColumn: 11 });
    expect(at('when ti|tle = "CTO" add 5')).toBeUndefined();
  });
});

describe('format document', () => {
  test('indents a section and spaces its words canonically', () => {
    expect(new PolicyServices().format('fit:\n      when title contains "x"   add 5\n')).toEqual({ text: 'fit:\n  when title contains "x" add 5\n' });
  });

  test('leaves a policy with syntax errors alone and says why', () => {
    expect(new PolicyServices().format('when title = = "x" add 5\n').error).toMatch(/^not formatted: line 1 has an error/);
  });
});
