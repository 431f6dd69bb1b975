import { describe, expect, it } from 'vitest';
import type { Range } from '../../language/index.js';
import { compile } from '../compile.js';

const span = (range: Range) => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;

function warnings(text: string) {
  return compile(text)
    .diagnostics.filter((d) => d.code === 'LS5002')
    .map((d) => ({ at: span(d.range), message: d.message, help: d.help }));
}

const fit = 'fit:\n  when title contains "VP" add 30\n  when employees > 50 add 20\n  when phone is missing subtract 5\n  when domain = "gmail.com" subtract 10\n';

describe('LS5002: thresholds out of reach', () => {
  it('warns on `fit >= 60` when fit is at most 50, with the range in the help', () => {
    expect(warnings(`${fit}grade "A" when fit >= 60`)).toEqual([
      {
        at: '6:16-6:25',
        message: '`fit` is at most 50, so `fit >= 60` is never true',
        help: 'the rules of `fit` give between -15 and 50 points (caps and decay considered); `leadscore check --ranges` shows every range',
      },
    ]);
  });

  it('warns below the minimum: `fit < -100`, `fit <= -16`, `fit < -15`', () => {
    const found = warnings(`${fit}grade "A" when fit < -100\ngrade "B" when fit <= -16\ngrade "C" when fit < -15`);
    expect(found.map((w) => w.message)).toEqual([
      '`fit` is at least -15, so `fit < -100` is never true',
      '`fit` is at least -15, so `fit <= -16` is never true',
      '`fit` is at least -15, so `fit < -15` is never true',
    ]);
  });

  it('warns on `>` the maximum, `=` outside the range and `between` outside it, also inside `or` and `not`', () => {
    const found = warnings(`${fit}stage "A" when fit > 50\nstage "B" when fit = 51 or title = "x"\nstage "C" when not (fit between 51 and 60)`);
    expect(found.map((w) => w.at)).toEqual(['6:16-6:24', '7:16-7:24', '8:21-8:42']);
  });

  it('reads the score as the sections plus the rules outside them', () => {
    expect(warnings(`${fit}when request demo add 40\nstage "SQL" when score >= 91`).map((w) => w.message)).toEqual(['`score` is at most 90, so `score >= 91` is never true']);
    expect(warnings(`${fit}when request demo add 40\nstage "SQL" when score >= 90`)).toEqual([]);
  });

  it('is quiet at the bounds themselves and for `!=`', () => {
    expect(warnings(`${fit}grade "A" when fit >= 50\ngrade "B" when fit <= -15\ngrade "C" when fit = 50\ngrade "D" when fit != 1000`)).toEqual([]);
  });

  it('is quiet when `each` has no cap: the section is unbounded', () => {
    expect(warnings('e:\n  when open email add 5 each\nstage "SQL" when e >= 1000000')).toEqual([]);
  });

  it('ignores fields, whose range is unknown', () => {
    expect(warnings('when title = "x" add 1\nstage "Big" when employees > 1000000')).toEqual([]);
  });
});
