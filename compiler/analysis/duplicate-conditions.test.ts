import { describe, expect, it } from 'vitest';
import type { Range } from '../../language/index.js';
import { compile } from '../compile.js';

const span = (range: Range) => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;

function warnings(text: string) {
  return compile(text)
    .diagnostics.filter((d) => d.code === 'LS5006')
    .map((d) => ({ at: span(d.range), message: d.message }));
}

describe('LS5006: the same condition scored twice in a section', () => {
  it('warns on the second rule’s condition, naming the first rule’s line', () => {
    expect(warnings('fit:\n  when title contains "VP" add 10\n  when employees > 50 add 5\n  when title contains "VP" add 5')).toEqual([
      { at: '4:8-4:27', message: "the section `fit` already scores this condition on line 2, so a lead that meets it gets both rules' points" },
    ]);
  });

  it('sees the same condition written differently: case, spaces, parentheses', () => {
    expect(warnings('fit:\n  when title contains "VP" and employees > 5 add 10\n  when (title contains " vp ") and (employees > 5) add 5')).toHaveLength(1);
  });

  it('warns on each repeat, for event rules too', () => {
    expect(warnings('e:\n  when open email add 5\n  when open email add 1 each, at most 5\n  when open email subtract 1').map((w) => w.at)).toEqual(['3:8-3:18', '4:8-4:18']);
  });

  it('is quiet across sections, outside sections, for blacklists, and for different conditions', () => {
    expect(warnings('a:\n  when title = "x" add 1\nb:\n  when title = "x" add 1')).toEqual([]);
    expect(warnings('when domain = "acme.com" blacklist\nwhen domain = "acme.com" subtract 50')).toEqual([]);
    expect(warnings('e:\n  when visit page add 1\n  when visit page 3 times add 5\n  when visit page "/pricing" add 5')).toEqual([]);
  });
});
