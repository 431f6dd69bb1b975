/**
 * What is open in the playground: an example, a policy folder, or a shared link, as files
 * (path → text) with what each was when opened and when last saved. Pure data, no DOM: the
 * page shows it, the engine compiles it, local storage keeps it across reloads.
 */
import { byFolderOrder } from './policy-files.js';

export type Origin =
  /** One of the bundled examples. */
  | { kind: 'example'; name: string }
  /** A folder the user opened; `writable` when it came with a directory handle to save into. */
  | { kind: 'folder'; name: string; writable: boolean }
  /** A shared link's policy (and the files it reads). */
  | { kind: 'link'; name: string };

export interface OpenFile {
  path: string;
  text: string;
  /** The text as in the folder on disk, or as opened (an example, a link, files read without a handle). */
  opened: string;
  /** The text when last saved or downloaded: unsaved edits are those since. */
  saved: string;
}

/** As kept in local storage: `opened` and `saved` only where they differ from the text. */
export interface StoredWorkspace {
  origin: Origin;
  files: Array<{ path: string; text: string; opened?: string; saved?: string }>;
  entry?: string;
  shown?: string;
}

export class Workspace {
  private readonly byPath = new Map<string, OpenFile>();
  /** The policy the user picked to score; undefined: the engine's choice (see policy-files.ts). */
  entry: string | undefined;
  /** The file in the editor. */
  shown: string;

  constructor(
    readonly origin: Origin,
    files: ReadonlyArray<{ path: string; text: string } & Partial<OpenFile>>,
    options: { entry?: string; shown?: string } = {},
  ) {
    for (const file of [...files].sort((a, b) => byFolderOrder(a.path, b.path))) {
      this.byPath.set(file.path, { path: file.path, text: file.text, opened: file.opened ?? file.text, saved: file.saved ?? file.text });
    }
    this.entry = options.entry !== undefined && this.byPath.has(options.entry) ? options.entry : undefined;
    this.shown = options.shown !== undefined && this.byPath.has(options.shown) ? options.shown : (this.entry ?? this.paths()[0] ?? '');
  }

  /** A name for the menu: the example's file, the folder's name, or the link's. */
  get name(): string {
    return this.origin.name;
  }

  paths(): string[] {
    return [...this.byPath.keys()];
  }

  files(): OpenFile[] {
    return [...this.byPath.values()];
  }

  get(path: string): OpenFile | undefined {
    return this.byPath.get(path);
  }

  /** The file's text now; false when it is not open. */
  edit(path: string, text: string): boolean {
    const file = this.byPath.get(path);
    if (!file) return false;
    file.text = text;
    return true;
  }

  /** Files with edits not yet saved (or downloaded). */
  unsaved(): OpenFile[] {
    return this.files().filter((file) => file.text !== file.saved);
  }

  /** Files that differ from the folder as opened (or as last written to it): what "download changes" holds. */
  changed(): OpenFile[] {
    return this.files().filter((file) => file.text !== file.opened);
  }

  /** After a save: the texts saved (and, when they were written into the folder, now its contents). */
  markSaved(saved: ReadonlyArray<{ path: string; text: string }>, written: boolean): void {
    for (const { path, text } of saved) {
      const file = this.byPath.get(path);
      if (!file) continue;
      file.saved = text;
      if (written) file.opened = text;
    }
  }

  /** Whether leaving this workspace loses work: edits not saved (to the folder) or downloaded. */
  wouldLoseEdits(): boolean {
    return this.unsaved().length > 0;
  }

  toStored(): StoredWorkspace {
    const files = this.files().map(({ path, text, opened, saved }) => ({ path, text, ...(opened !== text ? { opened } : {}), ...(saved !== text ? { saved } : {}) }));
    return { origin: this.origin, files, ...(this.entry !== undefined ? { entry: this.entry } : {}), shown: this.shown };
  }

  static fromStored(stored: StoredWorkspace): Workspace {
    return new Workspace(stored.origin, stored.files, {
      ...(stored.entry !== undefined ? { entry: stored.entry } : {}),
      ...(stored.shown !== undefined ? { shown: stored.shown } : {}),
    });
  }
}
