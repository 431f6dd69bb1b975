/**
 * Saving edits: into the folder through its directory handle (File System Access API), or,
 * where there is none, as a download: a zip of the changed files with their paths, to unzip
 * over the folder (`unzip -o changes.zip -d policies/`).
 */
import { strToU8, zipSync } from 'fflate';
import { dirname, basename } from './paths.js';

/** Parts of the File System Access API that TypeScript's DOM library does not have yet. */
export interface PermissionHandle {
  queryPermission?(options: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
  requestPermission?(options: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
}

/** Whether the page may write into the folder, asking the user when it may not yet (needs a click). */
export async function mayWrite(handle: FileSystemDirectoryHandle): Promise<boolean> {
  const permissions = handle as FileSystemDirectoryHandle & PermissionHandle;
  if (!permissions.queryPermission) return true;
  if ((await permissions.queryPermission({ mode: 'readwrite' })) === 'granted') return true;
  return (await permissions.requestPermission?.({ mode: 'readwrite' })) === 'granted';
}

async function fileHandle(root: FileSystemDirectoryHandle, path: string, create: boolean): Promise<FileSystemFileHandle | undefined> {
  try {
    let directory = root;
    for (const part of dirname(path).split('/').filter(Boolean)) directory = await directory.getDirectoryHandle(part, { create });
    return await directory.getFileHandle(basename(path), { create });
  } catch (error) {
    if (!create && error instanceof DOMException && error.name === 'NotFoundError') return undefined;
    throw error;
  }
}

export interface FileToWrite {
  path: string;
  text: string;
  /** The text the page last knew the file to have on disk: a file that has other text now was changed by someone else. */
  opened: string;
}

/** The files whose text on disk is no longer what the page opened (changed by `git pull`, another editor…). */
export async function changedOnDisk(root: FileSystemDirectoryHandle, files: readonly FileToWrite[]): Promise<string[]> {
  const changed: string[] = [];
  for (const file of files) {
    const handle = await fileHandle(root, file.path, false);
    const onDisk = handle ? (await (await handle.getFile()).text()).replace(/^\ufeff/, '') : '';
    if (onDisk !== file.opened) changed.push(file.path);
  }
  return changed;
}

export async function writeFiles(root: FileSystemDirectoryHandle, files: readonly FileToWrite[]): Promise<void> {
  for (const file of files) {
    const handle = (await fileHandle(root, file.path, true))!;
    const writable = await handle.createWritable();
    await writable.write(file.text);
    await writable.close();
  }
}

/** A zip of files with their paths. */
export function zipFiles(files: ReadonlyArray<{ path: string; text: string }>): Uint8Array {
  return zipSync(Object.fromEntries(files.map((file) => [file.path, strToU8(file.text)])));
}

/** Offers bytes or text as a download under `name`. */
export function download(name: string, content: Uint8Array | string, type: string): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download has to start reading it first.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
