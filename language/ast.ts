import type { Comment } from './lexer.js';
import type { Range } from './source.js';

/**
 * The policy as written, with a source range on every node. Produced by the
 * parser from chevrotain's concrete syntax tree; the compiler never sees the CST.
 */

export interface Identifier {
  kind: 'Identifier';
  name: string;
  range: Range;
}

export interface StringLiteral {
  kind: 'String';
  value: string;
  range: Range;
}

export interface NumberLiteral {
  kind: 'Number';
  value: number;
  /** As written, e.g. `10M`. */
  raw: string;
  range: Range;
}

export type Literal = StringLiteral | NumberLiteral;

export interface ListLiteral {
  kind: 'ListLiteral';
  items: Literal[];
  range: Range;
}

/** A list given by name (`in competitors`) or written in place (`in ["a", "b"]`). */
export type ListOperand = Identifier | ListLiteral;

// ---- conditions ----

export type ComparisonOperator = '=' | '!=' | '>' | '>=' | '<' | '<=';

/** `employees > 100`, `title = "CTO"`, or two values: `security > analytics`. */
export interface Comparison {
  kind: 'Comparison';
  subject: Identifier;
  operator: ComparisonOperator;
  value: Literal | Identifier;
  range: Range;
}

export interface Between {
  kind: 'Between';
  subject: Identifier;
  low: NumberLiteral;
  high: NumberLiteral;
  range: Range;
}

export interface InList {
  kind: 'InList';
  subject: Identifier;
  negated: boolean;
  list: ListOperand;
  range: Range;
}

export type TextOperator = 'contains' | 'starts with' | 'ends with';

/** `contains "x"`, `starts with "x"`, `ends with any [..]`. */
export interface TextMatch {
  kind: 'TextMatch';
  subject: Identifier;
  operator: TextOperator;
  /** A single string, or with `any` a list of them. */
  value: StringLiteral | ListOperand;
  any: boolean;
  /** `contains word "CTO"`: only whole words match ("CTO & Founder", not "Director"). */
  word: boolean;
  range: Range;
}

export type IsTest = 'missing' | 'present' | 'true' | 'false';

export interface Is {
  kind: 'Is';
  subject: Identifier;
  test: IsTest;
  range: Range;
}

/**
 * `created before "2026-01-01"`, `created after "2026-01-01T12:00:00Z"`: a date field against a
 * moment. (`created within 90 days` parses as an event pattern; the compiler tells the two apart.)
 */
export interface DateCompare {
  kind: 'DateCompare';
  subject: Identifier;
  operator: 'before' | 'after';
  /** The word `before` or `after`: an event object when the subject is an event that takes it (`visit after "x*"`). */
  operatorRange: Range;
  value: StringLiteral;
  range: Range;
}

/** `last_contacted more than 30 days ago`. */
export interface DateAgo {
  kind: 'DateAgo';
  subject: Identifier;
  days: NumberLiteral;
  range: Range;
}

/** `VERB [OBJECT] ["glob"]`, optionally with `K times` and `within N days`. */
export interface EventPattern {
  kind: 'EventPattern';
  verb: Identifier;
  object?: Identifier;
  glob?: StringLiteral;
  times?: NumberLiteral;
  within?: NumberLiteral;
  range: Range;
}

/** `no EVENT for N days`; the compiler reads the event `activity` as any event. */
export interface NoActivity {
  kind: 'NoActivity';
  event: EventPattern;
  days: NumberLiteral;
  range: Range;
}

/** A parenthesised condition, kept so the formatter can keep the parentheses. */
export interface Group {
  kind: 'Group';
  condition: Condition;
  range: Range;
}

/**
 * `K times` or `within N days` written after something that is not an event
 * pattern. The parser accepts it so the compiler can say what is wrong.
 */
export interface Quantified {
  kind: 'Quantified';
  condition: Condition;
  times?: NumberLiteral;
  within?: NumberLiteral;
  /** The `K times` and `within N days` words alone, for the compiler's message. */
  quantifier?: Range;
  range: Range;
}

export interface Not {
  kind: 'Not';
  operand: Condition;
  range: Range;
}

/** `a and b and c`, flat so that long chains do not nest deeply. */
export interface And {
  kind: 'And';
  operands: Condition[];
  range: Range;
}

