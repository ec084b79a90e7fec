import type { EdgeTopology } from './edgeTopology';
import { nextInFace } from './edgeTopology';
import type { Mesh } from './Mesh';
import { createUnionFind, find, union } from './unionFind';

/**
 * Groups the corners (face-vertex incidences, corner c = 3f + k at vertex indices[c]) around each
 * vertex into fans: corners of faces that are joined across an edge at that vertex. Faces are joined
 * across every manifold edge and, on a non-manifold edge, across the pairs from `pairNonManifold`
 * (when given). A vertex with more than one fan is pinched (non-manifold).
 * - fanOfCorner: #F×3, the fan root (smallest corner of the fan) of each corner
 * - fanCount:    #V, number of fans at each vertex (0 for an unused vertex)
 */
export interface VertexFans {
  fanOfCorner: Uint32Array;
  fanCount: Uint32Array;
}

/** The corner at vertex v in the face of half-edge h (h's start, h's end, or −1). */
function cornerAt(indices: Uint32Array, h: number, v: number): number {
  if (indices[h] === v) return h;
  const n = nextInFace(h);
  if (indices[n] === v) return n;
  return -1;
}

export function vertexFans(
  mesh: Pick<Mesh, 'positions' | 'indices'>,
  topology: EdgeTopology,
  pairNonManifold?: (halfEdges: Uint32Array, indices: Uint32Array) => Uint32Array,
): VertexFans {
  const indices = mesh.indices;
  const cornerTotal = indices.length;
  const parent = createUnionFind(cornerTotal);
  const { edgeOffsets, edgeHalfEdges, edges, edgeCount } = topology;

  const join = (h0: number, h1: number, a: number, b: number): void => {
    union(parent, cornerAt(indices, h0, a), cornerAt(indices, h1, a));
    union(parent, cornerAt(indices, h0, b), cornerAt(indices, h1, b));
  };
  for (let e = 0; e < edgeCount; e++) {
    const start = edgeOffsets[e]!;
    const valence = edgeOffsets[e + 1]! - start;
    const a = edges[2 * e]!;
    const b = edges[2 * e + 1]!;
    if (valence === 2) join(edgeHalfEdges[start]!, edgeHalfEdges[start + 1]!, a, b);
    else if (valence > 2 && pairNonManifold) {
      const pairs = pairNonManifold(edgeHalfEdges.subarray(start, start + valence), indices);
      for (let i = 0; i < pairs.length; i += 2) join(pairs[i]!, pairs[i + 1]!, a, b);
    }
  }
  // Corners of one (degenerate) face at the same vertex are one fan.
  for (let c = 0; c < cornerTotal; c += 3) {
    const v0 = indices[c]!;
    const v1 = indices[c + 1]!;
    const v2 = indices[c + 2]!;
    if (v0 === v1) union(parent, c, c + 1);
    if (v1 === v2) union(parent, c + 1, c + 2);
    if (v2 === v0) union(parent, c + 2, c);
  }

  const fanOfCorner = new Uint32Array(cornerTotal);
  const fanCount = new Uint32Array(mesh.positions.length / 3);
  for (let c = 0; c < cornerTotal; c++) {
    const root = find(parent, c);
    fanOfCorner[c] = root;
    if (root === c) fanCount[indices[c]!]!++;
  }
  return { fanOfCorner, fanCount };
}
