import type { Rng } from '../sampling/Rng';

/** k-means' result: centres #k×3 and each point's cluster #N. */
export interface Clusters {
  centres: Float32Array;
  assignment: Int32Array;
}

/**
 * k-means (Lloyd's algorithm with k-means++ seeding) of points #N×3 → k centres #k×3 and each
 * point's cluster. Used to place the primitives where the shape's volume is before fitting starts.
 */
export function kMeans(points: Float32Array, k: number, rng: Rng, iterations = 20): Clusters {
  const N = points.length / 3;
  if (N === 0) throw new Error('k-means needs at least one point');
  const centres = new Float32Array(3 * k);
  const d2 = new Float64Array(N).fill(Infinity);
  const dist = (i: number, c: number): number => {
    const a = points[3 * i]! - centres[3 * c]!,
      b = points[3 * i + 1]! - centres[3 * c + 1]!,
      e = points[3 * i + 2]! - centres[3 * c + 2]!;
    return a * a + b * b + e * e;
  };
  // k-means++: each next centre drawn with probability ∝ squared distance to the nearest chosen one
  let first = rng.int(N);
  for (let c = 0; c < k; c++) {
    centres.set(points.subarray(3 * first, 3 * first + 3), 3 * c);
    let total = 0;
    for (let i = 0; i < N; i++) total += d2[i] = Math.min(d2[i]!, dist(i, c));
    let r = rng.next() * total;
    first = N - 1;
    for (let i = 0; i < N; i++)
      if ((r -= d2[i]!) <= 0) {
        first = i;
        break;
      }
  }
  const assign = new Int32Array(N);
  const sums = new Float64Array(3 * k),
    counts = new Int32Array(k);
  // the last pass only assigns, so `assignment` matches the returned centres
  for (let it = 0; it <= iterations; it++) {
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < N; i++) {
      let best = Infinity,
        bc = 0;
      for (let c = 0; c < k; c++) {
        const d = dist(i, c);
        if (d < best) {
          best = d;
          bc = c;
        }
      }
      assign[i] = bc;
      counts[bc]!++;
      for (let a = 0; a < 3; a++) sums[3 * bc + a] += points[3 * i + a]!;
    }
    if (it === iterations) break;
    for (let c = 0; c < k; c++)
      if (counts[c]! > 0) for (let a = 0; a < 3; a++) centres[3 * c + a] = sums[3 * c + a]! / counts[c]!;
  }
  return { centres, assignment: assign };
}
