/**
 * The open folder's files beside the editor: a tree by folder, the file shown, which policy is
 * scored (and the menu to pick another), which files it reads, each file's errors and warnings,
 * and unsaved edits. Hidden while only one file is open (an example).
 */
import type { Diagnostic } from '../../language/index.js';
import { basename, dirname } from './paths.js';
import { element } from './view.js';

export interface FileState {
  path: string;
  unsaved: boolean;
}

export interface FilePanelView {
  files: readonly FileState[];
  shown: string;
  /** The policy scored, and the ones that could be. */
  entry: string | undefined;
  policies: readonly string[];
  /** The files the scored policy reads. */
  read: ReadonlySet<string>;
  diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
}

export interface FilePanelOptions {
  show(path: string): void;
  pickEntry(path: string): void;
}

/** Root files first, then each folder's, by name: the order of a file tree. */
function treeOrder(a: string, b: string): number {
  const [da, db] = [dirname(a), dirname(b)];
  if (da !== db) return da === '' ? -1 : db === '' ? 1 : da < db ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export class FilePanel {
  readonly element = element('nav', { class: 'files', 'aria-label': 'Files' });
  private readonly entrySelect = element('select', { id: 'entry', 'aria-label': 'The policy scored' });
  private readonly list = element('ul', { id: 'file-list', class: 'file-list' });

  constructor(private readonly options: FilePanelOptions) {
    this.entrySelect.addEventListener('change', () => options.pickEntry(this.entrySelect.value));
    this.element.append(element('label', { class: 'entry-picker', title: 'The policy whose scores the table shows' }, 'Scoring ', this.entrySelect), this.list);
  }

  render(view: FilePanelView): void {
    this.element.hidden = view.files.length < 2;
    const policies = view.entry !== undefined && !view.policies.includes(view.entry) ? [view.entry, ...view.policies] : view.policies;
    this.entrySelect.replaceChildren(...policies.map((path) => element('option', { value: path }, path)));
    this.entrySelect.disabled = policies.length < 2;
    if (view.entry !== undefined) this.entrySelect.value = view.entry;
    const items: HTMLElement[] = [];
    let folder: string | undefined;
    for (const file of [...view.files].sort((a, b) => treeOrder(a.path, b.path))) {
      const directory = dirname(file.path);
      if (directory !== '' && directory !== folder) items.push(element('li', { class: 'folder' }, `${directory}/`));
      folder = directory;
      items.push(element('li', {}, this.fileButton(file, directory !== '', view)));
    }
    this.list.replaceChildren(...items);
  }

  private fileButton(file: FileState, nested: boolean, view: FilePanelView): HTMLElement {
    const diagnostics = view.diagnostics.get(file.path) ?? [];
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    const scored = file.path === view.entry;
    const read = view.read.has(file.path);
    const notes = [scored ? 'the policy scored' : read ? `read by ${view.entry ?? 'the policy'}` : 'not read by the policy scored'];
    if (errors > 0) notes.push(plural(errors, 'error'));
    if (warnings > 0) notes.push(plural(warnings, 'warning'));
    if (file.unsaved) notes.push('unsaved edits');
    const classes = ['file', nested ? 'nested' : '', file.path === view.shown ? 'shown' : '', read ? 'read' : 'unread', scored ? 'scored' : ''].filter(Boolean).join(' ');
    const button = element(
      'button',
      { type: 'button', class: classes, 'data-path': file.path, title: `${file.path}: ${notes.join(', ')}`, 'aria-current': String(file.path === view.shown) },
      element('span', { class: 'file-name' }, basename(file.path)),
      ...(scored ? [element('span', { class: 'file-scored', 'aria-label': 'scored' }, '▶')] : []),
      ...(errors > 0 ? [element('span', { class: 'file-errors', 'aria-label': plural(errors, 'error') }, String(errors))] : []),
      ...(warnings > 0 ? [element('span', { class: 'file-warnings', 'aria-label': plural(warnings, 'warning') }, String(warnings))] : []),
      ...(file.unsaved ? [element('span', { class: 'file-unsaved', 'aria-label': 'unsaved edits' }, '●')] : []),
    );
    button.addEventListener('click', () => this.options.show(file.path));
    return button;
  }
}
