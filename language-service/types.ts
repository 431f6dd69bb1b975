/**
 * The shapes the language service answers in. Positions count as the Language Server
 * Protocol counts (0-based lines, 0-based UTF-16 characters), so the LSP server passes them
 * through and the Monaco adapter adds one; nothing here depends on either.
 */

export interface Position {
  line: number;
  character: number;
}

/** Half-open: `end` is the position after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

/** A range in a file, the file named as the host names it (the document's own name for itself). */
export interface Location {
  file: string;
  range: Range;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Edits by file name. */
export type WorkspaceEdit = Record<string, TextEdit[]>;

export interface ServiceDiagnostic {
  range: Range;
  severity: 'error' | 'warning';
  /** The stable code, e.g. `LS2001`. */
  code: string;
  /** The compiler's message, then its help or "did you mean" on a line of its own. */
  message: string;
  /** Code that has no effect (an unused declaration, a row that never matches): editors fade it. */
  unnecessary?: boolean;
  /** For a problem in an imported file shown at the `import`: where it really is. */
  related?: Array<{ location: Location; message: string }>;
}

export type CompletionKind = 'keyword' | 'field' | 'list' | 'section' | 'event' | 'object' | 'decision' | 'type' | 'value';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** The field's type, the list's entries, a section's rule count, a verb's objects… */
  detail: string;
  documentation?: string;
}

/**
 * Where the cursor is, which decides what is offered: `statement` at the start of a line,
 * `condition` where a condition starts, `operator` after a field, `list` after `in` or `any`,
 * `entry` inside `[…]`, `object` after an event verb, `is` after `is`, `type` in a field declaration,
 * `after-verb` after `no` or `event`, `any` elsewhere in a statement, `none` where nothing fits
 * (in a string, a comment, a name being declared).
 */
export type CompletionContext = 'statement' | 'condition' | 'operator' | 'list' | 'entry' | 'object' | 'is' | 'type' | 'after-verb' | 'any' | 'none';

export interface Completions {
  context: CompletionContext;
  items: CompletionItem[];
}

export interface Hover {
  range: Range;
  /** Markdown paragraphs; text from the policy is escaped, never markup. */
  contents: string[];
}

/** The edits that format a document, or why it cannot be formatted. */
export type FormatAnswer = { edits: TextEdit[] } | { error: string };

export interface CodeAction {
  title: string;
  kind: 'quickfix';
  /** The diagnostic it fixes, as `diagnostics` gave it. */
  diagnostic: ServiceDiagnostic;
  edit: WorkspaceEdit;
  /** The fix to apply without asking (the closest "did you mean"). */
  preferred: boolean;
}

/** What a rename would change: the name's range and its text; or why it cannot be renamed. */
export type PrepareRenameAnswer = { range: Range; placeholder: string } | { error: string };
export type RenameAnswer = { edit: WorkspaceEdit } | { error: string };

export type SymbolKind = 'policy' | 'list' | 'field' | 'event' | 'section' | 'rule' | 'decay' | 'decision' | 'import' | 'test';

/** An entry of a document's outline: sections hold their rules. */
export interface DocumentSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  /** The whole statement. */
  range: Range;
  /** The part to reveal: the name. */
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface FoldingRange {
  /** 0-based lines, both included. */
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}
