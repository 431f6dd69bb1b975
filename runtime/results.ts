// The shapes of what the runtime gives back: results, reasons, explanations, and the loaded policy itself.
import type { DecisionName, PolicyIr } from './ir.js';

export interface ScoreOptions {
  /** The moment to score at: windows, decay and "future" are measured from it. The runtime never reads the clock. */
  now: Date | string | number;
}

/**
 * The list entry that made a list condition hold: `title contains any ["CEO", "VP"]` matched "VP";
 * `matchedText` writes it `title contains "VP"`. Read-only: one frozen object per list entry,
 * shared by every result that names it.
 */
export interface MatchedEntry {
  /** The field (or derived value, `domain`) the condition reads. */
  field: string;
  /** The operator with a single entry: `in` (the value equals the entry), `contains`, `starts with`, `ends with`, each of the last three with ` word` for whole words. */
  operator: MatchedOperator;
  /** The entry as the policy writes it. */
  entry: string | number;
  /** The named list the entry belongs to; absent for a list written in place. */
  list?: string;
}

export type MatchedOperator = 'in' | 'contains' | 'starts with' | 'ends with' | 'contains word' | 'starts with word' | 'ends with word';

/** Why a lead got points: one entry per rule that fired. */
export interface Reason {
  /** The rule as written. */
  rule: string;
  /** The rule's name (`as "C-level title"`), when it has one. */
  name?: string;
  line: number;
  section: string | null;
  /** Points after decay and caps, rounded to 2 decimals; 0 for `blacklist`. */
  points: number;
  /** How many events matched, for rules on events. */
  events?: number;
  /** The imported file the rule is written in; absent for the policy's own rules. */
  file?: string;
  blacklist?: true;
  /**
   * For a rule whose condition tests a list (a named list, or one of several entries written in
   * place), the entry that matched, one per list condition that held, in the order written;
   * absent when there is none (a negated list condition never names one).
   */
  matched?: MatchedEntry[];
}

/** Which policy produced a result: its declared name and version, and a hash of its rule graph. */
export interface PolicyInfo {
  readonly name: string | null;
  readonly version: string | null;
  /** The first 16 hex digits of the SHA-256 of the rule graph's JSON: equal hashes, equal scoring. */
  readonly hash: string;
}

export interface ScoreResult {
  id: string | number | null;
  score: number;
  dimensions: Record<string, number>;
  grade: string | null;
  stage: string | null;
  route: string | null;
  blacklisted: boolean;
  reasons: Reason[];
  /** The policy that produced this result; the same object for every result of one loaded policy. */
  policy: PolicyInfo;
}

/** One rule, whether it fired or not, with its points step by step. */
export interface RuleTrace {
  id: string;
  rule: string;
  /** The rule's name (`as "…"`), when it has one. */
  name?: string;
  line: number;
  /** The imported file the rule is written in; absent for the policy's own rules. */
  file?: string;
  section: string | null;
  effect: 'add' | 'subtract' | 'blacklist';
  fired: boolean;
  /** Signed points before decay (× matching events with `each`); 0 when it did not fire. */
  basePoints: number;
  /** Signed points after decay, before the cap. */
  decayedPoints: number;
  /** Signed points after decay and cap: what the rule added. */
  points: number;
  capped: boolean;
  /** The events that matched its pattern in its window: position in the lead's `events`, age, and the points each gave. */
  events: Array<{ index: number; ageDays: number; points?: number }>;
  /** When it fired: the list entries that matched, as in its reason. */
  matched?: MatchedEntry[];
}

/** Which row a decision took. */
export interface DecisionTrace {
  name: DecisionName;
  label: string | null;
  /** The index of the matching row in the decision, or null when none matched (or the blacklist decided). */
  row: number | null;
  line: number | null;
  /** The stage or route was set by the blacklist, not by a row. */
  byBlacklist?: true;
}

/** A result with the whole story: every rule and every decision. */
export interface Explanation extends ScoreResult {
  rules: RuleTrace[];
  decisions: DecisionTrace[];
}

export type Backend = 'generated' | 'interpreter';

export interface LoadOptions {
  /**
   * `generated` compiles the rule graph into one specialised JavaScript function (fastest);
   * `interpreter` walks the rule graph (for hosts that forbid generated code, such as a strict
   * Content-Security-Policy); `auto`, the default, generates code and falls back to the interpreter
   * where the host forbids it. Both give identical results.
   */
  backend?: Backend | 'auto';
}

export interface Policy {
  readonly name: string | null;
  readonly info: PolicyInfo;
  readonly ir: PolicyIr;
  /** Which backend scores. */
  readonly backend: Backend;
  /** Throws LeadError when the lead does not fit the policy's fields. */
  validate(lead: unknown): void;
  /**
   * The lead as the policy reads it: fields and event parts under the policy's own names (from
   * the names a CRM gives them, `field title from "Job Title"`), CRM event types as the policy's
   * events. Absent when the policy names no sources: leads are read as they are.
   */
  readLead?(lead: unknown): unknown;
  /** One event as the policy reads it (see `readLead`). */
  readEvent?(event: unknown): unknown;
  /** Scores one lead. Throws LeadError for an invalid lead, RangeError for an invalid `now`. */
  score(lead: unknown, options: ScoreOptions): ScoreResult;
  /** Scores one lead and says why, rule by rule and row by row; slower than `score`. */
  explain(lead: unknown, options: ScoreOptions): Explanation;
}
