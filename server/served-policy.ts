// The policy `leadscore serve` scores with: loaded at start, reloaded when its files change and hold still, never replaced by a broken or emptied version.
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
  /** The files' signatures when a poll last saw them changed: a reload waits until a poll sees them again unchanged. */
  private settling: string | undefined;

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

  /**
   * Reloads now, without waiting for the files to hold still (SIGHUP). With `allowEmpty`, a
   * policy without rules may replace one with rules.
   */
  reloadNow(options: { allowEmpty?: boolean } = {}): Promise<void> {
    return this.scheduleReload(options);
  }

  /** A reload once the files changed and then held still for one interval: a file being written is not read half-way. */
  private poll(): void {
    if (this.pending || this.closed) return;
    const seen = this.currentSignatures();
    if ([...seen].every(([file, now]) => this.signatures.get(file) === now)) {
      this.settling = undefined;
      return;
    }
    const key = [...seen.values()].join('|');
    if (this.settling !== key) {
      this.settling = key;
      return;
    }
    this.settling = undefined;
    void this.scheduleReload();
  }

  /** One reload at a time; changes during a reload cause one more. */
  private scheduleReload(options: { allowEmpty?: boolean } = {}): Promise<void> {
    this.pending = true;
    this.reloading = this.reloading.then(async () => {
      this.pending = false;
      if (!this.closed) await this.reload(options);
    });
    return this.reloading;
  }

  private async reload({ allowEmpty = false }: { allowEmpty?: boolean }): Promise<void> {
    const before = describePolicy(this.current);
    const read = this.currentSignatures();
    // Taken before reading: a version refused now is not tried again until its files change.
    this.signatures = read;
    try {
      const loaded = await load(this.path, this.io);
      // Changed while it was read: the next poll sees the change and tries again once it holds still.
      if ([...this.currentSignatures()].some(([file, now]) => read.get(file) !== now)) {
        this.signatures = new Map([...read].map(([file]) => [file, 'changing']));
        return;
      }
      if (!allowEmpty && hasNoRules(loaded.policy) && !hasNoRules(this.current)) {
        throw new CliError(`${this.path} has no rules (emptied, or cut short); send SIGHUP to serve it anyway`);
      }
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

  /** The watched files' signatures as they are now. */
  private currentSignatures(): Map<string, string> {
    return new Map([...this.signatures.keys()].map((file) => [file, signature(file)]));
  }
}

/** A policy that adds no points and makes no decision: what an emptied or truncated file compiles to. */
function hasNoRules(policy: Policy): boolean {
  return policy.ir.contributions.length === 0 && policy.ir.decisions.every((decision) => decision.rows.length === 0);
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
