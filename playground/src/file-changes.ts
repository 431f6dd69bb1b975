/** The changes to the open files that the engine has not been told yet, as one `FileChanges`. */
import type { FileChanges } from './protocol.js';

/** `newer` applied after `older`: a reset in `newer` makes `older` moot. */
export function mergeFileChanges(older: FileChanges | undefined, newer: FileChanges | undefined): FileChanges | undefined {
  if (!older || newer?.reset) return newer;
  if (!newer) return older;
  const removed = new Set([...(older.remove ?? []).filter((path) => !(path in newer.set)), ...(newer.remove ?? [])]);
  const set = Object.fromEntries(Object.entries({ ...older.set, ...newer.set }).filter(([path]) => !(newer.remove ?? []).includes(path)));
  const merged: FileChanges = { set };
  if (older.reset) merged.reset = true;
  if (removed.size > 0) merged.remove = [...removed];
  return merged;
}

/** Collects changes until they are taken for a request. */
export class UnsentChanges {
  private changes: FileChanges | undefined;

  /** Every file, replacing what the engine had (a workspace opened). */
  reset(files: ReadonlyArray<{ path: string; text: string }>): void {
    this.changes = { reset: true, set: Object.fromEntries(files.map((file) => [file.path, file.text])) };
  }

  set(path: string, text: string): void {
    this.changes = mergeFileChanges(this.changes, { set: { [path]: text } });
  }

  take(): FileChanges | undefined {
    const changes = this.changes;
    this.changes = undefined;
    return changes;
  }
}
