import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlayground, type Playground } from './browser.js';
import { selection, waitForUpdateAfter } from './editor.js';

describe("a lead's reasons", () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('clicking a lead lists the rules that fired with their points after decay and caps', async () => {
    const { page } = playground;
    // The first results must be in before the click: a redraw could otherwise replace the row or the details under it.
    await waitForUpdateAfter(page, 0);
    await page.locator('#leads tbody tr[data-id="L1"]').click();
    const reasons = page.locator('#details .reason');
    const reasonTexts = async () => (await reasons.allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
    await expect
      .poll(reasonTexts)
      .toContain('+15 when title contains any word ["CEO", "CTO", "CMO", "VP", "Head of", "Chief"] add 15 line 8 · fit · matched title contains word "CTO"');
    const texts = await reasonTexts();
    expect(texts).toContain('+15 when title contains any word ["CEO", "CTO", "CMO", "VP", "Head of", "Chief"] add 15 line 8 · fit · matched title contains word "CTO"');
    // Four opens at 5 each decay to less than 20, then the cap of 15 applies.
    expect(texts).toContain('+15 when open email add 5 each, at most 15 line 17 · engagement · 4 events');
    expect(texts.some((text) => /^\+\d+\.\d\d when request demo add 40 line 21 · engagement · 1 event$/.test(text))).toBe(true);
    await playground.screenshot('04-reasons');
  });

  test("clicking a reason selects its rule's line in the editor", async () => {
    const { page } = playground;
    await page.locator('#details .reason[data-line="21"]').click();
    expect(await selection(page)).toEqual({ startLineNumber: 21, endLineNumber: 21, text: 'when request demo add 40' });
    await playground.screenshot('05-reason-selects-rule');
    expect(playground.problems).toEqual([]);
  });
});
