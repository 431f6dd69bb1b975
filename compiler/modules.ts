import type * as ast from '../language/index.js';
import { diagnostic, parse, type Diagnostic, type Range } from '../language/index.js';
import { semanticDiagnostics as d } from './diagnostics.js';
import { bundledMappings, bundledPrefix } from './mappings/index.js';

/** How the compiler reaches other files: the CLI reads the disk, the playground a map in memory. */
export interface CompileHost {
  /** The text of a file, or undefined when there is none. `path` is as returned by `resolve`. */
  readFile(path: string): string | undefined;
  /** The path of `specifier` as written in the file `from`. */
  resolve(from: string, specifier: string): string;
  /** Why `readFile` gave nothing for `path`, in words (`it is not a regular file`), when the host knows. */
  whyUnreadable?(path: string): string | undefined;
}

export interface LoadedProgram {
  /** The main policy with every imported file's statements in place of its `import`. */
  program: ast.Program;
  /** Every file's text: the main policy under its own name, imported files under their paths. */
  sources: Map<string, string>;
}

/**
 * Parses the main policy and, through the host, every file it imports and
 * every list it reads from a file. Imported statements take the place of their
 * `import`; a file imported twice is read once; cycles and unreadable files
 * are diagnostics at the `import` or `from` that names them.
 */
export function loadProgram(source: string, fileName: string, host: CompileHost | undefined, diagnostics: Diagnostic[]): LoadedProgram {
  const sources = new Map<string, string>([[fileName, source]]);
  const loaded = new Set<string>([fileName]);
  const parsed = parse(source);
  diagnostics.push(...parsed.diagnostics);

  const expand = (program: ast.Program, file: string, chain: string[]): ast.Statement[] => {
    const statements: ast.Statement[] = [];
    for (const statement of program.statements) {
      if (statement.kind === 'ListDeclaration' && statement.from) readList(statement, file);
      if (statement.kind !== 'Import') {
        statements.push(statement);
        continue;
      }
      const bundled = statement.path.value.startsWith(bundledPrefix);
      if (!host && !bundled) {
        diagnostics.push(diagnostic(d.importWithoutFiles, 'this policy is compiled without access to files, so it cannot import', statement.path.range));
        continue;
      }
      // Only policies are imported: a file that is not one would be parsed, and its lines quoted in diagnostics.
      if (!bundled && !statement.path.value.endsWith('.score')) {
        diagnostics.push(
          diagnostic(d.unreadableFile, `cannot import ${JSON.stringify(statement.path.value)}: an import names a policy file, ending in .score`, statement.path.range),
        );
        continue;
      }
      // A bundled mapping needs no files: `leadscore:NAME` is its path everywhere.
      const path = bundled ? statement.path.value : host!.resolve(file, statement.path.value);
      if (chain.includes(path)) {
        const cycle = [...chain.slice(chain.indexOf(path)), path].join(' → ');
        diagnostics.push(diagnostic(d.importCycle, `import cycle: ${cycle}`, statement.path.range));
        continue;
      }
      if (loaded.has(path)) continue;
      const text = bundled ? bundledMappings.get(path.slice(bundledPrefix.length)) : host!.readFile(path);
      if (text === undefined && bundled) {
        const names = [...bundledMappings.keys()].map((name) => `"${bundledPrefix}${name}"`).join(', ');
        diagnostics.push(diagnostic(d.unknownMapping, `leadscore ships no mapping ${JSON.stringify(statement.path.value)}; it ships ${names}`, statement.path.range));
        continue;
      }
      if (text === undefined) {
        diagnostics.push(diagnostic(d.unreadableFile, `cannot read ${JSON.stringify(statement.path.value)} (${path})${because(host!, path)}`, statement.path.range));
        continue;
      }
      loaded.add(path);
      sources.set(path, text);
      const imported = parse(text);
      setFile(imported.program, path);
      for (const problem of imported.diagnostics) diagnostics.push({ ...problem, range: { ...problem.range, file: path } });
      // The importing policy names itself; an imported file's own `policy` line does not count.
      const body = expand(imported.program, path, [...chain, path]).filter((s) => s.kind !== 'PolicyHeader');
      statements.push(...body);
    }
    return statements;
  };

  /** `list NAME from "file"`: one entry per line; `#` starts a comment; blank lines are skipped. */
  const readList = (declaration: ast.ListDeclaration, file: string): void => {
    const from = declaration.from!;
    if (!host) {
      diagnostics.push(diagnostic(d.importWithoutFiles, 'this policy is compiled without access to files, so it cannot read a list from one', from.range));
      return;
    }
    const path = host.resolve(file, from.value);
    const text = host.readFile(path);
    if (text === undefined) {
      diagnostics.push(diagnostic(d.unreadableFile, `cannot read the list file ${JSON.stringify(from.value)} (${path})${because(host, path)}`, from.range));
      return;
    }
    sources.set(path, text);
    declaration.items.items = listEntries(text).map((value) => ({ kind: 'String', value, range: from.range }));
  };

  const program: ast.Program = { ...parsed.program, statements: expand(parsed.program, fileName, [fileName]) };
  return { program, sources };
}

/** `: it is not a regular file`, when the host says why it could not read a file. */
function because(host: CompileHost, path: string): string {
  const reason = host.whyUnreadable?.(path);
  return reason === undefined ? '' : `: ${reason}`;
}

/** The entries of a list file: each line trimmed, `#` comments and blank lines left out. */
export function listEntries(text: string): string[] {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

/** Marks every range in an imported file's syntax tree with the file, for diagnostics and reasons. */
function setFile(program: ast.Program, file: string): void {
  const stack: unknown[] = [program.statements];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      stack.push(...value);
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ('start' in record && 'end' in record && 'line' in (record['start'] as object)) {
        (record as unknown as Range).file = file;
        continue;
      }
      for (const child of Object.values(record)) if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
}
