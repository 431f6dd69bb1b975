import { describe, expect, test } from 'vitest';
import { LanguageService } from './index.js';

describe('format document', () => {
  test('one edit over the whole document: a section indented and its words spaced canonically', () => {
    const text = 'fit:\n      when title contains "x"   add 5';
    expect(new LanguageService().format('policy.score', text)).toEqual({
      edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 37 } }, newText: 'fit:\n  when title contains "x" add 5\n' }],
    });
  });

  test('no edit when the policy is already formatted', () => {
    expect(new LanguageService().format('policy.score', 'fit:\n  when title contains "x" add 5\n')).toEqual({ edits: [] });
  });

  test('leaves a policy with syntax errors alone and says why', () => {
    const answer = new LanguageService().format('policy.score', 'when title = = "x" add 5\n');
    expect('error' in answer && answer.error).toMatch(/^not formatted: line 1 has an error/);
  });
});

test('a policy test file is not formatted as a policy', () => {
  expect(new LanguageService().format('b2b.test.score', 'test "x"\n  lead\n    title "CTO"\n  expect score 0\n')).toEqual({
    error: 'policy tests (*.test.score) have no canonical form yet: only policies are formatted',
  });
});
