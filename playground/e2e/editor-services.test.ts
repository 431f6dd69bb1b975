import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shareHash } from '../src/share.js';
import { openPlayground, type Playground } from './browser.js';
import { markers, policyText, setPolicy, stageOf, updateCount, waitForUpdateAfter } from './editor.js';

const reference = readFileSync(new URL('../../examples/b2b-saas.score', import.meta.url), 'utf8');

interface EditorWindow {
  leadscorePlayground: {
    editor: {
      setPosition(position: { lineNumber: number; column: number }): void;
      focus(): void;
      getAction(id: string): { run(): Promise<void> } | null;
      trigger(source: string, handlerId: string, payload: unknown): void;
    };
    model: {
      getLineCount(): number;
      getLineMaxColumn(line: number): number;
      getLineContent(line: number): string;
      findMatches(
        search: string,
        all: boolean,
        regex: boolean,
        matchCase: boolean,
        separators: null,
        capture: boolean,
      ): Array<{ range: { startLineNumber: number; startColumn: number } }>;
    };
  };
}

/** Puts the cursor just after the first occurrence of `search`, or at the end of the policy. */
async function placeCursor(page: Page, search?: string): Promise<void> {
  await page.evaluate((text) => {
    const { editor, model } = (globalThis as unknown as EditorWindow).leadscorePlayground;
    const match = text === undefined ? undefined : model.findMatches(text, false, false, true, null, false)[0];
    if (text !== undefined && !match) throw new Error(`the policy does not contain ${text}`);
    const line = match ? match.range.startLineNumber : model.getLineCount();
    const column = match ? match.range.startColumn + text!.length : model.getLineMaxColumn(line);
    editor.setPosition({ lineNumber: line, column });
    editor.focus();
  }, search);
}

function nowValue(page: Page): Promise<string> {
  return page.locator('#now').inputValue();
}

describe('the editor services', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('after `in `, completion offers the declared lists with their entries, and inserts the one picked', async () => {
    const { page } = playground;
    await setPolicy(page, `${reference}\nwhen country`);
    await placeCursor(page);
    await page.keyboard.type(' in ');
    const rows = page.locator('.suggest-widget .monaco-list-row');
    await rows.first().waitFor();
    const labels = (await rows.allInnerTexts()).map((text) => text.split('\n')[0]);
    expect(labels).toEqual(['competitors', 'freemail', 'dach']);
    await page.keyboard.type('da');
    await page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'dach' }).waitFor();
    expect(await page.locator('.suggest-widget').innerText()).toContain('["DE", "AT", "CH"]');
    await playground.screenshot('07-completion-lists');
    await page.keyboard.press('Enter');
    expect((await policyText(page)).endsWith('\nwhen country in dach')).toBe(true);
  });

  test("hovering a list's name shows its entries", async () => {
    const { page } = playground;
    await setPolicy(page, reference);
    await placeCursor(page, 'when country in da');
    await page.evaluate(() => (globalThis as unknown as EditorWindow).leadscorePlayground.editor.trigger('test', 'editor.action.showHover', {}));
    const hover = page.locator('.monaco-hover-content', { hasText: 'list dach' });
    await hover.waitFor();
    expect((await hover.innerText()).replace(/\s+/g, ' ').trim()).toBe('list dach 3 entries: "DE", "AT", "CH"');
    await playground.screenshot('08-hover-list');
  });

  test('Ctrl+. on a typo offers the did-you-mean as a quick fix, and applying it clears the error', async () => {
    const { page } = playground;
    await setPolicy(page, 'policy "Typo"\n\nfit:\n  when industy = "Software" add 10\n');
    // A policy with errors leaves the table as it was: wait for its marker instead.
    await expect
      .poll(() => markers(page), { timeout: 30_000 })
      .toEqual([expect.objectContaining({ severity: 8, startLineNumber: 4, message: expect.stringContaining('did you mean `industry`?') })]);
    await placeCursor(page, 'when indu');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Change to `industry`' });
    await fix.waitFor();
    await playground.screenshot('09-quick-fix');
    await page.keyboard.press('Enter');
    await expect.poll(() => policyText(page), { timeout: 30_000 }).toBe('policy "Typo"\n\nfit:\n  when industry = "Software" add 10\n');
    await expect.poll(() => markers(page), { timeout: 30_000 }).toEqual([]);
  });

  test('F2 renames a list at its declaration and every use', async () => {
    const { page } = playground;
    await setPolicy(page, reference);
    await placeCursor(page, 'when country in da');
    await page.keyboard.press('F2');
    const input = page.locator('.rename-box input');
    // The box opens with the name the service says can be renamed.
    await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toBe('dach');
    await playground.screenshot('09-rename');
    await input.fill('german_speaking');
    await input.press('Enter');
    await page.waitForFunction(() =>
      (globalThis as unknown as { leadscorePlayground: { model: { getValue(): string } } }).leadscorePlayground.model.getValue().includes('list german_speaking = '),
    );
    const text = await policyText(page);
    expect(text).toContain('when country in german_speaking add 5');
    expect(text).not.toMatch(/\bdach\b/);
  });

  test('format document fixes the indentation', async () => {
    const { page } = playground;
    await setPolicy(page, 'fit:\n      when title contains "CEO"    add 15\n        when employees between 50 and 1000 add 10\n');
    await page.evaluate(() => (globalThis as unknown as EditorWindow).leadscorePlayground.editor.getAction('editor.action.formatDocument')?.run());
    await page.waitForFunction(
      (expected) => (globalThis as unknown as { leadscorePlayground: { model: { getValue(): string } } }).leadscorePlayground.model.getValue() === expected,
      'fit:\n  when title contains "CEO" add 15\n  when employees between 50 and 1000 add 10\n',
    );
    await playground.screenshot('09-formatted');
    expect(playground.problems).toEqual([]);
  });
});

