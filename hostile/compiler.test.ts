import { describe, expect, it } from 'vitest';
import { testSizes } from './mutations.js';
import { describeFailure, runTarget, targets } from './targets.js';

// `npm run fuzz -- --target compiler` runs the same property on many more inputs, larger ones too.
const runs = 60;

describe('the hostile suite: compiler', () => {
  it(`${runs} mutated policies: compile never throws, diagnostics are well-formed, the language service answers, fmt keeps the rule graph`, { timeout: 120_000 }, async () => {
    const report = await runTarget(targets.compiler, { seed: 1, runs, sizes: testSizes });
    if (report.failure) expect.fail(describeFailure('compiler', report));
    expect(report.runs).toBe(runs);
  });
});
