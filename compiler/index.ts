/** compiler/: from policy text to a checked rule graph, with diagnostics. */
export { compile, type CompileOptions, type CompileResult } from './compile.js';
export { listEntries, type CompileHost } from './modules.js';
export { allDiagnostics, semanticDiagnostics } from './diagnostics.js';
export { compilerVersion } from './version.js';
export { builtinEvents, builtinFields, type FieldType } from './vocabulary.js';
export { suggest, editDistance } from './suggest.js';
export { bind, type FieldSymbol, type ListSymbol, type Symbols } from './binder.js';
export { decisionNames, scoreName } from './vocabulary.js';
export type { Diagnostic, Range } from '../language/index.js';
export type { PolicyIr } from '../runtime/ir.js';
