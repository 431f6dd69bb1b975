/**
 * Which open files are policies, and which one the playground scores when the user has not
 * picked one. Shared by the page (the file list) and the worker (the choice itself).
 */

/** Tests written in the language live in `NAME.test.score` beside `NAME.score` (as the CLI names them). */
export const testFileSuffix = '.test.score';

export const isTestFile = (path: string): boolean => path.endsWith(testFileSuffix);

/** A `.score` file that is not a test file: something that can be compiled and scored. */
export const isPolicyFile = (path: string): boolean => path.endsWith('.score') && !isTestFile(path);

/** Folder order: files nearer the root first, then by name, so `b2b.score` comes before `shared/fit.score`. */
export function byFolderOrder(a: string, b: string): number {
  const depth = (path: string) => path.split('/').length;
  return depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The policies that can be scored, in folder order: every policy file that no other policy
 * file imports (a file only imported is a part of a policy, not one). When every policy file
 * is imported by another (a cycle), all of them, so there is still something to pick.
 */
export function scorablePolicies(paths: Iterable<string>, importsOf: (path: string) => readonly string[]): string[] {
  const policies = [...paths].filter(isPolicyFile).sort(byFolderOrder);
  const imported = new Set(policies.flatMap((path) => importsOf(path).filter((target) => target !== path)));
  const roots = policies.filter((path) => !imported.has(path));
  return roots.length > 0 ? roots : policies;
}
