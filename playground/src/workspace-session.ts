/**
 * The open workspace on the page: its files in the editor (one model each) and in the file
 * panel, what the engine is told about them, their diagnostics, saving them, and keeping them
 * in local storage across reloads (with a warning before unsaved edits of a folder are lost).
 */
import type { Diagnostic } from '../../language/index.js';
import type { Documents } from './documents.js';
import { mergeFileChanges, UnsentChanges } from './file-changes.js';
import type { FilePanel } from './file-panel.js';
import { keepHandle } from './handle-store.js';
import { SessionKeeper } from './persist.js';
import type { RunRequest, RunResponse } from './protocol.js';
import type { Workspace } from './workspace.js';
import { downloadWorkspace, saveToFolder } from './workspace-save.js';

export interface WorkspaceSessionOptions {
  documents: Documents;
  panel: FilePanel;
  /** The `now` the leads are scored at, kept with the files. */
  now(): string;
  /** Asks the engine for new results. */
  run(): void;
  /** Something changed that the menus show: the workspace, its name, its unsaved edits. */
  changed(): void;
  /** Another workspace was opened. */
  opened(): void;
  /** Tells the user what happened (saved, downloaded, could not keep the edits…). */
  note(message: string, warning?: boolean): void;
  /** Asks the user a yes/no question. */
  confirm(question: string): boolean;
}

export class WorkspaceSession {
  private current: Workspace;
  private handle: FileSystemDirectoryHandle | undefined;
  /** The share link the workspace was opened from, if any (see persist.ts). */
  private link: string | undefined;
  private readonly unsent = new UnsentChanges();
  private answer: Pick<RunResponse, 'entry' | 'policies' | 'read' | 'diagnostics' | 'shownDiagnostics'> = { policies: [], read: [], diagnostics: [] };
  private readonly keeper: SessionKeeper;

  constructor(
    workspace: Workspace,
    private readonly options: WorkspaceSessionOptions,
  ) {
    this.current = workspace;
    this.keeper = new SessionKeeper(
      localStorage,
      () => ({ workspace: this.current, now: options.now(), ...(this.link !== undefined ? { link: this.link } : {}) }),
      (reason) => options.note(`Your edits cannot be kept across reloads here (${reason}): save or download them`, true),
    );
    window.addEventListener('pagehide', () => this.keeper.now());
    window.addEventListener('beforeunload', (event) => {
      this.keeper.now();
      // Unsaved edits of a folder are not in the folder yet; edits that could not be stored would be lost.
      if (this.hasUnsavedFolderEdits() || (this.keeper.failed && this.current.wouldLoseEdits())) event.preventDefault();
    });
  }

  get workspace(): Workspace {
    return this.current;
  }

  get writable(): boolean {
    return this.handle !== undefined;
  }

  /** The policy scored (the user's pick, or the engine's choice). */
  get entry(): string | undefined {
    return this.answer.entry ?? this.current.entry;
  }

  /** The files the scored policy reads (itself included), as the engine last said. */
  get read(): readonly string[] {
    return this.answer.read;
  }

  hasUnsavedFolderEdits(): boolean {
    return this.current.origin.kind === 'folder' && this.current.unsaved().length > 0;
  }

  /**
   * Opens a workspace in place of the current one; the caller asks about losing edits first
   * (`mayDiscard`). `restored`: the workspace of before a reload, whose directory handle is kept (`restoreHandle`).
   */
  open(workspace: Workspace, options: { handle?: FileSystemDirectoryHandle; link?: string; restored?: boolean } = {}): void {
    this.current = workspace;
    this.handle = options.handle;
    this.link = options.link;
    this.answer = { policies: [], read: [], diagnostics: [] };
    if (!options.restored) void keepHandle(options.handle);
    // Another link left in the address bar would open again on reload, over this workspace.
    if (location.hash !== '' && location.hash !== options.link) history.replaceState(null, '', location.pathname + location.search);
    this.options.documents.open(workspace.files());
    this.unsent.reset(workspace.files());
    this.options.documents.show(workspace.shown);
    this.keeper.now();
    this.render();
    this.options.opened();
    this.options.changed();
    this.options.run();
  }

