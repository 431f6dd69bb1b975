import './style.css';
import { monaco } from './monaco.js';
import EngineWorker from './engine.worker.ts?worker';
import { languageConfiguration, languageId, monarchLanguage, toMarkers } from './language.js';
import type { RunRequest, RunResponse, LeadRow } from './protocol.js';
import type { Reason } from '../../runtime/index.js';
import { element, reasonList, stageSummary, tableHead, tableRow } from './view.js';
import sampleLeads from './sample-leads.jsonl?raw';
import { registerEditorServices } from './editor-services.js';
import { hasLeads, offerLeads, restoreSharedState, setupShareButton } from './share-ui.js';
import { LeadsPanel } from './leads-panel.js';

/** The example policies, by file name; the reference policy first. */
const exampleFiles = import.meta.glob<string>(['../../examples/*.score', '!../../examples/*.test.score'], { query: '?raw', import: 'default', eager: true });
const examples = Object.entries(exampleFiles)
  .map(([path, text]) => ({ name: path.slice(path.lastIndexOf('/') + 1), text }))
  .sort((a, b) => Number(b.name === 'b2b-saas.score') - Number(a.name === 'b2b-saas.score') || a.name.localeCompare(b.name));
const defaultNow = '2026-11-23T12:00:00Z';

monaco.languages.register({ id: languageId, extensions: ['.score'] });
monaco.languages.setMonarchTokensProvider(languageId, monarchLanguage());
monaco.languages.setLanguageConfiguration(languageId, languageConfiguration);
monaco.editor.defineTheme('leadscore', {
  base: 'vs',
  inherit: true,
  colors: {},
  rules: [
    { token: 'keyword.soft', foreground: '8250df' },
    { token: 'type.section', foreground: '953800', fontStyle: 'bold' },
    { token: 'string.invalid', foreground: 'cf222e', fontStyle: 'underline' },
    { token: 'number.invalid', foreground: 'cf222e', fontStyle: 'underline' },
  ],
});

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const nowInput = byId<HTMLInputElement>('now');
const nowError = byId('now-error');
const status = byId('status');
const staleBanner = byId('stale');
const summary = byId('summary');
const table = byId<HTMLTableElement>('leads');
const details = byId('details');
const exampleSelect = byId<HTMLSelectElement>('example');

nowInput.value = defaultNow;
for (const example of examples) exampleSelect.append(element('option', { value: example.name }, example.name));

const model = monaco.editor.createModel(examples[0]?.text ?? '', languageId, monaco.Uri.parse('inmemory://policy.score'));
// Editor side: a shared link's policy and now, completion/hover/definition/format, the Share button.
const shared = restoreSharedState(model, nowInput);
const includeLeads = byId<HTMLInputElement>('share-leads');
registerEditorServices((message) => {
  status.textContent = message;
});
setupShareButton(byId<HTMLButtonElement>('share'), byId('share-note'), model, nowInput, includeLeads, {
  current: () => leadsPanel.current(),
  load: (file, edits) => leadsPanel.load(file, true, edits),
});
const editor = monaco.editor.create(byId('editor'), {
  model,
  theme: 'leadscore',
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  tabSize: 2,
  insertSpaces: true,
  scrollBeyondLastLine: false,
  renderWhitespace: 'boundary',
  // The standalone editor's default is 'advanced', which ignores the language's indentation rules.
  autoIndent: 'full',
});

// --- the engine worker: one request at a time, only the newest waits ---
const worker = new EngineWorker();
let nextId = 1;
let busy = false;
let pending: RunRequest | undefined;
const leadsPanel = new LeadsPanel({
  before: summary,
  sample: { name: 'sample leads', format: 'jsonl', text: sampleLeads },
  run: () => request(),
  changed: (shareable) => offerLeads(includeLeads, shareable),
});
/** When the text last changed, to measure keystroke → updated table. */
let changedAt = performance.now();
const sentAt = new Map<number, number>();

