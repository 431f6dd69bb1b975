import { describe, expect, it } from 'vitest';
import type { Range } from '../../language/index.js';
import { compile } from '../compile.js';

const span = (range: Range) => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;

function warnings(text: string) {
  return compile(text)
    .diagnostics.filter((d) => d.code === 'LS5004')
    .map((d) => ({ at: span(d.range), message: d.message }));
}

describe('LS5004: unused declarations', () => {
  it('warns on an unused list, at its name', () => {
    expect(warnings('list dach = ["DE", "AT", "CH"]\nwhen country = "DE" add 5')).toEqual([{ at: '1:6-1:10', message: 'the list `dach` is declared but no rule or row uses it' }]);
  });

  it('warns on an unused declared field, never on built-in ones', () => {
    expect(warnings('field budget: number\nfield plan: text\nwhen plan = "pro" add 5')).toEqual([
      { at: '1:7-1:13', message: 'the field `budget` is declared but no rule or row uses it' },
    ]);
  });

  it('warns on each unused event a declaration adds', () => {
    expect(warnings('event login app, web\nevent churn\nwhen login app add 2')).toEqual([
      { at: '1:18-1:21', message: 'the event `login web` is declared but no rule or row uses it' },
      { at: '2:1-2:12', message: 'the event `churn` is declared but no rule or row uses it' },
    ]);
  });

  it('counts uses in rows, in `not`, in `no … for`, as a compared value, and with `contains any`', () => {
    const policy = [
      'list big = [1000, 5000]',
      'list titles = ["VP"]',
      'field seats: number',
      'field quota: number',
      'event login app',
      'when not employees in big add 5',
      'when title contains any titles add 5',
      'when no login app for 30 days subtract 5',
      'stage "Full" when seats >= quota',
    ].join('\n');
    expect(warnings(policy)).toEqual([]);
  });

  it('counts a pattern naming the verb alone as a use of every object', () => {
    expect(warnings('event login app, web\nwhen login add 2')).toEqual([]);
  });

  it('leaves events already known to LS2014', () => {
    const { diagnostics } = compile('event open email\nwhen title = "x" add 1');
    expect(diagnostics.map((d) => d.code)).toEqual(['LS2014']);
  });

  it('leaves declarations of imported files alone', () => {
    const files = new Map([['shared.score', 'list dach = ["DE"]\nlist unused = ["x"]']]);
    const host = { readFile: (path: string) => files.get(path), resolve: (_from: string, specifier: string) => specifier };
    const { diagnostics } = compile('import "shared.score"\nlist own = ["y"]\nwhen country in dach add 5', { fileName: 'main.score', host });
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['LS5004', 'the list `own` is declared but no rule or row uses it']]);
  });
});
