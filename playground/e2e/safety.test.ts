import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlayground, type Playground } from './browser.js';
import { setPolicy, updateCount, waitForUpdateAfter } from './editor.js';

const hostile = String.raw`policy "<script>alert(1)</script>"

when title != "\"><img src=x onerror=alert(1)>" add 1
when title contains "CEO" add 1

stage "<script>alert(2)</script>" when score >= 2
stage "\"><img src=x onerror=alert(3)>" otherwise
route "<b onmouseover=alert(4)>route</b>" otherwise
`;

describe('a policy with markup in its strings', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('executes nothing and shows the strings as text', async () => {
    const { page } = playground;
    const before = await updateCount(page);
    await setPolicy(page, hostile);
    await waitForUpdateAfter(page, before);
    const stages = new Set(await page.locator('#leads tbody td.stage').allInnerTexts());
    expect(stages).toEqual(new Set(['<script>alert(2)</script>', '"><img src=x onerror=alert(3)>']));
    expect(new Set(await page.locator('#leads tbody td.route').allInnerTexts())).toEqual(new Set(['<b onmouseover=alert(4)>route</b>']));
    await page.locator('#leads tbody tr').first().click();
    await page.locator('#details .reason').first().waitFor();
    expect(await page.locator('#details .reason .rule').first().innerText()).toBe(String.raw`when title != "\"><img src=x onerror=alert(1)>" add 1`);
    await page.locator('#leads tbody td.route .badge').first().hover();
    expect(await page.locator('.results-pane img, .results-pane script, .results-pane b').count()).toBe(0);
    await playground.screenshot('06-markup-as-text');
    expect(playground.dialogs).toEqual([]);
    expect(playground.problems).toEqual([]);
  });
});
