/** Driving the playground's Monaco editor and reading its state, as a user would see it. */
import type { Page } from 'playwright-core';

interface MarkerView {
  severity: number;
  message: string;
  startLineNumber: number;
}

interface PlaygroundWindow {
  leadscorePlayground: {
    editor: {
      getSelection(): { startLineNumber: number; endLineNumber: number } | null;
      setSelection(range: unknown): void;
      focus(): void;
    };
    model: {
      getValue(): string;
      setValue(text: string): void;
      uri: unknown;
      findMatches(search: string, all: boolean, regex: boolean, matchCase: boolean, separators: null, capture: boolean): Array<{ range: unknown }>;
      getValueInRange(range: unknown): string;
    };
    monaco: {
      editor: {
        getModelMarkers(filter: { resource: unknown }): MarkerView[];
        tokenize(text: string, language: string): Array<Array<{ offset: number; type: string }>>;
      };
    };
  };
}

/** The part of the page's globals the tests read; the tests are typechecked without the DOM library. */
interface PageGlobals {
  document: { body: { dataset: Record<string, string | undefined> } };
}

/** How many times the table has been redrawn from a new result. */
export function updateCount(page: Page): Promise<number> {
  return page.evaluate(() => Number((globalThis as unknown as PageGlobals).document.body.dataset['updates'] ?? 0));
}

export async function waitForUpdateAfter(page: Page, count: number): Promise<void> {
  await page.waitForFunction((before) => Number((globalThis as unknown as PageGlobals).document.body.dataset['updates'] ?? 0) > before, count);
}

/** Selects the first occurrence of `search` in the policy and types `replacement` over it, key by key. */
export async function typeOver(page: Page, search: string, replacement: string): Promise<void> {
  const found = await page.evaluate((text) => {
    const { editor, model } = (globalThis as unknown as PlaygroundWindow).leadscorePlayground;
    const match = model.findMatches(text, false, false, true, null, false)[0];
    if (!match) return false;
    editor.setSelection(match.range);
    editor.focus();
    return true;
  }, search);
  if (!found) throw new Error(`the policy does not contain ${search}`);
  await page.keyboard.type(replacement);
}

export function setPolicy(page: Page, text: string): Promise<void> {
  return page.evaluate((value) => (globalThis as unknown as PlaygroundWindow).leadscorePlayground.model.setValue(value), text);
}

export function policyText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as PlaygroundWindow).leadscorePlayground.model.getValue());
}

export function markers(page: Page): Promise<MarkerView[]> {
  return page.evaluate(() => {
    const { monaco, model } = (globalThis as unknown as PlaygroundWindow).leadscorePlayground;
    return monaco.editor.getModelMarkers({ resource: model.uri }).map(({ severity, message, startLineNumber }) => ({ severity, message, startLineNumber }));
  });
}

export function selection(page: Page): Promise<{ startLineNumber: number; endLineNumber: number; text: string } | null> {
  return page.evaluate(() => {
    const { editor, model } = (globalThis as unknown as PlaygroundWindow).leadscorePlayground;
    const range = editor.getSelection();
    return range && { startLineNumber: range.startLineNumber, endLineNumber: range.endLineNumber, text: model.getValueInRange(range) };
  });
}

export function tokenize(page: Page, text: string): Promise<Array<{ text: string; type: string }>> {
  return page.evaluate((line) => {
    const { monaco } = (globalThis as unknown as PlaygroundWindow).leadscorePlayground;
    const tokens = monaco.editor.tokenize(line, 'leadscore')[0] ?? [];
    return tokens.map((token, index) => ({ text: line.slice(token.offset, tokens[index + 1]?.offset ?? line.length), type: token.type }));
  }, text);
}

/** Scrolls the (virtual) table to a lead, so its row is drawn; fails when no lead has that id. */
export async function revealLead(page: Page, id: string): Promise<void> {
  const found = await page.evaluate((lead) => (globalThis as unknown as { leadscorePlayground: { revealLead(id: string): boolean } }).leadscorePlayground.revealLead(lead), id);
  if (!found) throw new Error(`no lead ${id} in the table`);
}

/** How many leads the table has: only the rows in view are drawn, `aria-rowcount` counts them all (and the header row). */
export async function rowCount(page: Page): Promise<number> {
  return Number(await page.locator('#leads').getAttribute('aria-rowcount')) - 1;
}

/** The text of a lead's stage badge in the table (scrolled into view first). */
export async function stageOf(page: Page, id: string): Promise<string> {
  await revealLead(page, id);
  return page.locator(`#leads tbody tr[data-id="${id}"] td.stage`).innerText();
}

/**
 * Waits until Monaco has tokenized the lines above the last one. Enter's indentation rules and
 * closing brackets are applied only on lines whose lines above are tokenized, which Monaco does
 * when the page is idle: a person never outruns it, a test typing at full speed on a busy machine
 * can (`tokenization` is Monaco's internal model part; the test fails loudly if it goes away).
 */
export async function waitForTokens(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const { model } = (globalThis as unknown as { leadscorePlayground: { model: { getLineCount(): number; tokenization: { isCheapToTokenize(line: number): boolean } } } })
      .leadscorePlayground;
    return model.tokenization.isCheapToTokenize(model.getLineCount());
  });
}
