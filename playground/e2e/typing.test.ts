import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlayground, type Playground } from './browser.js';
import { policyText, revealLead, setPolicy, updateCount, waitForTokens, waitForUpdateAfter } from './editor.js';

interface EditorWindow {
  leadscorePlayground: {
    editor: { setPosition(position: { lineNumber: number; column: number }): void; focus(): void; getAction(id: string): { run(): Promise<void> } | null };
    model: { getLineCount(): number; getLineMaxColumn(line: number): number };
  };
}

/** Puts the cursor at the end of the policy, in the editor. */
async function cursorAtEnd(page: Page): Promise<void> {
  await page.evaluate(() => {
    const { editor, model } = (globalThis as unknown as EditorWindow).leadscorePlayground;
    const line = model.getLineCount();
    editor.setPosition({ lineNumber: line, column: model.getLineMaxColumn(line) });
    editor.focus();
  });
}

const policy = 'policy "Typing"\n\nfit:\n  when title contains "VP" add 1\n\nstage "SQL" when score >= 5\nstage "Nurture" otherwise\n';

describe('typing a policy', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('Enter after `intent:` indents, so the rules typed next are in the section', async () => {
    const { page } = playground;
    await setPolicy(page, policy);
    await cursorAtEnd(page);
    await waitForTokens(page);
    const before = await updateCount(page);
    await page.keyboard.type('intent:');
    await page.keyboard.press('Enter');
    await page.keyboard.type('when title contains word "CTO" add 5');
    await page.keyboard.press('Enter');
    await page.keyboard.type('when request demo add 3');
    expect(await policyText(page)).toBe(`${policy}intent:\n  when title contains word "CTO" add 5\n  when request demo add 3`);
    // Scored as the section's: a column of its own, and L1 (a CTO who asked for a demo) gets 8 there.
    await waitForUpdateAfter(page, before);
    await expect.poll(() => page.locator('#leads thead th').allInnerTexts()).toEqual(['#', 'lead', 'score', 'fit', 'intent', 'grade', 'stage', 'route']);
    await revealLead(page, 'L1');
    expect(await page.locator('#leads tbody tr[data-id="L1"] td[data-section="intent"]').innerText()).toBe('8');
    expect(await page.locator('#leads tbody tr[data-id="L1"] td.stage').innerText()).toBe('SQL');
    await playground.screenshot('20-enter-indents-a-section');
  });

  test('Enter after a rule keeps its indentation; Reindent Lines takes a decision out of the section', async () => {
    const { page } = playground;
    await setPolicy(page, 'fit:\n  when title contains "VP" add 1');
    await cursorAtEnd(page);
    await page.keyboard.press('Enter');
    await page.keyboard.type('when employees > 10 add 2');
    await page.keyboard.press('Enter');
    await page.keyboard.type('stage "SQL" when fit >= 3');
    expect(await policyText(page)).toMatch(/^fit:\n {2}when title contains "VP" add 1\n {2}when employees > 10 add 2\n\s*stage "SQL" when fit >= 3$/);
    // Typing the space after `stage` takes the line out too once Monaco has tokenized the lines above, as it has
    // at a person's typing speed (not always at the test's): Reindent Lines applies the same rule on demand.
    await page.evaluate(() => (globalThis as unknown as EditorWindow).leadscorePlayground.editor.getAction('editor.action.reindentlines')?.run());
    expect(await policyText(page)).toBe('fit:\n  when title contains "VP" add 1\n  when employees > 10 add 2\nstage "SQL" when fit >= 3');
  });

  test('Ctrl+/ comments a line out with `#`; `[` and `(` close themselves', async () => {
    const { page } = playground;
    await setPolicy(page, 'when title contains "VP" add 1');
    await cursorAtEnd(page);
    await page.keyboard.press('Control+/');
    expect(await policyText(page)).toBe('# when title contains "VP" add 1');
    await page.keyboard.press('Control+/');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await waitForTokens(page);
    await page.keyboard.type('list dach = [');
    expect(await policyText(page)).toBe('when title contains "VP" add 1\nlist dach = []');
  });

  test('a section folds to its header', async () => {
    const { page } = playground;
    await setPolicy(page, 'fit:\n  when title contains "VP" add 1\n  when employees > 10 add 2\n\nstage "SQL" otherwise\n');
    await page.evaluate(() => {
      const { editor } = (globalThis as unknown as EditorWindow).leadscorePlayground;
      editor.setPosition({ lineNumber: 1, column: 1 });
      editor.focus();
    });
    const lines = () =>
      page
        .locator('.view-lines')
        .innerText()
        .then((text) => text.replace(/\u00a0/g, ' '));
    await expect.poll(lines).toContain('when employees > 10 add 2');
    await page.keyboard.press('Control+Shift+[');
    await expect.poll(lines).not.toContain('when employees > 10 add 2');
    expect(await lines()).toContain('stage "SQL" otherwise');
    expect(playground.problems).toEqual([]);
  });

  test('the edited example, the file shown and now come back after a reload; the menu says it is edited', async () => {
    const { page } = playground;
    const edited = `${policy}when title contains "Founder" add 2\n`;
    await setPolicy(page, edited);
    await expect.poll(() => page.locator('#example option:checked').innerText()).toBe('b2b-saas.score (edited)');
    await page.reload();
    await waitForUpdateAfter(page, 0);
    expect(await policyText(page)).toBe(edited);
    expect(await page.locator('#example option:checked').innerText()).toBe('b2b-saas.score (edited)');
    // One file open: no file list.
    expect(await page.locator('nav.files').isHidden()).toBe(true);
    expect(playground.problems).toEqual([]);
  });
});
