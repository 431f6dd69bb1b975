import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unzipSync, strToU8, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlayground, type Playground } from './browser.js';
import { markers, policyText, revealLead, selection, stageOf, typeOver, updateCount, waitForUpdateAfter } from './editor.js';

const folder = fileURLToPath(new URL('./fixtures/policy-folder/', import.meta.url));
const repository = fileURLToPath(new URL('../../', import.meta.url));
const fixturePaths = ['inbound.score', 'inbound.test.score', 'shared/fit.score', 'lists/competitors.txt', 'lists/freemail.txt'];
const fixture = Object.fromEntries(fixturePaths.map((path) => [path, readFileSync(`${folder}${path}`, 'utf8')]));
const now = '2026-11-23T12:00:00Z';

/** What `leadscore score` gives for the fixture folder's policy and the playground's sample leads. */
function cliScores(): Map<string, { score: number; stage: string }> {
  const output = execFileSync(process.execPath, ['bin/leadscore.js', 'score', `${folder}inbound.score`, 'playground/src/sample-leads.jsonl', '--now', now], {
    cwd: repository,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Map(
    output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; score: number; stage: string })
      .map(({ id, score, stage }) => [id, { score, stage }]),
  );
}

/** Each lead's score and stage as the table shows them. */
async function tableScores(page: Page, ids: Iterable<string>): Promise<Map<string, { score: number; stage: string }>> {
  const shown = new Map<string, { score: number; stage: string }>();
  for (const id of ids) {
    await revealLead(page, id);
    const row = page.locator(`#leads tbody tr[data-id="${id}"]`);
    shown.set(id, { score: Number(await row.locator('td.score').innerText()), stage: await row.locator('td.stage').innerText() });
  }
  return shown;
}

/** The file list as a user reads it: each file's name with its badges. */
function fileList(page: Page): Promise<string[]> {
  return page
    .locator('#file-list li')
    .allInnerTexts()
    .then((items) => items.map((item) => item.replace(/\s+/g, ' ').trim()));
}

async function showFile(page: Page, path: string): Promise<void> {
  await page.locator(`#file-list button[data-path="${path}"]`).click();
  await expect
    .poll(() => page.evaluate(() => String((globalThis as unknown as { leadscorePlayground: { model: { uri: { path: string } } } }).leadscorePlayground.model.uri.path)))
    .toBe(`/${path}`);
}

/** Types at the end of the file in the editor and waits for the rescored table. */
async function appendLine(page: Page, text: string): Promise<void> {
  const before = await updateCount(page);
  await page.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await waitForUpdateAfter(page, before);
}

