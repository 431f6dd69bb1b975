/**
 * runtime/: what services embed. Load a compiled rule graph once, then score
 * leads synchronously. Imports nothing from language/ or compiler/.
 */
export {
  loadPolicy,
  type Backend,
  type DecisionTrace,
  type LoadOptions,
  type PolicyInfo,
  type Explanation,
  type Policy,
  type Reason,
  type RuleTrace,
  type ScoreOptions,
  type ScoreResult,
} from './policy.js';
export { checkIr, IrError } from './load-ir.js';
export { applyEvents, checkLeadState, leadOf, refresh, startLead, updateProfile, type Decisions, type LeadState, type Step, type StoredEvent, type Transition } from './incremental.js';
export { LeadError, leadSchema } from './lead-schema.js';
export { irSchema } from './ir-schema.js';
export { parseIsoTime } from './time.js';
export { round2 } from './round.js';
export * from './ir.js';
