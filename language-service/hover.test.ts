import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { tokens } from '../language/index.js';
import { cursor } from '../test-support/cursor.js';
import { escapeMarkdown, keywordDocs, LanguageService, shortEntries } from './index.js';

const reference = readFileSync(new URL('../examples/b2b-saas.score', import.meta.url), 'utf8');

function hover(marked: string) {
  const { text, position } = cursor(marked);
  return new LanguageService().hover('policy.score', text, position)?.contents.join('\n');
}

describe('hover', () => {
  test("a list's entries, a field's type, a section's rules", () => {
    expect(hover(`${reference.replace('country in dach add 5', 'country in da|ch add 5')}`)).toBe('**list dach**\n3 entries: \\"DE\\", \\"AT\\", \\"CH\\"');
    expect(hover('field plan: text\nwhen pl|an = "pro" add 5')).toBe('**field plan**: text');
    expect(hover('when employ|ees > 10 add 5')).toBe('**field employees**: number (built-in)');
    expect(hover(reference.replace('engagement:', 'engage|ment:'))).toBe('**section engagement**: 6 rules, decay half-life 60 days');
  });

  test('the range is the word under the cursor, counted as the LSP counts', () => {
    const { text, position } = cursor('field plan: text\nwhen pl|an = "pro" add 5');
    expect(new LanguageService().hover('policy.score', text, position)?.range).toEqual({ start: { line: 1, character: 5 }, end: { line: 1, character: 9 } });
  });

  test("a rule's points and section, and what a keyword does", () => {
    expect(hover(reference.replace('add 5 each, at most 15', 'a|dd 5 each, at most 15'))).toBe(
      `**add** (keyword): ${keywordDocs['add']}\n**rule**, line 17, in section engagement: +5 points per matching event, at most 15; the section's event points decay with a half-life of 60 days`,
    );
    expect(hover('when domain in ["x.com"] |blacklist')).toContain('**rule**, line 1, outside sections: adds to the total: blacklists the lead');
    expect(hover('when phone is missing subtract |5')).toBe('**rule**, line 1, outside sections: adds to the total: −5 points');
    expect(hover('when phone is mis|sing subtract 5')).toBe(`**missing** (keyword): ${keywordDocs['missing']}`);
  });

  test('a decision names its rows; nothing over blank space', () => {
    expect(hover(`${reference}\nroute "Later" when sta|ge = "SQL"`)).toBe('**stage** (decision): \\"SQL\\", \\"MQL\\", \\"Nurture\\"');
    expect(hover('when title = "x" add 5\n|\n')).toBeUndefined();
  });

  test('every keyword of the language has a line of documentation', () => {
    const words = [...tokens.hardKeywords, ...tokens.softKeywords].map((token) => String(token.LABEL).replace(/`/g, ''));
    expect(words).toHaveLength(51);
    for (const word of [...words, 'time', 'day']) expect(keywordDocs[word], word).toBeTruthy();
  });

  test('text from the policy is escaped, never Markdown or HTML', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> *b* [l](u)')).toBe('&lt;img src=x onerror=alert\\(1\\)&gt; \\*b\\* \\[l\\]\\(u\\)');
    expect(hover('list bad = ["<script>alert(1)</script>"]\nwhen title in ba|d add 1')).not.toContain('<script>');
    expect(shortEntries(['"a"', '"b"'])).toBe('["a", "b"]');
  });
});
