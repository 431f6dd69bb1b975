import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { filesRoot, isInside } from './file-access.js';
import { CliError, fileProblem, type CliIo } from './io.js';

/** Tests written in the language live in `NAME.test.score` beside `NAME.score`. */
export const testFileSuffix = '.test.score';

export function isPolicyFile(name: string): boolean {
  return name.endsWith('.score') && !name.endsWith(testFileSuffix);
}

export function isTestFile(name: string): boolean {
  return name.endsWith(testFileSuffix);
}

/**
 * The files under `directory` (recursively, in name order) whose name `accept`s,
 * skipping `node_modules` and hidden folders. Paths are `directory` joined with
 * the rest, so a relative directory gives relative paths. A link to a file is
 * followed when the file lies in the directory's repository (see filesRoot); a
 * link elsewhere, or to nothing, is an error rather than a file silently left out.
 * Links to folders are not followed (they could make a circle).
 */
export async function filesUnder(directory: string, cwd: string, accept: (name: string) => boolean, widenedTo?: string): Promise<string[]> {
  return filesBelow(directory, cwd, accept, filesRoot(join(resolve(cwd, directory), 'any'), widenedTo && resolve(cwd, widenedTo)));
}

async function filesBelow(directory: string, cwd: string, accept: (name: string) => boolean, root: string): Promise<string[]> {
  const entries = await readdir(resolve(cwd, directory), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await filesBelow(path, cwd, accept, root)));
    else if (entry.isFile() && accept(entry.name)) files.push(path);
    else if (entry.isSymbolicLink() && accept(entry.name)) {
      const target = await realpath(resolve(cwd, path)).catch(() => undefined);
      if (target === undefined) throw new CliError(`${path} is a link to a file that does not exist`);
      const info = await stat(target);
      if (info.isDirectory()) continue;
      if (!isInside(target, root) || !info.isFile()) {
        throw new CliError(`${path} is a link to ${target}, which is not a file inside ${root}; it was not read (--files-root widens the tree)`);
      }
      files.push(path);
    }
  }
  return files;
}

/** Policy files named, or found under the directories named; each once, in order. */
export async function policyFiles(paths: readonly string[], io: CliIo): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(resolve(io.cwd, path)).catch(() => undefined);
    if (!info?.isDirectory()) {
      if (isTestFile(path)) throw new CliError(`${path} holds tests, not a policy: run \`leadscore test ${path}\``);
      files.push(path);
      continue;
    }
    const found = await filesUnder(path, io.cwd, isPolicyFile, io.filesRoot).catch((error: unknown) => {
      throw new CliError(`cannot read ${path}: ${fileProblem(error)}`);
    });
    if (found.length === 0) throw new CliError(`no policies (*.score) in ${path}`);
    files.push(...found);
  }
  return [...new Set(files)];
}
