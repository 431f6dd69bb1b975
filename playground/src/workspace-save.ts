/**
 * Saving a workspace's edits: into its folder through the directory handle (asking before
 * overwriting a file changed on disk since it was opened), or as a download: a folder's changed
 * files as a zip, an example or a link as its file (or a zip of its files).
 */
import { changedOnDisk, download, mayWrite, writeFiles, zipFiles } from './folder-write.js';
import type { Workspace } from './workspace.js';

export interface SaveUi {
  note(message: string, warning?: boolean): void;
  confirm(question: string): boolean;
}

const problem = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Writes the unsaved files into the folder; true when they were written. */
export async function saveToFolder(workspace: Workspace, handle: FileSystemDirectoryHandle, ui: SaveUi): Promise<boolean> {
  const files = workspace.unsaved().map(({ path, text, opened }) => ({ path, text, opened }));
  if (files.length === 0) {
    ui.note('Nothing to save');
    return false;
  }
  try {
    if (!(await mayWrite(handle))) {
      ui.note(`Not saved: no permission to write into ${workspace.name}`, true);
      return false;
    }
    const changed = await changedOnDisk(handle, files);
    if (changed.length > 0 && !ui.confirm(`${changed.join(', ')} changed on disk since ${workspace.name} was opened. Overwrite with your version?`)) {
      ui.note('Not saved: the files on disk were left as they are', true);
      return false;
    }
    await writeFiles(handle, files);
  } catch (error) {
    ui.note(`Not saved: ${problem(error)}`, true);
    return false;
  }
  workspace.markSaved(files, true);
  ui.note(`Saved ${files.map((file) => file.path).join(', ')} to ${workspace.name}`);
  return true;
}

/**
 * Downloads a folder's files changed since it was opened (each download holds them all, so the
 * latest zip is the whole change), or an example's or link's files as they are now; they count as saved.
 */
export function downloadWorkspace(workspace: Workspace, ui: SaveUi): boolean {
  const folder = workspace.origin.kind === 'folder';
  const files = folder ? workspace.changed() : workspace.files();
  const [only] = files;
  if (!only) {
    ui.note('No changes to download');
    return false;
  }
  if (!folder && files.length === 1) download(only.path.slice(only.path.lastIndexOf('/') + 1), only.text, 'text/plain');
  else download(`${workspace.name.replace(/\.score$/, '')}${folder ? '-changes' : ''}.zip`, zipFiles(files), 'application/zip');
  workspace.markSaved(workspace.files(), false);
  ui.note(`Downloaded ${files.length === 1 ? only.path : `${files.length} files`}${folder ? ': unzip over the folder to apply' : ''}`);
  return true;
}
