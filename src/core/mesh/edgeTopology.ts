import type { Mesh } from './Mesh';

/** Marks a half-edge that belongs to no edge (both ends the same vertex, in a degenerate face). */
export const NO_EDGE = 0xffffffff;

/**
 * The unique undirected edges of a triangle mesh and the half-edges (face sides) on each.
 * Half-edge h = 3f + k runs from indices[h] to indices[3f + (k + 1) % 3].
 * - edges:          #E×2 vertex pairs, lo < hi, sorted by (lo, hi)
 * - edgeOffsets:    #E+1; the half-edges of edge e are edgeHalfEdges[edgeOffsets[e] … edgeOffsets[e+1])
 * - edgeHalfEdges:  #H (≤ #F×3) half-edges grouped by edge, ascending within an edge (face order)
 * - halfEdgeEdge:   #F×3, the edge of each half-edge, NO_EDGE for a side whose two ends are one vertex
 * An edge's valence (offsets difference) is 1 on a boundary, 2 where manifold, more where non-manifold.
 */
export interface EdgeTopology {
  edgeCount: number;
  edges: Uint32Array;
  edgeOffsets: Uint32Array;
  edgeHalfEdges: Uint32Array;
  halfEdgeEdge: Uint32Array;
}

/** Next corner of the same face: 3f+k → 3f+(k+1)%3. */
export function nextInFace(h: number): number {
  return h % 3 === 2 ? h - 2 : h + 1;
}

/**
 * Builds the edge topology in O(#F) with typed arrays: half-edges are bucketed by their lower vertex
 * (counting sort), then each bucket is sorted by the upper vertex (insertion sort for the usual handful,
 * a native typed-array sort for the rare high-valence vertex). No string keys, no Maps: a 1M-triangle
 * mesh takes a few tens of milliseconds.
 */
export function buildEdgeTopology(mesh: Pick<Mesh, 'positions' | 'indices'>): EdgeTopology {
  const indices = mesh.indices;
  const vertexTotal = mesh.positions.length / 3;
  const halfEdgeTotal = indices.length;

  // Bucket sizes by the lower vertex of each half-edge (loops run per face: no modulo per half-edge).
  const bucketStart = new Uint32Array(vertexTotal + 1);
  for (let c = 0; c < halfEdgeTotal; c += 3) {
    const a = indices[c]!;
    const b = indices[c + 1]!;
    const d = indices[c + 2]!;
    if (a !== b) bucketStart[(a < b ? a : b) + 1]!++;
    if (b !== d) bucketStart[(b < d ? b : d) + 1]!++;
    if (d !== a) bucketStart[(d < a ? d : a) + 1]!++;
  }
  for (let v = 0; v < vertexTotal; v++) bucketStart[v + 1]! += bucketStart[v]!;
  const used = bucketStart[vertexTotal]!;

  // Fill the buckets with (upper vertex, half-edge) in half-edge order.
  const fill = bucketStart.slice(0, vertexTotal);
  const sortedHalfEdges = new Uint32Array(used);
  const sortedUpper = new Uint32Array(used);
  const put = (h: number, a: number, b: number): void => {
    if (a === b) return;
    const slot = fill[a < b ? a : b]!++;
    sortedHalfEdges[slot] = h;
    sortedUpper[slot] = a < b ? b : a;
  };
  for (let c = 0; c < halfEdgeTotal; c += 3) {
    const a = indices[c]!;
    const b = indices[c + 1]!;
    const d = indices[c + 2]!;
    put(c, a, b);
    put(c + 1, b, d);
    put(c + 2, d, a);
  }

  // Sort each bucket by upper vertex; stable, so half-edges of one edge stay in face order.
  let scratch: Float64Array | null = null;
  for (let v = 0; v < vertexTotal; v++) {
    const start = bucketStart[v]!;
    const end = bucketStart[v + 1]!;
    const size = end - start;
    if (size < 2) continue;
    if (size <= 48) {
      for (let i = start + 1; i < end; i++) {
        const upper = sortedUpper[i]!;
        const h = sortedHalfEdges[i]!;
        let j = i - 1;
        while (j >= start && sortedUpper[j]! > upper) {
          sortedUpper[j + 1] = sortedUpper[j]!;
          sortedHalfEdges[j + 1] = sortedHalfEdges[j]!;
          j--;
        }
        sortedUpper[j + 1] = upper;
        sortedHalfEdges[j + 1] = h;
      }
    } else {
      // A high-valence vertex: pack (upper, half-edge) into one exact float64 key and sort natively.
      if (!scratch || scratch.length < size) scratch = new Float64Array(size);
      const keys = scratch.subarray(0, size);
      for (let i = 0; i < size; i++)
        keys[i] = sortedUpper[start + i]! * halfEdgeTotal + sortedHalfEdges[start + i]!;
      keys.sort();
      for (let i = 0; i < size; i++) {
        const key = keys[i]!;
        const upper = Math.floor(key / halfEdgeTotal);
        sortedUpper[start + i] = upper;
        sortedHalfEdges[start + i] = key - upper * halfEdgeTotal;
      }
    }
  }

  // Number the runs of equal (lower, upper): these are the edges.
  const halfEdgeEdge = new Uint32Array(halfEdgeTotal).fill(NO_EDGE);
  const offsets = new Uint32Array(used + 1);
  const pairs = new Uint32Array(used * 2);
  let edgeCount = 0;
  for (let v = 0; v < vertexTotal; v++) {
    const end = bucketStart[v + 1]!;
    for (let i = bucketStart[v]!; i < end; i++) {
      if (i === bucketStart[v]! || sortedUpper[i] !== sortedUpper[i - 1]) {
        offsets[edgeCount] = i;
        pairs[2 * edgeCount] = v;
        pairs[2 * edgeCount + 1] = sortedUpper[i]!;
        edgeCount++;
      }
      halfEdgeEdge[sortedHalfEdges[i]!] = edgeCount - 1;
    }
  }
  offsets[edgeCount] = used;

  return {
    edgeCount,
    edges: pairs.slice(0, 2 * edgeCount),
    edgeOffsets: offsets.slice(0, edgeCount + 1),
    edgeHalfEdges: sortedHalfEdges,
    halfEdgeEdge,
  };
}

/**
 * For each half-edge, the other half-edge of its edge when that edge is manifold (exactly two faces),
 * else −1. #F×3. Both orientations are paired: whether the two agree is for the caller to check.
 */
export function oppositeHalfEdges(topology: EdgeTopology, halfEdgeTotal: number): Int32Array {
  const opposite = new Int32Array(halfEdgeTotal).fill(-1);
  const { edgeOffsets, edgeHalfEdges, edgeCount } = topology;
  for (let e = 0; e < edgeCount; e++) {
    const start = edgeOffsets[e]!;
    if (edgeOffsets[e + 1]! - start !== 2) continue;
    const h0 = edgeHalfEdges[start]!;
    const h1 = edgeHalfEdges[start + 1]!;
    opposite[h0] = h1;
    opposite[h1] = h0;
  }
  return opposite;
}
