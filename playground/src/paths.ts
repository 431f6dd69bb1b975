/**
 * Paths inside an open policy folder: `/`-separated and relative to the folder's root, as
 * `lists/competitors.txt`. The CLI resolves an import relative to the file that names it;
 * this does the same without Node's `path`, so it runs in the page and the worker.
 */
import type { CompileHost } from '../../compiler/index.js';

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `a/./b/../c` → `a/c`; `..` above the root stays (`../x`), so such a file is simply not in the folder. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

/** The path of `specifier` as written in the file `from`: relative to `from`'s folder, as `leadscore` resolves it. */
export function resolvePath(from: string, specifier: string): string {
  if (specifier.startsWith('/')) return normalizePath(specifier);
  const folder = dirname(from);
  return normalizePath(folder === '' ? specifier : `${folder}/${specifier}`);
}

/** Imports and `list … from` read from the open files (path → text) instead of a disk. */
export function memoryHost(files: ReadonlyMap<string, string>): CompileHost {
  return { resolve: resolvePath, readFile: (path) => files.get(path) };
}
