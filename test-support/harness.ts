// Runs the command line in-process, with strings for stdout and stderr, for the CLI tests; and a child process, for end-to-end tests.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { run } from '../cli/main.js';
import type { CliIo } from '../workspace/index.js';

/** The repository root; commands in the tests run there, so paths read like a user's. */
export const root = join(import.meta.dirname, '..');
/** The fixtures folder, relative to the repository root. */
export const fixtures = 'test-support/fixtures';
export const acceptanceNow = '2026-11-23T12:00:00Z';
/** The field report of the acceptance leads (examples/leads.jsonl) scored with the reference policy. */
export const acceptanceFields =
  'leadscore: fields read: email 6 present; title 5 present, 1 missing; industry 5 present, 1 missing; employees 4 present, 2 missing; revenue 4 present, 2 missing; country 4 present, 2 missing; phone 3 present, 3 missing\n';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Standard input: a string, its chunks (text or bytes), or a stream. Default: empty. */
  stdin?: string | Array<string | Buffer> | Readable;
  /** The clock the command reads when `--now` is not given. Default: one that fails the test. */
  clock?: () => Date;
  /** Pretend stdout and stderr are terminals. */
  tty?: boolean;
  cwd?: string;
}

/** What a child process printed, and its exit code. */
export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in the repository root (the binary, a script, or a shell line), feeding it `stdin` with backpressure. */
export function spawnAndCollect(command: string, args: string[], stdin?: string | Iterable<string>): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    const input = stdin === undefined ? [] : typeof stdin === 'string' ? [stdin] : stdin;
    // The child may exit before reading all of its input (a usage error, say): that is not a test failure.
    pipeline(Readable.from(input), child.stdin).catch(() => undefined);
  });
}

export function stdinOf(input: string | Array<string | Buffer> | Readable | undefined): Readable {
  if (input instanceof Readable) return input;
  if (input === undefined) return Readable.from([]);
  return Readable.from(typeof input === 'string' ? [input] : input);
}

/** What a command wrote: text, or bytes of UTF-8 text (each write holds whole characters). */
export const textOf = (chunk: string | Uint8Array): string => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));

/** An io for calling a command's function directly, keeping what it writes; `overrides` replace its parts. */
export function capturedIo(overrides: Partial<CliIo> = {}): { io: CliIo; output: () => { stdout: string; stderr: string } } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk) => ((stdout += textOf(chunk)), true) },
    stderr: { write: (chunk) => ((stderr += textOf(chunk)), true) },
    stdin: stdinOf(undefined),
    cwd: root,
    stdoutIsTty: false,
    stderrIsTty: false,
    clock: () => new Date(acceptanceNow),
    ...overrides,
  };
  return { io, output: () => ({ stdout, stderr }) };
}

export async function runCli(argv: string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk) => ((stdout += textOf(chunk)), true) },
    stderr: { write: (chunk) => ((stderr += textOf(chunk)), true) },
    stdin: stdinOf(options.stdin),
    cwd: options.cwd ?? root,
    stdoutIsTty: options.tty ?? false,
    stderrIsTty: options.tty ?? false,
    clock:
      options.clock ??
      (() => {
        throw new Error('the clock was read although the test passed --now');
      }),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

export function readRepoFile(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

/** Non-blank lines, each parsed as JSON. */
export function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** Results without the `policy` every result carries (its hash changes with every edit of the policy file). */
export function withoutPolicy(values: unknown[]): unknown[] {
  return values.map((value) => {
    if (typeof value !== 'object' || value === null || !('policy' in value)) return value;
    const { policy: _policy, ...rest } = value as Record<string, unknown>;
    return rest;
  });
}

/** A line of a stack trace, as Node prints them. */
export const stackTraceLine = /^\s{4}at /m;
