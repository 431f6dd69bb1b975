import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { LanguageService } from './index.js';

const reference = readFileSync(new URL('../examples/b2b-saas.score', import.meta.url), 'utf8');

describe('outline', () => {
  test('declarations, sections with their rules, and decision rows, in order', () => {
    const symbols = new LanguageService().documentSymbols('policy.score', reference);
    expect(symbols.map((symbol) => `${symbol.kind} ${symbol.name}`).slice(0, 6)).toEqual([
      'policy B2B SaaS inbound',
      'list competitors',
      'list freemail',
      'list dach',
      'section fit',
      'section engagement',
    ]);
    const fit = symbols.find((symbol) => symbol.name === 'fit')!;
    expect(fit.children?.[0]).toMatchObject({ kind: 'rule', name: 'title contains any word ["CEO", "CTO", "CMO", "…', detail: '+15' });
    expect(fit.selectionRange).toEqual({ start: { line: 6, character: 0 }, end: { line: 6, character: 3 } });
    expect(symbols).toContainEqual(expect.objectContaining({ kind: 'decision', name: 'stage "SQL"', detail: 'fit >= 40 and engagement >= 60' }));
  });

  test('a named rule goes by its name, its condition after the points', () => {
    const [section] = new LanguageService().documentSymbols('policy.score', 'fit:\n  when title contains "CEO" add 15 as "Chief executive"\n');
    expect(section!.children?.[0]).toMatchObject({
      kind: 'rule',
      name: 'Chief executive',
      detail: '+15 · title contains "CEO"',
      selectionRange: { start: { line: 1, character: 38 }, end: { line: 1, character: 55 } },
    });
  });

  test('sections, statements over several lines and runs of comments fold', () => {
    const text = '# one\n# two\nfit:\n  when title in [\n    "a",\n  ] add 5\n  when x = 1 add 1\nstage "A" otherwise\n';
    expect(new LanguageService().foldingRanges('policy.score', text)).toEqual([
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 6 },
      { startLine: 3, endLine: 5 },
    ]);
  });
});
