/**
 * The header's workspace controls: the Example menu (which also names what is open: the
 * example, the folder, or a shared link), Open folder…, Open files or zip…, and Save (or
 * Download, where the folder cannot be written to). Ctrl+S (⌘S) saves too.
 */
import { readChosenFiles, readDirectory, type ReadFolder } from './folder-read.js';
import { element } from './view.js';
import { Workspace } from './workspace.js';
import type { WorkspaceSession } from './workspace-session.js';

export interface Example {
  name: string;
  text: string;
}

export interface WorkspaceMenuElements {
  select: HTMLSelectElement;
  openFolder: HTMLButtonElement;
  /** `<input type=file webkitdirectory>`: where the browser has no `showDirectoryPicker`. */
  folderInput: HTMLInputElement;
  /** `<input type=file multiple>`: several files, or a zip. */
  filesInput: HTMLInputElement;
  save: HTMLButtonElement;
}

/** The part of the File System Access API that TypeScript's DOM library does not have yet. */
type DirectoryPicker = (options?: { mode?: 'read' | 'readwrite'; id?: string }) => Promise<FileSystemDirectoryHandle>;

export const exampleWorkspace = (example: Example) => new Workspace({ kind: 'example', name: example.name }, [{ path: example.name, text: example.text }]);

export class WorkspaceMenu {
  constructor(
    private readonly elements: WorkspaceMenuElements,
    private readonly examples: readonly Example[],
    private readonly session: WorkspaceSession,
    private readonly note: (message: string, warning?: boolean) => void,
  ) {
    elements.select.addEventListener('change', () => this.openExample(elements.select.value));
    elements.openFolder.addEventListener('click', () => void this.pickFolder());
    elements.folderInput.addEventListener('change', () => void this.readInput(elements.folderInput));
    elements.filesInput.addEventListener('change', () => void this.readInput(elements.filesInput));
    elements.save.addEventListener('click', () => void this.session.save());
    window.addEventListener(
      'keydown',
      (event) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
          // Never the browser's "Save page as".
          event.preventDefault();
          if (!elements.save.disabled) void this.session.save();
        }
      },
      { capture: true },
    );
  }

  /** Shows what is open in the menu, and what Save will do. */
  render(): void {
    const { select, save } = this.elements;
    const workspace = this.session.workspace;
    const edited = workspace.wouldLoseEdits() ? ' (edited)' : '';
    const options: HTMLOptionElement[] = [];
    if (workspace.origin.kind === 'folder') options.push(element('option', { value: '' }, `Folder: ${workspace.name}${edited}`));
    if (workspace.origin.kind === 'link') options.push(element('option', { value: '' }, `Shared link: ${workspace.name}${edited}`));
    for (const example of this.examples)
      options.push(element('option', { value: example.name }, example.name + (workspace.origin.kind === 'example' && workspace.name === example.name ? edited : '')));
    select.replaceChildren(...options);
    select.value = workspace.origin.kind === 'example' ? workspace.name : '';
    select.title = workspace.origin.kind === 'example' ? 'The example in the editor; pick another' : `${workspace.name} is open; pick an example to open it instead`;
    if (workspace.origin.kind === 'folder' && this.session.writable) {
      save.textContent = 'Save';
      save.title = `Write the edited files into ${workspace.name} (Ctrl+S)`;
      save.disabled = workspace.unsaved().length === 0;
    } else if (workspace.origin.kind === 'folder') {
      save.textContent = 'Download changes';
      save.title = `A zip of the files changed since ${workspace.name} was opened, with their paths, to unzip over the folder (Ctrl+S)`;
      save.disabled = workspace.changed().length === 0;
    } else {
      save.textContent = 'Download';
      save.title = workspace.files().length === 1 ? 'Download the policy as a file (Ctrl+S)' : 'Download the files as a zip (Ctrl+S)';
      save.disabled = false;
    }
  }

  private openExample(name: string): void {
    const example = this.examples.find((candidate) => candidate.name === name);
    if (example && this.session.mayDiscard(`Opening ${name}`)) this.session.open(exampleWorkspace(example));
    else this.render();
  }

  private async pickFolder(): Promise<void> {
    const picker = (window as unknown as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
    if (!picker) {
      this.elements.folderInput.click();
      return;
    }
    let handle: FileSystemDirectoryHandle;
    try {
      handle = await picker({ mode: 'readwrite', id: 'leadscore-policies' });
    } catch (error) {
      // Cancelled: nothing to say.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.note(`Cannot open the folder: ${error instanceof Error ? error.message : String(error)}`, true);
      return;
    }
    try {
      this.open(await readDirectory(handle), handle);
    } catch (error) {
      this.note(`Cannot read ${handle.name}: ${error instanceof Error ? error.message : String(error)}`, true);
    }
  }

  private async readInput(input: HTMLInputElement): Promise<void> {
    const chosen = [...(input.files ?? [])];
    input.value = '';
    if (chosen.length === 0) return;
    try {
      this.open(await readChosenFiles(chosen));
    } catch (error) {
      this.note(`Cannot read the files: ${error instanceof Error ? error.message : String(error)}`, true);
    }
  }

  private open(read: ReadFolder, handle?: FileSystemDirectoryHandle): void {
    if (read.files.length === 0) {
      this.note(`No text files in ${read.name}${read.skipped.length > 0 ? ` (left out: ${read.skipped.join(', ')})` : ''}`, true);
      return;
    }
    if (!this.session.mayDiscard(`Opening ${read.name}`)) return;
    this.session.open(new Workspace({ kind: 'folder', name: read.name, writable: handle !== undefined }, read.files), handle ? { handle } : {});
    const skipped = read.skipped.length > 0 ? `; left out: ${read.skipped.slice(0, 5).join(', ')}${read.skipped.length > 5 ? ` and ${read.skipped.length - 5} more` : ''}` : '';
    this.note(`Opened ${read.name}: ${read.files.length} file${read.files.length === 1 ? '' : 's'}${skipped}`, skipped !== '');
  }
}
