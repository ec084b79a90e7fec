// Mesh statistics for the properties panel (the Inspect & Repair inspector), off the UI thread.
import { inspectMesh } from '../../core/mesh/inspect';
import type { Mesh } from '../../core/mesh/Mesh';
import type { MeshStats } from '../panels/meshStats';

const scope = self as unknown as { onmessage: ((e: MessageEvent<{ id: number; mesh: Mesh }>) => void) | null; postMessage(m: unknown): void };

scope.onmessage = (event) => {
  const { id, mesh } = event.data;
  try {
    const { problems: _problems, componentGenus: _componentGenus, ...stats } = inspectMesh(mesh);
    scope.postMessage({ id, stats: stats satisfies MeshStats });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
