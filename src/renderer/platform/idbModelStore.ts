import { idbObjectStore } from './idbObjectStore';
import type { ModelStore } from './Platform';

// A database of its own: the recovery copy's database is at version 1 with one store, and adding a
// store would need a version change that its code does not expect.
const DB = 'homeomorph-models';
const STORE = 'models';

const { transact } = idbObjectStore(DB, STORE);

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
