import { CommanderError } from 'commander';
import { printable } from '../runtime/printable.js';
import { CliError, type CliIo } from '../workspace/index.js';
import { program } from './program.js';

/** Runs the command line; resolves to the exit code. Never throws, never prints a stack trace. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  try {
    const cli = program(io, (code) => (exitCode = code));
    if (argv.length === 0) {
      cli.outputHelp();
      return 0;
    }
    await cli.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // Messages name paths, ids and values as given: a terminal shows their control characters, never obeys them.
    if (error instanceof CliError) {
      io.stderr.write(`leadscore: ${printable(error.message, { keepLineBreaks: true })}\n`);
      return error.exitCode;
    }
    io.stderr.write(`leadscore: internal error: ${printable(error instanceof Error ? error.message : String(error), { keepLineBreaks: true })}\n`);
    return 70;
  }
}

/** The process entry point used by bin/leadscore.js. */
export async function main(argv: readonly string[]): Promise<number> {
  // A closed pipe (`leadscore score … | head`) ends output quietly; any other failure to write
  // stdout (a full disk, say) is said once, without a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`leadscore: cannot write the output: ${error.message}\n`);
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 1);
  });
  return run(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    stdoutIsTty: process.stdout.isTTY === true && !process.env['NO_COLOR'],
    stderrIsTty: process.stderr.isTTY === true && !process.env['NO_COLOR'],
    stderrIsTerminal: process.stderr.isTTY === true,
    clock: () => new Date(),
  });
}
