import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostileFailure } from './failure.js';
import { applyMutations, testSizes } from './mutations.js';
import { describeFailure, runTarget, type Target } from './targets.js';

/** A target that fails for numbers above 50, so the machinery around the real ones can be seen working. */
const aboveFifty: Target<number> = {
  inputs: 'numbers',
  arbitrary: () => fc.integer({ min: 0, max: 1000 }),
  check: (n) => {
    if (n > 50) throw new HostileFailure(`${n} is above 50`);
  },
  describe: (n) => `the number ${n}`,
};

describe('running a hostile target', () => {
  it('shrinks a failure and says how to repeat it; the seed and path repeat exactly that input', async () => {
    const report = await runTarget(aboveFifty, { seed: 7, runs: 100, sizes: testSizes });
    expect(report.failure?.description).toBe('the number 51');
    expect(report.failure?.error).toBe('51 is above 50');
    const text = describeFailure('compiler', report);
    expect(text).toContain(`--- repeat with: npm run fuzz -- --target compiler --seed 7 --path ${report.failure!.path}`);
    const again = await runTarget(aboveFifty, { seed: 7, path: report.failure!.path, runs: 1, sizes: testSizes });
    expect(again.failure?.description).toBe('the number 51');
  });

  it('runs for a bounded time when asked, counting the inputs tried', async () => {
    const report = await runTarget({ ...aboveFifty, check: () => undefined }, { seed: 1, milliseconds: 200, sizes: testSizes });
    expect(report.failure).toBeUndefined();
    expect(report.runs).toBeGreaterThan(10);
  });
});

describe('mutations', () => {
  it('apply to any text, the empty one included, by place modulo its tokens or lines', () => {
    const text = 'when title = "CTO" add 5\nwhen employees > 10 add 1\n';
    expect(applyMutations(text, [{ kind: 'delete-line', at: 1 }])).toBe('when title = "CTO" add 5\n');
    expect(applyMutations(text, [{ kind: 'swap-tokens', at: 2, other: 6 }])).toBe('when "CTO" = title add 5\nwhen employees > 10 add 1\n');
    expect(applyMutations(text, [{ kind: 'insert', at: 2 + 1000 * 31, text: '\u0000' }])).toBe('when \u0000title = "CTO" add 5\nwhen employees > 10 add 1\n');
    expect(applyMutations(text, [{ kind: 'line-ends', ends: 'mixed' }])).toBe('when title = "CTO" add 5\nwhen employees > 10 add 1\r\n');
    expect(
      applyMutations('', [
        { kind: 'delete-token', at: 5 },
        { kind: 'truncate', at: 3 },
        { kind: 'swap-lines', at: 1, other: 2 },
      ]),
    ).toBe('');
  });
});
