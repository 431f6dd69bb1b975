/**
 * Builds the VS Code extension into a .vsix, offline: the grammar from the lexer's tokens, the
 * extension and vscode-languageclient bundled into one file by esbuild, then `vsce package`
 * with no dependencies to collect (the bundle holds them). `npm run build:vscode`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeGrammar } from './write-grammar.js';

const extensionFolder = fileURLToPath(new URL('..', import.meta.url));

/** Writes the .vsix and returns its path: `editors/vscode/leadscore-vscode-VERSION.vsix` unless `out` says where. */
export async function buildExtension(out?: string): Promise<string> {
  writeGrammar();
  await build({
    entryPoints: [fileURLToPath(new URL('../src/extension.ts', import.meta.url))],
    outfile: fileURLToPath(new URL('../dist/extension.cjs', import.meta.url)),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // VS Code provides the `vscode` module to its extensions.
    external: ['vscode'],
    logLevel: 'warning',
  });
  const { name, version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  const vsix = out ?? fileURLToPath(new URL(`../${name}-${version}.vsix`, import.meta.url));
  const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
  // No repository or licence file of its own: the extension is part of the leadscore repository (MIT).
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], {
    cwd: extensionFolder,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return vsix;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const vsix = await buildExtension(process.argv[2]);
  process.stdout.write(`${vsix}\n`);
}
