import { writeFile } from 'node:fs/promises';
import { printableJson } from '../runtime/printable.js';
import { resolve } from 'node:path';
import { CliError, fileProblem, write, type CliIo } from '../workspace/index.js';
import { compileFile, reportDiagnostics } from '../workspace/index.js';
import { type Command } from 'commander';
import { defineCommand, type CommandContext } from './command.js';

/** `leadscore compile POLICY [-o FILE]`: the rule graph as JSON. */
export async function compileCommand(path: string, options: { output?: string }, io: CliIo): Promise<number> {
  const { result } = await compileFile(path, io);
  if (reportDiagnostics(result.diagnostics, result.sources, path, io) || !result.ir) return 1;
  const json = printableJson(JSON.stringify(result.ir, null, 2)) + '\n';
  if (!options.output) {
    await write(io.stdout, json);
    return 0;
  }
  try {
    await writeFile(resolve(io.cwd, options.output), json);
  } catch (error) {
    throw new CliError(`cannot write ${options.output}: ${fileProblem(error, true)}`);
  }
  return 0;
}

/** `leadscore compile`: its arguments, options and help. */
export function registerCompileCommand(cli: Command, { io, setExitCode }: CommandContext): void {
  defineCommand(cli, 'compile')
    .description('compile a policy to its rule graph (JSON IR)')
    .argument('<policy>', 'a .score file')
    .option('-o, --output <file>', 'write the rule graph to a file instead of standard output')
    .action(async (policy: string, options: { output?: string }) => setExitCode(await compileCommand(policy, options, io)));
}
