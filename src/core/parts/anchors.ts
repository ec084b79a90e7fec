import type { Rng } from '../sampling/Rng';
import type { FlowAnchors } from './ConditionalFlow';
import { kMeans, type Clusters } from './kMeans';
import { symmetricEigen3 } from './symmetricEigen3';

/** Smallest semi-axis of a starting ellipsoid (unit-cube units): keeps σ finite for flat clusters. */
const MIN_SEMI_AXIS = 0.01;

/**
 * Starting ellipsoids of M primitives for a per-shape fit: k-means clusters of points uniform in
 * the shape's inside, each primitive placed at its cluster's centre and shaped as the ellipsoid with
 * the cluster's second moments (semi-axes √(5·λ_i) along the covariance's eigenvectors, exact for a
 * uniformly filled ellipsoid). The paper's network learns placement over a whole dataset; one shape
 * with a few hundred CPU steps needs this head start. Thin limbs get thin primitives from the
 * start instead of having to grow them, which is where round starts got stuck (the spikes).
 * inside: #N×3 points uniform in the inside (N ≥ 1). Returns translations #M×3, the normaliser's
 * σ factors #M×3 (σ = r / semi-axis: the flow divides by σ) and rotations #M×9 whose rows are the
 * axes (p' = p·R, as quaternionRotation).
 */
export function ellipsoidAnchors(
  inside: Float32Array,
  primitives: number,
  radius: number,
  rng: Rng,
): FlowAnchors {
  if (inside.length === 0) throw new Error('no inside samples to place the primitives');
  return clusterEllipsoids(inside, kMeans(inside, primitives, rng), primitives, radius);
}

/**
 * The starting ellipsoids of given clusters of inside points (#N×3; centres #M×3, assignment #N):
 * each primitive at its cluster's centre with the cluster's second moments, as ellipsoidAnchors.
 */
export function clusterEllipsoids(
  inside: Float32Array,
  clusters: Clusters,
  primitives: number,
  radius: number,
): FlowAnchors {
  const N = inside.length / 3;
  const { centres, assignment } = clusters;
  const cov = new Float64Array(9 * primitives),
    counts = new Int32Array(primitives);
  for (let i = 0; i < N; i++) {
    const m = assignment[i]!;
    counts[m]!++;
    const d0 = inside[3 * i]! - centres[3 * m]!,
      d1 = inside[3 * i + 1]! - centres[3 * m + 1]!,
      d2 = inside[3 * i + 2]! - centres[3 * m + 2]!;
    const c = cov.subarray(9 * m, 9 * m + 9);
    c[0] += d0 * d0;
    c[1] += d0 * d1;
    c[2] += d0 * d2;
    c[4] += d1 * d1;
    c[5] += d1 * d2;
    c[8] += d2 * d2;
  }
  const scale = new Float32Array(3 * primitives),
    rotation = new Float32Array(9 * primitives);
  for (let m = 0; m < primitives; m++) {
    const e = ellipsoidOf(cov.subarray(9 * m, 9 * m + 9), counts[m]!, radius);
    scale.set(e.scale, 3 * m);
    rotation.set(e.rotation, 9 * m);
  }
  return { translation: centres, scale, rotation };
}

/**
 * The ellipsoid with the second moments of `count` points whose scatter matrix (Σ d·dᵀ about their
 * centre, upper triangle read) is `scatter`: σ factors #3 (r / semi-axis, semi-axis √(5·λ)) and a
 * rotation #9 whose rows are the axes. Fewer than 4 points: a small sphere.
 */
export function ellipsoidOf(
  scatter: ArrayLike<number>,
  count: number,
  radius: number,
): { scale: Float32Array; rotation: Float32Array } {
  if (count < 4)
    return {
      scale: new Float32Array(3).fill(radius / 0.05),
      rotation: Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]),
    };
  const c = new Float64Array(9);
  for (let a = 0; a < 3; a++)
    for (let b = a; b < 3; b++) c[3 * a + b] = c[3 * b + a] = scatter[3 * a + b]! / count;
  const { values, vectors } = symmetricEigen3(c);
  return {
    scale: Float32Array.from(values, (v) => radius / Math.max(MIN_SEMI_AXIS, Math.sqrt(5 * Math.max(0, v)))),
    rotation: Float32Array.from(vectors),
  };
}

/**
 * IoU of the union of the anchors' ellipsoids (sphere radius r mapped as the flow's normaliser and
 * affine map do) against inside labels — points: #N×3, labels: #N (1 inside). Scores k-means
 * restarts before any training.
 */
export function anchorsIou(
  anchors: FlowAnchors,
  points: Float32Array,
  labels: Uint8Array,
  radius: number,
): number {
  const M = anchors.translation.length / 3,
    r2 = radius * radius;
  const { translation: T, scale: S, rotation: R } = anchors;
  let both = 0,
    either = 0;
  for (let n = 0; n < labels.length; n++) {
    const x = points[3 * n]!,
      y = points[3 * n + 1]!,
      z = points[3 * n + 2]!;
    let inside = false;
    for (let m = 0; m < M && !inside; m++) {
      const d0 = x - T[3 * m]!,
        d1 = y - T[3 * m + 1]!,
        d2 = z - T[3 * m + 2]!;
      let s = 0;
      for (let i = 0; i < 3; i++) {
        const q =
          (d0 * R[9 * m + 3 * i]! + d1 * R[9 * m + 3 * i + 1]! + d2 * R[9 * m + 3 * i + 2]!) * S[3 * m + i]!;
        s += q * q;
      }
      inside = s < r2;
    }
    if (inside && labels[n]) both++;
    if (inside || labels[n]) either++;
  }
  return either ? both / either : 1;
}

/**
 * The best of `restarts` clusterings by the IoU of their ellipsoids' union on labelled points (#N×3,
 * #N). `cluster` draws one clustering of the inside points (#n×3) into `primitives` clusters (default:
 * k-means with k-means++ seeding). Seedings land in different local optima; on a human in 5 parts
 * the starting IoU of k-means ranges 0.46–0.58, so picking costs little and gives the fit a better
 * start.
 */
export function bestEllipsoidAnchors(
  inside: Float32Array,
  primitives: number,
  radius: number,
  check: { points: Float32Array; labels: Uint8Array },
  restarts: number,
  rng: Rng,
  cluster: (rng: Rng) => Clusters = (r) => kMeans(inside, primitives, r),
): { anchors: FlowAnchors; iou: number } {
  if (inside.length === 0) throw new Error('no inside samples to place the primitives');
  let best: { anchors: FlowAnchors; iou: number } | null = null;
  for (let i = 0; i < Math.max(1, restarts); i++) {
    const anchors = clusterEllipsoids(inside, cluster(rng), primitives, radius);
    const iou = anchorsIou(anchors, check.points, check.labels, radius);
    if (!best || iou > best.iou) best = { anchors, iou };
  }
  return best!;
}
