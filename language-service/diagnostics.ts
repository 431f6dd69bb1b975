/**
 * A document's diagnostics as an editor shows them: the compiler's code, severity and range,
 * the message with its help. A problem in an imported file is also shown at the `import` that
 * brings it in (with where it really is), since the importing policy does not compile either.
 */
import type { CompileHost, Diagnostic } from '../compiler/index.js';
import { diagnosticMessage, parse, type Range as SourceRange } from '../language/index.js';
import type { Analysis } from './analysis.js';
import { toRange } from './positions.js';
import type { ServiceDiagnostic } from './types.js';

/** Codes of code that does nothing: an unused declaration, a row after `otherwise`. */
const unnecessaryCodes = new Set(['LS5004', 'LS4005']);

/** A range an editor can underline: an empty one covers the character after it. */
function visibleRange(range: SourceRange): SourceRange {
  if (range.end.offset > range.start.offset || range.end.line !== range.start.line) return range;
  return { ...range, end: { ...range.end, column: range.start.column + 1, offset: range.start.offset + 1 } };
}

export function toServiceDiagnostic(diagnostic: Diagnostic): ServiceDiagnostic {
  const converted: ServiceDiagnostic = {
    range: toRange(visibleRange(diagnostic.range)),
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnosticMessage(diagnostic),
  };
  if (unnecessaryCodes.has(diagnostic.code)) converted.unnecessary = true;
  return converted;
}

export function documentDiagnostics(analysis: Analysis, host: CompileHost | undefined): ServiceDiagnostic[] {
  const own = analysis.diagnostics.filter((diagnostic) => diagnostic.range.file === undefined).map(toServiceDiagnostic);
  const foreign = analysis.diagnostics.filter((diagnostic) => diagnostic.range.file !== undefined);
  if (foreign.length === 0 || !host) return own;
  const imports = importChains(analysis, host);
  return [
    ...own,
    ...foreign.map((diagnostic): ServiceDiagnostic => {
      const file = diagnostic.range.file!;
      const via = imports.get(file);
      const { line, column } = diagnostic.range.start;
      return {
        range: via ? toRange(via.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        severity: diagnostic.severity,
        code: diagnostic.code,
        message: `${via ? via.chain.join(' → ') : file}:${line}:${column}: ${diagnosticMessage(diagnostic)}`,
        related: [{ location: { file, range: toRange(diagnostic.range) }, message: diagnostic.message }],
      };
    }),
  ];
}

/**
 * For each file the document imports, directly or not: the document's own `import` that leads
 * to it, and the paths as written along the way (`shared/fit.score → base.score`).
 */
function importChains(analysis: Analysis, host: CompileHost): Map<string, { range: SourceRange; chain: string[] }> {
  const chains = new Map<string, { range: SourceRange; chain: string[] }>();
  const queue: Array<{ file: string; text: string; via?: { range: SourceRange; chain: string[] } }> = [{ file: analysis.file, text: analysis.text }];
  while (queue.length > 0) {
    const { file, text, via } = queue.shift()!;
    for (const statement of parse(text).program.statements) {
      if (statement.kind !== 'Import') continue;
      const path = host.resolve(file, statement.path.value);
      if (chains.has(path) || path === analysis.file) continue;
      const reached = { range: via?.range ?? statement.path.range, chain: [...(via?.chain ?? []), statement.path.value] };
      chains.set(path, reached);
      const imported = analysis.reads.get(path);
      if (imported !== undefined) queue.push({ file: path, text: imported, via: reached });
    }
  }
  return chains;
}
