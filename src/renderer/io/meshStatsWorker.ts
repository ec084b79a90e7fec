import type { BufferGeometry } from 'three';
import type { MeshInspection } from '../../core/mesh/inspect';
import { geometryToMesh } from '../../core/mesh/threeGeometry';
import { geometryStamp, seedInspection } from '../../plugins/inspect-repair/inspectGeometry';

/** Inspects a scene geometry off the UI thread; the same promise for the same geometry. */
export type InspectGeometryAsync = (geometry: BufferGeometry) => Promise<MeshInspection>;

/**
 * Inspects scene geometries in a worker (src/renderer/io/inspectWorker.ts), for the properties panel's
 * figures and for operator polls: each answer seeds the `inspectGeometry` cache, so a poll that needs
 * the inspection is a cache hit instead of seconds on the UI thread. Promises are cached per geometry:
 * commands replace geometries rather than edit them; an in-place edit (a new attribute version) makes
 * the seed stale, and a later call inspects again.
 */
export function inspectInWorker(): InspectGeometryAsync {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (s: MeshInspection) => void; reject: (e: Error) => void }>();
  const cache = new WeakMap<
    BufferGeometry,
    { stamp: ReturnType<typeof geometryStamp>; promise: Promise<MeshInspection> }
  >();
  return (geometry) => {
    const cached = cache.get(geometry);
    const stamp = geometryStamp(geometry);
    if (cached && sameStamp(cached.stamp, stamp)) return cached.promise;
    if (!worker) {
      worker = new Worker(new URL('./inspectWorker.ts', import.meta.url), {
        type: 'module',
        name: 'homeomorph-inspect',
      });
      worker.onmessage = (e: MessageEvent<{ id: number; inspection?: MeshInspection; error?: string }>) => {
        const p = pending.get(e.data.id);
        pending.delete(e.data.id);
        if (e.data.inspection) p?.resolve(e.data.inspection);
        else p?.reject(new Error(e.data.error ?? 'inspection failed'));
      };
    }
    const id = nextId++;
    const promise = new Promise<MeshInspection>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Copied, not transferred: the arrays belong to the scene. Only what inspection reads is sent.
      const { positions, indices } = geometryToMesh(geometry);
      worker!.postMessage({ id, mesh: { positions, indices } });
    }).then((inspection) => {
      seedInspection(geometry, inspection, stamp);
      return inspection;
    });
    cache.set(geometry, { stamp, promise });
    return promise;
  };
}

function sameStamp(a: ReturnType<typeof geometryStamp>, b: ReturnType<typeof geometryStamp>): boolean {
  return (
    a.index === b.index &&
    a.indexVersion === b.indexVersion &&
    a.position === b.position &&
    a.positionVersion === b.positionVersion
  );
}
