import { Command, CommanderError, Option } from 'commander';
import { compilerVersion } from '../version.js';
import { checkCommand } from './check.js';
import { compileCommand } from './compile-command.js';
import { CliError, type CliIo } from './io.js';
import { scoreCommand } from './score.js';

function program(io: CliIo, setExitCode: (code: number) => void): Command {
  const cli = new Command('leadscore')
    .description('Lead-scoring policies as code: check, compile and run .score policies.')
    .version(compilerVersion, '-v, --version')
    .showHelpAfterError('(run `leadscore --help` for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, writeErr) => writeErr(text.startsWith('error:') ? `leadscore: ${text.slice('error: '.length)}` : text),
    });

  cli
    .command('check')
    .description('report every problem in a policy; exit 1 when there are errors')
    .argument('<policy>', 'a .score file')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (policy: string, options: { format: 'text' | 'json' }) => setExitCode(await checkCommand(policy, options, io)));

  cli
    .command('compile')
    .description('compile a policy to its rule graph (JSON IR)')
    .argument('<policy>', 'a .score file')
    .option('-o, --output <file>', 'write the rule graph to a file instead of standard output')
    .action(async (policy: string, options: { output?: string }) => setExitCode(await compileCommand(policy, options, io)));

  cli
    .command('score')
    .description('score leads (JSON Lines) with a policy; one result line per lead, in order')
    .argument('<policy>', 'a .score file, or a rule graph compiled to .json')
    .argument('<leads>', 'a .jsonl file of leads, or - for standard input')
    .option('--now <time>', 'the time to score at, ISO-8601 (default: the current time)')
    .option('--explain', 'include the reasons for every point')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'table']).default('jsonl'))
    .action(async (policy: string, leads: string, options: { now?: string; explain?: boolean; format: 'jsonl' | 'table' }) =>
      setExitCode(await scoreCommand(policy, leads, options, io)),
    );

  return cli;
}

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
    if (error instanceof CliError) {
      io.stderr.write(`leadscore: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`leadscore: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 70;
  }
}

/** The process entry point used by bin/leadscore.js. */
export async function main(argv: readonly string[]): Promise<number> {
  // A closed pipe (`leadscore score … | head`) ends output quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  return run(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    stdoutIsTty: process.stdout.isTTY === true && !process.env['NO_COLOR'],
    stderrIsTty: process.stderr.isTTY === true && !process.env['NO_COLOR'],
    clock: () => new Date(),
  });
}
