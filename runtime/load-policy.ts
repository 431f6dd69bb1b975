import { GeneratedPolicy } from './generated-policy.js';
import { InterpretedPolicy } from './interpreter.js';
import type { PolicyIr } from './ir.js';
import { checkIr, IrError } from './load-ir.js';
import { leadMapping, type LeadMapping } from './mapping.js';
import type { Backend, Explanation, LoadOptions, Policy, PolicyInfo, ScoreOptions, ScoreResult } from './results.js';
import { sha256Hex } from './sha256.js';

/** Loads a rule graph once, checking it, and returns a policy that scores leads synchronously. */
export function loadPolicy(value: unknown, options: LoadOptions = {}): Policy {
  const ir = checkIr(value);
  const info: PolicyInfo = Object.freeze({ name: ir.policy.name, version: ir.policy.version ?? null, hash: sha256Hex(JSON.stringify(ir)).slice(0, 16) });
  const backend = chooseBackend(ir, info, options.backend ?? 'auto');
  const mapping = leadMapping(ir);
  return mapping ? new MappedPolicy(backend, mapping) : backend;
}

/**
 * The most rules and conditions (contributions and predicates) `auto` compiles to one generated
 * function: beyond it the function takes long to compile and may need a larger stack frame than
 * the engine allows, and the interpreter scores as quickly.
 */
export const generatedBackendLimit = 50_000;

function chooseBackend(ir: PolicyIr, info: PolicyInfo, backend: Backend | 'auto'): Policy {
  if (backend === 'interpreter') return new InterpretedPolicy(ir, info);
  const size = ir.contributions.length + ir.predicates.length;
  if (backend === 'auto' && size > generatedBackendLimit) return new InterpretedPolicy(ir, info);
  try {
    return new GeneratedPolicy(ir, info);
  } catch (error) {
    // A Content-Security-Policy without 'unsafe-eval' forbids `new Function` with an EvalError;
    // a function too large for the engine's stack is a RangeError.
    if (backend === 'auto' && (error instanceof EvalError || error instanceof RangeError)) return new InterpretedPolicy(ir, info);
    if (error instanceof RangeError) {
      throw new IrError(`this policy (${size.toLocaleString('en-US')} rules and conditions) is too large for the generated backend; score it with the interpreter`);
    }
    throw error;
  }
}

/** A policy that names where its fields and events come from: each lead is read in the policy's terms first. */
class MappedPolicy implements Policy {
  constructor(
    private readonly inner: Policy,
    private readonly mapping: LeadMapping,
  ) {}

  get name(): string | null {
    return this.inner.name;
  }
  get info(): PolicyInfo {
    return this.inner.info;
  }
  get ir(): PolicyIr {
    return this.inner.ir;
  }
  get backend(): Backend {
    return this.inner.backend;
  }

  readLead(lead: unknown): unknown {
    return this.mapping.readLead(lead);
  }
  readEvent(event: unknown): unknown {
    return this.mapping.readEvent(event);
  }
  validate(lead: unknown): void {
    this.inner.validate(this.mapping.readLead(lead));
  }
  score(lead: unknown, options: ScoreOptions): ScoreResult {
    return this.inner.score(this.mapping.readLead(lead), options);
  }
  explain(lead: unknown, options: ScoreOptions): Explanation {
    return this.inner.explain(this.mapping.readLead(lead), options);
  }
}
