import { diagnostic, hasErrors, parse, sortDiagnostics, type Diagnostic, type Program } from '../language/index.js';
import type { PolicyIr } from '../runtime/ir.js';
import { bind } from './binder.js';
import { check } from './checker.js';
import { semanticDiagnostics } from './diagnostics.js';
import { lower } from './lower.js';

export interface CompileResult {
  /** The rule graph; absent when any diagnostic is an error. */
  ir?: PolicyIr;
  /** Every problem found, errors and warnings, in source order. */
  diagnostics: Diagnostic[];
  program?: Program;
}

/**
 * Compiles a policy: parse, bind names, check, lower to the rule graph. Every
 * phase runs even after errors, so one pass reports every problem. Never throws.
 */
export function compile(source: string): CompileResult {
  const diagnostics: Diagnostic[] = [];
  try {
    const parsed = parse(source);
    diagnostics.push(...parsed.diagnostics);
    const symbols = bind(parsed.program, diagnostics);
    const checked = check(parsed.program, symbols, diagnostics);
    const result: CompileResult = { diagnostics: sortDiagnostics(diagnostics), program: parsed.program };
    if (!hasErrors(diagnostics)) result.ir = lower(source, symbols, checked);
    return result;
  } catch (error) {
    const at = { line: 1, column: 1, offset: 0 };
    diagnostics.push(
      diagnostic(semanticDiagnostics.internalError, `internal compiler error: ${error instanceof Error ? error.message : String(error)}`, { start: at, end: at }),
    );
    return { diagnostics: sortDiagnostics(diagnostics) };
  }
}
