import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openPlayground, type Playground } from './browser.js';
import { policyText, rowCount, setPolicy, stageOf, updateCount, waitForUpdateAfter } from './editor.js';

const fixture = (name: string) => ({ name, mimeType: 'text/csv', buffer: readFileSync(new URL(`../../test-support/fixtures/csv/${name}`, import.meta.url)) });
const expected = readFileSync(new URL('../../examples/expected.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; stage: string });

async function choose(page: Page, input: string, files: Array<ReturnType<typeof fixture>>): Promise<void> {
  let before = await updateCount(page);
  await page.setInputFiles(input, files);
  await waitForUpdateAfter(page, before);
  // A user's own leads are scored as of this minute; these are dated for the acceptance time.
  if ((await page.locator('#now').inputValue()) !== acceptanceNow) {
    before = await updateCount(page);
    await page.locator('#now').fill(acceptanceNow);
    await waitForUpdateAfter(page, before);
  }
}

const acceptanceNow = '2026-11-23T12:00:00Z';

async function stages(page: Page): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const { id } of expected) result[id] = await stageOf(page, id);
  return result;
}

const expectedStages = Object.fromEntries(expected.map(({ id, stage }) => [id, stage]));

describe('a CRM export: a profile CSV and its events CSV', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('chosen together, the leads get their events and the same stages as the JSON Lines leads', async () => {
    const { page } = playground;
    await choose(page, '#leads-file', [fixture('leads.csv'), fixture('events.csv')]);
    expect(await page.locator('#leads-source').innerText()).toBe('leads.csv + events.csv (CSV)');
    expect(await rowCount(page)).toBe(expected.length);
    expect(await stages(page)).toEqual(expectedStages);
    expect(await page.locator('#leads-problems li').count()).toBe(0);
    await playground.screenshot('15-crm-profile-and-events');
  });

  test('the events CSV can be added after the profile CSV', async () => {
    const { page } = playground;
    await choose(page, '#leads-file', [fixture('leads.csv')]);
    expect(await page.locator('#leads-source').innerText()).toBe('leads.csv (CSV)');
    // Without events, no lead reaches SQL.
    expect(Object.values(await stages(page))).not.toContain('SQL');
    await choose(page, '#events-file', [fixture('events.csv')]);
    expect(await page.locator('#leads-source').innerText()).toBe('leads.csv + events.csv (CSV)');
    expect(await stages(page)).toEqual(expectedStages);
  });

  test('every bad row of either file is reported with its row number', async () => {
    const { page } = playground;
    await choose(page, '#leads-file', [fixture('bad-events.csv'), fixture('bad-leads.csv')]);
    expect(await page.locator('#leads-source').innerText()).toBe('bad-leads.csv + bad-events.csv (CSV)');
    expect(await page.locator('#leads tbody tr[data-id="A8"] .lead-error').innerText()).toBe(
      'events row 3, column at: "yesterday" is not an ISO-8601 time such as 2026-11-23T12:00:00Z',
    );
    expect(await page.locator('#leads tbody tr[data-id="A3"] .lead-error').innerText()).toBe('row 4: 3 values, but the header has 5 columns');
    expect(await page.locator('#leads-problems li').allInnerTexts()).toEqual([
      'bad-events.csv row 7: no lead_id',
      'bad-events.csv rows 5, 6: lead_id "Z9" has no row in bad-leads.csv',
    ]);
    await playground.screenshot('16-crm-bad-rows');
    expect(playground.problems).toEqual([]);
  });
});

