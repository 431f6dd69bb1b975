import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlayground, type Playground } from './browser.js';
import { stageOf, typeOver, updateCount, waitForUpdateAfter } from './editor.js';

describe('changing a point value', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('a demo worth 10 instead of 40 moves Mira Hoffmann out of SQL and Hannah Wagner from MQL to Nurture', async () => {
    const { page } = playground;
    expect(await stageOf(page, 'L57')).toBe('SQL');
    expect(await stageOf(page, 'L15')).toBe('MQL');
    expect(await stageOf(page, 'L1')).toBe('SQL');
    const before = await updateCount(page);
    await typeOver(page, 'when request demo add 40', 'when request demo add 10');
    await waitForUpdateAfter(page, before);
    // Mira's engagement drops from 63.25 to 33.59, below SQL's 60; her score (83.59) keeps her an MQL.
    expect(await stageOf(page, 'L57')).toBe('MQL');
    expect(await stageOf(page, 'L15')).toBe('Nurture');
    expect(await stageOf(page, 'L1')).toBe('SQL');
    // A benchmark figure for the report, not an assertion: last keystroke → table redrawn.
    const timing = await page.evaluate(() => (globalThis as unknown as { leadscorePlayground: { updates: { lastMs: number; lastWorkMs: number } } }).leadscorePlayground.updates);
    console.log(`keystroke → updated table: ${timing.lastMs.toFixed(0)} ms (compile + score in the worker: ${timing.lastWorkMs.toFixed(1)} ms)`);
    await playground.screenshot('03-demo-worth-10');
  });

  test('a later `now` lets engagement decay and changes the ranking', async () => {
    const { page } = playground;
    const scoreOfL1 = () => page.locator('#leads tbody tr[data-id="L1"] td.score').innerText();
    const scoreBefore = await scoreOfL1();
    const before = await updateCount(page);
    await page.locator('#now').fill('2027-03-01T12:00:00Z');
    await waitForUpdateAfter(page, before);
    expect(Number(await scoreOfL1())).toBeLessThan(Number(scoreBefore));
    await page.locator('#now').fill('not a time');
    await page.waitForSelector('#stale:not([hidden])');
    expect(await page.locator('#now-error').innerText()).toContain('not an ISO-8601 time');
    expect(playground.problems).toEqual([]);
  });
});
