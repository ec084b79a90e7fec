import { idbObjectStore } from './idbObjectStore';
import type { RecoveryStore } from './Platform';

const DB = 'homeomorph';
const STORE = 'recovery';
const KEY = 'scene';

const { transact } = idbObjectStore(DB, STORE);

/**
 * The web editor's recovery copy in IndexedDB. Stored as a Blob, which the browser writes to disk
 * off the main thread (the bytes are not structured-cloned on this thread).
 */
export const idbRecoveryStore: RecoveryStore = {
  async save(bytes) {
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'model/gltf-binary' });
    await transact('readwrite', (s) => s.put({ blob, savedAt: Date.now() }, KEY));
  },
  async load() {
    const record = (await transact('readonly', (s) => s.get(KEY))) as
      { blob: Blob; savedAt: number } | undefined;
    if (!record) return null;
    return { bytes: new Uint8Array(await record.blob.arrayBuffer()), savedAt: record.savedAt };
  },
  async clear() {
    await transact('readwrite', (s) => s.delete(KEY));
  },
};
