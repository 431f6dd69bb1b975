import { GeneratedPolicy } from './generated-policy.js';
import { InterpretedPolicy } from './interpreter.js';
import { checkIr } from './load-ir.js';
import type { LoadOptions, Policy, PolicyInfo } from './results.js';
import { sha256Hex } from './sha256.js';

/** Loads a rule graph once, checking it, and returns a policy that scores leads synchronously. */
export function loadPolicy(value: unknown, options: LoadOptions = {}): Policy {
  const ir = checkIr(value);
  const info: PolicyInfo = Object.freeze({ name: ir.policy.name, version: ir.policy.version ?? null, hash: sha256Hex(JSON.stringify(ir)).slice(0, 16) });
  const backend = options.backend ?? 'auto';
  if (backend === 'interpreter') return new InterpretedPolicy(ir, info);
  try {
    return new GeneratedPolicy(ir, info);
  } catch (error) {
    // A Content-Security-Policy without 'unsafe-eval' forbids `new Function` with an EvalError.
    if (backend === 'auto' && error instanceof EvalError) return new InterpretedPolicy(ir, info);
    throw error;
  }
}
