import { loadModel, type MeshcnnModelInfo } from '../../core/meshcnn/modelFile';
import type { MeshUNet } from '../../core/meshcnn/meshUNet';

const cache = new Map<string, Promise<{ info: MeshcnnModelInfo; net: MeshUNet }>>();

/**
 * Loads a shipped model from resources/models/NAME.hmcn, once per host. In Node and Electron's utility
 * process the module URL is a file: URL and the bytes are read from disk; in a browser worker they are
 * fetched. (The job contract has no resource loader yet; this keeps the job free of host imports except
 * that guarded, dynamic file read.)
 */
export function shippedModel(name: string): Promise<{ info: MeshcnnModelInfo; net: MeshUNet }> {
  if (!/^[a-z0-9_-]+$/.test(name)) return Promise.reject(new Error(`bad model name "${name}"`));
  let entry = cache.get(name);
  if (!entry) {
    entry = readShipped(name).then((bytes) => loadModel(bytes));
    entry.catch(() => cache.delete(name));
    cache.set(name, entry);
  }
  return entry;
}

async function readShipped(name: string): Promise<Uint8Array> {
  if (import.meta.url.startsWith('file:')) {
    // Sources (src/plugins/segment-meshcnn/) and bundles (out/cli/) sit at different depths: look upwards.
    const fs = (await import(/* @vite-ignore */ 'node:fs/promises')) as {
      readFile(u: URL): Promise<Uint8Array>;
    };
    for (let up = 1; up <= 6; up++) {
      const url = new URL(`${'../'.repeat(up)}resources/models/${name}.hmcn`, import.meta.url);
      try {
        return new Uint8Array(await fs.readFile(url));
      } catch {
        // not at this depth
      }
    }
    throw new Error(`the MeshCNN model "${name}" is not installed (resources/models/${name}.hmcn)`);
  }
  const url = new URL(`../../../resources/models/${name}.hmcn`, import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the MeshCNN model "${name}" could not be loaded (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}
