// The Inspect & Repair inspection of a scene mesh, off the UI thread: the properties panel shows its
// figures and operator polls read it from the inspectGeometry cache (see meshStatsWorker.ts).
import { inspectMesh } from '../../core/mesh/inspect';
import type { Mesh } from '../../core/mesh/Mesh';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; mesh: Mesh }>) => void) | null;
  postMessage(m: unknown, transfer?: Transferable[]): void;
};

scope.onmessage = (event) => {
  const { id, mesh } = event.data;
  try {
    const inspection = inspectMesh(mesh);
    // The problem lists (#E, #F, #V long) are moved, not copied, back to the UI thread.
    const buffers = new Set<ArrayBuffer>();
    for (const array of Object.values(inspection.problems))
      buffers.add((array as Uint32Array | Uint8Array).buffer as ArrayBuffer);
    scope.postMessage({ id, inspection }, [...buffers]);
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