export interface Or {
  kind: 'Or';
  operands: Condition[];
  range: Range;
}

export type Condition = Comparison | Between | InList | TextMatch | Is | DateCompare | DateAgo | EventPattern | NoActivity | Group | Quantified | Not | And | Or;

// ---- statements ----

export interface PolicyHeader {
  kind: 'PolicyHeader';
  name: StringLiteral;
  /** `version "2026.11"`: any text the team uses to tell versions apart; it travels with every result. */
  version?: StringLiteral;
  range: Range;
}

/** `import "path"`: the declarations, sections and rows of another file, as if written here. */
export interface Import {
  kind: 'Import';
  path: StringLiteral;
  range: Range;
}

/**
 * `list NAME = [..]`, or `list NAME from "file.txt"`: then `items` is empty
 * until the compiler reads the file (one entry per line, `#` comments).
 */
export interface ListDeclaration {
  kind: 'ListDeclaration';
  from?: StringLiteral;
  name: Identifier;
  items: ListLiteral;
  range: Range;
}

/**
 * `field NAME: TYPE [from "Label", …]`, or `field NAME from "Label", …` to give a field declared
 * elsewhere (or built in) the names a CRM export or API uses for it.
 */
export interface FieldDeclaration {
  kind: 'FieldDeclaration';
  name: Identifier;
  /** Absent when the line only names sources. */
  type?: Identifier;
  sources: StringLiteral[];
  range: Range;
}

/** `event VERB [OBJECT {, OBJECT}] [from "CRM name", …]`: adds to the event vocabulary; `from` names the CRM's event types that mean it. */
export interface EventDeclaration {
  kind: 'EventDeclaration';
  verb: Identifier;
  objects: Identifier[];
  sources: StringLiteral[];
  range: Range;
}

/** `events COLUMN from "Label", …`: the names under which events carry lead_id, type, object, name or at. */
export interface EventsColumn {
  kind: 'EventsColumn';
  column: Identifier;
  sources: StringLiteral[];
  range: Range;
}

/** `dates "MM/DD/YYYY"`: the order of day and month in dates a CRM writes as text (`11/29/2026 14:22`). */
export interface DatesStatement {
  kind: 'Dates';
  format: StringLiteral;
  range: Range;
}

/** `numbers "1.234,56"`: the decimal and thousands separators in numbers a CRM writes as text (`1.200.000 €`, `1,5`). */
export interface NumbersStatement {
  kind: 'Numbers';
  format: StringLiteral;
  range: Range;
}

/** `add 5` or `subtract 5`; `range` spans the keyword and the amount. */
export type Points = { kind: 'add' | 'subtract'; amount: NumberLiteral; range: Range };

export interface Rule {
  kind: 'Rule';
  condition: Condition;
  /** Points to add or subtract, or `blacklist`. */
  effect: Points | { kind: 'blacklist'; range: Range };
  each?: Range;
  atMost?: NumberLiteral;
  /** `as "C-level title"`: the name reasons, explanations and policy tests call the rule by. */
  name?: StringLiteral;
  range: Range;
}

export interface DecayDeclaration {
  kind: 'Decay';
  halfLife: NumberLiteral;
  range: Range;
}

export type SectionItem = Rule | DecayDeclaration;

export interface Section {
  kind: 'Section';
  name: Identifier;
  items: SectionItem[];
  range: Range;
}

export type DecisionKind = 'grade' | 'stage' | 'route';

export interface DecisionRow {
  kind: 'DecisionRow';
  decision: DecisionKind;
  keyword: Range;
  label: StringLiteral;
  /** Absent for `otherwise`. */
  condition?: Condition;
  range: Range;
}

export type Statement =
  | PolicyHeader
  | ListDeclaration
  | Import
  | FieldDeclaration
  | EventDeclaration
  | EventsColumn
  | DatesStatement
  | NumbersStatement
  | Section
  | Rule
  | DecayDeclaration
  | DecisionRow;

export interface Program {
  kind: 'Program';
  /** Top-level statements in source order; section bodies live inside their section. */
  statements: Statement[];
  comments: Comment[];
  /**
   * Lists, fields and events declared on lines that did not parse. The line's
   * error is reported; the compiler does not also report every use of the name.
   */
  brokenDeclarations: Array<{ kind: 'list' | 'field' | 'event'; name: string }>;
  range: Range;
}
