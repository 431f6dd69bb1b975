import { execFile, execFileSync } from 'node:child_process';
import { printableJson } from '../runtime/printable.js';
import { stat } from 'node:fs/promises';
import { posix, resolve } from 'node:path';
import { IrError, loadPolicy, type Policy } from '../runtime/index.js';
import { impactOf, renderImpactMarkdown, renderImpactText } from '../impact/index.js';
import type { CompileHost } from '../compiler/index.js';
import { csvLeads, isCsvPath, jsonlStreamLeads, leadShape, openLeads, type LeadInput } from '../leads/node.js';
import { CliError, write, type CliIo } from '../workspace/index.js';
import { loadPolicyFile, reportDiagnostics } from '../workspace/index.js';
import { parseNow } from './score.js';
import { Option, type Command } from 'commander';
import { defineCommand, type CommandContext } from './command.js';

export interface DiffOptions {
  leads: string;
  /** An events CSV to go with a profile CSV in `leads`. */
  events?: string;
  now?: string;
  format: 'text' | 'markdown' | 'json';
  top?: string;
}

/** `REV:path`, e.g. `HEAD~1:examples/b2b-saas.score`; the path is relative to the repository's root. */
const revisionSpec = /^([^:]+):(.+)$/;

/** The text of `path` at a Git revision, read with `git show REV:path` in the working directory. */
export function gitShow(spec: string, cwd: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    // `--end-of-options`: a revision is never read as an option of git's, whatever it starts with.
    execFile('git', ['show', '--end-of-options', spec], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(stdout.replace(/^\ufeff/, ''));
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new CliError(`cannot read ${spec}: git is not installed (or not on the PATH)`));
      const reason = stderr
        .split('\n')
        .map((line) => line.replace(/^fatal:\s*/, '').trim())
        .filter((line) => line !== '')
        .join('; ');
      const notRepo = /not a git repository/i.test(reason);
      reject(new CliError(notRepo ? `cannot read ${spec}: ${cwd} is not in a git repository` : `cannot read ${spec} from git: ${reason || error.message}`));
    });
  });
}

async function isFile(path: string, io: CliIo): Promise<boolean> {
  return stat(resolve(io.cwd, path)).then(
    (info) => info.isFile(),
    () => false,
  );
}

/**
 * Files a policy read from Git imports, read from the same revision: `REV:dir/policy.score`
 * importing "lists/a.txt" reads `REV:dir/lists/a.txt`. Paths are named in that `REV:path` form,
 * as one would pass them to `git show`.
 */
export function gitHost(revision: string, cwd: string): CompileHost {
  return {
    resolve: (from, specifier) => {
      const path = from.startsWith(`${revision}:`) ? from.slice(revision.length + 1) : from;
      const joined = posix.normalize(posix.join(posix.dirname(path), specifier));
      // `REV:./path` is relative to the working directory in git; keep that meaning for its imports.
      const relativeToCwd = /^\.\.?\//.test(path) && !joined.startsWith('../');
      return `${revision}:${relativeToCwd ? `./${joined}` : joined}`;
    },
    readFile: (spec) => {
      try {
        return execFileSync('git', ['show', '--end-of-options', spec], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }).replace(
          /^\ufeff/,
          '',
        );
      } catch {
        return undefined;
      }
    },
  };
}

/** A policy from a file, or from Git when written `REV:path` and no such file exists. */
export async function loadPolicyVersion(spec: string, io: CliIo): Promise<Policy> {
  const match = revisionSpec.exec(spec);
  if (!match || (await isFile(spec, io))) return loadPolicyFile(spec, io);
  if (match[1]!.startsWith('-')) throw new CliError(`${spec}: a Git revision cannot start with "-"`);
  const source = await gitShow(spec, io.cwd);
  if (match[2]!.endsWith('.json')) {
    try {
      return loadPolicy(JSON.parse(source));
    } catch (error) {
      if (error instanceof IrError || error instanceof SyntaxError) throw new CliError(`${spec}: ${error.message}`);
      throw error;
    }
  }
  const { compile } = await import('../compiler/index.js');
  const result = compile(source, { fileName: spec, host: gitHost(match[1]!, io.cwd) });
  if (reportDiagnostics(result.diagnostics, result.sources, spec, io) || !result.ir) throw new CliError(`${spec} has errors; nothing was compared`);
  return loadPolicy(result.ir);
}

export async function readLeadInputs(path: string, io: CliIo): Promise<LeadInput[]> {
  const leads: LeadInput[] = [];
  for await (const lead of jsonlStreamLeads(await openLeads(path, io), path)) leads.push(lead);
  return leads;
}

function parseTop(top: string | undefined): number {
  if (top === undefined) return 10;
  if (!/^\d+$/.test(top)) throw new CliError(`--top must be a whole number of leads, got ${JSON.stringify(top)}`);
  return Number(top);
}

/** `leadscore diff OLD NEW --leads LEADS`: what changing the policy does to these leads. */
export async function diffCommand(oldSpec: string, newSpec: string, options: DiffOptions, io: CliIo): Promise<number> {
  const now = parseNow(options.now, io);
  const top = parseTop(options.top);
  const oldPolicy = await loadPolicyVersion(oldSpec, io);
  const newPolicy = await loadPolicyVersion(newSpec, io);
  const csv = isCsvPath(options.leads);
  if (options.events !== undefined && !csv) throw new CliError(`--events goes with leads in a profile CSV (a --leads path ending in .csv), got ${options.leads}`);
  let leads: LeadInput[];
  let unmatched: string[] = [];
  if (csv) {
    // Fields are typed as the new policy reads them (then the old one, for fields it alone reads).
    const source = await csvLeads(options.leads, options.events, leadShape(newPolicy, oldPolicy), io);
    leads = [];
    for await (const lead of source.leads) leads.push(lead);
    unmatched = source.unmatchedEvents();
  } else leads = await readLeadInputs(options.leads, io);
  const report = impactOf(oldPolicy, newPolicy, leads, { now, top });
  const heading = { old: oldSpec, new: newSpec, leads: options.leads === '-' ? 'standard input' : options.leads, now };
  const text =
    options.format === 'json'
      ? printableJson(JSON.stringify({ old: oldSpec, new: newSpec, input: heading.leads, now: now.toISOString(), ...report }, null, 2)) + '\n'
      : options.format === 'markdown'
        ? renderImpactMarkdown(report, heading)
        : renderImpactText(report, heading);
  await write(io.stdout, text);
  if (report.failed.length > 0)
    io.stderr.write(`leadscore: ${report.failed.length} of ${report.leads} leads could not be scored under one policy or both; they are listed in the report\n`);
  for (const message of unmatched) io.stderr.write(`leadscore: ${message}\n`);
  return report.failed.length > 0 || unmatched.length > 0 ? 2 : 0;
}

/** `leadscore diff`: its arguments, options and help. */
export function registerDiffCommand(cli: Command, { io, setExitCode }: CommandContext): void {
  defineCommand(cli, 'diff')
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
}
