import type { ModelStore } from './Platform';

// A database of its own: the recovery copy's database is at version 1 with one store, and adding a
// store would need a version change that its code does not expect.
const DB = 'homeomorph-models';
const STORE = 'models';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}

function transact<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = body(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          reject(tx.error ?? new Error('IndexedDB transaction failed'));
        };
      }),
  );
}

/** The web editor's saved models: IndexedDB, one record per name, the bytes as a Blob. */
export const idbModelStore: ModelStore = {
  async list() {
    const keys = await transact('readonly', (s) => s.getAllKeys());
    return keys.map(String).sort((a, b) => a.localeCompare(b));
  },
  async load(name) {
    const record = (await transact('readonly', (s) => s.get(name))) as { blob: Blob } | undefined;
    return record ? new Uint8Array(await record.blob.arrayBuffer()) : null;
  },
  async save(name, bytes) {
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
    await transact('readwrite', (s) => s.put({ blob, savedAt: Date.now() }, name));
  },
  async remove(name) {
    await transact('readwrite', (s) => s.delete(name));
  },
};
