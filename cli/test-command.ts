import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { diagnostic, hasErrors, type Diagnostic } from '../language/diagnostics.js';
import type { Range } from '../language/source.js';
import type { TestCase, TestFile } from '../language/test-syntax/index.js';
import type { Explanation, Policy } from '../runtime/index.js';
import { loadPolicy } from '../runtime/index.js';
import { renderDiagnostics } from '../compiler/render.js';
import {
  coverage,
  formatCoverage,
  formatJunit,
  formatSummary,
  formatText,
  runTestFile,
  testCheckDiagnostics,
  totals,
  type FileReport,
  type PolicyCoverage,
} from '../policy-tests/index.js';
import { filesUnder, isTestFile, testFileSuffix } from '../workspace/index.js';
import { CliError, fileProblem, write, type CliIo } from '../workspace/index.js';
import { compileFile, loadPolicyFile, readText } from '../workspace/index.js';
import { Option, type Command } from 'commander';
import { defineCommand, type CommandContext } from './command.js';

export interface TestOptions {
  reporter: 'text' | 'junit';
  output?: string;
  coverage?: boolean;
}

/**
 * `leadscore test [DIR|FILES…]`: runs every `*.test.score` file (found recursively in
 * directories, skipping node_modules) against its policy. Exit 1 when a test fails or a
 * test file cannot run.
 */
export async function testCommand(paths: string[], options: TestOptions, io: CliIo): Promise<number> {
  if (options.output !== undefined && options.reporter !== 'junit') throw new CliError('--output writes the JUnit XML: use it with --reporter junit');
  const files = await findTestFiles(paths.length === 0 ? ['.'] : paths, io);
  const { parseTestFile } = await import('../language/test-syntax/index.js');
  const policies = new PolicyCache(io);
  const reports: FileReport[] = [];
  // Per policy: the explanations of every test run against it, for coverage.
  const runs = new Map<string, { policy: LoadedPolicy; explanations: Explanation[] }>();

  for (const path of files) {
    const source = await readText(path, 'test file', io);
    const parsed = parseTestFile(source);
    if (hasErrors(parsed.diagnostics)) {
      reports.push({ path, results: [], broken: render(parsed.diagnostics, source, path, io) });
      continue;
    }
    // Warnings (a bare `expect rule at line N`) do not stop the tests; they go to standard error, beside the report.
    if (parsed.diagnostics.length > 0) await write(io.stderr, render(parsed.diagnostics, source, path, io));
    // Each test's policy, loaded once per file name; problems become diagnostics at the `policy` line.
    const problems: Diagnostic[] = [];
    const policyDiagnostics: string[] = [];
    const chosen = new Map<TestCase, LoadedPolicy>();
    for (const test of parsed.file.tests) {
      const { path: policyPath, range } = policyOf(test, parsed.file, path, io.cwd);
      const loaded = await policies.load(policyPath);
      if ('problem' in loaded) {
        problems.push(diagnostic(testCheckDiagnostics.policyUnavailable, loaded.problem, range));
        if (loaded.rendered && !policyDiagnostics.includes(loaded.rendered)) policyDiagnostics.push(loaded.rendered);
      } else chosen.set(test, loaded);
    }
    if (problems.length > 0) {
      reports.push({ path, results: [], broken: [render(problems, source, path, io), ...policyDiagnostics].join('\n') });
      continue;
    }
    const outcome = runTestFile(parsed.file, source, (test) => chosen.get(test)!.policy);
    if (outcome.diagnostics.length > 0) {
      reports.push({ path, results: [], broken: render(outcome.diagnostics, source, path, io) });
      continue;
    }
    reports.push({ path, results: outcome.results });
    for (const result of outcome.results) {
      const loaded = chosen.get(result.test)!;
      const entry = runs.get(loaded.path) ?? { policy: loaded, explanations: [] };
      entry.explanations.push(result.explanation);
      runs.set(loaded.path, entry);
    }
  }

  const summary = formatSummary(totals(reports));
  const coverageText = options.coverage
    ? formatCoverage(
        [...runs.values()].map(({ policy, explanations }): PolicyCoverage => {
          const lines = policy.source?.split(/\r\n|\r|\n/);
          return {
            policy: policy.path,
            tests: explanations.length,
            coverage: coverage(policy.policy.ir, explanations, lines ? (line) => lines[line - 1] ?? '' : undefined),
          };
        }),
      )
    : '';
  const text = formatText(reports) + summary + (coverageText ? `\n${coverageText}` : '');
  if (options.reporter === 'junit') {
    const xml = formatJunit(reports);
    if (options.output === undefined) {
      // The XML owns standard output; the person reading the log gets the summary on standard error.
      await write(io.stdout, xml);
      await write(io.stderr, summary + (coverageText ? `\n${coverageText}` : ''));
    } else {
      await writeFile(options.output, xml, io);
      await write(io.stdout, text);
    }
  } else {
    await write(io.stdout, text);
  }
  const { failed, broken } = totals(reports);
  return failed > 0 || broken > 0 ? 1 : 0;
}

