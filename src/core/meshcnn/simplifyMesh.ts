import { MeshoptSimplifier } from 'meshoptimizer';

/**
 * Quadric edge-collapse simplification to about `targetFaces` triangles (meshoptimizer, topology-preserving
 * collapses, no error bound so the target is reached wherever the topology allows).
 * @returns positions #V'×3 (unused vertices removed) and indices #F'×3
 */
export async function simplifyMesh(
  positions: ArrayLike<number>,
  indices: ArrayLike<number>,
  targetFaces: number,
): Promise<{ positions: Float64Array; indices: Uint32Array }> {
  await MeshoptSimplifier.ready;
  const p32 = Float32Array.from(positions);
  // target_error is relative to the mesh extent; 1 = no bound.
  const [out] = MeshoptSimplifier.simplify(Uint32Array.from(indices), p32, 3, 3 * targetFaces, 1, []);
  // Remove unused vertices, keeping first-use order.
  const V = p32.length / 3;
  const map = new Int32Array(V).fill(-1);
  let used = 0;
  for (let i = 0; i < out.length; i++) if (map[out[i]!]! < 0) map[out[i]!] = used++;
  const newPositions = new Float64Array(3 * used);
  for (let v = 0; v < V; v++) {
    const w = map[v]!;
    if (w >= 0) for (let c = 0; c < 3; c++) newPositions[3 * w + c] = p32[3 * v + c]!;
  }
  const newIndices = new Uint32Array(out.length);
  for (let i = 0; i < out.length; i++) newIndices[i] = map[out[i]!]!;
  return { positions: newPositions, indices: newIndices };
}
