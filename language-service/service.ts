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
import { isTestFile, testDefinition, testDiagnostics, testOccurrences, testQuickFixes, testSymbols, type TestFileContext } from './test-files.js';
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

/** Why a test file's names are not renamed from there. */
const testsFollow = 'rename the field or section in the policy: its tests follow';

/**
 * Policy tests (`*.test.score`) have a syntax of their own: they get its diagnostics, go to
 * definition into their policy and an outline; the rest is for policies.
 */
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
    if (isTestFile(file)) return testDiagnostics(text);
    return documentDiagnostics(this.analyse(file, text), this.host);
  }

  complete(file: string, text: string, position: Position): Completions {
    if (isTestFile(file)) return { context: 'none', items: [] };
    return complete(this.analyse(file, text), position);
  }

  hover(file: string, text: string, position: Position): Hover | undefined {
    if (isTestFile(file)) return undefined;
    return hover(this.analyse(file, text), position);
  }

  definition(file: string, text: string, position: Position): Location | undefined {
    if (isTestFile(file)) return this.host && testDefinition(file, text, position, this.testContext(this.host));
    return definition(this.analyse(file, text), position);
  }

  references(file: string, text: string, position: Position, includeDeclaration = true): Location[] {
    if (isTestFile(file)) return [];
    return references(this.analyse(file, text), position, includeDeclaration, this.elsewhere(file));
  }

  /** The other places in the document that name what the cursor is on, for the editor to highlight. */
  highlights(file: string, text: string, position: Position): Range[] {
    if (isTestFile(file)) return [];
    return highlights(this.analyse(file, text), position).map((location) => location.range);
  }

  prepareRename(file: string, text: string, position: Position): PrepareRenameAnswer {
    if (isTestFile(file)) return { error: testsFollow };
    return prepareRename(this.analyse(file, text), position);
  }

  rename(file: string, text: string, position: Position, newName: string): RenameAnswer {
    if (isTestFile(file)) return { error: testsFollow };
    return rename(this.analyse(file, text), position, newName, this.elsewhere(file));
  }

  format(file: string, text: string): FormatAnswer {
    if (isTestFile(file)) return { error: 'policy tests (*.test.score) have no canonical form yet: only policies are formatted' };
    return format(text);
  }

  codeActions(file: string, text: string, range: Range): CodeAction[] {
    if (isTestFile(file)) return this.host ? testQuickFixes(file, text, range, this.testContext(this.host)) : [];
    return quickFixes(this.analyse(file, text), range);
  }

  documentSymbols(file: string, text: string): DocumentSymbol[] {
    return isTestFile(file) ? testSymbols(text) : documentSymbols(text);
  }

  foldingRanges(file: string, text: string): FoldingRange[] {
    return isTestFile(file) ? [] : foldingRanges(text);
  }

  /** The files the document's last analysis read (its imports and list files), to know when to check it again. */
  dependencies(file: string): string[] {
    return this.analyser.dependencies(file);
  }

  /** Drops what is kept about a document, e.g. once it is closed. */
  forget(file: string): void {
    this.analyser.forget(file);
  }

  /** How a policy test finds the policy it runs: through the host. */
  private testContext(host: LanguageServiceHost): TestFileContext {
    return {
      resolve: (from, specifier) => host.resolve(from, specifier),
      policy: (path) => {
        const text = host.readFile(path);
        return text === undefined ? undefined : this.analyse(path, text);
      },
    };
  }

  /** The workspace's other policies and its policy tests, read through the host. */
  private elsewhere(file: string): Elsewhere {
    const host = this.host;
    if (!host) return { policies: () => [], tests: () => [] };
    const context = this.testContext(host);
    return {
      policies: function* () {
        for (const other of host.policyFiles?.() ?? []) {
          const analysis = other === file ? undefined : context.policy(other);
          if (analysis) yield analysis;
        }
      },
      tests: function* (): Iterable<Occurrence> {
        for (const test of host.testFiles?.() ?? []) {
          const text = host.readFile(test);
          if (text !== undefined) yield* testOccurrences(test, text, context);
        }
      },
    };
  }
}