function request(): void {
  const message: RunRequest = { type: 'run', id: nextId++, files: { reset: true, set: { 'policy.score': model.getValue() } }, entry: 'policy.score', now: nowInput.value.trim() };
  leadsPanel.fill(message);
  sentAt.set(message.id, changedAt);
  if (busy) {
    if (pending) leadsPanel.carryOver(pending, message);
    pending = message;
    return;
  }
  busy = true;
  worker.postMessage(message);
}

/**
 * A change goes to the worker at once when it is idle; while it works, only the
 * newest text waits (see `request`). So there is no fixed debounce: typing fast
 * coalesces into as many runs as the worker can do, and a single edit is not delayed.
 */
function schedule(): void {
  changedAt = performance.now();
  status.textContent = 'checking…';
  request();
}

// --- state shown on the page ---
let rows: LeadRow[] = [];
let sections: string[] = [];
let selectedId: string | undefined;
let stale = false;

function showReason(reason: Reason): void {
  if (reason.line < 1 || reason.line > model.getLineCount()) return;
  const first = model.getLineFirstNonWhitespaceColumn(reason.line) || 1;
  const selection = new monaco.Selection(reason.line, first, reason.line, model.getLineMaxColumn(reason.line));
  editor.setSelection(selection);
  editor.revealLineInCenterIfOutsideViewport(reason.line);
  editor.focus();
}

function renderDetails(): void {
  const row = rows.find((candidate) => candidate.id === selectedId);
  details.hidden = row === undefined;
  details.replaceChildren(...(row ? [reasonList(row, showReason), leadsPanel.leadEditor(row)] : []));
}

const afterPaint = (work: () => void) => requestAnimationFrame(() => setTimeout(work, 0));

// --- the table is virtual: only the rows in and just around the viewport are in the DOM ---
/** Every row is this tall (style.css: `#leads tbody tr`), so a row's place is its index times this. */
const rowHeight = 40;
/** Rows drawn above and below the viewport, so a short scroll shows rows already there. */
const overscan = 10;
const tableWrap = table.closest<HTMLElement>('.table-wrap')!;
/** Its top and bottom padding stand in for the rows not drawn, so the scrollbar is right. */
const tableSpace = table.parentElement!;
let drawn = { from: 0, to: 0, rows: [] as LeadRow[] };

function rowElement(row: LeadRow, index: number): HTMLTableRowElement {
  const tr = tableRow(row, index + 1, sections, row.id === selectedId);
  tr.setAttribute('aria-rowindex', String(index + 2));
  const select = () => {
    selectedId = row.id;
    for (const other of table.tBodies[0]!.rows) other.classList.toggle('selected', other === tr);
    renderDetails();
  };
  tr.addEventListener('click', select);
  tr.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select();
    }
  });
  return tr;
}

/** Draws the rows in view (again only if they changed, or `force`). */
function drawRows(force: boolean): void {
  const top = Math.max(0, tableWrap.scrollTop - (table.tHead?.offsetHeight ?? 0));
  const from = Math.max(0, Math.min(Math.floor(top / rowHeight), rows.length) - overscan);
  const to = Math.min(rows.length, Math.floor(top / rowHeight) + Math.ceil(tableWrap.clientHeight / rowHeight) + overscan);
  if (!force && drawn.rows === rows && drawn.from === from && drawn.to === to) return;
  drawn = { from, to, rows };
  tableSpace.style.paddingTop = `${from * rowHeight}px`;
  tableSpace.style.paddingBottom = `${(rows.length - to) * rowHeight}px`;
  table.setAttribute('aria-rowcount', String(rows.length + 1));
  table.tBodies[0]!.replaceChildren(...rows.slice(from, to).map((row, index) => rowElement(row, from + index)));
}

let scrollFrame = 0;
tableWrap.addEventListener('scroll', () => {
  if (scrollFrame === 0)
    scrollFrame = requestAnimationFrame(() => {
      scrollFrame = 0;
      drawRows(false);
    });
});
window.addEventListener('resize', () => drawRows(false));

