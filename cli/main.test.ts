import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './main.js';
import { root, runCli, stackTraceLine, stdinOf } from '../test-support/harness.js';

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

describe('leadscore (the command line)', () => {
  it('--help lists the commands, examples and exit codes on stdout, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: leadscore \[options\] \[command\]/);
    for (const command of ['check [options] <policy...>', 'compile [options] <policy>', 'score [options] <policy> <leads>']) {
      expect(stdout).toContain(command);
    }
    await expect(stdout).toMatchFileSnapshot('./__golden__/help.txt');
  });

  it('-h and `help` print the same help', async () => {
    const help = (await runCli(['--help'])).stdout;
    expect(await runCli(['-h'])).toEqual({ code: 0, stdout: help, stderr: '' });
    expect(await runCli(['help'])).toEqual({ code: 0, stdout: help, stderr: '' });
  });

  it('prints the help when run without arguments', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe((await runCli(['--help'])).stdout);
  });

  it('has help for each command', async () => {
    const score = await runCli(['score', '--help']);
    expect(score.code).toBe(0);
    expect(score.stdout).toMatch(/^Usage: leadscore score \[options\] <policy> <leads>/);
    expect(score.stdout).toContain('--now <time>');
    expect(score.stdout).toContain('the exit code is 2');
    await expect(score.stdout).toMatchFileSnapshot('./__golden__/help-score.txt');
    expect((await runCli(['help', 'check'])).stdout).toMatch(/^Usage: leadscore check \[options\] <policy\.\.\.>/);
    expect((await runCli(['compile', '-h'])).stdout).toContain('-o, --output <file>');
  });

  it('--version and -v print the version from package.json', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(await runCli(['-v'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  describe('usage errors exit 1 with one clear message on stderr', () => {
    const cases: { argv: string[]; message: string; hint: string }[] = [
      { argv: ['frobnicate'], message: "leadscore: unknown command 'frobnicate'", hint: 'leadscore --help' },
      { argv: ['chek', 'x.score'], message: "leadscore: unknown command 'chek'; did you mean check?", hint: 'leadscore --help' },
      { argv: ['check'], message: "leadscore: missing required argument 'policy'", hint: 'leadscore check --help' },
      { argv: ['compile'], message: "leadscore: missing required argument 'policy'", hint: 'leadscore compile --help' },
      { argv: ['score', 'examples/b2b-saas.score'], message: "leadscore: missing required argument 'leads'", hint: 'leadscore score --help' },
      { argv: ['compile', 'a.score', 'b.score'], message: "leadscore: too many arguments for 'compile'", hint: 'leadscore compile --help' },
      { argv: ['--bogus'], message: "leadscore: unknown option '--bogus'", hint: 'leadscore --help' },
      { argv: ['check', 'x.score', '--formt', 'json'], message: "leadscore: unknown option '--formt'; did you mean --format?", hint: 'leadscore check --help' },
      { argv: ['score', 'p.score', 'l.jsonl', '--now'], message: "leadscore: option '--now <time>' argument missing", hint: 'leadscore score --help' },
      { argv: ['compile', 'p.score', '-o'], message: "leadscore: option '-o, --output <file>' argument missing", hint: 'leadscore compile --help' },
    ];
    for (const { argv, message, hint } of cases) {
      it(`leadscore ${argv.join(' ')}`, async () => {
        const { code, stdout, stderr } = await runCli(argv);
        expect(code).toBe(1);
        expect(stdout).toBe('');
        const [first, second, ...rest] = stderr.trimEnd().split('\n');
        expect(first).toContain(message);
        expect(second).toBe(`(run \`${hint}\` for usage)`);
        expect(rest).toEqual([]);
        expect(stderr).not.toMatch(stackTraceLine);
      });
    }
  });

  it('turns a fault inside a command into one line and exit 70, never a stack trace', async () => {
    let stderr = '';
    const code = await run(['check', 'examples/b2b-saas.score'], {
      stdout: {
        write: () => {
          throw new Error('the disk is on fire');
        },
      },
      stderr: { write: (chunk) => ((stderr += chunk), true) },
      stdin: stdinOf(''),
      cwd: root,
      stdoutIsTty: false,
      stderrIsTty: false,
      clock: () => new Date(),
    });
    expect(code).toBe(70);
    expect(stderr).toBe('leadscore: internal error: the disk is on fire\n');
  });
});
