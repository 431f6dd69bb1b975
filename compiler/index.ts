/**
 * compiler/: from policy text to a checked rule graph, with diagnostics. `compile` runs the
 * phases in order: modules.ts reads the imported files (through a CompileHost), language/
 * parses each, binder.ts declares every name, checker.ts resolves names and checks types,
 * analysis/ finds rules that can never fire and other warnings, lower.ts writes the rule graph
 * (its shape: runtime/rule-graph.ts). render.ts prints diagnostics with carets for people.
 */
export { compile, type CompileOptions, type CompileResult } from './compile.js';
export { listEntries, type CompileHost } from './modules.js';
export { mappingsForHeader, type MappingFit } from './mappings/fit.js';
export { allDiagnostics, semanticDiagnostics } from './diagnostics.js';
export { compilerVersion } from './version.js';
export { builtinEvents, builtinFields, type FieldType } from './vocabulary.js';
export { suggest, editDistance, didYouMean } from './suggest.js';
export { renderDiagnostic, renderDiagnostics, summarizeDiagnostics, type RenderOptions } from './render.js';
export { scoreRanges, type Bounds, type ScoreRanges } from './analysis/ranges.js';
export { bind, type FieldSymbol, type ListSymbol, type Symbols } from './binder.js';
export { decisionNames, scoreName } from './vocabulary.js';
export type { Diagnostic, Range } from '../language/index.js';
export type { PolicyIr } from '../runtime/rule-graph.js';
