import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { scoreRanges } from './ranges.js';

function rangesOf(text: string) {
  const { ir, diagnostics } = compile(text);
  if (!ir) throw new Error(`does not compile: ${JSON.stringify(diagnostics)}`);
  return scoreRanges(ir);
}

const examples = join(import.meta.dirname, '..', '..', 'examples');

describe('score ranges', () => {
  it('of the reference policy, worked out by hand', () => {
    // fit: 15 + 10 + 10 + 10 + 5 = 50 at most; -5 (no phone) - 10 (freemail) = -15 at least.
    // engagement: opens ≤ 15, clicks ≤ 30, whitepaper 20, pricing 20, demo 40 = 125; no activity -10.
    // outside sections: the blacklist gives 0, unsubscribe -30.
    // score: -15 - 10 - 30 = -55 to 50 + 125 + 0 = 175.
    const ranges = rangesOf(readFileSync(join(examples, 'b2b-saas.score'), 'utf8'));
    expect(ranges).toEqual({
      sections: [
        { name: 'fit', min: -15, max: 50 },
        { name: 'engagement', min: -10, max: 125 },
      ],
      direct: { min: -30, max: 0 },
      score: { min: -55, max: 175 },
    });
  });

  it('a once-rule gives 0 or its points, whatever its `at most`', () => {
    const ranges = rangesOf('fit:\n  when request demo add 40, at most 10\n  when phone is missing subtract 5');
    expect(ranges.sections).toEqual([{ name: 'fit', min: -5, max: 40 }]);
  });

  it('`each` with `at most N` gives up to N, whatever the points per event', () => {
    const ranges = rangesOf('e:\n  when open email add 20 each, at most 15\n  when bounce email subtract 10 each, at most 25');
    expect(ranges.sections).toEqual([{ name: 'e', min: -25, max: 15 }]);
  });

  it('`each` without a cap is unbounded, also with decay', () => {
    const ranges = rangesOf('e:\n  when open email add 5 each\n  when bounce email subtract 1 each\n  decay half-life 30 days');
    expect(ranges.sections).toEqual([{ name: 'e', min: -Infinity, max: Infinity }]);
    expect(ranges.score).toEqual({ min: -Infinity, max: Infinity });
  });

  it('decay never raises the bound of a once-rule', () => {
    const ranges = rangesOf('e:\n  when request demo add 40\n  decay half-life 30 days');
    expect(ranges.sections).toEqual([{ name: 'e', min: 0, max: 40 }]);
  });

  it('the score adds the rules outside sections; a blacklist gives nothing; an empty section is 0', () => {
    const ranges = rangesOf('when domain = "acme.com" blacklist\nwhen unsubscribe subtract 30\nwhen request demo add 40\nempty:\nfit:\n  when title = "CTO" add 7.5');
    expect(ranges.direct).toEqual({ min: -30, max: 40 });
    expect(ranges.sections).toEqual([
      { name: 'empty', min: 0, max: 0 },
      { name: 'fit', min: 0, max: 7.5 },
    ]);
    expect(ranges.score).toEqual({ min: -30, max: 47.5 });
  });

  it('keeps cents exact where binary fractions would not', () => {
    const ranges = rangesOf('fit:\n  when title = "CTO" add 0.1\n  when title = "CEO" add 0.2');
    expect(ranges.sections).toEqual([{ name: 'fit', min: 0, max: 0.3 }]);
  });
});
