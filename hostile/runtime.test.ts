import { describe, expect, it } from 'vitest';
import { testSizes } from './mutations.js';
import { describeFailure, runTarget, targets } from './targets.js';

// `npm run fuzz -- --target runtime` runs the same property on many more inputs, larger ones too.
const runs = 50;

describe('the hostile suite: runtime', () => {
  it(`${runs} random policies on hostile leads: both backends give the identical result or the identical LeadError, nothing else is thrown`, { timeout: 120_000 }, async () => {
    const report = await runTarget(targets.runtime, { seed: 1, runs, sizes: testSizes });
    if (report.failure) expect.fail(describeFailure('runtime', report));
    expect(report.runs).toBe(runs);
  });
});
