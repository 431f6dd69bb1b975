import { Command, CommanderError, Option } from 'commander';
import { compilerVersion } from '../compiler/version.js';
import { checkCommand } from './check.js';
import { compileCommand } from './compile-command.js';
import { diffCommand } from './diff.js';
import { explainCommand } from './explain.js';
import { fmtCommand } from './fmt.js';
import { CliError, type CliIo } from '../workspace/io.js';
import { scoreCommand } from './score.js';
import { serveCommand } from '../server/server.js';
import { testCommand } from './test-command.js';

function program(io: CliIo, setExitCode: (code: number) => void): Command {
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
      outputError: (text, writeErr) =>
        writeErr((text.startsWith('error: ') ? `leadscore: ${text.slice('error: '.length)}` : text).replace(/\n\(Did you mean (.+)\?\)/, '; did you mean $1?')),
    })
    .addHelpText(
      'after',
      `
Examples:
  leadscore check policy.score
  leadscore compile policy.score -o policy.json
  leadscore score policy.score leads.jsonl --now 2026-11-23T12:00:00Z --explain
  cat leads.jsonl | leadscore score policy.json -

Exit codes: 0 success, 1 the policy has errors or a file cannot be used,
2 some leads could not be scored (each gets an error line in its place).`,
    );
  const usage = (name: string) => `(run \`leadscore ${name} --help\` for usage)`;

  cli
    .command('check')
    .showHelpAfterError(usage('check'))
    .description('report every problem in a policy; exit 1 when there are errors')
    .argument('<policy...>', 'one or more .score files')
    .addOption(new Option('--format <format>', 'text (rendered, with carets) or json').choices(['text', 'json']).default('text'))
    .option('--ranges', "print each section's and the score's lowest and highest possible value")
    .option('--strict', 'treat warnings as errors: report them as errors and exit 1')
    .action(async (policies: string[], options: { format: 'text' | 'json'; ranges?: boolean; strict?: boolean }) =>
      setExitCode(await checkCommand(policies, options, io)),
    );

  cli
    .command('compile')
    .showHelpAfterError(usage('compile'))
    .description('compile a policy to its rule graph (JSON IR)')
    .argument('<policy>', 'a .score file')
    .option('-o, --output <file>', 'write the rule graph to a file instead of standard output')
    .action(async (policy: string, options: { output?: string }) => setExitCode(await compileCommand(policy, options, io)));

  cli
    .command('score')
    .showHelpAfterError(usage('score'))
    .description('score leads (JSON Lines or CSV) with a policy; one result line per lead, in order')
    .addHelpText(
      'after',
      `
A line that cannot be scored (not JSON, or a lead with a field of the wrong
type) yields {"line": N, "id": …, "error": "…"} in its place; the other leads
are scored, a summary goes to standard error, and the exit code is 2.`,
    )
    .argument('<policy>', 'a .score file, or a rule graph compiled to .json')
    .argument('<leads>', 'a .jsonl file of leads, a profile .csv file, or - for standard input (JSON Lines)')
    .option('--events <file>', 'with a profile .csv: an events .csv (lead_id,type,object,name,at)')
    .option('--now <time>', 'the time to score at, ISO-8601 (default: the current time)')
    .option('--explain', 'include the reasons for every point')
    .addOption(new Option('--format <format>', 'jsonl (one line per lead), table (ranked by score) or csv').choices(['jsonl', 'table', 'csv']).default('jsonl'))
    .action(async (policy: string, leads: string, options: { now?: string; explain?: boolean; format: 'jsonl' | 'table' | 'csv'; events?: string }) =>
      setExitCode(await scoreCommand(policy, leads, options, io)),
    );

  cli
    .command('explain')
    .showHelpAfterError(usage('explain'))
    .description('explain, for a person, why one lead got its score: rules, points, events, decisions')
    .argument('<policy>', 'a .score file, or a rule graph compiled to .json')
    .argument('<lead>', 'a .json file with one lead, a .jsonl file (pick the lead with --id), or - for standard input')
    .option('--now <time>', 'the time to score at, ISO-8601 (default: the current time)')
    .option('--id <id>', 'the id of the lead to explain, when the file holds several')
    .option('--all', 'also list the rules that did not fire')
    .action(async (policy: string, lead: string, options: { now?: string; id?: string; all?: boolean }) =>
      setExitCode(await explainCommand(policy, lead, options, io)),
    );

  cli
    .command('diff')
    .showHelpAfterError(usage('diff'))
    .description('the impact of a policy change on a set of leads: decisions that move, score changes, the rules behind them')
    .addHelpText(
      'after',
      `
OLD and NEW are files, or Git revisions written REV:path (the path from the
repository's root), e.g.:
  leadscore diff HEAD:examples/b2b-saas.score examples/b2b-saas.score --leads examples/leads.jsonl`,
    )
    .argument('<old>', 'the policy before the change: a file or REV:path')
    .argument('<new>', 'the policy after the change: a file or REV:path')
    .requiredOption('--leads <file>', 'the leads to score under both (.jsonl, a profile .csv, or - for standard input)')
    .option('--events <file>', 'with a profile .csv: an events .csv (lead_id,type,object,name,at)')
    .option('--now <time>', 'the time to score at, ISO-8601 (default: the current time)')
    .option('--top <n>', 'how many of the largest changes to list (default: 10)')
    .addOption(new Option('--format <format>', 'text, markdown (for a pull request) or json').choices(['text', 'markdown', 'json']).default('text'))
    .action(async (oldPolicy: string, newPolicy: string, options: { leads: string; events?: string; now?: string; top?: string; format: 'text' | 'markdown' | 'json' }) =>
      setExitCode(await diffCommand(oldPolicy, newPolicy, options, io)),
    );

  cli
    .command('fmt')
    .showHelpAfterError(usage('fmt'))
    .description('rewrite policies in canonical form (directories: every .score file under them)')
    .argument('<files...>', '.score files or directories')
    .option('--check', 'write nothing; list the files that would change and exit 1 if any would')
    .option('--diff', 'write nothing; print the changes as a unified diff')
    .action(async (files: string[], options: { check?: boolean; diff?: boolean }) => setExitCode(await fmtCommand(files, options, io)));

  cli
    .command('serve')
    .showHelpAfterError(usage('serve'))
    .description('an HTTP service: score leads, keep their state for incremental scoring, reload the policy when it changes')
    .addHelpText(
      'after',
      `
Routes: POST /score (a lead or an array), POST /leads/:id/events (an event or
an array), PUT /leads/:id (profile fields), GET /leads/:id, GET /healthz.
Add ?now=ISO-TIME to score at a fixed time instead of the clock.`,
    )
    .argument('<policy>', 'a .score file (reloaded when it changes), or a rule graph compiled to .json')
    .option('--port <n>', 'the port to listen on (0: any free port)', '8080')
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option('--state <file>', "keep the leads' states in this JSON file: read at start, written every 30 s and on exit")
    .option('--max-body <size>', 'the largest request body, e.g. 1mb or 512kb', '1mb')
    .action(async (policy: string, options: { port: string; host: string; state?: string; maxBody: string }) =>
      setExitCode(await serveCommand(policy, options, io)),
    );

  cli
    .command('test')
    .showHelpAfterError(usage('test'))
    .description('run the tests written next to policies (*.test.score files); exit 1 when any fails')
    .argument('[paths...]', 'test files, or directories to search for *.test.score (default: the current directory)')
    .addOption(new Option('--reporter <reporter>', 'text, or junit (JUnit XML for CI)').choices(['text', 'junit']).default('text'))
    .option('-o, --output <file>', 'with --reporter junit: write the XML to a file instead of standard output')
    .option('--coverage', 'report the rules and decision rows no test exercises')
    .action(async (paths: string[], options: { reporter: 'text' | 'junit'; output?: string; coverage?: boolean }) =>
      setExitCode(await testCommand(paths, options, io)),
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
