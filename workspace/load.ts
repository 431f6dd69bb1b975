import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../language/diagnostics.js';
import { IrError, loadPolicy, type Policy } from '../runtime/index.js';
import { dateFormatOf, dateFormats, numberFormatOf, numberFormats, type DateFormat, type NumberFormat } from '../runtime/rule-graph.js';
import type { CompileResult } from '../compiler/index.js';
import type { CompileHost } from '../compiler/index.js';
import { renderDiagnostics } from '../compiler/render.js';
import { filesRoot, readPolicyFile } from './file-access.js';
import { CliError, fileProblem, type CliIo } from './io.js';

export async function readText(path: string, what: string, io: CliIo): Promise<string> {
  try {
    // A byte-order mark (as some Windows editors write) is not part of the text.
    return (await readFile(resolve(io.cwd, path), 'utf8')).replace(/^\ufeff/, '');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${fileProblem(error)}`);
  }
}

export interface CompiledPolicy {
  source: string;
  result: CompileResult;
}

/**
 * Imported policies and list files, read from disk; paths are shown relative to the working
 * directory. Only regular files inside `root` (see filesRoot) are read.
 */
export function fileHost(io: CliIo, root: string): CompileHost {
  const problems = new Map<string, string>();
  return {
    resolve: (from, specifier) => relative(io.cwd, resolve(io.cwd, dirname(from), specifier)),
    readFile: (path) => {
      const read = readPolicyFile(resolve(io.cwd, path), root);
      if ('text' in read) return read.text;
      problems.set(path, read.problem);
      return undefined;
    },
    whyUnreadable: (path) => problems.get(path),
  };
}

export async function compileFile(path: string, io: CliIo): Promise<CompiledPolicy> {
  const source = await readText(path, 'policy', io);
  // Loaded on first use: the parser is the slowest part of start-up, and scoring a compiled .json never needs it.
  const { compile } = await import('../compiler/index.js');
  return { source, result: compile(source, { fileName: path, host: fileHost(io, filesRoot(resolve(io.cwd, path), io.filesRoot && resolve(io.cwd, io.filesRoot))) }) };
}

/** Prints diagnostics to stderr; true when there were errors. `sources` as `compile` returns them, or one file's text. */
export function reportDiagnostics(diagnostics: Diagnostic[], sources: string | ReadonlyMap<string, string>, fileName: string, io: CliIo): boolean {
  if (diagnostics.length > 0) io.stderr.write(renderDiagnostics(diagnostics, sources, { fileName, color: io.stderrIsTty }));
  return hasErrors(diagnostics);
}

/** What the command line may change in how a policy reads leads. */
export interface PolicyFileOptions {
  /** `--date-format`: overrides the policy's `dates "…"` statement. */
  dateFormat?: DateFormat;
  /** `--number-format`: overrides the policy's `numbers "…"` statement. */
  numberFormat?: NumberFormat;
}

/** `--date-format`'s value as a format, or a CliError naming the formats there are. */
export function dateFormatOption(value: string | undefined): DateFormat | undefined {
  if (value === undefined) return undefined;
  const format = dateFormatOf(value);
  if (!format) throw new CliError(`--date-format must be one of ${dateFormats.join(', ')}, got ${JSON.stringify(value)}`);
  return format;
}

/** `--number-format`'s value as a format, or a CliError naming the formats there are. */
export function numberFormatOption(value: string | undefined): NumberFormat | undefined {
  if (value === undefined) return undefined;
  const format = numberFormatOf(value);
  if (!format) throw new CliError(`--number-format must be one of ${numberFormats.join(', ')}, got ${JSON.stringify(value)}`);
  return format;
}

/** A policy from a `.score` file (compiled) or a rule graph in `.json`; errors become a CliError. */
export async function loadPolicyFile(path: string, io: CliIo, options: PolicyFileOptions = {}): Promise<Policy> {
  // The rule graph carries the date and number formats, so JSON leads, CSV files and events all read them one way.
  const stated = { ...(options.dateFormat && { dateFormat: options.dateFormat }), ...(options.numberFormat && { numberFormat: options.numberFormat }) };
  const withOptions = (ir: unknown) => (Object.keys(stated).length > 0 && typeof ir === 'object' && ir !== null ? { ...ir, ...stated } : ir);
  if (path.endsWith('.json')) {
    const text = await readText(path, 'rule graph', io);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`);
    }
    try {
      return loadPolicy(withOptions(value));
    } catch (error) {
      if (error instanceof IrError) throw new CliError(`${path}: ${error.message}`);
      throw error;
    }
  }
  const { result } = await compileFile(path, io);
  if (reportDiagnostics(result.diagnostics, result.sources, path, io) || !result.ir) {
    throw new CliError(`${path} has errors; nothing was scored`);
  }
  return loadPolicy(withOptions(result.ir));
}
