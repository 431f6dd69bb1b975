/**
 * The playground page: wires the editor, the open files, the engine worker, the results and
 * the leads together. Each part lives in a module of its own; this file only connects them.
 */
import './style.css';
import { monaco } from './monaco.js';
import { Documents } from './documents.js';
import { EngineClient } from './engine-client.js';
import { registerEditorServices } from './editor-services.js';
import { FilePanel } from './file-panel.js';
import { keptHandle } from './handle-store.js';
import { historyNow } from './history-sample.js';
import { LeadsPanel } from './leads-panel.js';
import { loadSession } from './persist.js';
import { registerLanguage } from './register-language.js';
import { ResultsView } from './results-view.js';
import sampleLeads from './sample-leads.jsonl?raw';
import { readShareHash } from './share.js';
import { hasLeads, linkWorkspace, offerLeads, setupShareButton } from './share-ui.js';
import { StatusView } from './status-view.js';
import { exampleWorkspace, WorkspaceMenu, type Example } from './workspace-menu.js';
import { WorkspaceSession } from './workspace-session.js';

/** The example policies, by file name; the reference policy first. */
const exampleFiles = import.meta.glob<string>(['../../examples/*.score', '!../../examples/*.test.score'], { query: '?raw', import: 'default', eager: true });
const examples: Example[] = Object.entries(exampleFiles)
  .map(([path, text]) => ({ name: path.slice(path.lastIndexOf('/') + 1), text }))
  .sort((a, b) => Number(b.name === 'b2b-saas.score') - Number(a.name === 'b2b-saas.score') || a.name.localeCompare(b.name));
const defaultNow = '2026-11-23T12:00:00Z';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const nowInput = byId<HTMLInputElement>('now');
const workspaceNote = byId('workspace-note');
const status = new StatusView(byId('status'), byId('stale'), byId('now-error'));

function note(message: string, warning = false): void {
  workspaceNote.textContent = message;
  workspaceNote.title = message;
  workspaceNote.classList.toggle('share-warning', warning);
}

