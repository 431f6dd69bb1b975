import { describe, expect, it } from 'vitest';
import type { Range } from '../../language/index.js';
import { compile } from '../compile.js';

const span = (range: Range) => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;

function warnings(text: string) {
  return compile(text)
    .diagnostics.filter((d) => d.code === 'LS5005')
    .map((d) => ({ at: span(d.range), message: d.message, help: d.help }));
}

describe('LS5005: each without a cap or decay', () => {
  it('warns at `each` in a section without decay, suggesting both fixes', () => {
    expect(warnings('engagement:\n  when open email add 5 each')).toEqual([
      {
        at: '2:25-2:29',
        message: "`each` without `at most` or decay: every matching event counts in full, forever, so this rule's points grow without limit",
        help: 'add a cap such as `at most 30`, or `decay half-life 60 days` to the section `engagement`',
      },
    ]);
  });

  it('warns outside sections, where only a cap helps, and on `subtract`', () => {
    expect(warnings('when bounce email subtract 5 each')).toEqual([
      {
        at: '1:30-1:34',
        message: "`each` without `at most` or decay: every matching event counts in full, forever, so this rule's points fall without limit",
        help: 'add a cap such as `at most 30`',
      },
    ]);
  });

  it('is quiet with `at most`, with decay in the section, and for rules that score once', () => {
    expect(warnings('when open email add 5 each, at most 15')).toEqual([]);
    expect(warnings('engagement:\n  when open email add 5 each\n  decay half-life 30 days')).toEqual([]);
    expect(warnings('engagement:\n  decay half-life 30 days\n  when visit page 3 times within 7 days add 5 each')).toEqual([]);
    expect(warnings('when open email add 5')).toEqual([]);
  });
});
