import type { Mesh } from '../mesh/Mesh';
import { Rng } from '../sampling/Rng';
import { sampleBox } from '../sampling/boxSampling';
import { sampleNearSurface } from '../sampling/surfaceSampling';
import type { SignedDistanceField } from './signedDistance';

/** The reference's sample box half-size: the unit cube padded by 10%. */
export const BOX_HALF = 0.55;
/** The reference's near-surface noise (per axis, unit-cube units). */
export const NEAR_SIGMA = 0.01;

/** Points with their ground-truth signed distances. */
export interface SdfSamples {
  /** #N×3 */
  points: Float32Array;
  /** #N, negative inside */
  sdf: Float32Array;
}

export interface SdfSampleSets {
  uniform: SdfSamples;
  near: SdfSamples;
}

/**
 * Uniform samples in [−0.55, 0.55]³ and near-surface samples (surface + N(0, σ²)), drawn from
 * `seed`, with their exact signed distances. mesh: normalised (see normaliseMesh). The distances
 * are computed in chunks; `onProgress(done, total)` is awaited between them, so a job can yield to
 * its host there (and throw to cancel).
 */
export async function sampleSdf(
  field: SignedDistanceField,
  mesh: Mesh,
  counts: { uniform: number; near: number },
  seed: number,
  onProgress?: (done: number, total: number) => void | Promise<void>,
  chunk = 16384,
): Promise<SdfSampleSets> {
  const rng = new Rng(seed);
  const uniformPoints = sampleBox(counts.uniform, rng, -BOX_HALF, BOX_HALF);
  const nearPoints = sampleNearSurface(mesh, counts.near, rng, NEAR_SIGMA, BOX_HALF);
  const total = counts.uniform + counts.near;
  const signed = async (points: Float32Array, offset: number): Promise<Float32Array> => {
    const n = points.length / 3;
    const sdf = new Float32Array(n);
    for (let s = 0; s < n; s += chunk) {
      const e = Math.min(n, s + chunk);
      sdf.set(field.evaluate(points.subarray(3 * s, 3 * e)).sdf, s);
      await onProgress?.(offset + e, total);
    }
    return sdf;
  };
  const uniform = await signed(uniformPoints, 0);
  const near = await signed(nearPoints, counts.uniform);
  return { uniform: { points: uniformPoints, sdf: uniform }, near: { points: nearPoints, sdf: near } };
}

/** Concatenates sample sets (training uses one pool). */
export function concatSamples(sets: readonly SdfSamples[]): SdfSamples {
  const n = sets.reduce((s, x) => s + x.sdf.length, 0);
  const points = new Float32Array(3 * n);
  const sdf = new Float32Array(n);
  let o = 0;
  for (const s of sets) {
    points.set(s.points, 3 * o);
    sdf.set(s.sdf, o);
    o += s.sdf.length;
  }
  return { points, sdf };
}
