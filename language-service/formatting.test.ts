import { describe, expect, test } from 'vitest';
import { LanguageService } from './index.js';

describe('format document', () => {
  test('one edit over the whole document: a section indented and its words spaced canonically', () => {
    const text = 'fit:\n      when title contains "x"   add 5';
    expect(new LanguageService().format(text)).toEqual({
      edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 37 } }, newText: 'fit:\n  when title contains "x" add 5\n' }],
    });
  });

  test('no edit when the policy is already formatted', () => {
    expect(new LanguageService().format('fit:\n  when title contains "x" add 5\n')).toEqual({ edits: [] });
  });

  test('leaves a policy with syntax errors alone and says why', () => {
    const answer = new LanguageService().format('when title = = "x" add 5\n');
    expect('error' in answer && answer.error).toMatch(/^not formatted: line 1 has an error/);
  });
});
