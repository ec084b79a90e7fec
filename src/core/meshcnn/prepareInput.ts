/**
 * Makes an arbitrary triangle mesh usable by MeshCNN, which needs edge-manifold triangles (crashes on
 * non-manifold meshes and tiny floating pieces are MeshCNN users' most reported problems):
 * - welds vertices at identical positions (OBJ/STL exports often split them),
 * - drops degenerate triangles (a repeated vertex) and repeated triangles,
 * - drops every triangle beyond the second on an edge (non-manifold edges),
 * - drops connected pieces smaller than `minComponentFraction` of the faces (keeps the largest always),
 * - drops unused vertices.
 * Face order is kept, so MeshCNN's edge order of an already clean mesh is unchanged.
 */
export interface PreparedMesh {
  /** #V'×3 */
  positions: Float64Array;
  /** #F'×3 */
  indices: Uint32Array;
  /** #F': the input face each kept face came from. */
  faceSource: Int32Array;
  /** What was changed, for the user and the metrics. */
  repairs: {
    weldedVertices: number;
    degenerateFaces: number;
    duplicateFaces: number;
    nonManifoldFaces: number;
    smallComponentFaces: number;
    unusedVertices: number;
  };
}

export function prepareInput(
  positions: ArrayLike<number>,
  indices: ArrayLike<number>,
  minComponentFraction = 0.01,
): PreparedMesh {
  const V = positions.length / 3;
  const F = indices.length / 3;
  // Weld exact duplicates: sort vertex ids by coordinates (no string keys; O(V log V)).
  const weld = new Int32Array(V);
  const order = Int32Array.from({ length: V }, (_, i) => i);
  const P = positions;
  order.sort(
    (a, b) =>
      P[3 * a]! - P[3 * b]! || P[3 * a + 1]! - P[3 * b + 1]! || P[3 * a + 2]! - P[3 * b + 2]! || a - b,
  );
  let welded = 0;
  for (let i = 0; i < V; i++) {
    const v = order[i]!;
    const u = i > 0 ? order[i - 1]! : -1;
    if (u >= 0 && P[3 * u] === P[3 * v] && P[3 * u + 1] === P[3 * v + 1] && P[3 * u + 2] === P[3 * v + 2]) {
      weld[v] = weld[u]!; // the smallest id of the run (ties sort by id)
      welded++;
    } else weld[v] = v;
  }
  const keep = new Uint8Array(F);
  const repairs = {
    weldedVertices: welded,
    degenerateFaces: 0,
    duplicateFaces: 0,
    nonManifoldFaces: 0,
    smallComponentFaces: 0,
    unusedVertices: 0,
  };
  // Repeated triangles: sort faces by their sorted vertex triple; later copies in file order are repeats.
  const sortedFaces = new Int32Array(3 * F);
  for (let f = 0; f < F; f++) {
    const a = weld[indices[3 * f]!]!,
      b = weld[indices[3 * f + 1]!]!,
      c = weld[indices[3 * f + 2]!]!;
    sortedFaces[3 * f] = Math.min(a, b, c);
    sortedFaces[3 * f + 2] = Math.max(a, b, c);
    sortedFaces[3 * f + 1] = a + b + c - sortedFaces[3 * f]! - sortedFaces[3 * f + 2]!;
  }
  const faceOrder = Int32Array.from({ length: F }, (_, i) => i);
  const S = sortedFaces;
  faceOrder.sort(
    (x, y) =>
      S[3 * x]! - S[3 * y]! || S[3 * x + 1]! - S[3 * y + 1]! || S[3 * x + 2]! - S[3 * y + 2]! || x - y,
  );
  const repeated = new Uint8Array(F);
  for (let i = 1; i < F; i++) {
    const x = faceOrder[i - 1]!,
      y = faceOrder[i]!;
    if (S[3 * x] === S[3 * y] && S[3 * x + 1] === S[3 * y + 1] && S[3 * x + 2] === S[3 * y + 2])
      repeated[y] = 1;
  }
  const edgeUse = new Map<number, number>();
  const edgeKey = (a: number, b: number) => (a < b ? a * V + b : b * V + a);
  for (let f = 0; f < F; f++) {
    const a = weld[indices[3 * f]!]!,
      b = weld[indices[3 * f + 1]!]!,
      c = weld[indices[3 * f + 2]!]!;
    if (a === b || b === c || c === a) {
      repairs.degenerateFaces++;
      continue;
    }
    if (repeated[f]) {
      repairs.duplicateFaces++;
      continue;
    }
    const k0 = edgeKey(a, b),
      k1 = edgeKey(b, c),
      k2 = edgeKey(c, a);
    const u0 = edgeUse.get(k0) ?? 0,
      u1 = edgeUse.get(k1) ?? 0,
      u2 = edgeUse.get(k2) ?? 0;
    if (u0 >= 2 || u1 >= 2 || u2 >= 2) {
      repairs.nonManifoldFaces++;
      continue;
    }
    edgeUse.set(k0, u0 + 1);
    edgeUse.set(k1, u1 + 1);
    edgeUse.set(k2, u2 + 1);
    keep[f] = 1;
  }
  // Connected components over shared vertices (union–find).
  const parent = new Int32Array(V).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (let f = 0; f < F; f++) {
    if (!keep[f]) continue;
    const a = find(weld[indices[3 * f]!]!);
    for (let k = 1; k < 3; k++) {
      const b = find(weld[indices[3 * f + k]!]!);
      if (a !== b) parent[b] = a;
    }
  }
  const componentFaces = new Map<number, number>();
  let kept = 0;
  for (let f = 0; f < F; f++) {
    if (!keep[f]) continue;
    const r = find(weld[indices[3 * f]!]!);
    componentFaces.set(r, (componentFaces.get(r) ?? 0) + 1);
    kept++;
  }
  const largest = Math.max(0, ...componentFaces.values());
  const minFaces = Math.min(largest, Math.ceil(minComponentFraction * kept));
  for (let f = 0; f < F; f++) {
    if (keep[f] && componentFaces.get(find(weld[indices[3 * f]!]!))! < minFaces) {
      keep[f] = 0;
      repairs.smallComponentFaces++;
    }
  }
  // Compact vertices in first-use order of the original numbering.
  const vertexMap = new Int32Array(V).fill(-1);
  for (let f = 0; f < F; f++)
    if (keep[f]) for (let k = 0; k < 3; k++) vertexMap[weld[indices[3 * f + k]!]!] = 0;
  let newV = 0;
  for (let v = 0; v < V; v++) if (vertexMap[v] === 0) vertexMap[v] = newV++;
  repairs.unusedVertices = V - welded - newV;
  const outPositions = new Float64Array(3 * newV);
  for (let v = 0; v < V; v++) {
    const w = vertexMap[v]!;
    if (w >= 0) for (let c = 0; c < 3; c++) outPositions[3 * w + c] = positions[3 * v + c]!;
  }
  let newF = 0;
  for (let f = 0; f < F; f++) if (keep[f]) newF++;
  const outIndices = new Uint32Array(3 * newF);
  const faceSource = new Int32Array(newF);
  for (let f = 0, g = 0; f < F; f++) {
    if (!keep[f]) continue;
    for (let k = 0; k < 3; k++) outIndices[3 * g + k] = vertexMap[weld[indices[3 * f + k]!]!]!;
    faceSource[g++] = f;
  }
  return { positions: outPositions, indices: outIndices, faceSource, repairs };
}

/** True when prepareInput changed nothing but possibly dropped unused vertices. */
export function wasUnchanged(prepared: PreparedMesh): boolean {
  const r = prepared.repairs;
  return (
    r.weldedVertices + r.degenerateFaces + r.duplicateFaces + r.nonManifoldFaces + r.smallComponentFaces === 0
  );
}
