import { describe, expect, it } from 'vitest';
import { testSizes } from './mutations.js';
import { describeFailure, runTarget, targets } from './targets.js';

// `npm run fuzz -- --target readers` runs the same property on many more inputs, larger ones too.
const runs = 20;

describe('the hostile suite: readers', () => {
  it(`${runs} mutated files of leads: one result or error per record, in order, a summary, the documented exit code, no stack trace`, { timeout: 120_000 }, async () => {
    const report = await runTarget(targets.readers, { seed: 1, runs, sizes: testSizes });
    if (report.failure) expect.fail(describeFailure('readers', report));
    expect(report.runs).toBe(runs);
  });
});
