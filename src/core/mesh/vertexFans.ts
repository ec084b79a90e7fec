import { nextInFace } from './edgeTopology';
import type { Mesh } from './Mesh';
import { createUnionFind, find, union } from './unionFind';

/**
 * Groups the corners (face-vertex incidences, corner c = 3f + k at vertex indices[c]) around each
 * vertex into fans: corners of faces joined across an edge at that vertex. Faces are joined across
 * the half-edge pairs in `opposite` (#F×3, −1 where unpaired): `oppositeHalfEdges` pairs every
 * manifold edge; the non-manifold split also pairs faces of non-manifold edges. A vertex with more
 * than one fan is pinched (non-manifold).
 * - fanOfCorner: #F×3, a label shared by the corners of one fan (one of its corners)
 * - fanCount:    #V, number of fans at each vertex (0 for an unused vertex)
 */
export interface VertexFans {
  fanOfCorner: Uint32Array;
  fanCount: Uint32Array;
}

export function vertexFans(mesh: Pick<Mesh, 'positions' | 'indices'>, opposite: Int32Array): VertexFans {
  const indices = mesh.indices;
  for (let c = 0; c < indices.length; c += 3) {
    if (indices[c] === indices[c + 1] || indices[c + 1] === indices[c + 2] || indices[c + 2] === indices[c]) {
      return fansByUnionFind(mesh, opposite);
    }
  }
  return fansByWalking(mesh, opposite);
}

/**
 * Walks around each vertex from corner to corner across paired sides, both ways, marking the corners
 * it reaches: one walk per fan, sequential and allocation-free. Assumes no face repeats a vertex.
 */
function fansByWalking(mesh: Pick<Mesh, 'positions' | 'indices'>, opposite: Int32Array): VertexFans {
  const indices = mesh.indices;
  const cornerTotal = indices.length;
  const fanOfCorner = new Uint32Array(cornerTotal).fill(0xffffffff);
  const fanCount = new Uint32Array(mesh.positions.length / 3);
  for (let start = 0; start < cornerTotal; start++) {
    if (fanOfCorner[start] !== 0xffffffff) continue;
    const v = indices[start]!;
    fanCount[v]!++;
    fanOfCorner[start] = start;
    // Leave each corner by its side starting at v (out = the corner's own half-edge) or ending at v
    // (in = the previous half-edge of its face); first one way round, then the other.
    for (let firstWay = 0; firstWay < 2; firstWay++) {
      let corner = start;
      let leaveByIn = firstWay;
      for (;;) {
        const h = leaveByIn ? (corner % 3 === 0 ? corner + 2 : corner - 1) : corner;
        const o = opposite[h]!;
        if (o < 0) break;
        // The other face's corner at v, and which of its sides we came in by.
        const enteredByOut = indices[o] === v;
        const next = enteredByOut ? o : nextInFace(o);
        if (fanOfCorner[next] !== 0xffffffff) break; // round the whole cycle, or met the other walk
        fanOfCorner[next] = start;
        corner = next;
        leaveByIn = enteredByOut ? 1 : 0;
      }
    }
  }
  return { fanOfCorner, fanCount };
}

/** The general case (faces that repeat a vertex): union-find over corners. */
function fansByUnionFind(mesh: Pick<Mesh, 'positions' | 'indices'>, opposite: Int32Array): VertexFans {
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
