import type { Mesh } from '../mesh/Mesh';
import { sampleBox } from '../sampling/boxSampling';
import { Rng } from '../sampling/Rng';
import { sampleNearSurface, sampleSurface } from '../sampling/surfaceSampling';
import type { TriangleTree } from '../sdf/TriangleTree';
import type { PartsData } from './fitParts';

/** The sample box: the unit cube padded by 10 % (as the SDF fit and Occupancy Networks). */
export const PARTS_BOX_HALF = 0.55;
/**
 * The uniform training samples reach beyond the evaluation box, so a primitive that grows out of
 * the box (where no evaluation sample would see it) is still pushed back by the occupancy loss.
 */
export const PARTS_TRAIN_BOX_HALF = 0.75;
/** Near-surface noise of the volume samples (unit-cube units): sharp occupancy near the surface. */
export const PARTS_NEAR_SIGMA = 0.02;

/** Unit face normals of a mesh: #F×3 (zero for degenerate faces). */
export function faceNormals(mesh: Mesh): Float32Array {
  const p = mesh.positions,
    f = mesh.indices,
    F = f.length / 3;
  const out = new Float32Array(3 * F);
  for (let t = 0; t < F; t++) {
    const a = 3 * f[3 * t]!,
      b = 3 * f[3 * t + 1]!,
      c = 3 * f[3 * t + 2]!;
    const ux = p[b]! - p[a]!,
      uy = p[b + 1]! - p[a + 1]!,
      uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!,
      vy = p[c + 1]! - p[a + 1]!,
      vz = p[c + 2]! - p[a + 2]!;
    const nx = uy * vz - uz * vy,
      ny = uz * vx - ux * vz,
      nz = ux * vy - uy * vx;
    const n = Math.hypot(nx, ny, nz);
    if (n > 0) out.set([nx / n, ny / n, nz / n], 3 * t);
  }
  return out;
}

/** Inside labels (1 where the generalised winding number > ½) of points #N×3. */
export function insideLabels(
  tree: TriangleTree,
  points: Float32Array,
  onProgress?: (done: number) => void,
): Uint8Array {
  const n = points.length / 3;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = tree.windingNumber(points[3 * i]!, points[3 * i + 1]!, points[3 * i + 2]!) > 0.5 ? 1 : 0;
    if (onProgress && (i + 1) % 4096 === 0) onProgress(i + 1);
  }
  return out;
}

/**
 * Training samples of a normalised, outward-oriented mesh: `surface` points with their face normals,
 * and `volume` points, half uniform in the padded box and half near the surface, labelled inside or
 * outside by the winding number (so small holes do not flip whole regions).
 */
export function partsTrainingData(
  mesh: Mesh,
  tree: TriangleTree,
  counts: { surface: number; volume: number },
  seed: number,
  onProgress?: (done: number) => void,
  near: { fraction: number; sigma: number } = { fraction: 0.5, sigma: PARTS_NEAR_SIGMA },
): PartsData {
  const rng = new Rng(seed);
  const surface = sampleSurface(mesh, counts.surface, rng);
  const normals = faceNormals(mesh);
  const surfaceNormals = new Float32Array(3 * counts.surface);
  for (let i = 0; i < counts.surface; i++)
    surfaceNormals.set(normals.subarray(3 * surface.faces[i]!, 3 * surface.faces[i]! + 3), 3 * i);
  const uniform = Math.round(counts.volume * (1 - near.fraction));
  const volumePoints = new Float32Array(3 * counts.volume);
  volumePoints.set(sampleBox(uniform, rng, -PARTS_TRAIN_BOX_HALF, PARTS_TRAIN_BOX_HALF), 0);
  volumePoints.set(
    sampleNearSurface(mesh, counts.volume - uniform, rng, near.sigma, PARTS_BOX_HALF),
    3 * uniform,
  );
  return {
    surfacePoints: surface.points,
    surfaceNormals,
    volumePoints,
    volumeLabels: insideLabels(tree, volumePoints, onProgress),
  };
}

/**
 * Points uniform in the inside of a mesh (#n×3, n ≤ count): `count` uniform samples of its bounding
 * box, kept where the winding number says inside. Used to shape the starting ellipsoids.
 */
export function insideSamples(mesh: Mesh, tree: TriangleTree, count: number, rng: Rng): Float32Array {
  const lo = [Infinity, Infinity, Infinity],
    hi = [-Infinity, -Infinity, -Infinity];
  const p = mesh.positions;
  for (let i = 0; i < p.length; i++) {
    lo[i % 3] = Math.min(lo[i % 3]!, p[i]!);
    hi[i % 3] = Math.max(hi[i % 3]!, p[i]!);
  }
  const box = new Float32Array(3 * count);
  for (let i = 0; i < box.length; i++) box[i] = lo[i % 3]! + rng.next() * (hi[i % 3]! - lo[i % 3]!);
  const labels = insideLabels(tree, box);
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (labels[i]) out.push(box[3 * i]!, box[3 * i + 1]!, box[3 * i + 2]!);
  return Float32Array.from(out);
}
