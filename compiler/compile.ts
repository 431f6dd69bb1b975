import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic, type Program } from '../language/index.js';
import type { PolicyIr } from '../runtime/rule-graph.js';
import { analyse } from './analysis/index.js';
import { bind } from './binder.js';
import { check } from './checker.js';
import { semanticDiagnostics } from './diagnostics.js';
import { lower } from './lower.js';
import { loadProgram, type CompileHost } from './modules.js';

export interface CompileOptions {
  /** The policy's file name: where its imports are resolved from; default `policy.score`. */
  fileName?: string;
  /** Access to the files it imports; without one, `import` and `list … from` are errors. */
  host?: CompileHost;
}

export interface CompileResult {
  /** The rule graph; absent when any diagnostic is an error. */
  ir?: PolicyIr;
  /** Every problem found, errors and warnings, in source order; those in imported files carry `range.file`. */
  diagnostics: Diagnostic[];
  /** The policy with its imports in place. */
  program?: Program;
  /** The text of every file read: the policy under its file name, and each imported file. */
  sources: Map<string, string>;
}

/** The most rules a policy may hold: its rule graph must fit in one JSON text and load in seconds. */
export const maxRules = 200_000;

/**
 * Compiles a policy: parse (with its imports), bind names, check, lower to the
 * rule graph. Every phase runs even after errors, so one pass reports every
 * problem. Never throws.
 */
export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const fileName = options.fileName ?? 'policy.score';
  const diagnostics: Diagnostic[] = [];
  let sources = new Map([[fileName, source]]);
  try {
    const loaded = loadProgram(source, fileName, options.host, diagnostics);
    sources = loaded.sources;
    const symbols = bind(loaded.program, diagnostics);
    const checked = check(loaded.program, symbols, diagnostics);
    if (checked.rules.length > maxRules) {
      const first = checked.rules[maxRules]!.rule;
      diagnostics.push(
        diagnostic(
          semanticDiagnostics.tooManyRules,
          `this policy has ${checked.rules.length.toLocaleString('en-US')} rules; a policy holds at most ${maxRules.toLocaleString('en-US')}`,
          first.range,
          {
            help: 'split it into policies that score different leads, or fold rules on one field into a list (`when industry in […] add 5`)',
          },
        ),
      );
    }
    const result: CompileResult = { diagnostics: sortDiagnostics(diagnostics), program: loaded.program, sources };
    if (!hasErrors(diagnostics)) result.ir = lower((file) => sources.get(file ?? fileName) ?? '', symbols, checked);
    // Static analysis (LS5xxx warnings) runs on a policy without errors.
    if (result.ir) result.diagnostics = sortDiagnostics([...diagnostics, ...analyse({ program: loaded.program, symbols, checked, ir: result.ir })]);
    return result;
  } catch (error) {
    const at = { line: 1, column: 1, offset: 0 };
    diagnostics.push(diagnostic(semanticDiagnostics.internalError, `internal compiler error: ${error instanceof Error ? error.message : String(error)}`, { start: at, end: at }));
    return { diagnostics: sortDiagnostics(diagnostics), sources };
  }
}
