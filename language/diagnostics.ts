import type { Range } from './source.js';

export type Severity = 'error' | 'warning';

/** A problem found in a policy: data first, rendered later (see compiler/render). */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Replacement texts that would fix the problem, best first ("did you mean …"). */
  suggestions?: string[];
  /** The text each suggestion replaces, when it is not `range`: `subtract 5` replaces all of `add -5`. */
  replaces?: Range;
  /** A short hint printed under the message. */
  help?: string;
}

/** One entry of a diagnostic table: the stable code, its severity and a one-line summary for the docs. */
export interface DiagnosticKind {
  code: string;
  severity: Severity;
  summary: string;
}

/** Syntax diagnostics (LS1xxx), raised by the lexer and the parser. */
export const syntaxDiagnostics = {
  unexpectedCharacter: { code: 'LS1001', severity: 'error', summary: 'a character that is not part of the language' },
  unterminatedString: { code: 'LS1002', severity: 'error', summary: 'a string without its closing quote' },
  badNumber: { code: 'LS1003', severity: 'error', summary: 'a malformed number or an unknown number suffix' },
  unexpectedToken: { code: 'LS1004', severity: 'error', summary: 'a word or symbol where the grammar expects something else' },
  trailingInput: { code: 'LS1005', severity: 'error', summary: 'text left over after a complete statement' },
  indentedOutsideSection: { code: 'LS1006', severity: 'error', summary: 'an indented line with no section above it' },
  notAllowedInSection: { code: 'LS1007', severity: 'error', summary: 'a declaration or decision indented under a section' },
  tooDeep: { code: 'LS1008', severity: 'error', summary: 'a condition nested deeper than the parser allows' },
  unclosedBracket: { code: 'LS1009', severity: 'error', summary: 'a `[` or `(` that is never closed' },
} as const satisfies Record<string, DiagnosticKind>;

export function diagnostic(kind: DiagnosticKind, message: string, range: Range, extra: { suggestions?: string[]; replaces?: Range; help?: string } = {}): Diagnostic {
  const result: Diagnostic = { code: kind.code, severity: kind.severity, message, range };
  if (extra.suggestions && extra.suggestions.length > 0) {
    result.suggestions = extra.suggestions;
    if (extra.replaces) result.replaces = extra.replaces;
  }
  if (extra.help) result.help = extra.help;
  return result;
}

/** The message as an editor shows it: the compiler's message, then its help or, failing that, its first suggestion. */
export function diagnosticMessage(diagnostic: Diagnostic): string {
  const first = diagnostic.suggestions?.[0];
  const hint = diagnostic.help ?? (first === undefined ? undefined : `did you mean \`${first}\`?`);
  return hint === undefined ? diagnostic.message : `${diagnostic.message}\n${hint}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file (the main policy first), position, then code, so output is stable. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => (a.range.file ?? '').localeCompare(b.range.file ?? '') || a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code));
}
