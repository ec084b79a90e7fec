import { SymmetricPattern } from '../sparse/SymmetricPattern';

/**
 * The sparsity pattern of a triangle mesh's vertex-to-vertex operators (stiffness, mass), with
 * where each face writes its entries, so assembling a matrix is one pass over the faces with no
 * searching.
 *
 * - edgeSlots: #F×3, the slot of the edge opposite corner c of face f (corner 0 → edge (v1, v2))
 * - diagSlots: #V, the slot of each diagonal entry
 */
export interface MeshPattern {
  pattern: SymmetricPattern;
  edgeSlots: Int32Array;
  diagSlots: Int32Array;
}

/** `indices`: #F×3. Vertices no face uses still get a diagonal entry. */
export function meshPattern(indices: Uint32Array, vertexCount: number): MeshPattern {
  const faceCount = indices.length / 3;
  const edges = new Int32Array(faceCount * 6);
  for (let f = 0; f < faceCount; f++) {
    for (let c = 0; c < 3; c++) {
      edges[6 * f + 2 * c] = indices[3 * f + ((c + 1) % 3)];
      edges[6 * f + 2 * c + 1] = indices[3 * f + ((c + 2) % 3)];
    }
  }
  const pattern = SymmetricPattern.fromEdges(vertexCount, edges);
  const edgeSlots = new Int32Array(faceCount * 3);
  for (let e = 0; e < faceCount * 3; e++) edgeSlots[e] = pattern.slot(edges[2 * e], edges[2 * e + 1]);
  const diagSlots = new Int32Array(vertexCount);
  for (let v = 0; v < vertexCount; v++) diagSlots[v] = pattern.diagSlot(v);
  return { pattern, edgeSlots, diagSlots };
}
