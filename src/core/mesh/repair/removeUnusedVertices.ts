import type { Mesh } from '../Mesh';
import { withVertices } from '../meshEdit';
import type { RepairResult } from './RepairReport';
import { plural } from './RepairReport';

/**
 * Removes vertices no face uses, or only those flagged in `candidates` (#V, 1 = may be removed).
 * The others keep their order and carry their colours, UVs, normals and attributes along.
 */
export function compactVertices(mesh: Mesh, candidates?: Uint8Array): { mesh: Mesh; removed: number } {
  const vertexTotal = mesh.positions.length / 3;
  const used = new Uint8Array(vertexTotal);
  for (let i = 0; i < mesh.indices.length; i++) used[mesh.indices[i]!] = 1;
  if (candidates) for (let v = 0; v < vertexTotal; v++) if (!candidates[v]) used[v] = 1;
  const newIndexOf = new Uint32Array(vertexTotal);
  const kept: number[] = [];
  for (let v = 0; v < vertexTotal; v++) {
    if (!used[v]) continue;
    newIndexOf[v] = kept.length;
    kept.push(v);
  }
  const removed = vertexTotal - kept.length;
  if (removed === 0) return { mesh, removed };
  const indices = new Uint32Array(mesh.indices.length);
  for (let i = 0; i < indices.length; i++) indices[i] = newIndexOf[mesh.indices[i]!]!;
  return { mesh: withVertices(mesh, kept, indices), removed };
}

/** Removes vertices that no face refers to, renumbering the rest in order. */
export function removeUnusedVertices(mesh: Mesh): RepairResult {
  const result = compactVertices(mesh);
  return {
    mesh: result.mesh,
    report: {
      operation: 'remove_unused_vertices',
      changed: result.removed > 0,
      counts: { removedVertices: result.removed },
      message: result.removed
        ? `Removed ${plural(result.removed, 'unused vertex', 'unused vertices')}`
        : 'No unused vertices',
    },
  };
}
