import type { Diagnostic } from '../language/diagnostics.js';
import type { Bounds, ScoreRanges } from '../compiler/index.js';
import { renderDiagnostics, summarizeDiagnostics } from '../compiler/render.js';
import { printable, printableJson } from '../runtime/printable.js';
import { policyFiles } from '../workspace/index.js';
import { compileFile } from '../workspace/index.js';
import { write, type CliIo } from '../workspace/index.js';
import { Option, type Command } from 'commander';
import { defineCommand, type CommandContext } from './command.js';

export interface CheckOptions {
  format: 'text' | 'json';
  /** Also print each section's and the score's lowest and highest possible value. */
  ranges?: boolean;
  /** Warnings count as errors: they are reported as errors, and any of them means exit 1. */
  strict?: boolean;
}

/**
 * `leadscore check POLICY…`: every diagnostic, rendered or as JSON, for each
 * policy in turn; exit 1 when any policy has errors (or, with `--strict`, warnings).
 * JSON is one report object for one policy, an array of them for several.
 */
export async function checkCommand(paths: string | readonly string[], options: CheckOptions, io: CliIo): Promise<number> {
  const files = await policyFiles(typeof paths === 'string' ? [paths] : paths, io);
  const reports: unknown[] = [];
  let failed = false;
  // Loaded on first use, as compileFile loads the compiler: other commands start without it.
  const { scoreRanges } = await import('../compiler/index.js');
  for (const path of files) {
    const { result } = await compileFile(path, io);
    const diagnostics = options.strict ? result.diagnostics.map(asError) : result.diagnostics;
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) failed = true;
    const ranges = options.ranges && result.ir ? scoreRanges(result.ir) : undefined;
    if (options.format === 'json') {
      reports.push(jsonReport(path, diagnostics, errors, ranges));
      continue;
    }
    if (diagnostics.length > 0) {
      await write(io.stdout, renderDiagnostics(diagnostics, result.sources, { fileName: path, color: io.stdoutIsTty }));
    } else {
      await write(io.stdout, `${printable(path)}: ${summarizeDiagnostics(diagnostics)}\n`);
    }
    if (options.ranges) await write(io.stdout, ranges ? rangesTable(ranges) : `${printable(path)}: no ranges: the policy has errors\n`);
  }
  if (options.format === 'json') await write(io.stdout, printableJson(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)) + '\n');
  return failed ? 1 : 0;
}

/** `--strict`: a warning is reported, and counted, as an error. */
function asError(diagnostic: Diagnostic): Diagnostic {
  return diagnostic.severity === 'error' ? diagnostic : { ...diagnostic, severity: 'error' };
}

function jsonReport(path: string, all: readonly Diagnostic[], errors: number, ranges: ScoreRanges | undefined): unknown {
  // Every diagnostic has the same keys (`suggestions` is [] when there are none), so scripts need no guards.
  const diagnostics = all.map(({ code, severity, message, range, suggestions, help }) => ({
    code,
    severity,
    message,
    range,
    suggestions: suggestions ?? [],
    ...(help === undefined ? {} : { help }),
  }));
  return {
    file: path,
    errors,
    warnings: all.length - errors,
    diagnostics,
    ...(ranges && {
      ranges: {
        sections: Object.fromEntries(ranges.sections.map((section) => [section.name, jsonBounds(section)])),
        score: jsonBounds(ranges.score),
      },
    }),
  };
}

/** Numbers, or `"∞"` and `"-∞"` where a total is unbounded (JSON has no infinity). */
function jsonBounds({ min, max }: Bounds): { min: number | string; max: number | string } {
  return { min: Number.isFinite(min) ? min : '-∞', max: Number.isFinite(max) ? max : '∞' };
}

function formatBound(value: number): string {
  return value === Infinity ? '∞' : value === -Infinity ? '-∞' : String(value);
}

/**
 *   total       min  max
 *   fit         -15   50
 *   engagement  -10  125
 *   score       -55  175
 */
function rangesTable(ranges: ScoreRanges): string {
  const rows = [
    ['total', 'min', 'max'],
    ...ranges.sections.map((s) => [s.name, formatBound(s.min), formatBound(s.max)]),
    ['score', formatBound(ranges.score.min), formatBound(ranges.score.max)],
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map(([name, min, max]) => `${name!.padEnd(widths[0]!)}  ${min!.padStart(widths[1]!)}  ${max!.padStart(widths[2]!)}`.trimEnd()).join('\n') + '\n';
}

/** `leadscore check`: its arguments, options and help. */
export function registerCheckCommand(cli: Command, { io, setExitCode }: CommandContext): void {
  defineCommand(cli, 'check')
    .description('report every problem in a policy; exit 1 when there are errors')
    .argument('<policy...>', 'one or more .score files')
    .addOption(new Option('--format <format>', 'text (rendered, with carets) or json').choices(['text', 'json']).default('text'))
    .option('--ranges', "print each section's and the score's lowest and highest possible value")
    .option('--strict', 'treat warnings as errors: report them as errors and exit 1')
    .action(async (policies: string[], options: { format: 'text' | 'json'; ranges?: boolean; strict?: boolean }) => setExitCode(await checkCommand(policies, options, io)));
}
