import { describe, expect, test, vi } from 'vitest';
import { loadSession, saveSession, SessionKeeper, storageKey } from './persist.js';
import { Workspace } from './workspace.js';

/** Local storage in memory, with a quota. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new Error('QuotaExceededError: the quota has been exceeded');
    this.items.set(key, value);
  }
}

const folder = () =>
  new Workspace({ kind: 'folder', name: 'policies', writable: false }, [
    { path: 'shared/fit.score', text: 'fit:\n' },
    { path: 'b2b.score', text: 'import "shared/fit.score"\n' },
    { path: 'lists/a.txt', text: 'x\n' },
  ]);

describe('the open workspace', () => {
  test('lists files in folder order and shows the picked policy, or the first file', () => {
    expect(folder().paths()).toEqual(['b2b.score', 'lists/a.txt', 'shared/fit.score']);
    expect(folder().shown).toBe('b2b.score');
    const picked = new Workspace({ kind: 'folder', name: 'p', writable: false }, folder().files(), { entry: 'shared/fit.score', shown: 'nope' });
    expect([picked.entry, picked.shown]).toEqual(['shared/fit.score', 'shared/fit.score']);
  });

  test('tells unsaved edits from changes to the folder: a download saves, only a write changes the folder', () => {
    const workspace = folder();
    workspace.edit('lists/a.txt', 'x\ny\n');
    expect(workspace.unsaved().map((file) => file.path)).toEqual(['lists/a.txt']);
    expect(workspace.wouldLoseEdits()).toBe(true);
    workspace.markSaved(workspace.unsaved(), false);
    expect(workspace.unsaved()).toEqual([]);
    expect(workspace.wouldLoseEdits()).toBe(false);
    // Still different from the folder as opened: the next download holds it again.
    expect(workspace.changed().map((file) => file.path)).toEqual(['lists/a.txt']);
    workspace.markSaved(workspace.changed(), true);
    expect(workspace.changed()).toEqual([]);
  });

  test('an edited example would lose its edits until they are downloaded', () => {
    const example = new Workspace({ kind: 'example', name: 'b2b-saas.score' }, [{ path: 'b2b-saas.score', text: 'a' }]);
    expect(example.wouldLoseEdits()).toBe(false);
    example.edit('b2b-saas.score', 'b');
    expect(example.wouldLoseEdits()).toBe(true);
    example.markSaved(example.files(), false);
    expect(example.wouldLoseEdits()).toBe(false);
  });
});

describe('the session in local storage', () => {
  test('survives a reload: files, edits against the folder, the picked policy, the shown file and now', () => {
    const storage = new MemoryStorage();
    const workspace = folder();
    workspace.edit('lists/a.txt', 'x\ny\n');
    workspace.entry = 'b2b.score';
    workspace.shown = 'lists/a.txt';
    expect(saveSession(storage, { workspace, now: '2026-01-01T00:00:00Z', link: '#policy=abc' })).toEqual({ ok: true });
    const restored = loadSession(storage)!;
    expect(restored.now).toBe('2026-01-01T00:00:00Z');
    expect(restored.link).toBe('#policy=abc');
    expect(restored.workspace.origin).toEqual({ kind: 'folder', name: 'policies', writable: false });
    expect(restored.workspace.files()).toEqual(workspace.files());
    expect([restored.workspace.entry, restored.workspace.shown]).toEqual(['b2b.score', 'lists/a.txt']);
    expect(restored.workspace.unsaved().map((file) => file.path)).toEqual(['lists/a.txt']);
  });

  test('a full storage is reported, not thrown; anything unexpected in it is ignored', () => {
    expect(saveSession(new MemoryStorage(10), { workspace: folder(), now: 'x' })).toEqual({ ok: false, reason: 'QuotaExceededError: the quota has been exceeded' });
    const storage = new MemoryStorage();
    for (const value of [
      'not json',
      '{"now": 1}',
      '{"now": "x", "workspace": {"origin": {"kind": "disk", "name": "x"}, "files": []}}',
      '{"now": "x", "workspace": {"origin": {"kind": "link", "name": "x"}, "files": [{"path": 1}]}}',
    ]) {
      storage.setItem(storageKey, value);
      expect(loadSession(storage), value).toBeUndefined();
    }
    expect(loadSession(new MemoryStorage())).toBeUndefined();
  });
});

describe('keeping the session while typing', () => {
  test('writes once after a burst of edits, at once when asked, and reports a full storage once', () => {
    vi.useFakeTimers();
    try {
      const storage = new MemoryStorage();
      const workspace = folder();
      const failures: string[] = [];
      const keeper = new SessionKeeper(
        storage,
        () => ({ workspace, now: 'n' }),
        (reason) => failures.push(reason),
        250,
      );
      workspace.edit('lists/a.txt', 'one');
      keeper.soon();
      workspace.edit('lists/a.txt', 'two');
      keeper.soon();
      expect(loadSession(storage)).toBeUndefined();
      vi.advanceTimersByTime(250);
      expect(loadSession(storage)?.workspace.get('lists/a.txt')?.text).toBe('two');
      workspace.edit('lists/a.txt', 'three');
      keeper.now();
      expect(loadSession(storage)?.workspace.get('lists/a.txt')?.text).toBe('three');

      const full = new SessionKeeper(
        new MemoryStorage(10),
        () => ({ workspace, now: 'n' }),
        (reason) => failures.push(reason),
      );
      full.now();
      full.now();
      expect([full.failed, failures]).toEqual([true, ['QuotaExceededError: the quota has been exceeded']]);
    } finally {
      vi.useRealTimers();
    }
  });
});
