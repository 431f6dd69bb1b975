/**
 * @leadscore/runtime: what services embed. Load a compiled rule graph once, then score leads
 * synchronously, with the reasons for every point; or keep a lead's state and apply its events
 * one at a time (incremental scoring). Imports nothing from language/ or compiler/ and has no
 * dependencies. The rule graph's types and schema are in `./rule-graph`; the helpers the compiler
 * and the tools share with the runtime (time parsing, rounding) in `./support`.
 */
export { loadPolicy } from './load-policy.js';
export type {
  Backend,
  DecisionTrace,
  Explanation,
  LoadOptions,
  MatchedEntry,
  MatchedOperator,
  Policy,
  PolicyInfo,
  Reason,
  RuleTrace,
  ScoreOptions,
  ScoreResult,
} from './results.js';
export { matchedText } from './matched.js';
export { IrError } from './load-ir.js';
export { LeadError } from './lead-schema.js';
export { applyEvents, checkLeadState, refresh, startLead, updateProfile, type Decisions, type LeadState, type Step, type StoredEvent, type Transition } from './incremental.js';
export type { DecisionName, PolicyIr, ValueType } from './ir.js';
