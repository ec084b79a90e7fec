import type { Mesh as ThreeMesh } from 'three';
import { geometryToMesh } from '../../core/mesh/threeGeometry';
import type { MeshStats } from '../panels/meshStats';

/**
 * Computes a mesh's statistics in a worker (src/renderer/io/inspectWorker.ts). Results are cached
 * per geometry: commands replace geometries rather than edit them, so a geometry's stats never change.
 */
export function meshStatsInWorker(): (mesh: ThreeMesh) => Promise<MeshStats> {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (s: MeshStats) => void; reject: (e: Error) => void }>();
  const cache = new WeakMap<object, Promise<MeshStats>>();
  return (mesh) => {
    const cached = cache.get(mesh.geometry);
    if (cached) return cached;
    if (!worker) {
      worker = new Worker(new URL('./inspectWorker.ts', import.meta.url), { type: 'module', name: 'homeomorph-inspect' });
      worker.onmessage = (e: MessageEvent<{ id: number; stats?: MeshStats; error?: string }>) => {
        const p = pending.get(e.data.id);
        pending.delete(e.data.id);
        if (e.data.stats) p?.resolve(e.data.stats);
        else p?.reject(new Error(e.data.error ?? 'inspection failed'));
      };
    }
    const id = nextId++;
    const promise = new Promise<MeshStats>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Copied, not transferred: the arrays belong to the scene. Only what inspection reads is sent.
      const { positions, indices } = geometryToMesh(mesh.geometry);
      worker!.postMessage({ id, mesh: { positions, indices } });
    });
    cache.set(mesh.geometry, promise);
    return promise;
  };
}
