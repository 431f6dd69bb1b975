// The layering of the repository, held mechanically: which top-level folder may import which,
// and only through a folder's public entry points. A newcomer reads the same story in the README.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/**
 * What each folder's own code (not its tests) may import from other folders. The pipeline runs
 * left to right — language → compiler → rule graph → runtime — and the tools sit on top.
 */
const allowed: Record<string, readonly string[]> = {
  language: [],
  runtime: [],
  compiler: ['language', 'runtime'],
  leads: ['runtime', 'workspace'],
  workspace: ['language', 'compiler', 'runtime'],
  impact: ['runtime', 'leads'],
  evidence: ['language', 'runtime', 'leads'],
  'policy-tests': ['language', 'compiler', 'runtime'],
  'language-service': ['language', 'compiler', 'runtime'],
  lsp: ['language', 'compiler', 'runtime', 'language-service', 'workspace'],
  server: ['language', 'compiler', 'runtime', 'leads', 'workspace'],
  sql: ['runtime'],
  cli: ['language', 'compiler', 'runtime', 'leads', 'workspace', 'impact', 'evidence', 'policy-tests', 'server', 'lsp', 'sql'],
  playground: ['language', 'compiler', 'runtime', 'leads', 'language-service', 'impact', 'evidence'],
  editors: ['language'],
  spec: ['language', 'compiler', 'runtime', 'policy-tests'],
  scripts: ['runtime', 'spec', 'hostile'],
  hostile: ['language', 'compiler', 'runtime', 'language-service', 'leads', 'spec', 'test-support'],
  bench: ['language', 'compiler', 'runtime', 'leads', 'workspace', 'cli', 'server', 'scripts'],
  examples: [],
  'test-support': ['cli', 'workspace'],
};

/**
 * The files of a folder that other folders may import: its index.ts, and a few entry points
 * named for a reason (a subpath of a published package, or a light module that does not load
 * the parser, so commands that never parse start fast).
 */
const entryPoints: Record<string, readonly string[]> = {
  language: ['index.ts', 'test-syntax/index.ts', 'diagnostics.ts', 'source.ts'],
  compiler: ['index.ts', 'render.ts', 'version.ts'],
  // printable.ts: a leaf, for the diagnostic renderer, which must load nothing else.
  runtime: ['index.ts', 'rule-graph.ts', 'support.ts', 'printable.ts'],
  leads: ['index.ts', 'node.ts'],
  cli: ['main.ts'],
  sql: ['index.ts', 'duckdb.ts', 'duckdb-parquet.ts'],
  'test-support': ['harness.ts', 'cursor.ts', 'lsp-client.ts'],
  spec: ['random-policy.ts', 'surface-fuzz.ts', 'conformance/runner.ts'],
  scripts: ['generate-leads.ts', 'generate-history.ts', 'ir-validator-source.ts', 'countries-source.ts'],
  hostile: ['targets.ts'],
};

const isTest = (file: string) => /\.test\.ts$/.test(file) || file.startsWith('test-support/') || file.includes('/e2e/');

interface Edge {
  from: string;
  to: string;
}

function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.mts', '*.mjs'], { cwd: root, encoding: 'utf8' });
  return listed.split('\n').filter((file) => file !== '' && !file.endsWith('.d.ts') && !file.includes('node_modules/'));
}

function relativeImports(file: string): Edge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({
      from: file,
      to: normalize(join(dirname(file), specifier.replace(/\?.*$/, '')))
        .replace(/\\/g, '/')
        .replace(/\.js$/, '.ts'),
    }));
}

const folderOf = (path: string) => path.split('/')[0]!;
const edges = sourceFiles().flatMap(relativeImports);

/** Imports from a folder's code to a folder it may not use. */
function forbiddenEdges(candidates: readonly Edge[]): string[] {
  return candidates
    .filter((edge) => !isTest(edge.from) && /\.ts$/.test(edge.to) && folderOf(edge.from) !== folderOf(edge.to))
    .filter((edge) => !(allowed[folderOf(edge.from)] ?? []).includes(folderOf(edge.to)))
    .map((edge) => `${edge.from} imports ${edge.to}`);
}

/** Imports into another folder's internals rather than its entry points. */
function internalEdges(candidates: readonly Edge[]): string[] {
  return candidates
    .filter((edge) => /\.ts$/.test(edge.to) && folderOf(edge.from) !== folderOf(edge.to))
    .filter((edge) => {
      const folder = folderOf(edge.to);
      const inside = relative(folder, edge.to).replace(/\\/g, '/');
      return !(entryPoints[folder] ?? ['index.ts']).includes(inside);
    })
    .map((edge) => `${edge.from} imports ${edge.to}`);
}

describe('the layering of the repository', () => {
  it('knows every top-level folder that holds code', () => {
    const folders = new Set(
      sourceFiles()
        .filter((file) => file.includes('/'))
        .map(folderOf),
    );
    expect([...folders].filter((folder) => !(folder in allowed))).toEqual([]);
  });

  it("lets each folder's code import only the folders below it", () => {
    expect(forbiddenEdges(edges)).toEqual([]);
  });

  it('reaches into another folder only through its entry points (tests too), never its internals', () => {
    expect(internalEdges(edges)).toEqual([]);
  });

  it('keeps the runtime free of the compiler, the language and every package: it is what services and browsers embed', () => {
    const runtimeFiles = sourceFiles().filter((file) => file.startsWith('runtime/') && !isTest(file));
    const packageImports = runtimeFiles.flatMap((file) =>
      ts
        .preProcessFile(readFileSync(join(root, file), 'utf8'), true, true)
        .importedFiles.map((imported) => imported.fileName)
        .filter((specifier) => !specifier.startsWith('.'))
        .map((specifier) => `${file} imports ${specifier}`),
    );
    expect(packageImports).toEqual([]);
  });

  it('reports a planted wrong edge and a planted reach into internals', () => {
    expect(forbiddenEdges([{ from: 'runtime/interpreter.ts', to: 'compiler/index.ts' }])).toEqual(['runtime/interpreter.ts imports compiler/index.ts']);
    expect(forbiddenEdges([{ from: 'runtime/interpreter.test.ts', to: 'compiler/index.ts' }])).toEqual([]);
    expect(internalEdges([{ from: 'cli/check.ts', to: 'compiler/checker.ts' }])).toEqual(['cli/check.ts imports compiler/checker.ts']);
    expect(internalEdges([{ from: 'cli/check.ts', to: 'compiler/index.ts' }])).toEqual([]);
  });
});
