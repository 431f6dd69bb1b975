import type { Range } from '../source.js';

/** A `.test.score` file: shared settings at the top, then `test` blocks. */
export interface TestFile {
  /** `policy "…"` at the top: the policy every test uses unless it names its own. */
  policy?: PolicyReference;
  /** `now …` at the top: the time every test runs at unless it says its own. */
  now?: TimeLiteral;
  tests: TestCase[];
}

export interface PolicyReference {
  path: string;
  range: Range;
}

/** A time as written (`2026-11-23T12:00:00Z`); checked when the test runs. */
export interface TimeLiteral {
  text: string;
  range: Range;
}

export interface TestCase {
  name: string;
  /** The `test "…"` line. */
  range: Range;
  policy?: PolicyReference;
  now?: TimeLiteral;
  /** The `lead` line, when there is one. */
  lead?: Range;
  fields: FieldValue[];
  events: EventEntry[];
  expectations: Expectation[];
}

export type Value = { kind: 'text'; value: string } | { kind: 'number'; value: number } | { kind: 'boolean'; value: boolean };

/** `employees 200`, `email "anna@nordsoft.de"`, `verified_email true`. */
export interface FieldValue {
  name: string;
  nameRange: Range;
  value: Value;
  valueRange: Range;
  range: Range;
}

export type EventTime = { kind: 'ago'; amount: number; unit: 'minutes' | 'hours' | 'days' | 'weeks'; range: Range } | { kind: 'at'; time: TimeLiteral; range: Range };

/** `visit page "/pricing" 2 days ago`, `open email 3 times at 2026-11-20`. */
export interface EventEntry {
  verb: string;
  object?: string;
  name?: string;
  /** How many such events (`3 times`); 1 when not written. */
  count: number;
  countRange?: Range;
  time: EventTime;
  range: Range;
}

export type NumberTest = { op: '=' | '>' | '>=' | '<' | '<='; value: number } | { op: 'between'; low: number; high: number };

export type Expectation =
  /** `expect score 151.34`, `expect fit between 40 and 60`, `expect engagement >= 30`. */
  | { kind: 'value'; target: { kind: 'score' } | { kind: 'section'; name: string; range: Range }; test: NumberTest; range: Range }
  /** `expect stage "SQL"`, `expect route none`. */
  | { kind: 'decision'; decision: 'grade' | 'stage' | 'route'; label: string | null; range: Range }
  /** `expect blacklisted`, `expect not blacklisted`. */
  | { kind: 'blacklisted'; blacklisted: boolean; range: Range }
  /**
   * `expect rule "C-level title" fired` (by name), `expect rule at line 21 "request demo" fired` (at a
   * line, pinned to the rule's name or text), `expect rule at line 22 did not fire` (bare: a warning).
   */
  | { kind: 'rule'; line?: number; lineRange?: Range; pin?: RulePin; fired: boolean; range: Range };

/** The string of a rule expectation: the rule's name, or (after `at line N`) its name or its text. */
export interface RulePin {
  text: string;
  range: Range;
}
