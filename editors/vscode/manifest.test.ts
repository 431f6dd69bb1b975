import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { scopeName } from './scripts/grammar.js';
import { serverCommand } from './src/server-command.js';

const folder = new URL('./', import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, folder), 'utf8')) as Record<string, unknown>;

interface Manifest {
  main: string;
  engines: { vscode: string };
  contributes: {
    languages: Array<{ id: string; extensions: string[]; configuration: string }>;
    grammars: Array<{ language: string; scopeName: string; path: string }>;
    configuration: { properties: Record<string, { type: string; default: unknown }> };
  };
}

describe('the VS Code extension manifest', () => {
  const manifest = read('package.json') as unknown as Manifest;

  test('contributes the leadscore language for *.score files, with its grammar and configuration', () => {
    expect(manifest.contributes.languages).toEqual([expect.objectContaining({ id: 'leadscore', extensions: ['.score'], configuration: './language-configuration.json' })]);
    const [grammar] = manifest.contributes.grammars;
    expect(grammar).toEqual({ language: 'leadscore', scopeName, path: './syntaxes/leadscore.tmLanguage.json' });
    expect(existsSync(new URL(grammar!.path, folder))).toBe(true);
    expect(manifest.contributes.configuration.properties['leadscore.server.path']).toMatchObject({ type: 'string', default: '' });
    // vscode-languageclient 11 needs VS Code 1.91 or newer.
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.main).toBe('./dist/extension.cjs');
  });

  test('the language configuration: `#` comments, brackets, an indent after a section header', () => {
    const configuration = read('language-configuration.json') as { comments: { lineComment: string }; brackets: string[][]; indentationRules: { increaseIndentPattern: string } };
    expect(configuration.comments.lineComment).toBe('#');
    expect(configuration.brackets).toEqual([
      ['[', ']'],
      ['(', ')'],
    ]);
    const indents = new RegExp(configuration.indentationRules.increaseIndentPattern);
    expect(['fit:', 'engagement:  # the events', 'product-usage:'].every((line) => indents.test(line))).toBe(true);
    expect(['field plan: text', '  when title = "x" add 5', 'list a = ["x:"]'].some((line) => indents.test(line))).toBe(false);
  });
});

describe('which leadscore the extension starts', () => {
  const exists = (paths: string[]) => (path: string) => paths.includes(path);

  test("the setting first, then the workspace's node_modules/.bin, then the PATH", () => {
    expect(serverCommand('/opt/leadscore/bin/leadscore', ['/repo'], exists(['/repo/node_modules/.bin/leadscore']), 'linux')).toEqual({
      command: '/opt/leadscore/bin/leadscore',
      args: ['lsp'],
      shell: false,
    });
    expect(serverCommand('', ['/a', '/repo'], exists(['/repo/node_modules/.bin/leadscore']), 'linux')).toEqual({
      command: '/repo/node_modules/.bin/leadscore',
      args: ['lsp'],
      shell: false,
    });
    expect(serverCommand('', ['/repo'], exists([]), 'linux')).toEqual({ command: 'leadscore', args: ['lsp'], shell: false });
  });

  test('a relative setting is taken from the first workspace folder; a bare name from the PATH', () => {
    expect(serverCommand('tools/leadscore', ['/repo'], exists([]), 'linux').command).toBe('/repo/tools/leadscore');
    expect(serverCommand('leadscore-dev', ['/repo'], exists([]), 'linux').command).toBe('leadscore-dev');
  });

  test('on Windows the npm shim is a .cmd, run through a shell', () => {
    expect(serverCommand('', [], exists([]), 'win32')).toEqual({ command: 'leadscore.cmd', args: ['lsp'], shell: true });
  });
});
