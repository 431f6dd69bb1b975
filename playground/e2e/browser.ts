/**
 * Opening the built playground in headless Chromium with playwright-core: a
 * fresh profile each time, and every console error and uncaught exception kept
 * so a test can assert there were none.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { chromiumPath } from './chromium.js';

export const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url));

export interface Playground {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests, in order. */
  problems: string[];
  /** Every dialog (alert, confirm, prompt) the page opened. */
  dialogs: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openPlayground(hash = ''): Promise<Playground> {
  const profile = await mkdtemp(join(tmpdir(), 'leadscore-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(inject('playgroundUrl') + hash);
  await page.waitForSelector('#leads tbody tr');
  return {
    page,
    problems,
    dialogs,
    async screenshot(name) {
      await mkdir(screenshotDir, { recursive: true });
      await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
