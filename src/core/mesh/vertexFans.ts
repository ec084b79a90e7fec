import { nextInFace } from './edgeTopology';
import type { Mesh } from './Mesh';
import { createUnionFind, find, union } from './unionFind';

/**
 * Groups the corners (face-vertex incidences, corner c = 3f + k at vertex indices[c]) around each
 * vertex into fans: corners of faces joined across an edge at that vertex. Faces are joined across
 * the half-edge pairs in `opposite` (#F×3, −1 where unpaired): `oppositeHalfEdges` pairs every
 * manifold edge; the non-manifold split also pairs faces of non-manifold edges. A vertex with more
 * than one fan is pinched (non-manifold).
 * - fanOfCorner: #F×3, the fan root (smallest corner of the fan) of each corner
 * - fanCount:    #V, number of fans at each vertex (0 for an unused vertex)
 */
export interface VertexFans {
  fanOfCorner: Uint32Array;
  fanCount: Uint32Array;
}

export function vertexFans(mesh: Pick<Mesh, 'positions' | 'indices'>, opposite: Int32Array): VertexFans {
  const indices = mesh.indices;
  const cornerTotal = indices.length;
  const parent = createUnionFind(cornerTotal);
  // Each half-edge joins the corner at its start vertex with the other face's corner at that vertex;
  // for consistently oriented pairs its partner does the same for the other end. Pairs that run the same
  // way (inconsistent orientation) start at the same vertex, so each joins both ends.
  for (let h = 0; h < cornerTotal; h++) {
    const o = opposite[h]!;
    if (o < 0) continue;
    if (indices[o] === indices[h]) {
      union(parent, h, o);
      union(parent, nextInFace(h), nextInFace(o));
    } else union(parent, h, nextInFace(o));
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
