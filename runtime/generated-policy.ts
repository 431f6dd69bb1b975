import { generateScorer } from './codegen.js';
import { InterpretedPolicy } from './interpreter.js';
import type { PolicyIr } from './ir.js';
import { leadValidator, type LeadValidator } from './lead-schema.js';
import type { Explanation, Policy, PolicyInfo, ScoreOptions, ScoreResult } from './results.js';
import { toMillis } from './time.js';

type Scorer = (lead: unknown, times: readonly number[] | null, now: number) => ScoreResult;

/** Scores with one JavaScript function generated for the policy (runtime/codegen.ts). */
export class GeneratedPolicy implements Policy {
  readonly name: string | null;
  readonly backend = 'generated';
  readonly validate: LeadValidator;
  /** The generated source, for inspection and tests. */
  readonly source: string;
  private readonly scorer: Scorer;
  private interpreter: InterpretedPolicy | undefined;

  constructor(
    readonly ir: PolicyIr,
    readonly info: PolicyInfo,
  ) {
    this.name = ir.policy.name;
    this.validate = leadValidator(ir.inputs);
    const { source, bindings } = generateScorer(ir);
    this.source = source;
    // Throws EvalError where a Content-Security-Policy forbids generated code; loadPolicy falls back then.
    this.scorer = new Function('rt', source)({ ...bindings, info }) as Scorer;
    // One function per policy: for a very large policy its stack frame can be more than the engine
    // allows, a RangeError on every lead. Found here, once, rather than by the first lead.
    this.scorer({}, [], 0);
  }

  score(lead: unknown, options: ScoreOptions): ScoreResult {
    const now = toMillis(options.now);
    // The generated code checks the lead as it scores it (fused: one pass over the events).
    return this.scorer(lead, null, now);
  }

  /** Explanations come from the interpreter, which records every step; their results are identical. */
  explain(lead: unknown, options: ScoreOptions): Explanation {
    this.interpreter ??= new InterpretedPolicy(this.ir, this.info);
    return this.interpreter.explain(lead, options);
  }
}
