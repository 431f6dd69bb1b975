/**
 * The implementations of examples/b2b-saas.score the benchmark compares. Each gets the same
 * parsed lead objects and the same `now` (epoch milliseconds) and returns the fields they must
 * agree on, or throws for a lead it cannot score.
 */
import { fileURLToPath } from 'node:url';
import { compileFile } from '../workspace/index.js';
import { LeadError, loadPolicy, type PolicyIr } from '../runtime/index.js';
import { celScorer } from './cel.js';
import { scoreByHand } from './hand-written.js';
import { InvalidLead } from './lead-check.js';
import type { Outcome, Rejected } from './outcome.js';
import { rulesEngineScorer } from './rules-engine.js';

export interface Implementation {
  name: string;
  /** What one call does besides scoring, for the notes under the table. */
  includes: string;
  /** Whether `score` returns a promise (then it is awaited lead by lead). */
  async: boolean;
  score(lead: unknown, now: number): Outcome | Promise<Outcome>;
}

export const referencePolicyPath = fileURLToPath(new URL('../examples/b2b-saas.score', import.meta.url));

/** The reference policy's rule graph, compiled as the CLI compiles it. */
export async function referenceIr(): Promise<PolicyIr> {
  const io = {
    stdout: { write: () => true },
    stderr: { write: (text: string) => process.stderr.write(text) },
    stdin: process.stdin,
    cwd: process.cwd(),
    stdoutIsTty: false,
    stderrIsTty: false,
    clock: () => new Date(),
  };
  const { result } = await compileFile(referencePolicyPath, io);
  if (!result.ir) throw new Error(`${referencePolicyPath} does not compile`);
  return result.ir;
}

export type Backend = 'generated' | 'interpreter';

/** leadscore with one backend; a call validates the lead (ajv) and also builds the reasons. */
export function leadscore(ir: PolicyIr, backend: Backend): Implementation {
  const policy = loadPolicy(ir, { backend });
  return {
    name: `leadscore ${backend === 'generated' ? 'generated code' : 'interpreter'}`,
    includes: 'lead validation (JSON Schema), reasons for every rule that fired',
    async: false,
    score(lead, now) {
      const { score, dimensions, grade, stage, route, blacklisted } = policy.score(lead, { now });
      return { score, dimensions: dimensions as Outcome['dimensions'], grade, stage, route, blacklisted };
    },
  };
}

export function handWritten(): Implementation {
  return { name: 'hand-written JavaScript', includes: 'type checks of the fields it reads and of every event; no reasons', async: false, score: scoreByHand };
}

export function cel(): Implementation {
  return {
    name: 'CEL (@marcbachmann/cel-js)',
    includes: "the same type checks; each event's age and decay weight, a sum and rounding in JS; everything else in one CEL program; no reasons",
    async: false,
    score: celScorer(),
  };
}

export function rulesEngine(): Implementation {
  return {
    name: 'json-rules-engine',
    includes: 'the same type checks; event facts, text normalisation and arithmetic in JS (lead-facts.ts); two awaited engine runs; no reasons',
    async: true,
    score: rulesEngineScorer(),
  };
}

/** Every implementation, leadscore's first: the hand-written function is the one the ratios divide by. */
export function allImplementations(ir: PolicyIr): Implementation[] {
  return [leadscore(ir, 'generated'), leadscore(ir, 'interpreter'), handWritten(), cel(), rulesEngine()];
}

/** One lead's outcome, or the rejection that takes its place; other exceptions propagate. */
export async function outcomeOf(implementation: Implementation, lead: unknown, now: number): Promise<Outcome | Rejected> {
  try {
    return await implementation.score(lead, now);
  } catch (error) {
    if (error instanceof LeadError || error instanceof InvalidLead) return { error: error.message };
    throw error;
  }
}
