import { readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { renderDiagnostics } from '../compiler/render.js';
import { printable } from '../runtime/printable.js';
import { filesUnder, isPolicyFile } from '../workspace/index.js';
import { fileProblem, write, type CliIo } from '../workspace/index.js';
import { type Command } from 'commander';
import { defineCommand, type CommandContext } from './command.js';

export interface FmtOptions {
  /** Write nothing; list the files that would change and exit 1 when there are any. */
  check?: boolean;
  /** Write nothing; print a unified diff of each change. */
  diff?: boolean;
}

/**
 * `leadscore fmt FILES…`: rewrites each policy in canonical form (see language/printer.ts).
 * Directories are searched for `.score` files. A file with syntax errors is reported and left
 * alone; so is a path that cannot be read. Exit 1 on any such problem, and with `--check` when
 * a file would change.
 */
export async function fmtCommand(paths: string[], options: FmtOptions, io: CliIo): Promise<number> {
  // Loaded on first use, like the compiler: the parser is the slowest part of start-up.
  const { formatPolicy } = await import('../language/index.js');
  let failed = false;
  const changed: string[] = [];
  for (const path of await expand(paths, io, () => (failed = true))) {
    let original: string;
    try {
      original = await readFile(resolve(io.cwd, path), 'utf8');
    } catch (error) {
      io.stderr.write(`leadscore: cannot read ${printable(path)}: ${fileProblem(error)}\n`);
      failed = true;
      continue;
    }
    const { text, diagnostics } = formatPolicy(original);
    if (diagnostics.length > 0) {
      const source = original.replace(/^\ufeff/, '');
      io.stderr.write(renderDiagnostics(diagnostics, source, { fileName: path, color: io.stderrIsTty }));
      io.stderr.write(`leadscore: ${printable(path)} has syntax errors; it was not formatted\n`);
      failed = true;
      continue;
    }
    if (text === original) continue;
    changed.push(path);
    if (options.diff) {
      await write(io.stdout, shownDiff(createTwoFilesPatch(path, path, original, text, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY })));
    }
    if (options.check) {
      if (!options.diff) await write(io.stdout, `${printable(path)}\n`);
    } else if (!options.diff) {
      try {
        await writeFile(resolve(io.cwd, path), text);
      } catch (error) {
        io.stderr.write(`leadscore: cannot write ${printable(path)}: ${fileProblem(error, true)}\n`);
        failed = true;
        continue;
      }
      await write(io.stdout, `${printable(path)}\n`);
    }
  }
  if (options.check && changed.length > 0) {
    const files = changed.length === 1 ? '1 file is' : `${changed.length} files are`;
    io.stderr.write(`leadscore: ${files} not formatted; run \`leadscore fmt\` on ${changed.length === 1 ? 'it' : 'them'}\n`);
  }
  return failed || (options.check && changed.length > 0) ? 1 : 0;
}

/**
 * A diff as a terminal may show it: the policy's comments and strings may hold raw control
 * characters (an ESC that would clear the screen); each is shown as its escape, `\u001b`. Tabs
 * (indentation) and line ends, a CR before its LF included, are the diff's own and stay.
 */
function shownDiff(patch: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what this replaces
  return patch.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g, (character) => printable(character));
}

/**
 * The files to format: each path given, and every `.score` file under each directory, in
 * name order. Tests written in the language (`*.test.score`) have a syntax of their own and
 * are left out of directories. A path that does not exist is reported.
 */
async function expand(paths: string[], io: CliIo, fail: () => void): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(resolve(io.cwd, path))).isDirectory();
    } catch (error) {
      io.stderr.write(`leadscore: cannot read ${printable(path)}: ${fileProblem(error)}\n`);
      fail();
      continue;
    }
    if (isDirectory) files.push(...(await filesUnder(path, io.cwd, isPolicyFile, io.filesRoot)));
    else files.push(path);
  }
  return [...new Set(files)];
}

/** `leadscore fmt`: its arguments, options and help. */
export function registerFmtCommand(cli: Command, { io, setExitCode }: CommandContext): void {
  defineCommand(cli, 'fmt')
    .description('rewrite policies in canonical form (directories: every .score file under them)')
    .argument('<files...>', '.score files or directories')
    .option('--check', 'write nothing; list the files that would change and exit 1 if any would')
    .option('--diff', 'write nothing; print the changes as a unified diff')
    .action(async (files: string[], options: { check?: boolean; diff?: boolean }) => setExitCode(await fmtCommand(files, options, io)));
}
