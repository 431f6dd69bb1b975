/**
 * The opened folder's directory handle, kept in IndexedDB (local storage holds only text), so
 * that after a reload Save still writes into the folder; the browser asks again for permission
 * at the first save.
 */
const database = 'leadscore-playground';
const store = 'handles';
const key = 'folder';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(database, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB cannot be opened'));
  });
}

async function transact<T>(mode: IDBTransactionMode, work: (objects: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(store, mode).objectStore(store));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

/** Keeps `handle` (or forgets the one kept, with undefined). Failures only cost the handle after a reload. */
export async function keepHandle(handle: FileSystemDirectoryHandle | undefined): Promise<void> {
  try {
    await transact<unknown>('readwrite', (objects) => (handle ? objects.put(handle, key) : objects.delete(key)) as IDBRequest<unknown>);
  } catch (error) {
    console.warn('leadscore: the folder cannot be remembered across reloads', error);
  }
}

export async function keptHandle(): Promise<FileSystemDirectoryHandle | undefined> {
  try {
    const handle = await transact<unknown>('readonly', (objects) => objects.get(key));
    return handle instanceof FileSystemDirectoryHandle ? handle : undefined;
  } catch {
    return undefined;
  }
}
