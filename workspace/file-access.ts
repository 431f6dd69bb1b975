// What a policy may read besides itself: the files it imports and the lists it reads `from`. A
// policy is text someone else may have written (a pull request, a shared folder), so it must not
// read secrets (`import "/proc/self/environ"`), hang on a pipe or fill memory from a device:
// only regular files, inside the policy's own folder tree, up to a size limit.
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The largest file a policy may import or read a list from: far above any real policy or list. */
export const maxPolicyFileBytes = 4 * 1024 * 1024;

/**
 * The folder tree a policy's imports and lists must lie in: the Git repository holding the policy
 * (the nearest folder above it with a `.git`), or else the policy's own folder. `widenedTo`
 * (`--files-root`) replaces it.
 */
export function filesRoot(policyPath: string, widenedTo?: string): string {
  if (widenedTo !== undefined) return real(resolve(widenedTo));
  const folder = dirname(resolve(policyPath));
  for (let current = folder; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return real(current);
    if (dirname(current) === current) return real(folder);
  }
}

/** The text of a file a policy names, or why it may not be read (in words, never quoting it). */
export function readPolicyFile(path: string, root: string): { text: string } | { problem: string } {
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    return { problem: 'no such file' };
  }
  if (!isInside(target, root)) return { problem: `it is outside ${root}, the folder tree this policy may read (--files-root widens it)` };
  // Not even opened unless it is a regular file: opening a named pipe waits for a writer.
  if (!statSync(target).isFile()) return { problem: 'it is not a regular file' };
  let descriptor: number | undefined;
  try {
    descriptor = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK);
    const { size } = fstatSync(descriptor);
    if (size > maxPolicyFileBytes) return { problem: `it is larger than ${maxPolicyFileBytes / 1024 / 1024} MiB` };
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const count = readSync(descriptor, buffer, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    return {
      text: buffer
        .subarray(0, read)
        .toString('utf8')
        .replace(/^\ufeff/, ''),
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : 'it cannot be read' };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Whether `path` is `root` or lies below it (both real paths). */
export function isInside(path: string, root: string): boolean {
  const rest = relative(root, path);
  return !isAbsolute(rest) && rest !== '..' && !rest.startsWith(`..${sep}`);
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