describe('a policy folder opened from a folder input (browsers without a directory picker)', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('scores the policy that imports a file and reads its lists from files, as the CLI does', async () => {
    const { page } = playground;
    const before = await updateCount(page);
    await page.setInputFiles('#folder-input', folder);
    await waitForUpdateAfter(page, before);
    expect(await page.locator('#example option:checked').innerText()).toBe('Folder: policy-folder');
    expect(await page.locator('#workspace-note').innerText()).toBe('Opened policy-folder: 5 files');
    expect(await page.locator('#entry').inputValue()).toBe('inbound.score');
    expect(await fileList(page)).toEqual(['inbound.score ▶', 'inbound.test.score', 'lists/', 'competitors.txt', 'freemail.txt', 'shared/', 'fit.score']);
    expect(await page.locator('#file-list button.unread').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-path')))).toEqual(['inbound.test.score']);
    expect(await policyText(page)).toBe(fixture['inbound.score']);
    expect(await page.locator('#stale').isHidden()).toBe(true);
    const cli = cliScores();
    expect(cli.size).toBe(57);
    expect(await tableScores(page, cli.keys())).toEqual(cli);
    // A competitor from lists/competitors.txt.
    expect(cli.get('L57')?.stage).toBe('Blacklisted');
    await playground.screenshot('30-folder-opened');
  });

  test("a rule of the imported file names it in the lead's reasons, and clicking it opens that file at the rule", async () => {
    const { page } = playground;
    await revealLead(page, 'L1');
    await page.locator('#leads tbody tr[data-id="L1"]').click();
    const reason = page.locator('#details .reason[data-file="shared/fit.score"][data-line="6"]');
    expect((await reason.innerText()).replace(/\s+/g, ' ')).toBe(
      '+15 when title contains any word ["CEO", "CTO", "VP", "Head of"] add 15 shared/fit.score line 6 · fit · matched title contains word "CTO"',
    );
    await reason.click();
    expect(await selection(page)).toEqual({ startLineNumber: 6, endLineNumber: 6, text: 'when title contains any word ["CEO", "CTO", "VP", "Head of"] add 15' });
    expect(await page.locator('#file-list button.shown').getAttribute('data-path')).toBe('shared/fit.score');
  });

  test('an error in the imported file is marked in it and on it in the file list; the results go stale', async () => {
    const { page } = playground;
    await typeOver(page, 'when employees between', 'when employes between');
    await expect
      .poll(async () => (await markers(page)).map((marker) => [marker.startLineNumber, marker.message.split('\n')[0]]))
      .toEqual([[7, 'unknown name `employes`: no field is called that']]);
    await expect.poll(() => page.locator('#file-list button[data-path="shared/fit.score"] .file-errors').innerText()).toBe('1');
    await page.waitForSelector('#stale:not([hidden])');
    expect(await page.locator('#stale').innerText()).toContain('1 error (inbound.score and the files it reads)');
    await playground.screenshot('31-folder-error-in-import');
    const before = await updateCount(page);
    await typeOver(page, 'when employes between', 'when employees between');
    await waitForUpdateAfter(page, before);
    expect(await page.locator('#file-list .file-errors').count()).toBe(0);
    expect(await policyText(page)).toBe(fixture['shared/fit.score']);
  });

  test('editing a list file rescores; the change downloads as a zip of the changed files; the edit survives a reload', async () => {
    const { page } = playground;
    await showFile(page, 'lists/competitors.txt');
    // L1 is Anna Becker of nordsoft.de: a competitor now.
    expect(await stageOf(page, 'L1')).toBe('SQL');
    await appendLine(page, 'nordsoft.de\n');
    expect(await stageOf(page, 'L1')).toBe('Blacklisted');
    expect(await fileList(page)).toContain('competitors.txt ●');
    expect(await page.locator('#example option:checked').innerText()).toBe('Folder: policy-folder (edited)');
    expect(await page.locator('#save').innerText()).toBe('Download changes');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#save').click()]);
    expect(download.suggestedFilename()).toBe('policy-folder-changes.zip');
    const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    expect(Object.keys(zip)).toEqual(['lists/competitors.txt']);
    expect(new TextDecoder().decode(zip['lists/competitors.txt'])).toBe(`${fixture['lists/competitors.txt']}nordsoft.de\n`);
    expect(await fileList(page)).toContain('competitors.txt');
    expect(await page.locator('#workspace-note').innerText()).toBe('Downloaded lists/competitors.txt: unzip over the folder to apply');

    const later = await updateCount(page);
    await page.locator('#now').fill('2026-11-24T12:00:00Z');
    await waitForUpdateAfter(page, later);
    await page.reload();
    await waitForUpdateAfter(page, 0);
    expect(await page.locator('#now').inputValue()).toBe('2026-11-24T12:00:00Z');
    expect(await page.locator('#example option:checked').innerText()).toBe('Folder: policy-folder');
    expect(await page.locator('#file-list button.shown').getAttribute('data-path')).toBe('lists/competitors.txt');
    expect(await policyText(page)).toBe(`${fixture['lists/competitors.txt']}nordsoft.de\n`);
    expect(await stageOf(page, 'L1')).toBe('Blacklisted');
    expect(playground.problems).toEqual([]);
  });

  test('the page warns before closing with unsaved edits of the folder', async () => {
    const { page } = playground;
    await appendLine(page, 'pagora.io\n');
    expect(playground.dialogs).toEqual([]);
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => playground.dialogs).toEqual(['beforeunload: ']);
  });
});

/** The part of the File System Access API the tests use (they are typechecked without the DOM library). */
interface DirectoryHandle {
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<DirectoryHandle>;
  getFileHandle(
    name: string,
    options?: { create?: boolean },
  ): Promise<{
    createWritable(): Promise<{ write(text: string): Promise<void>; close(): Promise<void> }>;
    getFile(): Promise<{ text(): Promise<string> }>;
  }>;
}

/** A file in the origin private file system (the File System Access API without a picker), under `policy-folder/`. */
function writeOpfs(page: Page, files: Record<string, string>): Promise<void> {
  return page.evaluate(async (entries) => {
    const storage = (globalThis as unknown as { navigator: { storage: { getDirectory(): Promise<DirectoryHandle> } } }).navigator.storage;
    const root = await (await storage.getDirectory()).getDirectoryHandle('policy-folder', { create: true });
    for (const [path, text] of Object.entries(entries)) {
      const parts = path.split('/');
      let directory = root;
      for (const part of parts.slice(0, -1)) directory = await directory.getDirectoryHandle(part, { create: true });
      const writable = await (await directory.getFileHandle(parts[parts.length - 1]!, { create: true })).createWritable();
      await writable.write(text);
      await writable.close();
    }
  }, files);
}

