import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildExtension } from './scripts/build.js';

const out = mkdtempSync(join(tmpdir(), 'leadscore-vsix-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run build:vscode', () => {
  test('packages the extension offline into a .vsix holding the bundle, the grammar and the configuration, and nothing else', { timeout: 60_000 }, async () => {
    const vsix = await buildExtension(join(out, 'leadscore.vsix'));
    const files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(files).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/dist/extension.cjs',
      'extension/language-configuration.json',
      'extension/package.json',
      'extension/readme.md',
      'extension/syntaxes/leadscore.tmLanguage.json',
    ]);
    // One file: the language client is bundled in; only VS Code's module and Node's are left to require.
    const bundle = readFileSync(new URL('./dist/extension.cjs', import.meta.url), 'utf8');
    const required = new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!));
    expect(required.has('vscode')).toBe(true);
    for (const name of required) expect(name === 'vscode' || builtinModules.includes(name.replace(/^node:/, '')), name).toBe(true);
  });
});
