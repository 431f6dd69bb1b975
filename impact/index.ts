/**
 * impact/: what changing a policy does to a set of leads. Pure functions over
 * scored results (the CLI's `leadscore diff` reads files and git; this only compares).
 */
export {
  bucketBounds,
  compareResults,
  impactOf,
  median,
  ruleDeltas,
  scoreUnderBoth,
  type Bucket,
  type FailedLead,
  type ImpactReport,
  type LeadChange,
  type RuleDelta,
  type ScoredPair,
  type Transition,
} from './compare.js';
export { conditionKey, matchRules, type RuleChange, type RuleMatching, type RuleRef } from './rules.js';
export { code as markdownCode, markdownText, renderImpactMarkdown, renderImpactText, type ImpactHeading } from './render.js';
