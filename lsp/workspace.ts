/**
 * The server's view of the files: open documents as the editor holds them, everything else as
 * it is on disk. Files are named by absolute paths; the client names them by URI.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageServiceHost } from '../language-service/index.js';
import { readPolicyFile } from '../workspace/index.js';

export class Workspace implements LanguageServiceHost {
  /** The URI the client used for each path it opened, to name the file back the same way. */
  private readonly uris = new Map<string, string>();
  private folders: string[] = [];
  private found: string[] | undefined;

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris.flatMap((uri) => (uri.startsWith('file:') ? [fileURLToPath(uri)] : []));
    this.found = undefined;
  }

  /** A file was created or deleted: the workspace's policies and tests are listed again when next needed. */
  policiesChanged(): void {
    this.found = undefined;
  }

  /** The document's file name: its path for a `file:` URI, the URI itself otherwise (an unsaved buffer). */
  pathOf(uri: string): string {
    if (!uri.startsWith('file:')) return uri;
    const path = fileURLToPath(uri);
    this.uris.set(path, uri);
    return path;
  }

  uriOf(path: string): string {
    return this.uris.get(path) ?? (isAbsolute(path) ? pathToFileURL(path).href : path);
  }

  resolve(from: string, specifier: string): string {
    // An unsaved buffer has no folder: its imports are read from the workspace's first folder.
    return resolve(isAbsolute(from) ? dirname(from) : (this.folders[0] ?? process.cwd()), specifier);
  }

  readFile(path: string): string | undefined {
    const open = this.documents.get(this.uriOf(path));
    if (open) return open.getText();
    if (!isAbsolute(path)) return undefined;
    // As the CLI reads them: regular files of bounded size, inside a workspace folder when there is one.
    const roots = this.folders.length > 0 ? this.folders : [dirname(path)];
    for (const root of roots) {
      const read = readPolicyFile(path, realFolder(root));
      if ('text' in read) return read.text;
    }
    return undefined;
  }

  /** The `.score` policies under the workspace folders (hidden folders and node_modules left out), and the open ones. */
  policyFiles(): string[] {
    return this.scoreFiles().filter(isPolicy);
  }

  /** The policy tests (`*.test.score`) under the workspace folders, and the open ones. */
  testFiles(): string[] {
    return this.scoreFiles().filter((path) => path.endsWith(testSuffix));
  }

  private scoreFiles(): string[] {
    this.found ??= this.folders.flatMap((folder) => scoreFilesUnder(folder));
    const open = this.documents
      .keys()
      .map((uri) => this.pathOf(uri))
      .filter((path) => path.endsWith('.score'));
    return [...new Set([...this.found, ...open])];
  }
}

const testSuffix = '.test.score';
const isPolicy = (name: string) => name.endsWith('.score') && !name.endsWith(testSuffix);

function scoreFilesUnder(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') return [];
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return scoreFilesUnder(path);
    return entry.isFile() && entry.name.endsWith('.score') ? [path] : [];
  });
}

function realFolder(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}
