import { connectedComponents } from '../mesh/connectedComponents';
import type { Mesh } from '../mesh/Mesh';

/**
 * Drops the connected pieces with fewer faces than `minFraction` × the largest piece's, and the vertices
 * only they used: the floaters a neural field leaves in empty space. Positions and indices only.
 * minFraction 0 keeps everything. Returns the mesh (the input itself when nothing is dropped).
 */
export function removeSmallPieces(
  mesh: Mesh & { positions: Float32Array },
  minFraction: number,
): { mesh: Mesh & { positions: Float32Array }; removedPieces: number } {
  const faces = mesh.indices.length / 3;
  if (minFraction <= 0 || faces === 0) return { mesh, removedPieces: 0 };
  const components = connectedComponents(mesh);
  let largest = 0;
  for (const c of components.faceCounts) largest = Math.max(largest, c);
  const keep = Uint8Array.from(components.faceCounts, (c) => (c >= minFraction * largest ? 1 : 0));
  const removedPieces = keep.length - keep.reduce((a, b) => a + b, 0);
  if (removedPieces === 0) return { mesh, removedPieces: 0 };
  const newIndex = new Int32Array(mesh.positions.length / 3).fill(-1);
  const indices: number[] = [];
  const positions: number[] = [];
  for (let f = 0; f < faces; f++) {
    if (!keep[components.componentOfFace[f]!]) continue;
    for (let c = 0; c < 3; c++) {
      const v = mesh.indices[3 * f + c]!;
      if (newIndex[v]! < 0) {
        newIndex[v] = positions.length / 3;
        positions.push(mesh.positions[3 * v]!, mesh.positions[3 * v + 1]!, mesh.positions[3 * v + 2]!);
      }
      indices.push(newIndex[v]!);
    }
  }
  return {
    mesh: { positions: new Float32Array(positions), indices: new Uint32Array(indices) },
    removedPieces,
  };
}
