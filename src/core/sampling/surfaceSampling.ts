import type { Mesh } from '../mesh/Mesh';
import type { Rng } from './Rng';

/** Points on a mesh surface with the triangle each came from. */
export interface SurfaceSamples {
  /** #count×3 */
  points: Float32Array;
  /** #count: the face each point lies on */
  faces: Uint32Array;
}

/**
 * Cumulative face areas (#F, last entry = total area), for area-weighted face choice.
 * Float64 so that the running sum stays exact enough on meshes with millions of faces.
 */
export function cumulativeFaceAreas(mesh: Mesh): Float64Array {
  const p = mesh.positions;
  const f = mesh.indices;
  const faces = f.length / 3;
  const cumulative = new Float64Array(faces);
  let total = 0;
  for (let t = 0; t < faces; t++) {
    const a = 3 * f[3 * t]!;
    const b = 3 * f[3 * t + 1]!;
    const c = 3 * f[3 * t + 2]!;
    const ux = p[b]! - p[a]!,
      uy = p[b + 1]! - p[a + 1]!,
      uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!,
      vy = p[c + 1]! - p[a + 1]!,
      vz = p[c + 2]! - p[a + 2]!;
    const cx = uy * vz - uz * vy,
      cy = uz * vx - ux * vz,
      cz = ux * vy - uy * vx;
    total += 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
    cumulative[t] = total;
  }
  return cumulative;
}

/**
 * `count` points uniformly distributed over the surface area of the mesh: a face chosen with
 * probability ∝ area (binary search in the cumulative areas), then a uniform point in it
 * (barycentrics (1−√r₁, √r₁(1−r₂), √r₁r₂)). Throws if the mesh has no area.
 */
export function sampleSurface(
  mesh: Mesh,
  count: number,
  rng: Rng,
  cumulative = cumulativeFaceAreas(mesh),
): SurfaceSamples {
  const faces = cumulative.length;
  const total = faces > 0 ? cumulative[faces - 1]! : 0;
  if (!(total > 0)) throw new Error('cannot sample a surface with zero area');
  const p = mesh.positions;
  const f = mesh.indices;
  const points = new Float32Array(count * 3);
  const faceOf = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const target = rng.next() * total;
    let lo = 0;
    let hi = faces - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! <= target) lo = mid + 1;
      else hi = mid;
    }
    faceOf[i] = lo;
    const r1 = Math.sqrt(rng.next());
    const r2 = rng.next();
    const wa = 1 - r1,
      wb = r1 * (1 - r2),
      wc = r1 * r2;
    const a = 3 * f[3 * lo]!,
      b = 3 * f[3 * lo + 1]!,
      c = 3 * f[3 * lo + 2]!;
    for (let k = 0; k < 3; k++) points[3 * i + k] = wa * p[a + k]! + wb * p[b + k]! + wc * p[c + k]!;
  }
  return { points, faces: faceOf };
}

/**
 * Near-surface samples as in DeepSDF and the reference: surface points plus N(0, σ²) noise per
 * axis, clamped to the cube [−clampHalf, clampHalf]³. Returns points: #count×3.
 */
export function sampleNearSurface(
  mesh: Mesh,
  count: number,
  rng: Rng,
  sigma = 0.01,
  clampHalf = 0.55,
): Float32Array {
  const { points } = sampleSurface(mesh, count, rng);
  for (let i = 0; i < points.length; i++) {
    const v = points[i]! + sigma * rng.normal();
    points[i] = v < -clampHalf ? -clampHalf : v > clampHalf ? clampHalf : v;
  }
  return points;
}
