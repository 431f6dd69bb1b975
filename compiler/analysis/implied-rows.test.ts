import { describe, expect, it } from 'vitest';
import type { Range } from '../../language/index.js';
import { compile } from '../compile.js';

const span = (range: Range) => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;

function warnings(text: string) {
  return compile(text)
    .diagnostics.filter((d) => d.code === 'LS5001')
    .map((d) => ({ at: span(d.range), message: d.message }));
}

const fit = 'fit:\n  when title contains "VP" add 30\n';

describe('LS5001: a row an earlier row covers', () => {
  it('warns on `fit >= 25` after `fit >= 20`, on the whole row', () => {
    expect(warnings(`${fit}grade "A" when fit >= 20\ngrade "B" when fit >= 25\ngrade "C" otherwise`)).toEqual([
      { at: '4:1-4:25', message: 'this grade row can never match: every lead it matches already gets grade "A" from line 3' },
    ]);
  });

  it('is quiet when the narrower row comes first (the reference policy’s order)', () => {
    expect(warnings(`${fit}grade "A" when fit >= 25\ngrade "B" when fit >= 20\ngrade "C" otherwise`)).toEqual([]);
  });

  it('compares open and closed bounds exactly', () => {
    expect(warnings(`${fit}grade "A" when fit > 20\ngrade "B" when fit >= 20`)).toEqual([]);
    expect(warnings(`${fit}grade "A" when fit >= 20\ngrade "B" when fit > 20`)).toHaveLength(1);
    expect(warnings(`${fit}grade "A" when fit between 10 and 20\ngrade "B" when fit = 15`)).toHaveLength(1);
    expect(warnings(`${fit}grade "A" when fit between 10 and 20\ngrade "B" when fit between 15 and 25`)).toEqual([]);
  });

  it('warns on an identical condition, however it is written', () => {
    expect(warnings('stage "A" when title = "CTO"\nstage "B" when (title = " cto ")')).toHaveLength(1);
  });

  it('sees through `and` and `or`', () => {
    // `a and b` implies `a`; `a` implies `a or b`; `a or b` implies c when each does.
    expect(warnings(`${fit}stage "A" when fit >= 20\nstage "B" when fit >= 20 and title = "x"`)).toHaveLength(1);
    expect(warnings('stage "A" when title = "x" or title = "y"\nstage "B" when title = "y"')).toHaveLength(1);
    expect(warnings(`${fit}stage "A" when fit >= 20\nstage "B" when fit >= 30 or fit = 25`)).toHaveLength(1);
    expect(warnings(`${fit}stage "A" when fit >= 20 and title = "x"\nstage "B" when fit >= 20`)).toEqual([]);
  });

  it('reads lists and event counts', () => {
    expect(warnings('route "A" when country in ["DE", "AT"]\nroute "B" when country = "de"')).toHaveLength(1);
    expect(warnings('route "A" when country in ["DE", "AT"]\nroute "B" when country in ["DE", "CH"]')).toEqual([]);
    expect(warnings('stage "A" when visit page\nstage "B" when visit page 3 times within 7 days')).toHaveLength(1);
    expect(warnings('stage "A" when visit page within 7 days\nstage "B" when visit page 3 times')).toEqual([]);
    expect(warnings('stage "A" when activity within 30 days\nstage "B" when open email within 7 days')).toHaveLength(1);
  });

  it('is quiet when unsure: different values, `!=`, text tests', () => {
    expect(warnings(`${fit}stage "A" when score >= 20\nstage "B" when fit >= 25`)).toEqual([]);
    expect(warnings('stage "A" when title != "x"\nstage "B" when title = "y"')).toEqual([]);
    expect(warnings('stage "A" when title contains "VP"\nstage "B" when title contains "SVP"')).toEqual([]);
  });

  it('leaves rows after `otherwise` to LS4005, and compares rows of one decision only', () => {
    const { diagnostics } = compile(`${fit}grade "A" otherwise\ngrade "B" when fit >= 20\nstage "S" when fit >= 10\nroute "R" when fit >= 10`);
    expect(diagnostics.map((d) => d.code)).toEqual(['LS4005']);
  });
});
