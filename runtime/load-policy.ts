import { GeneratedPolicy } from './generated-policy.js';
import { InterpretedPolicy } from './interpreter.js';
import type { PolicyIr } from './ir.js';
import { checkIr } from './load-ir.js';
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

function chooseBackend(ir: PolicyIr, info: PolicyInfo, backend: Backend | 'auto'): Policy {
  if (backend === 'interpreter') return new InterpretedPolicy(ir, info);
  try {
    return new GeneratedPolicy(ir, info);
  } catch (error) {
    // A Content-Security-Policy without 'unsafe-eval' forbids `new Function` with an EvalError.
    if (backend === 'auto' && error instanceof EvalError) return new InterpretedPolicy(ir, info);
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
