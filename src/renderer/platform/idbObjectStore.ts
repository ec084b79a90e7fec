/**
 * One IndexedDB object store, opened per transaction (the editor touches it rarely, so nothing is held
 * open between calls). `transact` runs one request and resolves with its result once the transaction
 * has committed, so a resolved save is on disk.
 */
export function idbObjectStore(database: string, store: string) {
  function open(): Promise<IDBDatabase> {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(database, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(store);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
    });
  }

  return {
    transact<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
      return open().then(
        (db) =>
          new Promise<T>((resolve, reject) => {
            const tx = db.transaction(store, mode);
            const request = body(tx.objectStore(store));
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
    },
  };
}
