import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlayground, type Playground } from './browser.js';
import { typeOver, updateCount, waitForUpdateAfter } from './editor.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** 1,000 leads from the project's deterministic generator (the same file every time). */
function generatedLeads(count: number): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-leads.ts', String(count)], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

interface Timing {
  lastMs: number;
  lastWorkMs: number;
  lastRenderMs: number;
  lastPaintedMs: number;
}

describe('1,000 leads', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('a keystroke rescores and redraws them (the time is a benchmark figure, printed, not asserted)', async () => {
    const { page } = playground;
    const leads = generatedLeads(1000);
    let before = await updateCount(page);
    await page.setInputFiles('#leads-file', { name: 'generated.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(leads) });
    await waitForUpdateAfter(page, before);
    expect(await page.locator('#leads-source').innerText()).toBe('generated.jsonl (JSON Lines)');
    expect(await page.locator('#summary').innerText()).toContain('1000 leads');
    const scoreOf = () => page.locator('#leads tbody td.score').first().innerText();
    const topBefore = await scoreOf();
    const figures: Timing[] = [];
    // Each edit changes the top score: every lead is rescored and the table redrawn.
    for (const [from, to] of [
      ['when request demo add 40', 'when request demo add 41'],
      ['when request demo add 41', 'when request demo add 42'],
      ['when request demo add 42', 'when request demo add 43'],
    ] as const) {
      before = await updateCount(page);
      await typeOver(page, from, to);
      await waitForUpdateAfter(page, before);
      // One frame later: the results have been painted.
      await page.evaluate(() => new Promise((resolve) => (globalThis as unknown as { requestAnimationFrame(callback: () => void): void }).requestAnimationFrame(() => setTimeout(resolve, 20))));
      figures.push(await page.evaluate(() => (globalThis as unknown as { leadscorePlayground: { updates: Timing } }).leadscorePlayground.updates));
    }
    expect(await scoreOf()).not.toBe(topBefore);
    // The rows after the first screens follow in slices: all of them are there in the end.
    await expect.poll(() => page.locator('#leads tbody tr').count()).toBe(1000);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const total = median(figures.map((figure) => figure.lastMs));
    const work = median(figures.map((figure) => figure.lastWorkMs));
    const render = median(figures.map((figure) => figure.lastRenderMs));
    const painted = median(figures.map((figure) => figure.lastPaintedMs));
    console.log(
      `1,000 leads, keystroke → updated table: ${total.toFixed(0)} ms, → painted: ${painted.toFixed(0)} ms, medians of ${figures.length} ` +
        `(no debounce: sent at once when the worker is idle; compile + score in the worker ${work.toFixed(1)} ms, building the rows ${render.toFixed(1)} ms; the rest is messaging, then style, layout and paint)`,
    );
    await playground.screenshot('15-thousand-leads');
    expect(playground.problems).toEqual([]);
  });
});
