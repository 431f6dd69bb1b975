import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openPlayground, type Playground } from './browser.js';
import { rowCount, stageOf, typeOver, updateCount, waitForUpdateAfter } from './editor.js';

const jsonl = [
  '{"id":"J1","first_name":"Jana","last_name":"Novak","email":"jana@nordsoft.de","title":"CTO","industry":"Software","employees":300,"revenue":50000000,"country":"DE","phone":"+49 1","events":[{"type":"request","object":"demo","at":"2026-11-22T12:00:00Z"}]}',
  'this line is not JSON',
  '{"id":"J2","first_name":"Tom","email":"tom@gmail.com","title":"Student"}',
].join('\n');

const csv = ['id,first_name,title,employees,country,phone', 'C1,Carla,CTO,"1,200",DE,+49 2', 'C2,Dan,VP Sales,lots,AT,', 'C3,Eve,Engineer,40,US,+1 3'].join('\r\n');

async function load(page: Page, name: string, text: string): Promise<void> {
  const before = await updateCount(page);
  await page.setInputFiles('#leads-file', { name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson', buffer: Buffer.from(text) });
  await waitForUpdateAfter(page, before);
}

const ids = (page: Page) => page.locator('#leads tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));

describe('own leads', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('a JSON Lines file replaces the sample leads; a line that is not JSON is an error row', async () => {
    const { page } = playground;
    await load(page, 'mine.jsonl', jsonl);
    // Own leads are scored as of this minute, not at the sample leads' fixed time.
    expect(await page.locator('#now').inputValue()).not.toBe('2026-11-23T12:00:00Z');
    expect(Date.parse(await page.locator('#now').inputValue())).toBeGreaterThan(Date.parse('2026-11-30T00:00:00Z'));
    expect(await ids(page)).toEqual(['J1', 'J2', 'line 2']);
    // The message of `leadscore score` (leads/jsonl.ts), whose reader the playground uses; the row says the line.
    expect(await page.locator('#leads tbody tr[data-id="line 2"] .lead-error').innerText()).toMatch(/^not valid JSON: /);
    expect(await page.locator('#leads-source').innerText()).toBe('mine.jsonl (JSON Lines)');
    expect(await page.locator('#summary').innerText()).toContain('1 could not be scored');
    await playground.screenshot('10-own-jsonl');
  });

  test('a CSV file is typed by the policy; a bad value makes its row an error row with the row number', async () => {
    const { page } = playground;
    await load(page, 'crm.csv', csv);
    expect(await ids(page)).toEqual(['C1', 'C3', 'C2']);
    expect(await page.locator('#leads tbody tr[data-id="C1"] td[data-section="fit"]').innerText()).toBe('20'); // CTO 15, DACH 5; 1,200 employees are more than 1,000
    expect(await page.locator('#leads tbody tr[data-id="C2"] .lead-error').innerText()).toBe('row 3, column employees: "lots" is not a number');
    await playground.screenshot('11-own-csv');
  });

  test('editing a lead in place rescores it; invalid JSON or a wrong type is refused and the old lead kept', async () => {
    const { page } = playground;
    await page.locator('#leads tbody tr[data-id="C3"]').click();
    await expect.poll(() => page.locator('#lead-json').inputValue()).toContain('"Engineer"');
    const editor = page.locator('#lead-json');
    await editor.fill('{"id": "C3", "title": "Engineer",');
    await page.locator('#lead-apply').click();
    expect(await page.locator('#lead-json-error').innerText()).toMatch(/^Not applied: not JSON/);
    await editor.fill('{"id": "C3", "title": "CTO", "employees": "forty"}');
    await page.locator('#lead-apply').click();
    await expect.poll(() => page.locator('#lead-json-error').innerText()).toContain('employees');
    const fitOfC3 = () => page.locator('#leads tbody tr[data-id="C3"] td[data-section="fit"]').innerText();
    expect(await fitOfC3()).toBe('0');
    const before = await updateCount(page);
    await editor.fill('{"id": "C3", "first_name": "Eve", "title": "CTO", "employees": 400, "country": "US", "phone": "+1 3"}');
    await page.locator('#lead-apply').click();
    await waitForUpdateAfter(page, before);
    // CTO 15, 400 employees 10.
    await expect.poll(fitOfC3).toBe('25');
    expect(await page.locator('#lead-json-error').innerText()).toBe('');
    await playground.screenshot('12-lead-edited');
  });

  test('events after now are not scored, and the status line says how many', async () => {
    const { page } = playground;
    await load(
      page,
      'future.jsonl',
      '{"id":"F1","events":[{"type":"request","object":"demo","at":"2099-01-01T00:00:00Z"},{"type":"open","object":"email","at":"2020-01-01T00:00:00Z"}]}\n',
    );
    expect(await page.locator('#status').innerText()).toContain('1 event after now ignored');
  });

  test('the sample leads come back with one click, at their own fixed time', async () => {
    const { page } = playground;
    const before = await updateCount(page);
    await page.locator('#leads-sample').click();
    await waitForUpdateAfter(page, before);
    expect(await page.locator('#now').inputValue()).toBe('2026-11-23T12:00:00Z');
    expect(await rowCount(page)).toBe(57);
    expect(await page.locator('#leads-source').innerText()).toBe('sample leads');
    expect(playground.problems).toEqual([]);
  });
});

describe('the distribution by stage and the changes against the baseline', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('the chart has a bar colour per stage and the counts add up to the scored leads', async () => {
    const { page } = playground;
    expect(new Set(await page.locator('#chart rect').evaluateAll((rects) => rects.map((rect) => rect.getAttribute('data-stage'))))).toEqual(
      new Set(['SQL', 'MQL', 'Nurture', 'Blacklisted']),
    );
    const counts = await page
      .locator('#chart .stage-counts li')
      .evaluateAll((items) => items.map((item) => [item.getAttribute('data-stage'), Number(item.textContent?.replace(/\D/g, ''))]));
    expect(counts.reduce((sum, [, count]) => sum + Number(count), 0)).toBe(57);
    expect(
      await page
        .locator('#summary .count')
        .filter({ has: page.locator('.badge[title="SQL"]') })
        .innerText(),
    ).toBe(`SQL ${Object.fromEntries(counts)['SQL']}`);
    expect(await page.locator('#changes').innerText()).toContain('no change');
    await playground.screenshot('13-chart');
  });

  test('after setting a baseline, a demo worth 10 instead of 40 shows which leads leave MQL and SQL', async () => {
    const { page } = playground;
    await page.locator('#set-baseline').click();
    const before = await updateCount(page);
    await typeOver(page, 'when request demo add 40', 'when request demo add 10');
    await waitForUpdateAfter(page, before);
    expect(await stageOf(page, 'L15')).toBe('Nurture');
    const transitions = await page.locator('#changes .transition').allInnerTexts();
    expect(transitions.some((text) => /^\d+ leads? MQL → Nurture$/.test(text))).toBe(true);
    expect(await page.locator('#changes').innerText()).toMatch(/scores: 0 up, \d+ down/);
    await playground.screenshot('14-changes-against-baseline');
    // A new baseline: the same results change nothing.
    await page.locator('#set-baseline').click();
    expect(await page.locator('#changes').innerText()).toContain('no change');
    expect(playground.problems).toEqual([]);
  });
});

describe('sharing with leads', () => {
  test('Share offers to include own leads; the link restores them, parsed as data and shown as text', async () => {
    // A lead whose name and title are markup: the shared link must show it as text only.
    const hostile = `${csv}\r\nC4,"<img src=x onerror=alert(1)>","<script>alert(2)</script>",10,US,+1 4`;
    const sharing = await openPlayground();
    let hash: string;
    try {
      const { page } = sharing;
      expect(await page.locator('#share-leads').isVisible()).toBe(false);
      await load(page, 'crm.csv', hostile);
      await page.locator('#share-leads').check();
      await page.locator('#share').click();
      await page.locator('#share-note', { hasText: /^Link/ }).waitFor();
      const link = page.url();
      hash = link.slice(link.indexOf('#'));
      expect(sharing.problems).toEqual([]);
    } finally {
      await sharing.close();
    }
    expect(hash).toMatch(/&leadsName=crm\.csv&leadsFormat=csv&leads=.+$/);
    const opened = await openPlayground(hash);
    try {
      const { page } = opened;
      await page.locator('#leads-source', { hasText: 'crm.csv (CSV)' }).waitFor();
      await expect.poll(() => rowCount(page)).toBe(4);
      expect(await page.locator('#leads tbody tr[data-id="C1"] td[data-section="fit"]').innerText()).toBe('20');
      expect(await page.locator('#leads tbody tr[data-id="C4"] .lead-name').innerText()).toBe('<img src=x onerror=alert(1)>');
      expect(await page.locator('#leads img, #leads script').count()).toBe(0);
      // Own leads again: they can be shared on.
      expect(await page.locator('#share-leads').isVisible()).toBe(true);
      await opened.screenshot('12-shared-leads-opened');
      expect(opened.dialogs).toEqual([]);
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
