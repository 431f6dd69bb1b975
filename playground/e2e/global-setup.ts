/**
 * Before the browser tests: make sure Chromium is there (installing Debian's
 * package when missing and we are root, as `playwright install --with-deps`
 * would), build the playground, and serve the built site on a random port.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './chromium.js';
import { serveDirectory } from './serve.js';

declare module 'vitest' {
  export interface ProvidedContext {
    playgroundUrl: string;
  }
}

function ensureChromium(): void {
  if (existsSync(chromiumPath)) return;
  if (process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stderr.write(`browser tests: ${chromiumPath} is missing; installing Debian's chromium package…\n`);
    // No questions: CI runs without a terminal.
    execSync('apt-get update && apt-get install -y chromium', { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (existsSync(chromiumPath)) return;
  }
  throw new Error(
    `The playground's browser tests need Chromium at ${chromiumPath}, and it is not there. ` +
      'Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`), or set LEADSCORE_CHROMIUM to a Chromium binary, then run the tests again.',
  );
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureChromium();
  const outDir = await mkdtemp(join(tmpdir(), 'leadscore-playground-'));
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  const server = await serveDirectory(outDir);
  project.provide('playgroundUrl', server.url);
  return async () => {
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  };
}
