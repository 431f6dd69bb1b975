// Leaf modules only: rendering must not load the parser (and chevrotain) with it.
import type { Diagnostic } from '../language/diagnostics.js';
import { LineIndex } from '../language/source.js';
import { printable } from '../runtime/printable.js';

export interface RenderOptions {
  /** The file name shown in `--> file:line:column`. */
  fileName: string;
  /** ANSI colours, for terminals. */
  color?: boolean;
}

const ansi = {
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
  yellow: (s: string) => `\x1b[33m${s}\x1b[39m`,
  blue: (s: string) => `\x1b[34m${s}\x1b[39m`,
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
};
const plain = { red: (s: string) => s, yellow: (s: string) => s, blue: (s: string) => s, bold: (s: string) => s };

const tabWidth = 4;
/**
 * Source text as a terminal shows it: tabs as spaces, and every other control character (a raw ESC
 * in a comment or a string) as its escape, `\u001b`, never obeyed. The carets are counted on the same
 * text, so they stay under what they point at.
 */
function shown(text: string): string {
  return printable(text.replace(/\t/g, ' '.repeat(tabWidth)));
}

/**
 * Renders one diagnostic for a person: the message, where it is, the source
 * line with carets under the range, and the help.
 *
 *   error LS2001: unknown name `titel`: no field is called that
 *     --> policy.score:4:6
 *      |
 *    4 | when titel contains "x" add 5
 *      |      ^^^^^
 *      = help: did you mean `title`?
 */
export function renderDiagnostic(diagnostic: Diagnostic, source: string | LineIndex, options: RenderOptions): string {
  const lines = typeof source === 'string' ? new LineIndex(source) : source;
  const style = options.color ? ansi : plain;
  const { start, end } = diagnostic.range;
  const severity = diagnostic.severity === 'error' ? style.red(style.bold('error')) : style.yellow(style.bold('warning'));
  const lineText = lines.lineText(start.line);
  const gutter = ' '.repeat(String(start.line).length);
  const bar = style.blue('|');

  const before = shown(lineText.slice(0, start.column - 1));
  const lastColumn = end.line === start.line ? end.column : lineText.length + 1;
  const underlined = shown(lineText.slice(start.column - 1, lastColumn - 1));
  const carets = '^'.repeat(Math.max(1, underlined.length));
  const caretLine = `${' '.repeat(before.length)}${diagnostic.severity === 'error' ? style.red(carets) : style.yellow(carets)}`;

  // Messages quote the policy (a string, a name) and the file name is the user's: both shown escaped too.
  const out = [
    `${severity}${style.bold(` ${diagnostic.code}: ${printable(diagnostic.message, { keepLineBreaks: true })}`)}`,
    `${gutter}${style.blue('-->')} ${printable(options.fileName)}:${start.line}:${start.column}`,
    `${gutter} ${bar}`,
    `${style.blue(String(start.line))} ${bar} ${shown(lineText)}`.trimEnd(),
    `${gutter} ${bar} ${caretLine}`,
  ];
  const help = diagnostic.help ?? (diagnostic.suggestions?.[0] === undefined ? undefined : `try \`${diagnostic.suggestions[0]}\``);
  if (help) out.push(`${gutter} ${style.blue('=')} help: ${printable(help, { keepLineBreaks: true })}`);
  return out.join('\n');
}

/** `2 errors, 1 warning`. */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/**
 * Every diagnostic, each followed by a blank line, then the summary. `sources`
 * is the policy's text, or every file's text by name (as `compile` returns it)
 * when diagnostics may come from imported files.
 */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], sources: string | ReadonlyMap<string, string>, options: RenderOptions): string {
  const texts = typeof sources === 'string' ? new Map([[options.fileName, sources]]) : sources;
  const indexes = new Map<string, LineIndex>();
  const blocks = diagnostics.map((diagnostic) => {
    const file = diagnostic.range.file ?? options.fileName;
    let lines = indexes.get(file);
    if (!lines) indexes.set(file, (lines = new LineIndex(texts.get(file) ?? '')));
    return renderDiagnostic(diagnostic, lines, { ...options, fileName: file });
  });
  return [...blocks, `${printable(options.fileName)}: ${summarizeDiagnostics(diagnostics)}`].join('\n\n') + '\n';
}
