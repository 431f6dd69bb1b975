/**
 * Reading a policy folder into memory, from wherever the browser can give it: a directory
 * handle (File System Access API), the files of an `<input webkitdirectory>` or of a plain
 * multiple-file input, or a zip. Every way keeps the same files: text files (UTF-8) up to
 * `maxFileBytes`, at most `maxFiles`, without hidden files or folders (`.git`) and `node_modules`.
 */
import { unzipSync } from 'fflate';

export const maxFileBytes = 2_000_000;
export const maxFiles = 2_000;

export interface ReadFolder {
  /** The folder's name: its own, the zip's single top folder, or the zip's name. */
  name: string;
  files: Array<{ path: string; text: string }>;
  /** Files left out and why, e.g. `logo.png (not text)`. */
  skipped: string[];
}

/** Folders a policy never lives in: version control, dependencies, the macOS zip's resource forks. */
function leftOut(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.') || part === 'node_modules' || part === '__MACOSX');
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text of a file's bytes, or undefined when they are not UTF-8 (a binary file). A byte-order mark is not part of the text. */
export function textOf(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return undefined;
  }
}

/** Collects files one by one, applying the rules above. */
class Collector {
  readonly files: Array<{ path: string; text: string }> = [];
  readonly skipped: string[] = [];

  /** Whether a file at `path` of `size` bytes is worth reading; notes why not. */
  wants(path: string, size: number): boolean {
    if (leftOut(path)) return false;
    if (this.files.length >= maxFiles) return this.skip(path, `more than ${maxFiles} files`);
    if (size > maxFileBytes) return this.skip(path, `larger than ${maxFileBytes / 1_000_000} MB`);
    return true;
  }

  add(path: string, bytes: Uint8Array): void {
    const text = textOf(bytes);
    if (text === undefined) this.skip(path, 'not text');
    else this.files.push({ path, text });
  }

  private skip(path: string, why: string): false {
    this.skipped.push(`${path} (${why})`);
    return false;
  }

  result(name: string): ReadFolder {
    return { name, files: this.files, skipped: this.skipped };
  }
}

/** A folder through its directory handle, recursively. */
export async function readDirectory(handle: FileSystemDirectoryHandle): Promise<ReadFolder> {
  const collector = new Collector();
  const walk = async (directory: FileSystemDirectoryHandle, prefix: string): Promise<void> => {
    for await (const entry of directory.values()) {
      const path = prefix + entry.name;
      if (leftOut(path)) continue;
      if (entry.kind === 'directory') await walk(entry as FileSystemDirectoryHandle, `${path}/`);
      else {
        const file = await (entry as FileSystemFileHandle).getFile();
        if (collector.wants(path, file.size)) collector.add(path, new Uint8Array(await file.arrayBuffer()));
      }
    }
  };
  await walk(handle, '');
  return collector.result(handle.name);
}

/**
 * Files chosen in an input: a folder's (`webkitRelativePath` is `folder/sub/file`, the folder's
 * name first) or loose files (their names are their paths). A single zip is read as a folder.
 */
export async function readChosenFiles(chosen: readonly File[]): Promise<ReadFolder> {
  const [first] = chosen;
  if (chosen.length === 1 && first && /\.zip$/i.test(first.name)) return readZip(first.name, new Uint8Array(await first.arrayBuffer()));
  const relative = chosen.map((file) => file.webkitRelativePath || file.name);
  const top = commonTopFolder(relative);
  const collector = new Collector();
  for (const [index, file] of chosen.entries()) {
    const path = relative[index]!.slice(top === undefined ? 0 : top.length + 1);
    if (collector.wants(path, file.size)) collector.add(path, new Uint8Array(await file.arrayBuffer()));
  }
  const name = top ?? (chosen.length === 1 ? first!.name : `${chosen.length} files`);
  return collector.result(name);
}

/** A zip of a folder; when every entry is under one top folder (as GitHub's "Download ZIP"), that folder is the root. */
export function readZip(fileName: string, bytes: Uint8Array): ReadFolder {
  const entries = Object.entries(unzipSync(bytes, { filter: (file) => !file.name.endsWith('/') && !leftOut(file.name) && file.originalSize <= maxFileBytes }));
  const top = commonTopFolder(entries.map(([path]) => path));
  const collector = new Collector();
  for (const [path, content] of entries) {
    const inFolder = top === undefined ? path : path.slice(top.length + 1);
    if (collector.wants(inFolder, content.length)) collector.add(inFolder, content);
  }
  return collector.result(top ?? fileName.replace(/\.zip$/i, ''));
}

/** The one folder every path starts with, if there is one. */
function commonTopFolder(paths: readonly string[]): string | undefined {
  const tops = new Set(paths.map((path) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '')));
  const [top] = tops;
  return tops.size === 1 && top !== '' ? top : undefined;
}