  /** Restores the directory handle of a workspace restored from local storage. */
  restoreHandle(handle: FileSystemDirectoryHandle | undefined): void {
    if (this.current.origin.kind === 'folder' && this.current.origin.writable && handle?.name === this.current.name) this.handle = handle;
    this.options.changed();
  }

  /** Whether the current workspace may be replaced: nothing to lose, or the user says so. */
  mayDiscard(what: string): boolean {
    if (!this.current.wouldLoseEdits()) return true;
    const names = this.current
      .unsaved()
      .map((file) => file.path)
      .join(', ');
    return this.options.confirm(`${what} discards your unsaved edits of ${names}${this.current.origin.kind === 'folder' ? ` in ${this.current.name}` : ''}. Discard them?`);
  }

  /** A file was edited in the editor. */
  edited(path: string, text: string): void {
    const file = this.current.get(path);
    if (!file) return;
    const wasUnsaved = file.text !== file.saved;
    const wouldLose = this.current.wouldLoseEdits();
    this.current.edit(path, text);
    this.unsent.set(path, text);
    this.keeper.soon();
    // Redrawn only when what they show changes, not on every keystroke.
    if (wasUnsaved !== (file.text !== file.saved)) this.render();
    if (wouldLose !== this.current.wouldLoseEdits()) this.options.changed();
  }

  show(path: string): void {
    if (!this.current.get(path) || path === this.current.shown) return;
    this.current.shown = path;
    this.options.documents.show(path);
    this.keeper.soon();
    this.render();
    // The engine checks the file shown even when the scored policy does not read it.
    this.options.run();
  }

  /** Shows a file with a line selected (the rule a reason names). */
  reveal(path: string, line: number): void {
    this.show(path);
    this.options.documents.selectLine(path, line);
  }

  pickEntry(path: string): void {
    this.current.entry = path;
    this.keeper.soon();
    this.options.run();
  }

  /** The link to keep with the workspace after Share put it in the address bar. */
  shared(link: string): void {
    this.link = link;
    this.keeper.soon();
  }

  fill(message: RunRequest): void {
    const files = this.unsent.take();
    if (files) message.files = files;
    if (this.current.entry !== undefined) message.entry = this.current.entry;
    message.shown = this.current.shown;
  }

  carryOver(waiting: RunRequest, message: RunRequest): void {
    const files = mergeFileChanges(waiting.files, message.files);
    if (files) message.files = files;
  }

  /** Every answer of the engine: which policy it scored, what it read, the diagnostics of each file. */
  answered(response: RunResponse): void {
    this.answer = response;
    this.options.documents.setDiagnostics(this.diagnosticsByFile());
    this.render();
  }

  private diagnosticsByFile(): Map<string, Diagnostic[]> {
    const byFile = new Map<string, Diagnostic[]>();
    for (const diagnostic of [...this.answer.diagnostics, ...(this.answer.shownDiagnostics ?? [])]) {
      const file = diagnostic.range.file ?? this.answer.entry ?? '';
      byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
    }
    return byFile;
  }

  private render(): void {
    this.options.panel.render({
      files: this.current.files().map((file) => ({ path: file.path, unsaved: file.text !== file.saved })),
      shown: this.current.shown,
      entry: this.entry,
      policies: this.answer.policies,
      read: new Set(this.answer.read),
      diagnostics: this.diagnosticsByFile(),
    });
  }

  /** Saves the edits into the folder when it was opened with a directory handle, otherwise downloads them. */
  async save(): Promise<void> {
    const saved =
      this.handle && this.current.origin.kind === 'folder' ? await saveToFolder(this.current, this.handle, this.options) : downloadWorkspace(this.current, this.options);
    if (!saved) return;
    this.keeper.now();
    this.render();
    this.options.changed();
  }

  /** Writes the session to local storage soon (while typing). */
  persistSoon(): void {
    this.keeper.soon();
  }
}
