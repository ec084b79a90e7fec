import { BufferAttribute, BufferGeometry, Vector3 } from 'three';
import { MeshBVH, type HitPointInfo } from 'three-mesh-bvh';

/**
 * Gives every face of a target mesh the label of the nearest face of a labelled source mesh (the simplified
 * mesh the network saw), measured from the target face's centroid (interior faces: from their vertices,
 * which agree there). A BVH (three-mesh-bvh) keeps it O(F log F'). @returns #F_target labels
 */
export function transferFaceLabels(
  source: { positions: ArrayLike<number>; indices: ArrayLike<number> },
  sourceLabels: ArrayLike<number>,
  target: { positions: ArrayLike<number>; indices: ArrayLike<number> },
): Int32Array {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(Float32Array.from(source.positions), 3));
  geometry.setIndex(new BufferAttribute(Uint32Array.from(source.indices), 1));
  // indirect: keep the index order, so hit.faceIndex is the source face (a direct BVH reorders triangles).
  const bvh = new MeshBVH(geometry, { indirect: true });
  const F = target.indices.length / 3;
  const V = target.positions.length / 3;
  const P = target.positions;
  const I = target.indices;
  const point = new Vector3();
  const hit: HitPointInfo = { point: new Vector3(), distance: 0, faceIndex: 0 };
  const nearestLabel = (x: number, y: number, z: number): number => {
    point.set(x, y, z);
    const result = bvh.closestPointToPoint(point, hit);
    return result ? sourceLabels[result.faceIndex]! : 0;
  };
  // Half as many queries as faces: label the vertices; a face whose three vertices agree takes that label,
  // the rest (part boundaries) ask for the face nearest to their centroid.
  const vertexLabel = new Int32Array(V).fill(-1);
  for (let i = 0; i < I.length; i++) {
    const v = I[i]!;
    if (vertexLabel[v]! < 0) vertexLabel[v] = nearestLabel(P[3 * v]!, P[3 * v + 1]!, P[3 * v + 2]!);
  }
  const out = new Int32Array(F);
  for (let f = 0; f < F; f++) {
    const a = I[3 * f]!,
      b = I[3 * f + 1]!,
      c = I[3 * f + 2]!;
    const la = vertexLabel[a]!;
    if (la === vertexLabel[b] && la === vertexLabel[c]) {
      out[f] = la;
      continue;
    }
    out[f] = nearestLabel(
      (P[3 * a]! + P[3 * b]! + P[3 * c]!) / 3,
      (P[3 * a + 1]! + P[3 * b + 1]! + P[3 * c + 1]!) / 3,
      (P[3 * a + 2]! + P[3 * b + 2]! + P[3 * c + 2]!) / 3,
    );
  }
  geometry.dispose();
  return out;
}

/**
 * Smooths part boundaries: each face takes the label most common among itself and its edge neighbours
 * (itself counted twice, so ties keep the label), repeated `iterations` times. Removes single-face islands
 * and jagged steps without moving long boundaries. @param labels #F, modified copy returned
 */
export function smoothFaceLabels(indices: ArrayLike<number>, labels: Int32Array, iterations = 2): Int32Array {
  const F = indices.length / 3;
  const neighbours = faceNeighbours(indices);
  let current = labels.slice();
  let next = new Int32Array(F);
  const counts = new Map<number, number>();
  for (let it = 0; it < iterations; it++) {
    for (let f = 0; f < F; f++) {
      counts.clear();
      counts.set(current[f]!, 2);
      for (let k = 0; k < 3; k++) {
        const g = neighbours[3 * f + k]!;
        if (g >= 0) counts.set(current[g]!, (counts.get(current[g]!) ?? 0) + 1);
      }
      let best = current[f]!;
      let bestCount = 2;
      for (const [label, count] of counts) {
        if (count > bestCount) {
          best = label;
          bestCount = count;
        }
      }
      next[f] = best;
    }
    [current, next] = [next, current];
  }
  return current;
}

/** #F×3 the face across each edge (v_k, v_k+1), -1 on a boundary (or beyond the second face of an edge). */
export function faceNeighbours(indices: ArrayLike<number>): Int32Array {
  const F = indices.length / 3;
  const out = new Int32Array(3 * F).fill(-1);
  let V = 0;
  for (let i = 0; i < indices.length; i++) V = Math.max(V, indices[i]! + 1);
  const firstSide = new Map<number, number>();
  for (let f = 0; f < F; f++) {
    for (let k = 0; k < 3; k++) {
      const a = indices[3 * f + k]!,
        b = indices[3 * f + ((k + 1) % 3)]!;
      const key = a < b ? a * V + b : b * V + a;
      const other = firstSide.get(key);
      if (other === undefined) firstSide.set(key, 3 * f + k);
      else if (other >= 0) {
        out[3 * f + k] = Math.floor(other / 3);
        out[other] = f;
        firstSide.set(key, -1);
      }
    }
  }
  return out;
}
