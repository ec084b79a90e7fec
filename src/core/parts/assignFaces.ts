import type { Mesh } from '../mesh/Mesh';
import { KdTree } from '../metrics/KdTree';

/**
 * Assigns every face of a mesh to exactly one primitive: the primitive that contains the face's
 * centroid most deeply (smallest g_m < 0), or, for a centroid inside none, the primitive whose
 * surface is nearest (Euclidean, to its mesh vertices).
 * mesh: #F faces; g: [M·F] implicit values at the centroids in primitive blocks (row m·F + f);
 * primitiveVertices: per primitive #Vm×3, same coordinates as the mesh. Returns #F labels in [0, M).
 */
export function assignFaces(
  mesh: Mesh,
  g: Float32Array,
  primitiveVertices: readonly Float32Array[],
): Int32Array {
  const F = mesh.indices.length / 3,
    M = primitiveVertices.length;
  if (g.length !== M * F)
    throw new Error(`assignFaces: ${g.length} implicit values for ${M} primitives × ${F} faces`);
  const labels = new Int32Array(F).fill(-1);
  const outside: number[] = [];
  for (let f = 0; f < F; f++) {
    let best = Infinity,
      bm = -1;
    for (let m = 0; m < M; m++)
      if (g[m * F + f]! < best) {
        best = g[m * F + f]!;
        bm = m;
      }
    if (best < 0) labels[f] = bm;
    else outside.push(f);
  }
  if (outside.length) {
    const trees = primitiveVertices.map((p) => (p.length >= 3 ? new KdTree(p) : null));
    const c = faceCentroids(mesh);
    for (const f of outside) {
      let best = Infinity,
        bm = 0;
      trees.forEach((tree, m) => {
        if (!tree) return;
        const d = tree.nearestSquared(c[3 * f]!, c[3 * f + 1]!, c[3 * f + 2]!);
        if (d < best) {
          best = d;
          bm = m;
        }
      });
      labels[f] = bm;
    }
  }
  return labels;
}

/** Face centroids: #F×3 */
export function faceCentroids(mesh: Mesh): Float32Array {
  const p = mesh.positions,
    f = mesh.indices,
    F = f.length / 3;
  const out = new Float32Array(3 * F);
  for (let t = 0; t < F; t++) {
    for (let k = 0; k < 3; k++)
      out[3 * t + k] = (p[3 * f[3 * t]! + k]! + p[3 * f[3 * t + 1]! + k]! + p[3 * f[3 * t + 2]! + k]!) / 3;
  }
  return out;
}