describe('sharing the leads as they are now', () => {
  test('a lead edited in place travels in the link: the opened page shows it with its new stage', async () => {
    const sharing = await openPlayground();
    let hash: string;
    try {
      const { page } = sharing;
      expect(await stageOf(page, 'L1')).toBe('SQL');
      expect(await page.locator('#share-leads').isVisible()).toBe(false);
      await page.locator('#leads tbody tr[data-id="L1"]').click();
      await expect.poll(() => page.locator('#lead-json').inputValue()).toContain('"CTO"');
      const before = await updateCount(page);
      await page.locator('#lead-json').fill('{"id": "L1", "first_name": "Anna", "title": "Student"}');
      await page.locator('#lead-apply').click();
      await waitForUpdateAfter(page, before);
      await expect.poll(() => stageOf(page, 'L1')).toBe('Nurture');
      // An edit makes the sample leads worth sharing.
      await page.locator('#share-leads').check();
      await page.locator('#share').click();
      await page.locator('#share-note', { hasText: /^Link/ }).waitFor();
      expect(await page.locator('#share-note').innerText()).not.toContain('without the leads');
      const link = page.url();
      hash = link.slice(link.indexOf('#'));
      expect(sharing.problems).toEqual([]);
    } finally {
      await sharing.close();
    }
    expect(hash).toMatch(/&edits=[^&]+$/);
    const opened = await openPlayground(hash);
    try {
      const { page } = opened;
      await expect.poll(() => stageOf(page, 'L1')).toBe('Nurture');
      expect(await rowCount(page)).toBe(57);
      expect(await page.locator('#leads tbody tr[data-id="L1"] .lead-name').innerText()).toBe('Anna');
      expect(await page.locator('#leads-source').innerText()).toBe('sample leads, 1 edited here');
      // Still the leads as they are: they can be shared on.
      expect(await page.locator('#share-leads').isVisible()).toBe(true);
      await opened.screenshot('17-shared-edited-lead-opened');
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test('an edited lead of a loaded file with its events travels too', async () => {
    const sharing = await openPlayground();
    let hash: string;
    try {
      const { page } = sharing;
      await choose(page, '#leads-file', [fixture('leads.csv'), fixture('events.csv')]);
      await stageOf(page, 'L1');
      await page.locator('#leads tbody tr[data-id="L1"]').click();
      await expect.poll(() => page.locator('#lead-json').inputValue()).toContain('"events"');
      const lead = JSON.parse(await page.locator('#lead-json').inputValue()) as { title: string };
      lead.title = 'Student';
      const before = await updateCount(page);
      await page.locator('#lead-json').fill(JSON.stringify(lead));
      await page.locator('#lead-apply').click();
      await waitForUpdateAfter(page, before);
      const stage = await stageOf(page, 'L1');
      expect(stage).not.toBe('SQL');
      await page.locator('#share-leads').check();
      await page.locator('#share').click();
      await page.locator('#share-note', { hasText: /^Link/ }).waitFor();
      const link = page.url();
      hash = link.slice(link.indexOf('#'));
      const opened = await openPlayground(hash);
      try {
        await opened.page.locator('#leads-source', { hasText: 'leads.csv + events.csv (CSV, 1 edited here)' }).waitFor();
        await expect.poll(() => stageOf(opened.page, 'L1')).toBe(stage);
        expect(await stageOf(opened.page, 'L4')).toBe(expectedStages['L4']);
        expect(opened.problems).toEqual([]);
      } finally {
        await opened.close();
      }
    } finally {
      await sharing.close();
    }
  });
});

describe('a HubSpot export the policy cannot read yet', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('the field report offers HubSpot for the missing id, then says what nothing gives; picking HubSpot imports its names and the leads get their fields', async () => {
    const { page } = playground;
    const crm = (name: string) => ({ name, mimeType: 'text/csv', buffer: readFileSync(new URL(`../../test-support/fixtures/crm/${name}`, import.meta.url)) });
    let before = await updateCount(page);
    await page.setInputFiles('#leads-file', [crm('hubspot-contacts.csv')]);
    await waitForUpdateAfter(page, before);
    // Without the mapping the file has no id column: the report names the CRM whose names would read it.
    await expect
      .poll(() => page.locator('#leads-fields').innerText())
      .toContain('No column of this file gives the lead’s id, so none of its leads can be scored. It looks like a HubSpot export');
    expect(await page.locator('#leads-fields button[data-mapping]').allInnerTexts()).toEqual(['Read HubSpot’s names']);
    expect(await page.locator('#leads-problems li').count()).toBe(0);
    // Naming only the id column reads the leads; the report then lists the fields nothing gives.
    before = await updateCount(page);
    await setPolicy(page, `field id from "Record ID"\n${await policyText(page)}`);
    await waitForUpdateAfter(page, before);
    await expect.poll(() => page.locator('#leads-fields').innerText()).toContain('Nothing in this file gives title, employees');
    before = await updateCount(page);
    await page.locator('#leads-fields button[data-mapping="hubspot"]').click();
    await waitForUpdateAfter(page, before);
    await expect.poll(() => page.locator('#leads-fields').innerText()).not.toContain('Nothing in this file gives');
    expect(await page.locator('#leads-fields').innerText()).toContain('Not read by the policy: Lifecycle Stage, Create Date');
    expect(await page.locator('#leads-fields').innerText()).toContain('title 5 of 6');
    expect(await policyText(page)).toMatch(/^import "leadscore:hubspot"\n/);
    await playground.screenshot('16-crm-mapping-picked');
  });
});
