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
 * `seed`, with their exact signed distances. mesh: normalised (see normaliseMesh).
 * `onProgress(done, total)` may throw to cancel.
 */
export function sampleSdf(
  field: SignedDistanceField,
  mesh: Mesh,
  counts: { uniform: number; near: number },
  seed: number,
  onProgress?: (done: number, total: number) => void,
): SdfSampleSets {
  const rng = new Rng(seed);
  const uniformPoints = sampleBox(counts.uniform, rng, -BOX_HALF, BOX_HALF);
  const nearPoints = sampleNearSurface(mesh, counts.near, rng, NEAR_SIGMA, BOX_HALF);
  const total = counts.uniform + counts.near;
  const uniform = field.evaluate(uniformPoints, (d) => onProgress?.(d, total));
  const near = field.evaluate(nearPoints, (d) => onProgress?.(counts.uniform + d, total));
  return { uniform: { points: uniformPoints, sdf: uniform.sdf }, near: { points: nearPoints, sdf: near.sdf } };
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
