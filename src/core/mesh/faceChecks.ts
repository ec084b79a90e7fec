import type { Mesh } from './Mesh';
import { boundsDiagonal } from './measure';

/** Default relative tolerance for degenerate faces: a face thinner than 1e-10 of the bbox diagonal. */
export const DEFAULT_DEGENERATE_TOLERANCE = 1e-10;

/**
 * Faces that are degenerate: a repeated vertex index, or a height (twice the area over the longest
 * side) of at most `relativeTolerance` × bbox diagonal, which includes exactly zero area. Ascending face ids.
 */
export function findDegenerateFaces(
  mesh: Pick<Mesh, 'positions' | 'indices'>,
  relativeTolerance = DEFAULT_DEGENERATE_TOLERANCE,
): Uint32Array {
  const p = mesh.positions;
  const indices = mesh.indices;
  const faceTotal = indices.length / 3;
  const minHeight = relativeTolerance * boundsDiagonal(mesh);
  const found: number[] = [];
  for (let f = 0; f < faceTotal; f++) {
    const a = indices[3 * f]!;
    const b = indices[3 * f + 1]!;
    const c = indices[3 * f + 2]!;
    if (a === b || b === c || c === a) {
      found.push(f);
      continue;
    }
    const ux = p[3 * b]! - p[3 * a]!;
    const uy = p[3 * b + 1]! - p[3 * a + 1]!;
    const uz = p[3 * b + 2]! - p[3 * a + 2]!;
    const vx = p[3 * c]! - p[3 * a]!;
    const vy = p[3 * c + 1]! - p[3 * a + 1]!;
    const vz = p[3 * c + 2]! - p[3 * a + 2]!;
    const cx = uy * vz - uz * vy;
    const cy = uz * vx - ux * vz;
    const cz = ux * vy - uy * vx;
    const doubleArea = Math.sqrt(cx * cx + cy * cy + cz * cz);
    const wx = vx - ux;
    const wy = vy - uy;
    const wz = vz - uz;
    const longest = Math.sqrt(
      Math.max(ux * ux + uy * uy + uz * uz, vx * vx + vy * vy + vz * vz, wx * wx + wy * wy + wz * wz),
    );
    if (doubleArea === 0 || doubleArea <= minHeight * longest) found.push(f);
  }
  return Uint32Array.from(found);
}

/**
 * Faces that repeat an earlier face's vertex set (in any order or orientation). Returns #D later
 * copies (ascending) and, for each, the first face with the same set (`original`, #D).
 * Faces are bucketed by their smallest vertex and sorted within a bucket: O(#F), no string keys.
 */
export function findDuplicateFaces(mesh: Pick<Mesh, 'positions' | 'indices'>): {
  duplicates: Uint32Array;
  original: Uint32Array;
} {
  const indices = mesh.indices;
  const faceTotal = indices.length / 3;
  const vertexTotal = mesh.positions.length / 3;
  const sorted = new Uint32Array(indices.length);
  const bucketStart = new Uint32Array(vertexTotal + 1);
  for (let f = 0; f < faceTotal; f++) {
    let a = indices[3 * f]!;
    let b = indices[3 * f + 1]!;
    let c = indices[3 * f + 2]!;
    if (a > b) [a, b] = [b, a];
    if (b > c) [b, c] = [c, b];
    if (a > b) [a, b] = [b, a];
    sorted[3 * f] = a;
    sorted[3 * f + 1] = b;
    sorted[3 * f + 2] = c;
    bucketStart[a + 1]!++;
  }
  for (let v = 0; v < vertexTotal; v++) bucketStart[v + 1]! += bucketStart[v]!;
  const fill = bucketStart.slice(0, vertexTotal);
  const order = new Uint32Array(faceTotal);
  for (let f = 0; f < faceTotal; f++) order[fill[sorted[3 * f]!]!++] = f;

  const isDuplicateOf = new Int32Array(faceTotal).fill(-1);
  let duplicateCount = 0;
  for (let v = 0; v < vertexTotal; v++) {
    const start = bucketStart[v]!;
    const end = bucketStart[v + 1]!;
    // Buckets are small (faces whose smallest vertex is v): compare all pairs; the earlier face wins.
    // For a huge bucket this is quadratic, so fall back to sorting by (b, c) there.
    if (end - start > 64) {
      const bucket = Array.from(order.subarray(start, end));
      bucket.sort(
        (f, g) => sorted[3 * f + 1]! - sorted[3 * g + 1]! || sorted[3 * f + 2]! - sorted[3 * g + 2]! || f - g,
      );
      for (let i = 1; i < bucket.length; i++) {
        const f = bucket[i]!;
        const g = bucket[i - 1]!;
        if (sorted[3 * f + 1] === sorted[3 * g + 1] && sorted[3 * f + 2] === sorted[3 * g + 2]) {
          isDuplicateOf[f] = isDuplicateOf[g]! >= 0 ? isDuplicateOf[g]! : g;
          duplicateCount++;
        }
      }
      continue;
    }
    for (let i = start + 1; i < end; i++) {
      const f = order[i]!;
      for (let j = start; j < i; j++) {
        const g = order[j]!;
        if (isDuplicateOf[g]! >= 0) continue;
        if (sorted[3 * f + 1] === sorted[3 * g + 1] && sorted[3 * f + 2] === sorted[3 * g + 2]) {
          isDuplicateOf[f] = g;
          duplicateCount++;
          break;
        }
      }
    }
  }
  const duplicates = new Uint32Array(duplicateCount);
  const original = new Uint32Array(duplicateCount);
  let n = 0;
  for (let f = 0; f < faceTotal; f++) {
    if (isDuplicateOf[f]! >= 0) {
      duplicates[n] = f;
      original[n++] = isDuplicateOf[f]!;
    }
  }
  return { duplicates, original };
}
