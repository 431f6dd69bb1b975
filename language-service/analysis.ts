/**
 * A document compiled for the editor: its AST (which keeps every line that parses), the
 * compiler's diagnostics and the binder's symbols. Remembers each document's last policy that
 * compiled, so that a list or field whose declaration line is broken right now is still offered.
 */
import { bind, compile, type CompileHost, type Diagnostic, type Symbols } from '../compiler/index.js';
import { hasErrors, parse, type Program } from '../language/index.js';

export interface Analysis {
  file: string;
  text: string;
  /** The policy with its imports in place; statements from imported files carry `range.file`. */
  program: Program;
  diagnostics: Diagnostic[];
  /** What the program declares, as the compiler binds it: for navigation. */
  declared: Symbols;
  /** The same, plus declarations on lines that do not parse now, from the last compile without errors: for completion and hover. */
  symbols: Symbols;
  /** Every file read, with what it held (undefined: it could not be read): the analysis is stale once one differs. */
  reads: Map<string, string | undefined>;
}

export class Analyser {
  private readonly cache = new Map<string, Analysis>();
  private readonly lastGood = new Map<string, Symbols>();

  constructor(private readonly host?: CompileHost) {}

  analyse(file: string, text: string): Analysis {
    const cached = this.cache.get(file);
    if (cached && cached.text === text && this.upToDate(cached)) return cached;
    const reads = new Map<string, string | undefined>();
    const host = this.host && recording(this.host, reads);
    const result = compile(text, { fileName: file, ...(host && { host }) });
    const program = result.program ?? parse(text).program;
    const declared = bind(program, []);
    const symbols = bind(program, []);
    const good = this.lastGood.get(file);
    if (!hasErrors(result.diagnostics)) this.lastGood.set(file, declared);
    else if (good) remember(symbols, good, program, text);
    const analysis: Analysis = { file, text, program, diagnostics: result.diagnostics, declared, symbols, reads };
    this.cache.set(file, analysis);
    return analysis;
  }

  /** The files the document's last analysis read: its imports and list files. */
  dependencies(file: string): string[] {
    return [...(this.cache.get(file)?.reads.keys() ?? [])];
  }

  forget(file: string): void {
    this.cache.delete(file);
    this.lastGood.delete(file);
  }

  private upToDate(analysis: Analysis): boolean {
    for (const [path, text] of analysis.reads) if (this.host?.readFile(path) !== text) return false;
    return true;
  }
}

function recording(host: CompileHost, reads: Map<string, string | undefined>): CompileHost {
  return {
    resolve: (from, specifier) => host.resolve(from, specifier),
    readFile: (path) => {
      const text = host.readFile(path);
      reads.set(path, text);
      return text;
    },
  };
}

/** Adds to `symbols` what `good` knew of declarations that are broken in `program` now. */
function remember(symbols: Symbols, good: Symbols, program: Program, text: string): void {
  for (const broken of program.brokenDeclarations) {
    if (broken.kind === 'list' && !symbols.lists.has(broken.name)) {
      const known = good.lists.get(broken.name);
      if (known) symbols.lists.set(broken.name, known);
    }
    if (broken.kind === 'field' && !symbols.fields.has(broken.name)) {
      const known = good.fields.get(broken.name);
      if (known) symbols.fields.set(broken.name, known);
    }
    if (broken.kind === 'event') {
      const verb = broken.name.toLowerCase();
      const known = good.events.get(verb);
      if (known) symbols.events.set(verb, new Set([...(symbols.events.get(verb) ?? []), ...known]));
    }
  }
  // A section header being retyped: its rules are still there, under the name it had.
  const lines = text.split(/\r\n|\r|\n/);
  for (const [name, section] of good.sections) if (!symbols.sections.has(name) && !lines.some((line) => line.startsWith(`${name}:`))) symbols.sections.set(name, section);
  for (const [name, rows] of good.decisions) {
    const current = symbols.decisions.get(name) ?? [];
    const labels = new Set(current.map((row) => row.label.value));
    symbols.decisions.set(name, [...current, ...rows.filter((row) => !labels.has(row.label.value))]);
  }
}
