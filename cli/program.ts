import { Command } from 'commander';
import { compilerVersion } from '../compiler/version.js';
import { printable } from '../runtime/printable.js';
import type { CliIo } from '../workspace/index.js';
import { registerBacktestCommand } from './backtest.js';
import { registerCheckCommand } from './check.js';
import type { CommandContext } from './command.js';
import { registerCompileCommand } from './compile-command.js';
import { registerDiffCommand } from './diff.js';
import { registerExplainCommand } from './explain.js';
import { registerFmtCommand } from './fmt.js';
import { registerLspCommand } from './lsp-command.js';
import { registerScoreCommand } from './score.js';
import { registerServeCommand } from './serve-command.js';
import { registerSuggestCommand } from './suggest.js';
import { registerTestCommand } from './test-command.js';

/** The commands in the order `leadscore --help` lists them. */
const commands = [
  registerCheckCommand,
  registerCompileCommand,
  registerScoreCommand,
  registerExplainCommand,
  registerDiffCommand,
  registerBacktestCommand,
  registerSuggestCommand,
  registerFmtCommand,
  registerServeCommand,
  registerTestCommand,
  registerLspCommand,
];

/** The `leadscore` program: global options and help, then one registration per command. */
export function program(io: CliIo, setExitCode: (code: number) => void): Command {
  const cli = new Command('leadscore')
    .description('Lead-scoring policies as code: check, compile and run .score policies.')
    .version(compilerVersion, '-v, --version')
    .showHelpAfterError('(run `leadscore --help` for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Help wraps to the terminal's width, and to 80 columns when not written to a terminal.
      getOutHelpWidth: () => (io.stdoutIsTty ? process.stdout.columns : undefined) ?? 80,
      getErrHelpWidth: () => (io.stderrIsTty ? process.stderr.columns : undefined) ?? 80,
      // `error: unknown command 'chek'\n(Did you mean check?)` → `leadscore: unknown command 'chek'; did you mean check?`
      // An error quotes the argument given (`unknown option '…'`), which may hold anything: shown escaped.
      outputError: (text, writeErr) =>
        writeErr(
          printable((text.startsWith('error: ') ? `leadscore: ${text.slice('error: '.length)}` : text).replace(/\n\(Did you mean (.+)\?\)/, '; did you mean $1?'), {
            keepLineBreaks: true,
          }),
        ),
    })
    .addHelpText(
      'after',
      `
Examples:
  leadscore check policy.score
  leadscore compile policy.score -o policy.json
  leadscore score policy.score leads.jsonl --now 2026-11-23T12:00:00Z --explain
  cat leads.jsonl | leadscore score policy.json -
  leadscore score policy.score leads.csv --events events.csv --format hubspot-csv > import.csv
  leadscore explain policy.score leads.csv --events events.csv --id L42

Exit codes: 0 success, 1 the policy has errors or a file cannot be used,
2 some leads could not be scored (each gets an error line in its place).`,
    );
  // Imports and lists are read from the policy's repository (or folder) only, unless widened.
  cli.option('--files-root <dir>', "the folder tree a policy's imports and lists may be read from (default: its Git repository, or its folder)");
  cli.hook('preAction', () => {
    const root = cli.opts<{ filesRoot?: string }>().filesRoot;
    if (root !== undefined) io.filesRoot = root;
  });
  const context: CommandContext = { io, setExitCode };
  for (const register of commands) register(cli, context);
  return cli;
}