function readOpfs(page: Page, path: string): Promise<string> {
  return page.evaluate(async (file) => {
    const storage = (globalThis as unknown as { navigator: { storage: { getDirectory(): Promise<DirectoryHandle> } } }).navigator.storage;
    let directory = await (await storage.getDirectory()).getDirectoryHandle('policy-folder');
    const parts = file.split('/');
    for (const part of parts.slice(0, -1)) directory = await directory.getDirectoryHandle(part);
    return (await (await directory.getFileHandle(parts[parts.length - 1]!)).getFile()).text();
  }, path);
}

describe('a policy folder opened with the directory picker (File System Access API)', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await openPlayground();
  });
  afterAll(() => playground?.close());

  test('Save writes the edited file into the folder; a file changed on disk since is not overwritten without asking', async () => {
    const { page } = playground;
    await writeOpfs(page, fixture);
    // The picker answers with the folder in the origin private file system: a real directory handle.
    await page.evaluate(() => {
      const scope = globalThis as unknown as { navigator: { storage: { getDirectory(): Promise<DirectoryHandle> } }; showDirectoryPicker: () => Promise<DirectoryHandle> };
      scope.showDirectoryPicker = async () => (await scope.navigator.storage.getDirectory()).getDirectoryHandle('policy-folder');
    });
    const before = await updateCount(page);
    await page.locator('#open-folder').click();
    await waitForUpdateAfter(page, before);
    expect(await page.locator('#example option:checked').innerText()).toBe('Folder: policy-folder');
    expect(await page.locator('#save').innerText()).toBe('Save');
    expect(await page.locator('#save').isDisabled()).toBe(true);
    expect(await stageOf(page, 'L57')).toBe('Blacklisted');

    await showFile(page, 'lists/competitors.txt');
    await appendLine(page, 'nordsoft.de\n');
    expect(await stageOf(page, 'L1')).toBe('Blacklisted');
    await page.keyboard.press('Control+s');
    await page.locator('#workspace-note', { hasText: 'Saved lists/competitors.txt to policy-folder' }).waitFor();
    const saved = `${fixture['lists/competitors.txt']}nordsoft.de\n`;
    expect(await readOpfs(page, 'lists/competitors.txt')).toBe(saved);
    expect(await page.locator('#save').isDisabled()).toBe(true);
    expect(await fileList(page)).toContain('competitors.txt');

    // Someone else changes the file (a `git pull`): Save asks, and the test's dialogs say no.
    await writeOpfs(page, { 'lists/competitors.txt': 'other.io\n' });
    await appendLine(page, 'pagora.io\n');
    await page.locator('#save').click();
    await page.locator('#workspace-note', { hasText: 'Not saved: the files on disk were left as they are' }).waitFor();
    expect(playground.dialogs).toEqual(['confirm: lists/competitors.txt changed on disk since policy-folder was opened. Overwrite with your version?']);
    expect(await readOpfs(page, 'lists/competitors.txt')).toBe('other.io\n');
    await writeOpfs(page, { 'lists/competitors.txt': saved });
    await page.locator('#save').click();
    await page.locator('#workspace-note', { hasText: 'Saved lists/competitors.txt' }).waitFor();
    expect(await readOpfs(page, 'lists/competitors.txt')).toBe(`${saved}pagora.io\n`);
    await playground.screenshot('32-folder-saved');
  });

  test('after a reload the folder is open again and Save still writes into it', async () => {
    const { page } = playground;
    await page.reload();
    await waitForUpdateAfter(page, 0);
    await expect.poll(() => page.locator('#save').innerText()).toBe('Save');
    expect(await page.locator('#file-list button.shown').getAttribute('data-path')).toBe('lists/competitors.txt');
    await appendLine(page, 'acme.com\n');
    await page.keyboard.press('Control+s');
    await page.locator('#workspace-note', { hasText: 'Saved lists/competitors.txt to policy-folder' }).waitFor();
    expect(await readOpfs(page, 'lists/competitors.txt')).toBe(`${fixture['lists/competitors.txt']}nordsoft.de\npagora.io\nacme.com\n`);
    expect(playground.problems).toEqual([]);
  });
});

