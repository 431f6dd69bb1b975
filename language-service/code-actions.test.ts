import { describe, expect, test } from 'vitest';
import { cursor } from '../test-support/cursor.js';
import { LanguageService, type Range } from './index.js';

const at = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });

describe('quick fixes', () => {
  test("apply the diagnostic's did-you-mean, the closest first and preferred", () => {
    const text = 'policy "p"\nwhen industy = "Software" add 5\n';
    const service = new LanguageService();
    const [diagnostic] = service.diagnostics('policy.score', text);
    const actions = service.codeActions('policy.score', text, at(1, 7));
    expect(actions).toEqual([
      {
        title: 'Change to `industry`',
        kind: 'quickfix',
        diagnostic,
        edit: { 'policy.score': [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 12 } }, newText: 'industry' }] },
        preferred: true,
      },
    ]);
    expect(diagnostic?.code).toBe('LS2001');
  });

  test('every suggestion is offered, in the order the compiler gives them', () => {
    const text = 'list abc = ["a"]\nlist abd = ["b"]\nwhen title in abx add 5\n';
    const actions = new LanguageService().codeActions('policy.score', text, at(2, 15));
    expect(actions.map((action) => [action.title, action.preferred])).toEqual([
      ['Change to `abc`', true],
      ['Change to `abd`', false],
    ]);
  });

  test('a suggestion wider than the diagnostic replaces what the compiler says it replaces', () => {
    const { text, position } = cursor('when phone is missing add -|5\n');
    const [action] = new LanguageService().codeActions('policy.score', text, { start: position, end: position });
    expect(action?.title).toBe('Change to `subtract 5`');
    expect(action?.edit['policy.score']).toEqual([{ range: { start: { line: 0, character: 22 }, end: { line: 0, character: 28 } }, newText: 'subtract 5' }]);
  });

  test('straight quotes for a string in curly ones; text for a number compared with text', () => {
    const service = new LanguageService();
    expect(service.codeActions('policy.score', 'when title = “CTO” add 5\n', at(0, 15)).map((action) => action.title)).toEqual(['Change to `"CTO"`']);
    expect(service.codeActions('policy.score', 'when title = 5 add 5\n', at(0, 13)).map((action) => action.title)).toEqual(['Change to `"5"`']);
  });

  test('nothing away from a diagnostic, nor for one without suggestions', () => {
    const service = new LanguageService();
    const text = 'policy "p"\nwhen industy = "Software" add 5\nwhen zzz = "x" add 1\n';
    expect(service.codeActions('policy.score', text, at(0, 3))).toEqual([]);
    expect(service.codeActions('policy.score', text, at(2, 6))).toEqual([]);
  });
});