/** Scrolls the table to a lead (its row is drawn at once); false when no row has that id. */
function revealLead(id: string): boolean {
  const index = rows.findIndex((row) => row.id === id);
  if (index < 0) return false;
  const head = table.tHead?.offsetHeight ?? 0;
  const rowTop = head + index * rowHeight;
  if (rowTop < tableWrap.scrollTop || rowTop + rowHeight > tableWrap.scrollTop + tableWrap.clientHeight) {
    tableWrap.scrollTop = rowTop - head;
  }
  drawRows(false);
  return true;
}

function renderTable(): void {
  table.tHead!.replaceChildren(tableHead(sections));
  drawRows(true);
  summary.replaceChildren(stageSummary(rows));
  renderDetails();
}

function setStale(value: boolean, why = ''): void {
  stale = value;
  document.body.classList.toggle('is-stale', stale);
  staleBanner.hidden = !stale;
  staleBanner.textContent = why;
}

const updates = { count: 0, lastMs: 0, lastWorkMs: 0, lastRenderMs: 0, lastPaintedMs: 0 };

function apply(response: RunResponse): void {
  monaco.editor.setModelMarkers(model, 'leadscore', toMarkers(response.diagnostics));
  leadsPanel.answer(response);
  const errors = response.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = response.diagnostics.length - errors;
  nowError.textContent = response.nowError ?? '';
  if (!response.ok || !response.rows) {
    const why = response.ok
      ? 'Showing the last results: `now` is not a valid time.'
      : `The policy has ${errors} error${errors === 1 ? '' : 's'}: showing the results of the last version that compiled.`;
    setStale(true, why);
    status.textContent = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    status.className = 'status has-errors';
    return;
  }
  rows = response.rows;
  sections = response.sections ?? [];
  setStale(false);
  const renderStarted = performance.now();
  renderTable();
  leadsPanel.update(rows);
  updates.lastRenderMs = performance.now() - renderStarted;
  const elapsed = performance.now() - (sentAt.get(response.id) ?? performance.now());
  updates.count++;
  updates.lastMs = elapsed;
  updates.lastWorkMs = response.timings.compileMs + response.timings.scoreMs;
  status.textContent = `${warnings} warning${warnings === 1 ? '' : 's'} · ${rows.length} leads scored in ${updates.lastWorkMs.toFixed(1)} ms`;
  status.className = warnings > 0 ? 'status has-warnings' : 'status ok';
  // Keystroke → the new results painted (the frame after they were drawn).
  const changed = sentAt.get(response.id) ?? performance.now();
  afterPaint(() => (updates.lastPaintedMs = performance.now() - changed));
  // Told (to the browser tests) only when the table shows the text as it is now, with no newer request waiting.
  if (pending === undefined) document.body.dataset['updates'] = String(updates.count);
}

worker.onmessage = (event: MessageEvent<RunResponse>) => {
  apply(event.data);
  sentAt.delete(event.data.id);
  busy = false;
  if (pending) {
    const next = pending;
    pending = undefined;
    busy = true;
    worker.postMessage(next);
  }
};
worker.onerror = (event) => {
  status.textContent = `the engine stopped: ${event.message}`;
  status.className = 'status has-errors';
};

model.onDidChangeContent(schedule);
nowInput.addEventListener('input', schedule);
exampleSelect.addEventListener('change', () => {
  const example = examples.find((candidate) => candidate.name === exampleSelect.value);
  if (example) model.setValue(example.text);
});

// A shared link's leads go with the first request.
if (shared && hasLeads(shared)) leadsPanel.load(shared.leads, false, shared.edits);
request();

/** For the browser tests and the curious: the editor, and how long the last update took. */
Object.assign(window, { leadscorePlayground: { monaco, editor, model, updates, revealLead } });
