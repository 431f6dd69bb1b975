import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/index.js';
import { tokens } from '../../language/index.js';
import {
  hardKeywordWords,
  keywordWords,
  languageConfiguration,
  markerMessage,
  monarchLanguage,
  neverInSectionPattern,
  sectionHeaderPattern,
  softKeywordWords,
  toMarkers,
} from './language.js';

describe('the leadscore language for Monaco', () => {
  test('its keyword words come from the lexer tokens, with both forms of times and days', () => {
    expect(hardKeywordWords).toEqual(expect.arrayContaining(['when', 'add', 'each', 'times', 'time', 'days', 'day', 'otherwise']));
    expect(softKeywordWords).toEqual(expect.arrayContaining(['policy', 'stage', 'half-life', 'import']));
    expect(keywordWords(tokens.When)).toEqual(['when']);
    expect(hardKeywordWords).toHaveLength(tokens.hardKeywords.length + 2);
  });

  test('has one Monarch rule per keyword token, which refuses words an identifier would continue', () => {
    const rules = monarchLanguage().tokenizer['root'] ?? [];
    const keywordRules = rules.filter((rule): rule is [RegExp, string] => Array.isArray(rule) && (rule[1] === 'keyword' || rule[1] === 'keyword.soft'));
    expect(keywordRules).toHaveLength(tokens.hardKeywords.length + tokens.softKeywords.length);
    const when = keywordRules.find(([pattern]) => pattern.test('when'))?.[0];
    expect(when?.exec('when title')?.[0]).toBe('when');
    expect(when?.test('when-ever')).toBe(false);
    expect(when?.test('whenever')).toBe(false);
  });

  test('markers carry the compiler message, its help, and error or warning severity', () => {
    const { diagnostics } = compile('list unused = ["a"]\nwhen titel = "CTO" add 5\n');
    const markers = toMarkers(diagnostics);
    expect(markers).toContainEqual(expect.objectContaining({ severity: 8, code: 'LS2001', startLineNumber: 2, startColumn: 6, endLineNumber: 2, endColumn: 11 }));
    expect(markers.find((marker) => marker.code === 'LS2001')?.message).toBe('unknown name `titel`: no field is called that\ndid you mean `title`?');
  });

  test('a suggestion without help becomes "did you mean"', () => {
    const at = { line: 1, column: 1, offset: 0 };
    expect(markerMessage({ code: 'LS0000', severity: 'warning', message: 'odd', range: { start: at, end: at }, suggestions: ['even'] })).toBe('odd\ndid you mean `even`?');
    expect(toMarkers([{ code: 'LS0000', severity: 'warning', message: 'odd', range: { start: at, end: at } }])[0]).toMatchObject({ severity: 4, endColumn: 2 });
  });

  test('Enter indents after a section header, with or without a comment, and after nothing else', () => {
    for (const header of ['intent:', 'fit :', 'buying-signals:  # from the CRM', '_x:']) expect(sectionHeaderPattern.test(header), header).toBe(true);
    for (const line of ['  when a add 1', 'field plan: text', 'when title contains ":" add 1', '# fit:', 'fit: when']) expect(sectionHeaderPattern.test(line), line).toBe(false);
    expect(languageConfiguration.onEnterRules).toEqual([{ beforeText: sectionHeaderPattern, action: { indentAction: 1 } }]);
  });

  test('a declaration, decision or header typed under a section goes back to column 1; rules and continuations stay', () => {
    for (const line of ['  stage "SQL"', '  list x', '\tgrade "A"', '  import "x"', '  other:', '    route "R"']) expect(neverInSectionPattern.test(line), line).toBe(true);
    for (const line of ['stage "SQL"', '  when stage = "SQL" add 1', '  and country in dach', '  stages_total', '  decay half-life 7 days', '  "a", "b"'])
      expect(neverInSectionPattern.test(line), line).toBe(false);
  });
});
