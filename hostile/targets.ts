/**
 * The hostile suite's targets, as the tests (`hostile/*.test.ts`, a few seconds in `npm test`) and
 * `npm run fuzz -- --target …` (as long as asked) run them: the same generators and checks,
 * fast-check properties run from a seed, a failure shrunk and described with the seed and path
 * that repeat it.
 */
import fc from 'fast-check';
import { checkPolicyCase, describePolicyCase, policyCase, type PolicyCase } from './compiler.js';
import { HostileFailure, thrown } from './failure.js';
import type { Sizes } from './mutations.js';

export { fuzzSizes, testSizes, type Sizes } from './mutations.js';
import { checkReadersCase, describeReadersCase, readersCase, type ReadersCase } from './readers.js';
import { checkLeadsCase, describeLeadsCase, leadsCase, type LeadsCase } from './runtime.js';

export interface Target<T> {
  /** What each input is, for the report: "mutated policies". */
  inputs: string;
  arbitrary(sizes: Sizes): fc.Arbitrary<T>;
  /** Throws when the property does not hold for the input. */
  check(input: T): void | Promise<void>;
  describe(input: T): string;
}

export const targets = {
  compiler: { inputs: 'mutated policies', arbitrary: policyCase, check: checkPolicyCase, describe: describePolicyCase } satisfies Target<PolicyCase>,
  runtime: {
    inputs: 'random policies with hostile leads',
    arbitrary: (sizes: Sizes) => leadsCase(sizes),
    check: checkLeadsCase,
    describe: describeLeadsCase,
  } satisfies Target<LeadsCase>,
  readers: { inputs: 'mutated files of leads', arbitrary: readersCase, check: checkReadersCase, describe: describeReadersCase } satisfies Target<ReadersCase>,
};

export type TargetName = keyof typeof targets;

export interface RunOptions {
  seed: number;
  sizes: Sizes;
  /** How many inputs to try; or, with `milliseconds`, as many as fit in that time. */
  runs?: number;
  milliseconds?: number;
  /** fast-check's path of a failing input, to repeat just that one (with its seed). */
  path?: string;
}

export interface RunReport {
  /** Inputs tried (counting the one that failed). */
  runs: number;
  failure?: { seed: number; path: string; description: string; error: string };
}

/** Runs a target's property from a seed; never throws: a failure is in the report. */
export async function runTarget<T>(target: Target<T>, options: RunOptions): Promise<RunReport> {
  const parameters: fc.Parameters<[T]> = {
    seed: options.seed,
    ...(options.path !== undefined && { path: options.path, endOnFailure: true }),
    numRuns: options.runs ?? (options.milliseconds !== undefined ? Number.MAX_SAFE_INTEGER : 100),
    ...(options.milliseconds !== undefined && { interruptAfterTimeLimit: options.milliseconds, markInterruptAsFailure: false }),
  };
  const details = await fc.check(
    fc.asyncProperty(target.arbitrary(options.sizes), async (input) => {
      await target.check(input);
    }),
    parameters,
  );
  if (!details.failed || !details.counterexample) return { runs: details.numRuns };
  const [input] = details.counterexample;
  return {
    runs: details.numRuns,
    failure: {
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      description: target.describe(input),
      error: details.errorInstance instanceof HostileFailure ? details.errorInstance.message : thrown(details.errorInstance),
    },
  };
}

/** A failure as a report shows it: the error, the input, and how to repeat it. */
export function describeFailure(name: TargetName, report: RunReport): string {
  const failure = report.failure;
  if (!failure) return `${name}: no failure in ${report.runs} inputs`;
  return [
    `${name}: fails after ${report.runs} inputs`,
    failure.error,
    `--- the input (shrunk):`,
    failure.description,
    `--- repeat with: npm run fuzz -- --target ${name} --seed ${failure.seed} --path ${failure.path}`,
  ].join('\n');
}