describe('share links', () => {
  const policy = reference.replace('when request demo add 40', 'when request demo add 10');

  test('Share puts the policy and now in the link; opening it reproduces them', async () => {
    const sharing = await openPlayground();
    let link: string;
    try {
      const { page } = sharing;
      const before = await updateCount(page);
      await setPolicy(page, policy);
      await page.locator('#now').fill('2026-12-01T09:00:00Z');
      await waitForUpdateAfter(page, before);
      await page.locator('#share').click();
      await page.locator('#share-note', { hasText: /^Link/ }).waitFor();
      link = page.url();
      await sharing.screenshot('10-share-clicked');
      expect(sharing.problems).toEqual([]);
    } finally {
      await sharing.close();
    }
    const hash = link.slice(link.indexOf('#'));
    expect(hash).toMatch(/^#policy=.+&now=2026-12-01T09%3A00%3A00Z$/);
    const opened = await openPlayground(hash);
    try {
      const { page } = opened;
      expect(await policyText(page)).toBe(policy);
      expect(await nowValue(page)).toBe('2026-12-01T09:00:00Z');
      // The table is scored with the shared policy: a demo worth 10 leaves Hannah Wagner in Nurture.
      await page.waitForFunction(
        () => (globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } }).document.body.dataset['updates'] !== undefined,
      );
      expect(await stageOf(page, 'L15')).toBe('Nurture');
      await opened.screenshot('11-shared-link-opened');
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test('a shared link with markup in the policy executes nothing', async () => {
    const hostile = String.raw`policy "<script>alert(1)</script>"

list bad = ["<script>alert(2)</script>", "\"><img src=x onerror=alert(3)>"]

when title in bad add 1
when title = "\"><img src=x onerror=alert(4)>" add 1
when title contains "CEO" add 1

stage "<img src=x onerror=alert(5)>" when score >= 1
stage "\"><script>alert(6)</script>" otherwise
`;
    const opened = await openPlayground(shareHash({ policy: hostile, now: '2026-11-23T12:00:00Z' }));
    try {
      const { page } = opened;
      expect(await policyText(page)).toBe(hostile);
      expect(new Set(await page.locator('#leads tbody td.stage').allInnerTexts())).toEqual(new Set(['<img src=x onerror=alert(5)>', '"><script>alert(6)</script>']));
      // Hovering the list shows its entries as text.
      await placeCursor(page, 'when title in ba');
      await page.evaluate(() => (globalThis as unknown as EditorWindow).leadscorePlayground.editor.trigger('test', 'editor.action.showHover', {}));
      const hover = page.locator('.monaco-hover-content', { hasText: 'list bad' });
      await hover.waitFor();
      expect(await hover.innerText()).toContain('<script>alert(2)</script>');
      await opened.screenshot('12-hostile-link');
      expect(await page.locator('img[src="x"], img[onerror]').count()).toBe(0);
      expect(
        await page.evaluate(
          () => [...(globalThis as unknown as { document: { scripts: Iterable<{ text: string }> } }).document.scripts].filter((script) => script.text.includes('alert')).length,
        ),
      ).toBe(0);
      expect(opened.dialogs).toEqual([]);
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