registerLanguage();
const editor = monaco.editor.create(byId('editor'), {
  model: null,
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
// Completion, hover, go to definition and Format Document, in a worker of their own.
registerEditorServices((message) => status.say(message));

// --- the open files: the editor's models, the file panel, local storage ---
let changedAt = performance.now();
const documents = new Documents(editor, (path, text) => {
  changedAt = performance.now();
  session.edited(path, text);
  status.checking();
  engine.request(changedAt);
});
const panel = new FilePanel({ show: (path) => session.show(path), pickEntry: (path) => session.pickEntry(path) });
byId('editor').before(panel.element);
const session = new WorkspaceSession(exampleWorkspace(examples[0]!), {
  documents,
  panel,
  now: () => nowInput.value.trim(),
  run: () => engine.request(),
  changed: () => menu.render(),
  opened: () => leadsPanel.resetBaseline(),
  note,
  confirm: (question) => window.confirm(question),
});
const menu = new WorkspaceMenu(
  {
    select: byId('example'),
    openFolder: byId('open-folder'),
    folderInput: byId('folder-input'),
    filesInput: byId('open-files'),
    save: byId('save'),
  },
  examples,
  session,
  note,
);

// --- the engine worker, the results and the leads ---
const updates = { count: 0, lastMs: 0, lastWorkMs: 0, lastRenderMs: 0, lastPaintedMs: 0 };
const afterPaint = (work: () => void) => requestAnimationFrame(() => setTimeout(work, 0));
const includeLeads = byId<HTMLInputElement>('share-leads');
const leadsPanel: LeadsPanel = new LeadsPanel({
  before: byId('summary'),
  sample: { name: 'sample leads', format: 'jsonl', text: sampleLeads },
  run: () => engine.request(),
  changed: (shareable) => offerLeads(includeLeads, shareable),
  // The sample leads are dated for their fixed `now`, the history sample for its cut; a user's own leads are scored as of this minute.
  chosen: (leads) => {
    nowInput.value = leads === 'own' ? new Date().toISOString().replace(/:\d{2}\.\d{3}Z$/, ':00Z') : leads === 'history' ? historyNow : defaultNow;
  },
  // A CRM's names for the fields, read by the policy scored: its first line imports the mapping (an edit, undoable).
  useMapping: (name) => {
    const model = documents.model(session.entry ?? session.workspace.shown);
    if (!model || model.getValue().includes(`"leadscore:${name}"`)) return;
    model.pushEditOperations([], [{ range: new monaco.Range(1, 1, 1, 1), text: `import "leadscore:${name}"\n` }], () => null);
  },
});
const results = new ResultsView({
  table: byId('leads'),
  summary: byId('summary'),
  details: byId('details'),
  below: (row) => leadsPanel.leadEditor(row),
  // A rule of an imported file opens that file.
  showReason: (reason) => session.reveal(reason.file ?? session.entry ?? '', reason.line),
});
const engine: EngineClient = new EngineClient({
  fill: (message) => {
    message.now = nowInput.value.trim();
    session.fill(message);
    leadsPanel.fill(message);
  },
  carryOver: (waiting, message) => {
    session.carryOver(waiting, message);
    leadsPanel.carryOver(waiting, message);
  },
  answer: (response, { sentAt }) => {
    session.answered(response);
    leadsPanel.answer(response);
    const workMs = response.timings.compileMs + response.timings.scoreMs;
    if (!status.answer(response, workMs) || !response.rows) return;
    const renderStarted = performance.now();
    results.show(response.rows, response.sections ?? []);
    leadsPanel.update(response.rows);
    Object.assign(updates, { lastRenderMs: performance.now() - renderStarted, lastMs: performance.now() - sentAt, lastWorkMs: workMs, count: updates.count + 1 });
    // Change → the new results painted (the frame after they were drawn).
    afterPaint(() => (updates.lastPaintedMs = performance.now() - sentAt));
    // Told (to the browser tests) only when the table shows the files as they are now, with no newer request on its way.
    if (!engine.waiting) document.body.dataset['updates'] = String(updates.count);
  },
  failed: (message) => status.failed(message),
});

nowInput.addEventListener('input', () => {
  changedAt = performance.now();
  status.checking();
  session.persistSoon();
  engine.request(changedAt);
});

// --- sharing: a link opens as a workspace of its own ---
function openLink(hash: string): boolean {
  const shared = readShareHash(hash);
  if (!shared || !session.mayDiscard('Opening the shared link')) return false;
  session.open(linkWorkspace(shared), { link: hash });
  return true;
}
setupShareButton(
  byId<HTMLButtonElement>('share'),
  byId('share-note'),
  nowInput,
  includeLeads,
  {
    current: () => {
      const entry = session.entry ?? session.workspace.shown;
      const text = (path: string) => session.workspace.get(path)?.text ?? '';
      const files = Object.fromEntries(session.read.filter((path) => path !== entry).map((path) => [path, text(path)]));
      return { policy: text(entry), path: entry, files };
    },
    open: (_shared, hash) => openLink(hash),
  },
  { current: () => leadsPanel.current(), load: (file, edits) => leadsPanel.load(file, true, edits) },
  (hash) => session.shared(hash),
);

// --- start: a shared link (once), else what was open before the reload, else the reference policy ---
const stored = loadSession(localStorage);
const shared = readShareHash(location.hash);
nowInput.value = stored?.now ?? defaultNow;
if (
  shared &&
  stored?.link !== location.hash &&
  (stored === undefined || !stored.workspace.wouldLoseEdits() || window.confirm('Opening the shared link discards your unsaved edits. Discard them?'))
) {
  nowInput.value = shared.now ?? nowInput.value;
  // A shared link's leads go with the first request.
  if (hasLeads(shared)) leadsPanel.load(shared.leads, false, shared.edits);
  session.open(linkWorkspace(shared), { link: location.hash });
} else if (stored) {
  session.open(stored.workspace, { restored: true, ...(stored.link !== undefined ? { link: stored.link } : {}) });
  if (stored.workspace.origin.kind === 'folder' && stored.workspace.origin.writable) void keptHandle().then((handle) => session.restoreHandle(handle));
} else {
  session.open(exampleWorkspace(examples[0]!));
}
editor.focus();

/** For the browser tests and the curious: the editor, the model shown, and how long the last update took. */
Object.assign(window, {
  leadscorePlayground: {
    monaco,
    editor,
    get model() {
      return editor.getModel();
    },
    updates,
    revealLead: (id: string) => results.revealLead(id),
  },
});
