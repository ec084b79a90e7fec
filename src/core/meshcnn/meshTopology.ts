/**
 * The edge structure MeshCNN works on, for one resolution level of a triangle mesh.
 *
 * Edge order (MeshCNN's, which the datasets' .eseg/.seseg labels follow): walk the faces in file order,
 * take each face's edges (v0,v1), (v1,v2), (v2,v0); an undirected edge gets the next number the first time
 * it is seen.
 *
 * One-ring neighbours (MeshCNN's `gemm_edges`): for edge e in slot k of a face, the two other edges of that
 * face in slot order k+1, k+2. The face where e was first seen fills gemm[e][0..1] (a, b), the other face
 * gemm[e][2..3] (c, d); a missing face (boundary) leaves -1.
 */
export interface MeshLevel {
  /** #V×3 (vertices no face uses any more after pooling keep their slot). */
  positions: Float64Array;
  /** #F×3 vertex indices. */
  faces: Int32Array;
  /** #F×3: faceEdges[3f+k] is the edge from faces[3f+k] to faces[3f+(k+1)%3]. */
  faceEdges: Int32Array;
  /** #E×2 vertex indices. */
  edges: Int32Array;
  /** #E×2: the face where the edge was first seen, then the other face (-1 on a boundary). */
  edgeFaces: Int32Array;
  /** #E×4 neighbour edges a, b (first face), c, d (second face); -1 where missing. */
  gemm: Int32Array;
}

export function edgeCountOf(level: MeshLevel): number {
  return level.edges.length / 2;
}

/** Thrown for meshes MeshCNN cannot run on; the message says what is wrong. */
export class TopologyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TopologyError';
  }
}

/**
 * Builds edges, face edges and one-ring neighbours from indexed triangles.
 * @param positions #V×3
 * @param indices #F×3
 * @throws TopologyError for degenerate faces (a repeated vertex) and edges shared by more than two faces.
 */
export function buildMeshLevel(positions: ArrayLike<number>, indices: ArrayLike<number>): MeshLevel {
  const faceCount = indices.length / 3;
  const vertexCount = positions.length / 3;
  const faces = Int32Array.from(indices);
  const faceEdges = new Int32Array(3 * faceCount);
  // Edge lookup by (min, max) vertex pair: per-vertex singly linked lists keyed by the smaller vertex —
  // O(V + E) memory and no string keys.
  const head = new Int32Array(vertexCount).fill(-1);
  const maxEdges = 3 * faceCount;
  const next = new Int32Array(maxEdges);
  const other = new Int32Array(maxEdges);
  const edges = new Int32Array(2 * maxEdges);
  const edgeFaces = new Int32Array(2 * maxEdges).fill(-1);
  let edgeCount = 0;
  for (let f = 0; f < faceCount; f++) {
    for (let k = 0; k < 3; k++) {
      const a = faces[3 * f + k]!;
      const b = faces[3 * f + ((k + 1) % 3)]!;
      if (a === b) throw new TopologyError(`face ${f} is degenerate (vertex ${a} repeated)`);
      const lo = a < b ? a : b;
      const hi = a < b ? b : a;
      let e = head[lo]!;
      while (e >= 0 && other[e] !== hi) e = next[e]!;
      if (e < 0) {
        e = edgeCount++;
        other[e] = hi;
        next[e] = head[lo]!;
        head[lo] = e;
        edges[2 * e] = a;
        edges[2 * e + 1] = b;
        edgeFaces[2 * e] = f;
      } else if (edgeFaces[2 * e + 1]! < 0) {
        edgeFaces[2 * e + 1] = f;
      } else {
        throw new TopologyError(`edge ${lo}–${hi} is shared by more than two faces (non-manifold)`);
      }
      faceEdges[3 * f + k] = e;
    }
  }
  const level: MeshLevel = {
    positions: Float64Array.from(positions),
    faces,
    faceEdges,
    edges: edges.slice(0, 2 * edgeCount),
    edgeFaces: edgeFaces.slice(0, 2 * edgeCount),
    gemm: new Int32Array(4 * edgeCount),
  };
  fillGemm(level);
  return level;
}

/** Recomputes `gemm` from `faceEdges` and `edgeFaces`. */
export function fillGemm(level: MeshLevel): void {
  const { faceEdges, edgeFaces, gemm } = level;
  const edgeCount = edgeFaces.length / 2;
  for (let e = 0; e < edgeCount; e++) {
    for (let side = 0; side < 2; side++) {
      const f = edgeFaces[2 * e + side]!;
      if (f < 0) {
        gemm[4 * e + 2 * side] = -1;
        gemm[4 * e + 2 * side + 1] = -1;
        continue;
      }
      const k = slotOf(faceEdges, f, e);
      gemm[4 * e + 2 * side] = faceEdges[3 * f + ((k + 1) % 3)]!;
      gemm[4 * e + 2 * side + 1] = faceEdges[3 * f + ((k + 2) % 3)]!;
    }
  }
}

/** The slot (0..2) of edge e in face f. */
export function slotOf(faceEdges: Int32Array, f: number, e: number): number {
  if (faceEdges[3 * f] === e) return 0;
  if (faceEdges[3 * f + 1] === e) return 1;
  if (faceEdges[3 * f + 2] === e) return 2;
  throw new Error(`edge ${e} is not in face ${f}`);
}
