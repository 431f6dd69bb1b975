// The policy `leadscore serve` scores with: loaded at start, reloaded when its files change, never replaced by a broken version.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasErrors } from '../language/diagnostics.js';
import { printable } from '../runtime/support.js';
import { loadPolicy, type Policy } from '../runtime/index.js';
import { renderDiagnostics } from '../compiler/render.js';
import { CliError, type CliIo } from '../workspace/index.js';
import { compileFile, loadPolicyFile } from '../workspace/index.js';

/** Why the newest version of the policy was refused: a one-line message, and the rendered diagnostics when it did not compile. */
export interface ReloadError {
  message: string;
  diagnostics?: string;
  at: string;
}

/** The name, version and content hash that results carry. */
export interface PolicyDescription {
  name: string | null;
  version: string | null;
  hash: string;
}

interface Loaded {
  policy: Policy;
  /** The policy file and every file it imports or reads lists from. */
  files: string[];
  warnings: string;
}

/** Loads a `.score` policy (compiled, with its imports) or a compiled `.json` rule graph; a policy with errors is a CliError. */
async function load(path: string, io: CliIo): Promise<Loaded> {
  if (path.endsWith('.json')) return { policy: await loadPolicyFile(path, io), files: [path], warnings: '' };
  const { result } = await compileFile(path, io);
  const rendered = renderDiagnostics(result.diagnostics, result.sources, { fileName: path, color: false });
  if (hasErrors(result.diagnostics) || !result.ir) throw Object.assign(new CliError(`${path} has errors`), { diagnostics: rendered });
  return {
    policy: loadPolicy(result.ir, { backend: 'auto' }),
    files: [...result.sources.keys()].filter((file) => !file.startsWith('leadscore:')),
    warnings: result.diagnostics.length > 0 ? rendered : '',
  };
}

export function describePolicy(policy: Policy): PolicyDescription {
  const { name, version, hash } = policy.info;
  return { name, version, hash };
}

/**
 * The served policy. `current` always scores: a new version replaces it only when it
 * compiles; otherwise `reloadError` says why, until a good version arrives.
 */
export class ServedPolicy {
  reloadError: ReloadError | null = null;
  /** Each watched file (absolute path) with its size and time when last loaded. */
  private signatures = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;
  private reloading: Promise<void> = Promise.resolve();
  private pending = false;
  private closed = false;

  private constructor(
    readonly path: string,
    private loaded: Loaded,
    private readonly io: CliIo,
    watchIntervalMs: number,
  ) {
    this.watch(loaded.files);
    // Polled rather than fs.watch: editors that replace the file on save, and network drives, are seen alike.
    this.timer = setInterval(() => this.poll(), watchIntervalMs);
    this.timer.unref();
  }

  /** Loads the policy; throws CliError (its diagnostics already printed) when it cannot be served. */
  static async open(path: string, io: CliIo, watchIntervalMs: number): Promise<ServedPolicy> {
    try {
      const loaded = await load(path, io);
      if (loaded.warnings) io.stderr.write(loaded.warnings);
      return new ServedPolicy(path, loaded, io, watchIntervalMs);
    } catch (error) {
      const diagnostics = (error as { diagnostics?: string }).diagnostics;
      if (diagnostics) io.stderr.write(diagnostics);
      throw error;
    }
  }

  get current(): Policy {
    return this.loaded.policy;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  /** Starts watching `files` (and the policy itself) as they are now. */
  private watch(files: readonly string[]): void {
    const paths = new Set([this.path, ...files].map((file) => resolve(this.io.cwd, file)));
    this.signatures = new Map([...paths].map((file) => [file, signature(file)]));
  }

  private poll(): void {
    if (this.pending || this.closed) return;
    for (const [file, known] of this.signatures) {
      if (signature(file) !== known) return this.scheduleReload();
    }
  }

  /** One reload at a time; changes during a reload cause one more. */
  private scheduleReload(): void {
    this.pending = true;
    this.reloading = this.reloading.then(async () => {
      this.pending = false;
      if (!this.closed) await this.reload();
    });
  }

  private async reload(): Promise<void> {
    const before = describePolicy(this.current);
    // Taken before reading: a change made while loading is seen by the next poll.
    this.watch([...this.signatures.keys()]);
    try {
      const loaded = await load(this.path, this.io);
      this.loaded = loaded;
      this.reloadError = null;
      this.watch(loaded.files);
      if (loaded.warnings) this.io.stderr.write(loaded.warnings);
      const after = describePolicy(loaded.policy);
      this.io.stdout.write(
        `leadscore: reloaded ${printable(this.path)}: "${printable(after.name ?? '(unnamed)')}" ${after.hash}${after.hash === before.hash ? ' (unchanged)' : ''}\n`,
      );
    } catch (error) {
      const diagnostics = (error as { diagnostics?: string }).diagnostics;
      const reason = error instanceof CliError ? error.message : `internal error: ${(error as Error).message}`;
      const message = `${reason}; still serving the previous version (${before.hash})`;
      this.reloadError = { message, ...(diagnostics && { diagnostics }), at: new Date().toISOString() };
      if (diagnostics) this.io.stderr.write(diagnostics);
      this.io.stderr.write(`leadscore: ${printable(message, { keepLineBreaks: true })}\n`);
    }
  }
}

/** What changes when a file is saved: its size, time and inode (a replaced file), or that it is gone. */
function signature(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
  } catch {
    return 'missing';
  }
}
