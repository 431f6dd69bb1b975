import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlayground, type Playground } from './browser.js';
import { markers, stageOf, typeOver, updateCount, waitForUpdateAfter } from './editor.js';

describe('diagnostics while typing', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('an unknown field gets an error marker that says "did you mean", and the results go stale', async () => {
    const { page } = playground;
    const rowsBefore = await page.locator('#leads tbody tr').count();
    await typeOver(page, 'when title contains', 'when titel contains');
    // Wait for the marker of the whole word: a result for a half-typed word may come first.
    await expect.poll(async () => (await markers(page)).map((marker) => marker.message.split('\n')[0])).toEqual(['unknown name `titel`: no field is called that']);
    const [marker] = await markers(page);
    expect(marker?.severity).toBe(8);
    expect(marker?.startLineNumber).toBe(8);
    expect(marker?.message).toContain('unknown name `titel`');
    expect(marker?.message).toContain('did you mean `title`?');
    await page.waitForSelector('#stale:not([hidden])');
    expect(await page.locator('#stale').innerText()).toContain('1 error');
    expect(await page.locator('#leads tbody tr').count()).toBe(rowsBefore);
    // The message is shown when the pointer rests on the squiggle.
    const squiggle = await page.locator('.squiggly-error').first().boundingBox();
    if (!squiggle) throw new Error('no squiggle under the unknown name');
    await page.mouse.move(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2);
    await page.waitForSelector('.monaco-hover:not(.hidden)');
    expect(await page.locator('.monaco-hover:not(.hidden)').innerText()).toContain('did you mean');
    await playground.screenshot('02-unknown-field');
  });

  test('fixing the name clears the marker and rescores the leads', async () => {
    const { page } = playground;
    const before = await updateCount(page);
    await typeOver(
      page,
      'when titel contains any word ["CEO", "CTO", "CMO", "VP", "Head of", "Chief"] add 15',
      'when title contains any word ["CEO", "CTO", "CMO", "VP", "Head of", "Chief"] add 5',
    );
    await waitForUpdateAfter(page, before);
    expect(await markers(page)).toEqual([]);
    expect(await page.locator('#stale').isHidden()).toBe(true);
    // VP Sales at Pagora loses 10 fit points: below the SQL threshold of fit >= 40.
    expect(await stageOf(page, 'L38')).toBe('MQL');
    expect(playground.problems).toEqual([]);
  });

  test('a warning is a warning marker, not an error', async () => {
    const { page } = playground;
    const before = await updateCount(page);
    await typeOver(page, 'list dach = ["DE", "AT", "CH"]', 'list dach = ["DE", "AT", "CH"]\nlist unused = ["x"]');
    await waitForUpdateAfter(page, before);
    const found = await markers(page);
    expect(found.map((marker) => marker.severity)).toEqual([4]);
    expect(await page.locator('#stale').isHidden()).toBe(true);
  });
});