async function writeFile(path: string, text: string, io: CliIo): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  try {
    await writeFile(resolve(io.cwd, path), text);
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${fileProblem(error, true)}`);
  }
}

function render(diagnostics: Diagnostic[], source: string, path: string, _io: CliIo): string {
  return renderDiagnostics(diagnostics, source, { fileName: path });
}

/** The policy a test runs against: its own `policy`, the file's, or the `.score` file with the test file's name. */
function policyOf(test: TestCase, file: TestFile, testPath: string, cwd: string): { path: string; range: Range } {
  const reference = test.policy ?? file.policy;
  const dir = dirname(testPath);
  if (reference) return { path: displayPath(relative(cwd, resolve(cwd, dir, reference.path))), range: reference.range };
  const name = basename(testPath);
  const base = name.endsWith(testFileSuffix) ? name.slice(0, -testFileSuffix.length) : name.replace(/\.score$/, '');
  return { path: displayPath(join(dir, `${base}.score`)), range: test.range };
}

function displayPath(path: string): string {
  return path.split(sep).join('/');
}

interface LoadedPolicy {
  path: string;
  policy: Policy;
  /** The policy's text, to show decision rows as written; absent for a compiled `.json`. */
  source?: string;
}

type Loaded = LoadedPolicy | { problem: string; rendered?: string };

/** Compiles each policy once, however many tests use it. */
class PolicyCache {
  private readonly loaded = new Map<string, Promise<Loaded>>();
  constructor(private readonly io: CliIo) {}

  load(path: string): Promise<Loaded> {
    let entry = this.loaded.get(path);
    if (!entry) this.loaded.set(path, (entry = this.compile(path)));
    return entry;
  }

  private async compile(path: string): Promise<Loaded> {
    try {
      if (path.endsWith('.json')) return { path, policy: await loadPolicyFile(path, this.io) };
      const { source, result } = await compileFile(path, this.io);
      if (!result.ir) {
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        return {
          problem: `the policy ${path} has errors`,
          rendered: renderDiagnostics(errors, result.sources, { fileName: path }),
        };
      }
      return { path, policy: loadPolicy(result.ir), source };
    } catch (error) {
      if (error instanceof CliError) return { problem: error.message };
      throw error;
    }
  }
}

/** The test files named, and those found in the directories named; paths relative to the working directory. */
async function findTestFiles(paths: string[], io: CliIo): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const absolute = resolve(io.cwd, path);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      throw new CliError(`cannot read ${path}: ${fileProblem(error)}`);
    }
    if (!info.isDirectory()) {
      found.push(displayPath(relative(io.cwd, absolute)));
      continue;
    }
    const inDirectory = await filesUnder(absolute, io.cwd, isTestFile, io.filesRoot);
    if (inDirectory.length === 0) throw new CliError(`no test files (*${testFileSuffix}) in ${path}`);
    found.push(...inDirectory.map((file) => displayPath(relative(io.cwd, file))));
  }
  return [...new Set(found)];
}

/** `leadscore test`: its arguments, options and help. */
export function registerTestCommand(cli: Command, { io, setExitCode }: CommandContext): void {
  defineCommand(cli, 'test')
    .description('run the tests written next to policies (*.test.score files); exit 1 when any fails')
    .argument('[paths...]', 'test files, or directories to search for *.test.score (default: the current directory)')
    .addOption(new Option('--reporter <reporter>', 'text, or junit (JUnit XML for CI)').choices(['text', 'junit']).default('text'))
    .option('-o, --output <file>', 'with --reporter junit: write the XML to a file instead of standard output')
    .option('--coverage', 'report the rules and decision rows no test exercises')
    .action(async (paths: string[], options: { reporter: 'text' | 'junit'; output?: string; coverage?: boolean }) => setExitCode(await testCommand(paths, options, io)));
}
