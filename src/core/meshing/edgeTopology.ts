import type { Mesh } from '../mesh/Mesh';

/** Edge counts that decide whether a triangle mesh is a closed, consistently oriented 2-manifold. */
export interface EdgeTopology {
  edges: number;
  /** edges with one face: holes */
  boundaryEdges: number;
  /** edges with more than two faces */
  nonManifoldEdges: number;
  /** edges with two faces that traverse it in the same direction (flipped neighbours) */
  misorientedEdges: number;
  /** true iff every edge has exactly two faces traversing it in opposite directions */
  closedManifold: boolean;
  /** V − E + F (2 for one closed genus-0 surface) */
  euler: number;
}

/**
 * Counts boundary, non-manifold and mis-oriented edges (a quick check for our own meshes and a
 * warning for inputs; the Inspect & Repair plugin does the full analysis). Sorts the directed
 * half-edges by their undirected key: O(F log F), no hash maps.
 */
export function edgeTopology(mesh: Mesh): EdgeTopology {
  const f = mesh.indices;
  const V = mesh.positions.length / 3;
  const H = f.length;
  const keys = new Float64Array(H);
  for (let t = 0; t < H; t += 3) {
    for (let e = 0; e < 3; e++) {
      const a = f[t + e]!, b = f[t + ((e + 1) % 3)]!;
      // undirected key, with the direction in the sign
      keys[t + e] = a < b ? a * V + b + 1 : -(b * V + a + 1);
    }
  }
  const order = Array.from(keys, (_, i) => i).sort((i, j) => Math.abs(keys[i]!) - Math.abs(keys[j]!));
  let edges = 0, boundary = 0, nonManifold = 0, misoriented = 0;
  for (let s = 0; s < H; ) {
    const key = Math.abs(keys[order[s]!]!);
    let e = s, forward = 0;
    while (e < H && Math.abs(keys[order[e]!]!) === key) {
      if (keys[order[e]!]! > 0) forward++;
      e++;
    }
    const count = e - s;
    edges++;
    if (count === 1) boundary++;
    else if (count > 2) nonManifold++;
    else if (forward !== 1) misoriented++;
    s = e;
  }
  return {
    edges,
    boundaryEdges: boundary,
    nonManifoldEdges: nonManifold,
    misorientedEdges: misoriented,
    closedManifold: H > 0 && boundary === 0 && nonManifold === 0 && misoriented === 0,
    euler: V - edges + H / 3,
  };
}
