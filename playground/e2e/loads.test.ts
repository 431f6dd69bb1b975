import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlayground, type Playground } from './browser.js';
import { rowCount, stageOf, tokenize } from './editor.js';

describe('the playground, opened', () => {
  let playground: Playground;
  const workers: string[] = [];

  beforeAll(async () => {
    playground = await openPlayground();
    playground.page.on('worker', (worker) => workers.push(worker.url()));
  });
  afterAll(() => playground?.close());

  test('shows the reference policy and every sample lead ranked by score', async () => {
    const { page } = playground;
    expect((await page.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ')).toContain('policy "B2B SaaS inbound"');
    expect(await rowCount(page)).toBeGreaterThanOrEqual(50);
    const scores = (await page.locator('#leads tbody td.score').allInnerTexts()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await page.locator('#leads thead th').allInnerTexts()).toEqual(['#', 'lead', 'score', 'fit', 'engagement', 'grade', 'stage', 'route']);
    expect(await stageOf(page, 'L1')).toBe('SQL');
    expect(await page.locator('#stale').isHidden()).toBe(true);
    await playground.screenshot('01-loaded');
  });

  test("loads Monaco's editor worker and logs no errors", async () => {
    const { page } = playground;
    await page.locator('.view-lines').click();
    // In a comment the leadscore completion offers nothing, so Monaco's word completion (in its editor worker) answers.
    await page.keyboard.press('End');
    await page.keyboard.type(' # dem');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible');
    await expect.poll(() => workers.some((url) => url.includes('editor.worker'))).toBe(true);
    await page.keyboard.press('Escape');
    expect(playground.problems).toEqual([]);
  });

  test('highlights keywords, strings, numbers and comments from the lexer tokens', async () => {
    const tokens = await tokenize(playground.page, 'when title contains any ["CEO"] add 15 each # note');
    const typeOf = (text: string) => tokens.find((token) => token.text === text)?.type;
    expect(typeOf('when')).toBe('keyword.leadscore');
    expect(typeOf('contains')).toBe('keyword.leadscore');
    expect(typeOf('title')).toBe('identifier.leadscore');
    expect(typeOf('"CEO"')).toBe('string.leadscore');
    expect(typeOf('15')).toBe('number.leadscore');
    expect(typeOf('# note')).toBe('comment.leadscore');
    const names = await tokenize(playground.page, 'stage "SQL" when timestamp = 1 and when-ever');
    expect(names.find((token) => token.text === 'stage')?.type).toBe('keyword.soft.leadscore');
    expect(names.find((token) => token.text === 'timestamp')?.type).toBe('identifier.leadscore');
    expect(names.find((token) => token.text === 'when-ever')?.type).toBe('identifier.leadscore');
  });
});
