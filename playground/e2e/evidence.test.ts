import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openPlayground, type Playground } from './browser.js';
import { rowCount, typeOver, updateCount, waitForUpdateAfter } from './editor.js';

const aucText = (page: Page) => page.locator('#evidence-auc').innerText();
/** The points of the current (or baseline) curve of a panel, as drawn. */
const curve = (page: Page, name: 'roc' | 'gains', which = 'current') => page.locator(`#evidence svg[data-curve="${name}"] polyline[data-which="${which}"]`).getAttribute('points');

describe('the evidence of outcomes', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('without outcomes there is no evidence panel', async () => {
    const { page } = playground;
    expect(await page.locator('#evidence').isVisible()).toBe(false);
  });

  test('the history sample loads 1,500 leads with their outcomes, scored at its cut: AUC 0.729 with its interval, counts and both curves', async () => {
    const { page } = playground;
    const before = await updateCount(page);
    await page.locator('#leads-history').click();
    await waitForUpdateAfter(page, before);
    await expect.poll(() => page.locator('#leads-source').innerText()).toBe('history sample, as of 2026-06-30');
    expect(await page.locator('#now').inputValue()).toBe('2026-06-30T00:00:00Z');
    expect(await rowCount(page)).toBe(1500);
    expect(await page.locator('#outcomes-source').innerText()).toBe('outcomes: outcomes.csv');
    expect(await aucText(page)).toMatch(/^AUC 0\.729 \(95%: 0\.\d{3} to 0\.\d{3}\)$/);
    expect(await page.locator('#evidence-counts').innerText()).toMatch(/^1500 leads with an outcome, \d+ converted$/);
    for (const name of ['roc', 'gains'] as const) {
      const panel = page.locator(`#evidence svg[data-curve="${name}"]`);
      expect(await panel.locator('line.diagonal').count()).toBe(1);
      expect((await curve(page, name))?.split(' ').length).toBeGreaterThan(10);
    }
    expect(await page.locator('#evidence svg[data-curve="roc"] text').allTextContents()).toEqual(expect.arrayContaining(['ROC', 'unconverted reached', 'converted reached']));
    expect(await page.locator('#evidence svg[data-curve="gains"] text').allTextContents()).toEqual(expect.arrayContaining(['Gains', 'leads, best first', 'conversions']));
    // The first results are the baseline: its curves lie under the current ones, and the AUC has not changed.
    expect(await curve(page, 'roc', 'baseline')).toBe(await curve(page, 'roc'));
    expect(await page.locator('#auc-change').innerText()).toMatch(/^AUC 0\.729 → 0\.729 \(\+0\.000, /);
    await playground.screenshot('40-evidence-history');
  });

  test('editing the policy updates the AUC and the curves; the changes say the change in AUC, paired', async () => {
    const { page } = playground;
    await page.locator('#set-baseline').click();
    const roc = await curve(page, 'roc');
    const gains = await curve(page, 'gains');
    const before = await updateCount(page);
    await typeOver(page, 'when request demo add 40', 'when request demo add 5');
    await waitForUpdateAfter(page, before);
    await expect.poll(() => aucText(page)).not.toMatch(/^AUC 0\.729 /);
    expect(await curve(page, 'roc')).not.toBe(roc);
    expect(await curve(page, 'gains')).not.toBe(gains);
    // The baseline's curves stay as they were, drawn in grey.
    expect(await curve(page, 'roc', 'baseline')).toBe(roc);
    const after = (await aucText(page)).match(/^AUC (0\.\d{3}) /)?.[1];
    const change = await page.locator('#auc-change').innerText();
    expect(change).toMatch(/^AUC 0\.729 → 0\.\d{3} \([+−]0\.\d{3}, 95%: [+−]0\.\d{3} to [+−]0\.\d{3}, paired\)$/);
    expect(change).toContain(`→ ${after} `);
    // A demo request is the strongest sign in the history: worth 5 points, the ranking is worse.
    expect(change).toMatch(/\(−/);
    await playground.screenshot('41-evidence-after-edit');
    expect(playground.problems).toEqual([]);
  });

  test('an outcomes file of your own: unreadable rows and outcomes without a lead are counted and listed', async () => {
    const { page } = playground;
    const before = await updateCount(page);
    await page.locator('#leads-sample').click();
    await waitForUpdateAfter(page, before);
    expect(await page.locator('#evidence').isVisible()).toBe(false);
    const outcomes = ['id,converted', 'L1,true', 'L2,false', 'L3,true', 'L4,no', 'L5,perhaps', 'NOBODY,true'].join('\n');
    await page.setInputFiles('#outcomes-file', { name: 'won.csv', mimeType: 'text/csv', buffer: Buffer.from(outcomes) });
    await expect
      .poll(() => page.locator('#evidence-counts').innerText())
      .toMatch(/^4 leads with an outcome, 2 converted · \d+ leads without an outcome · 1 outcome without a lead · 1 unreadable outcome row$/);
    expect(await page.locator('#evidence-problems').innerText()).toContain('row 6: "converted" must be true or false');
    expect(await aucText(page)).toMatch(/^AUC \d\.\d{3} \(95%: /);
    expect(playground.problems).toEqual([]);
  });
});
