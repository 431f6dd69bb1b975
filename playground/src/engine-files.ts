/**
 * The worker's copy of the open files (path → text), kept up to date by the changes each
 * request carries, and the compiler's view of them: imports and `list … from` resolve among
 * these files exactly as the CLI resolves them on disk.
 */
import { compile, type CompileResult } from '../../compiler/index.js';
import { parse } from '../../language/index.js';
import { memoryHost, resolvePath } from './paths.js';
import { isPolicyFile, scorablePolicies } from './policy-files.js';
import type { FileChanges } from './protocol.js';

export class EngineFiles {
  private readonly files = new Map<string, string>();
  private readonly host = memoryHost(this.files);
  /** The imports of each policy file, parsed once per text. */
  private readonly imports = new Map<string, { text: string; paths: string[] }>();
  /** Compiled policies, kept until any file changes. */
  private compiled = new Map<string, CompileResult>();

  apply(changes: FileChanges): void {
    if (changes.reset) this.files.clear();
    for (const [path, text] of Object.entries(changes.set)) this.files.set(path, text);
    for (const path of changes.remove ?? []) this.files.delete(path);
    this.compiled = new Map();
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** The policies that can be scored (see `scorablePolicies`). */
  policies(): string[] {
    return scorablePolicies(this.files.keys(), (path) => this.importsOf(path));
  }

  /** The policy to score: the one asked for when it is a policy file here, otherwise the first that can be scored. */
  entry(requested: string | undefined): string | undefined {
    if (requested !== undefined && isPolicyFile(requested) && this.files.has(requested)) return requested;
    return this.policies()[0];
  }

  /** A policy compiled with its imports and list files, as the CLI compiles it. */
  compile(path: string): CompileResult {
    let result = this.compiled.get(path);
    if (!result) {
      result = compile(this.files.get(path) ?? '', { fileName: path, host: this.host });
      this.compiled.set(path, result);
    }
    return result;
  }

  /** The files a policy reads: itself, what it imports, its list files. */
  read(path: string): string[] {
    return [...this.compile(path).sources.keys()];
  }

  private importsOf(path: string): string[] {
    const text = this.files.get(path) ?? '';
    const cached = this.imports.get(path);
    if (cached?.text === text) return cached.paths;
    const paths = parse(text).program.statements.flatMap((statement) => (statement.kind === 'Import' ? [resolvePath(path, statement.path.value)] : []));
    this.imports.set(path, { text, paths });
    return paths;
  }
}
