/**
 * The rule graph: what the compiler produces and the runtime executes.
 * spec/ir.schema.json is its JSON Schema; keep the two in step.
 */

import type { DateFormat } from './dates.js';
import type { NumberFormat } from './values.js';

export const irFormat = 'leadscore-ir';
/** Bumped on any change an older runtime could not execute correctly. */
export const irVersion = 1;

export interface IrPosition {
  line: number;
  column: number;
  offset: number;
}
export interface IrRange {
  start: IrPosition;
  end: IrPosition;
  /** The imported file the node comes from; absent for the main policy. */
  file?: string;
}

/** The decisions a policy can make after scoring, in the order they are made. */
export const decisionNames = ['grade', 'stage', 'route'] as const;
export type DecisionName = (typeof decisionNames)[number];

/** The stage of a blacklisted lead, whatever the stage rows say. */
export const blacklistedStage = 'Blacklisted';

/** A `country` is text that names a country; it is compared as its ISO 3166-1 alpha-2 code (runtime/countries.ts). */
export type ValueType = 'text' | 'number' | 'boolean' | 'country' | 'date';

/** A profile field the lead may carry. */
export interface InputNode {
  id: string; // "field:NAME"
  name: string;
  type: ValueType;
  builtin: boolean;
  /** Other names the lead may carry the field under (a CRM's export label, its API name); matched trimmed, without regard to case. */
  sources?: string[];
  range?: IrRange;
}

/** The parts of an event that a CRM may name otherwise. */
export type EventPart = 'lead_id' | 'type' | 'object' | 'name' | 'at';

/** How a CRM's events are read: the names of their parts, and its event type names. */
export interface EventMappingNode {
  /** Other names under which events carry each part (`at` as "Timestamp"). */
  columns?: Partial<Record<EventPart, string[]>>;
  /** CRM event type names (matched trimmed, without regard to case) and the event each means. */
  types?: Array<{ name: string; type: string; object?: string }>;
}

/** A value computed from inputs before any rule runs. */
export interface DerivedNode {
  id: string; // "derived:NAME"
  name: string;
  type: ValueType;
  /** `email-domain`: the lower-cased part of `email` after the last `@`, unless `explicit` is present. */
  derive: 'email-domain';
  from: string;
  explicit?: string;
}

export interface ListNode {
  id: string; // "list:NAME" or "list:#N" for a list written in place
  name?: string;
  type: 'text' | 'number' | 'country';
  /** Text entries are stored normalised: trimmed and lower-cased; country entries as ISO 3166-1 alpha-2 codes, upper case (`DE`). */
  values: Array<string | number>;
  /**
   * A text list's entries as written in the policy (trimmed), one per value, when any differs from
   * its normalised value: a reason names the entry that matched as the policy writes it ("VP").
   */
  written?: string[];
  range: IrRange;
}

/**
 * What a predicate reads: `field:NAME`, `derived:NAME`, `section:NAME`,
 * `score`, or `decision:grade|stage|route`.
 */
export type ValueRef = string;

export interface EventMatch {
  /** Normalised (trimmed, lower-case). */
  verb: string;
  object?: string;
  /** Matches the event's `name`, case-insensitively; `*` matches any run of characters. */
  glob?: string;
}

export type ComparisonOperator = '=' | '!=' | '>' | '>=' | '<' | '<=';

export type DateOperator = '<' | '<=' | '>' | '>=';

export type PredicateNode =
  | { id: string; op: 'compare'; value: ValueRef; operator: ComparisonOperator; operand: string | number; range: IrRange }
  /** Two values of the same type, e.g. two section totals; false when either is missing. */
  | { id: string; op: 'compare-values'; value: ValueRef; operator: ComparisonOperator; other: ValueRef; range: IrRange }
  | { id: string; op: 'between'; value: ValueRef; low: number; high: number; range: IrRange }
  | { id: string; op: 'in'; value: ValueRef; list: string; negated: boolean; range: IrRange }
  | { id: string; op: 'text'; value: ValueRef; match: 'contains' | 'starts-with' | 'ends-with'; word?: true; list: string; range: IrRange }
  | { id: string; op: 'is'; value: ValueRef; test: 'missing' | 'present' | 'true' | 'false'; range: IrRange }
  /** Without `match`, any event counts (`activity`). */
  | { id: string; op: 'event'; match?: EventMatch; atLeast: number; withinDays?: number; range: IrRange }
  /** Without `match`: no event of any type (`no activity`). */
  | { id: string; op: 'no-event'; match?: EventMatch; withinDays: number; range: IrRange }
  /** A date field within the last `days`: `now − days < value ≤ now` (the window of events). */
  | { id: string; op: 'date-within'; value: ValueRef; days: number; range: IrRange }
  /** A date field at least `days` before now: `value ≤ now − days`. */
  | { id: string; op: 'date-ago'; value: ValueRef; days: number; range: IrRange }
  /** A date field against a moment (ISO-8601, UTC): `before` a date is `<` its midnight, `after` a date is `>=` the next midnight. */
  | { id: string; op: 'date-compare'; value: ValueRef; operator: DateOperator; time: string; range: IrRange }
  | { id: string; op: 'not'; arg: string; range: IrRange }
  | { id: string; op: 'and' | 'or'; args: string[]; range: IrRange };

export interface SectionNode {
  name: string;
  decay?: { halfLifeDays: number; range: IrRange };
  range: IrRange;
}

export interface ContributionNode {
  id: string;
  /** The section it adds to; null adds to the total directly. */
  section: string | null;
  /** The predicate that must hold. */
  when: string;
  effect: 'add' | 'subtract' | 'blacklist';
  /** Points per firing, always positive; 0 for `blacklist`. */
  points: number;
  /** `once`: when the predicate holds; `each`: per matching event of `when` (an event predicate). */
  mode: 'once' | 'each';
  /** Cap on the magnitude of the rule's total. */
  cap?: number;
  /** Whether points decay with the age of the matching event (then `when` is an event predicate). */
  decay: boolean;
  /** The rule as written, for reasons. */
  text: string;
  /** `as "C-level title"`: the name reasons, explanations and tests call the rule by. */
  name?: string;
  range: IrRange;
}

export interface DecisionRowNode {
  label: string;
  /** The predicate that selects this row; null for `otherwise`. */
  when: string | null;
  range: IrRange;
}

export interface DecisionNode {
  name: DecisionName;
  rows: DecisionRowNode[];
}

export interface PolicyIr {
  format: typeof irFormat;
  version: typeof irVersion;
  /** The leadscore version that compiled it. */
  compiler: string;
  /** What the policy's header declares: `policy "NAME" version "V"`. */
  policy: { name: string | null; version?: string | null };
  inputs: InputNode[];
  derived: DerivedNode[];
  lists: ListNode[];
  /** In dependency order: a predicate only refers to predicates before it. */
  predicates: PredicateNode[];
  sections: SectionNode[];
  contributions: ContributionNode[];
  /** In dependency order: a decision only reads decisions before it. */
  decisions: DecisionNode[];
  /** Present when the policy names a CRM's event parts or event types. */
  events?: EventMappingNode;
  /** `dates "MM/DD/YYYY"`: how dates written as text by a CRM (not ISO-8601) are read; absent when the policy states none. */
  dateFormat?: DateFormat;
  /** `numbers "1.234,56"`: how numbers written as text by a CRM are read; absent when the policy states none (`1,234.56`). */
  numberFormat?: NumberFormat;
}
