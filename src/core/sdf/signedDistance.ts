import type { Mesh } from '../mesh/Mesh';
import { TriangleTree } from './TriangleTree';

/** Signed distances and the winding numbers that signed them. */
export interface SignedDistanceResult {
  /** #N, negative inside (winding number > ½) */
  sdf: Float32Array;
  /** #N generalised winding numbers */
  winding: Float32Array;
}

/**
 * Exact signed distance of a mesh at query points: unsigned distance to the nearest triangle, sign
 * from the fast generalised winding number (inside iff w > ½), so meshes with small holes still
 * get the right sign away from the holes.
 */
export class SignedDistanceField {
  readonly tree: TriangleTree;

  /** mesh: positions #V×3, indices #F×3, faces outward (see normaliseMesh) */
  constructor(mesh: Mesh) {
    if (mesh.indices.length < 3) throw new Error('a signed distance needs at least one triangle');
    this.tree = new TriangleTree(mesh);
  }

  /** Signed distance at one point (negative inside). */
  signedDistance(x: number, y: number, z: number): number {
    const d = this.tree.distance(x, y, z);
    return this.tree.windingNumber(x, y, z) > 0.5 ? -d : d;
  }

  /**
   * Signed distances at points: #N×3. `onProgress(done)` is called every `chunk` points (it may
   * throw to cancel).
   */
  evaluate(
    points: ArrayLike<number>,
    onProgress?: (done: number) => void,
    chunk = 16384,
  ): SignedDistanceResult {
    const n = Math.floor(points.length / 3);
    const sdf = new Float32Array(n);
    const winding = new Float32Array(n);
    const tree = this.tree;
    for (let i = 0; i < n; i++) {
      const x = points[3 * i]!,
        y = points[3 * i + 1]!,
        z = points[3 * i + 2]!;
      const d = tree.distance(x, y, z);
      const w = tree.windingNumber(x, y, z);
      winding[i] = w;
      sdf[i] = w > 0.5 ? -d : d;
      if (onProgress && (i + 1) % chunk === 0) onProgress(i + 1);
    }
    onProgress?.(n);
    return { sdf, winding };
  }
}
