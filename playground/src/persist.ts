/**
 * Keeps the open files, their edits, the file shown, the policy picked and `now` in local
 * storage, so a reload (or a crash) loses nothing. What is stored is checked when it is read:
 * anything unexpected (another version, a hand edit) is ignored and the page starts afresh.
 */
import { Workspace, type Origin, type StoredWorkspace } from './workspace.js';

export const storageKey = 'leadscore.playground.v1';

export interface Session {
  workspace: Workspace;
  now: string;
  /** The share link this workspace was opened from: opening the page with it again restores the session instead. */
  link?: string;
}

export type SaveResult = { ok: true } | { ok: false; reason: string };

export function saveSession(storage: Storage, session: Session): SaveResult {
  const value = JSON.stringify({ workspace: session.workspace.toStored(), now: session.now, ...(session.link !== undefined ? { link: session.link } : {}) });
  try {
    storage.setItem(storageKey, value);
    return { ok: true };
  } catch (error) {
    // Usually the quota (about 5 MB): the page then warns before it is closed.
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

export function loadSession(storage: Storage): Session | undefined {
  let value: unknown;
  try {
    value = JSON.parse(storage.getItem(storageKey) ?? 'null') as unknown;
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value['now'] !== 'string' || !isStoredWorkspace(value['workspace'])) return undefined;
  const session: Session = { workspace: Workspace.fromStored(value['workspace']), now: value['now'] };
  if (typeof value['link'] === 'string') session.link = value['link'];
  return session;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

function isOrigin(value: unknown): value is Origin {
  if (!isRecord(value) || typeof value['name'] !== 'string') return false;
  return value['kind'] === 'example' || value['kind'] === 'link' || (value['kind'] === 'folder' && typeof value['writable'] === 'boolean');
}

function isStoredWorkspace(value: unknown): value is StoredWorkspace {
  if (!isRecord(value) || !isOrigin(value['origin']) || !Array.isArray(value['files'])) return false;
  const filesOk = value['files'].every(
    (file) => isRecord(file) && typeof file['path'] === 'string' && typeof file['text'] === 'string' && optionalString(file['opened']) && optionalString(file['saved']),
  );
  return filesOk && optionalString(value['entry']) && optionalString(value['shown']);
}

/** Writes the session at most every `delayMs` while it changes (typing), at once when asked (the page goes away). */
export class SessionKeeper {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the last write failed: the edits then live only in this page. */
  failed = false;

  constructor(
    private readonly storage: Storage,
    private readonly session: () => Session,
    /** Told once when writing starts failing. */
    private readonly onFailure: (reason: string) => void,
    private readonly delayMs = 250,
  ) {}

  soon(): void {
    if (this.timer === undefined) this.timer = setTimeout(() => this.now(), this.delayMs);
  }

  now(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const result = saveSession(this.storage, this.session());
    if (!result.ok && !this.failed) this.onFailure(result.reason);
    this.failed = !result.ok;
  }
}
