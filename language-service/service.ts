/**
 * The language service for one editor or one workspace: every feature, asked with a document's
 * name and its current text. It keeps each document's last analysis (recompiled when its text
 * or a file it reads changes) and reaches other files only through its host.
 */
import type { CompileHost } from '../compiler/index.js';
import { Analyser, type Analysis } from './analysis.js';
import { quickFixes } from './code-actions.js';
import { complete } from './completion.js';
import { documentDiagnostics } from './diagnostics.js';
import { format } from './formatting.js';
import { hover } from './hover.js';
import type { Occurrence } from './names.js';
import { definition, highlights, prepareRename, references, rename, type Elsewhere } from './navigation.js';
import { documentSymbols, foldingRanges } from './outline.js';
import { testOccurrences } from './test-files.js';
import type {
  CodeAction,
  Completions,
  DocumentSymbol,
  FoldingRange,
  FormatAnswer,
  Hover,
  Location,
  Position,
  PrepareRenameAnswer,
  Range,
  RenameAnswer,
  ServiceDiagnostic,
} from './types.js';

/** How the service reaches files: as the compiler does, and optionally every policy of the workspace. */
export interface LanguageServiceHost extends CompileHost {
  /** Every policy file of the workspace (by the names `resolve` gives), searched by references and rename. */
  policyFiles?(): string[];
  /** Every policy test file (`*.test.score`) of the workspace: rename keeps their fields and sections in step. */
  testFiles?(): string[];
}

export class LanguageService {
  private readonly analyser: Analyser;

  /** Without a host, `import` and `list … from` are reported as errors, as the compiler does without files. */
  constructor(private readonly host?: LanguageServiceHost) {
    this.analyser = new Analyser(host);
  }

  /** The document compiled: its AST, diagnostics and symbols. */
  analyse(file: string, text: string): Analysis {
    return this.analyser.analyse(file, text);
  }

  diagnostics(file: string, text: string): ServiceDiagnostic[] {
    return documentDiagnostics(this.analyse(file, text), this.host);
  }

  complete(file: string, text: string, position: Position): Completions {
    return complete(this.analyse(file, text), position);
  }

  hover(file: string, text: string, position: Position): Hover | undefined {
    return hover(this.analyse(file, text), position);
  }

  definition(file: string, text: string, position: Position): Location | undefined {
    return definition(this.analyse(file, text), position);
  }

  references(file: string, text: string, position: Position, includeDeclaration = true): Location[] {
    return references(this.analyse(file, text), position, includeDeclaration, this.elsewhere(file));
  }

  /** The other places in the document that name what the cursor is on, for the editor to highlight. */
  highlights(file: string, text: string, position: Position): Range[] {
    return highlights(this.analyse(file, text), position).map((location) => location.range);
  }

  prepareRename(file: string, text: string, position: Position): PrepareRenameAnswer {
    return prepareRename(this.analyse(file, text), position);
  }

  rename(file: string, text: string, position: Position, newName: string): RenameAnswer {
    return rename(this.analyse(file, text), position, newName, this.elsewhere(file));
  }

  format(text: string): FormatAnswer {
    return format(text);
  }

  codeActions(file: string, text: string, range: Range): CodeAction[] {
    return quickFixes(this.analyse(file, text), range);
  }

  documentSymbols(text: string): DocumentSymbol[] {
    return documentSymbols(text);
  }

  foldingRanges(text: string): FoldingRange[] {
    return foldingRanges(text);
  }

  /** The files the document's last analysis read (its imports and list files), to know when to check it again. */
  dependencies(file: string): string[] {
    return this.analyser.dependencies(file);
  }

  /** Drops what is kept about a document, e.g. once it is closed. */
  forget(file: string): void {
    this.analyser.forget(file);
  }

  /** The workspace's other policies and its policy tests, read through the host. */
  private elsewhere(file: string): Elsewhere {
    const host = this.host;
    if (!host) return { policies: () => [], tests: () => [] };
    const analyseFile = (path: string) => {
      const text = host.readFile(path);
      return text === undefined ? undefined : this.analyse(path, text);
    };
    return {
      policies: function* () {
        for (const other of host.policyFiles?.() ?? []) {
          const analysis = other === file ? undefined : analyseFile(other);
          if (analysis) yield analysis;
        }
      },
      tests: function* (): Iterable<Occurrence> {
        for (const test of host.testFiles?.() ?? []) {
          const text = host.readFile(test);
          if (text !== undefined) yield* testOccurrences(test, text, { resolve: (from, specifier) => host.resolve(from, specifier), policy: analyseFile });
        }
      },
    };
  }
}