describe('sharing a policy of a folder', () => {
  test('the link carries the files the policy reads; opened, it scores the same', async () => {
    const sharing = await openPlayground();
    let hash: string;
    try {
      const { page } = sharing;
      const before = await updateCount(page);
      await page.setInputFiles('#folder-input', folder);
      await waitForUpdateAfter(page, before);
      await page.locator('#share').click();
      await page.locator('#share-note', { hasText: /^Link/ }).waitFor();
      hash = page.url().slice(page.url().indexOf('#'));
    } finally {
      await sharing.close();
    }
    expect(hash).toMatch(/^#policy=[^&]+&path=inbound\.score&files=[^&]+&now=/);
    const opened = await openPlayground(hash);
    try {
      const { page } = opened;
      await waitForUpdateAfter(page, 0);
      expect(await page.locator('#example option:checked').innerText()).toBe('Shared link: inbound.score');
      // The policy and what it reads; not its tests.
      expect(await fileList(page)).toEqual(['inbound.score ▶', 'lists/', 'competitors.txt', 'freemail.txt', 'shared/', 'fit.score']);
      const cli = cliScores();
      expect(await tableScores(page, cli.keys())).toEqual(cli);
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe('opening files', () => {
  test('a zip of the folder (as GitHub makes it) opens as the folder; picking an example asks before discarding edits', async () => {
    const playground = await openPlayground();
    try {
      const { page } = playground;
      const zip = zipSync(Object.fromEntries(fixturePaths.map((path) => [`policies-main/${path}`, strToU8(fixture[path]!)])));
      const before = await updateCount(page);
      await page.setInputFiles('#open-files', { name: 'policies-main.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
      await waitForUpdateAfter(page, before);
      expect(await page.locator('#example option:checked').innerText()).toBe('Folder: policies-main');
      expect(await stageOf(page, 'L57')).toBe('Blacklisted');
      await appendLine(page, '\n# a note\n');
      // The test's dialogs are dismissed: the folder stays open with its edit.
      await page.locator('#example').selectOption('product-led.score');
      await expect.poll(() => playground.dialogs.length).toBe(1);
      expect(playground.dialogs[0]).toBe('confirm: Opening product-led.score discards your unsaved edits of inbound.score in policies-main. Discard them?');
      expect(await page.locator('#example option:checked').innerText()).toBe('Folder: policies-main (edited)');
      expect(await policyText(page)).toContain('# a note');
      expect(playground.problems).toEqual([]);
    } finally {
      await playground.close();
    }
  });

  test('loose files with two policies: "Scoring" picks the one scored; the other is checked when shown', async () => {
    const playground = await openPlayground();
    try {
      const { page } = playground;
      const file = (name: string, text: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
      const before = await updateCount(page);
      await page.setInputFiles('#open-files', [
        file('a.score', 'policy "A"\nwhen title contains word "CTO" add 50\nstage "Top" when score >= 50\nstage "Rest" otherwise\n'),
        file('b.score', 'policy "B"\nwhen titel contains "CEO" add 50\nstage "Top" otherwise\n'),
      ]);
      await waitForUpdateAfter(page, before);
      expect(await page.locator('#example option:checked').innerText()).toBe('Folder: 2 files');
      expect(await page.locator('#entry option').allInnerTexts()).toEqual(['a.score', 'b.score']);
      expect(await stageOf(page, 'L1')).toBe('Top');
      // b.score is not scored, but its error shows when it is in the editor.
      await showFile(page, 'b.score');
      await expect.poll(async () => (await markers(page)).map((marker) => marker.message.split('\n')[0])).toEqual(['unknown name `titel`: no field is called that']);
      await expect.poll(() => page.locator('#file-list button[data-path="b.score"] .file-errors').innerText()).toBe('1');
      expect(await page.locator('#stale').isHidden()).toBe(true);
      // Scored, its error makes the results stale; fixed, everyone is Top.
      await page.locator('#entry').selectOption('b.score');
      await page.waitForSelector('#stale:not([hidden])');
      const fixed = await updateCount(page);
      await typeOver(page, 'titel', 'title');
      await waitForUpdateAfter(page, fixed);
      expect(await stageOf(page, 'L2')).toBe('Top');
      expect(await page.locator('#file-list button.scored').getAttribute('data-path')).toBe('b.score');
      expect(playground.problems).toEqual([]);
    } finally {
      await playground.close();
    }
  });
});
