import type { Command } from 'commander';
import type { CliIo } from '../workspace/index.js';

/** What every command's action needs: where to read and write, and how to report its exit code. */
export interface CommandContext {
  io: CliIo;
  setExitCode(code: number): void;
}

/** A subcommand of `leadscore` whose usage errors point at its own help. */
export function defineCommand(cli: Command, name: string): Command {
  return cli.command(name).showHelpAfterError(`(run \`leadscore ${name} --help\` for usage)`);
}
