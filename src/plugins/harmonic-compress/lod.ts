import { ShEvaluator } from '../../core/harmonics/shEvaluator';

/**
 * The live level-of-detail slider's data: the reconstruction truncated at a set of degrees, at
 * every vertex, precomputed in one pass (job side) so that a redraw at a stored degree is a
 * zero-copy view into the table — far below the 50 ms budget for 30k vertices — and no SH
 * evaluation runs on the UI thread while the slider moves.
 *
 * table: #degrees × V × channels (x, y, z[, r, g, b]) float32, cumulative over degree.
 */
export interface HarmonicLod {
  table: Float32Array;
  degrees: Int32Array;
  vertices: number;
  channels: number;
}

/** Memory the table may take; above it, only a subset of degrees is stored. */
export const LOD_BUDGET_BYTES = 96 * 2 ** 20;

/**
 * Which degrees to store for L: all of 0..L when the table fits the budget, otherwise the powers of
 * two, L, and evenly spaced degrees in between as far as the budget allows.
 */
export function lodDegreesFor(
  L: number,
  vertices: number,
  channels: number,
  budget = LOD_BUDGET_BYTES,
): Int32Array {
  const perDegree = vertices * channels * 4;
  const maxStored = Math.max(2, Math.floor(budget / Math.max(1, perDegree)));
  if (L + 1 <= maxStored) return Int32Array.from({ length: L + 1 }, (_, d) => d);
  const chosen = new Set<number>([0, L]);
  for (let p = 1; p < L; p *= 2) chosen.add(p);
  const spare = maxStored - chosen.size;
  for (let k = 1; k <= spare; k++) chosen.add(Math.round((k * L) / (spare + 1)));
  return Int32Array.from([...chosen].sort((a, b) => a - b));
}

/** The stored degree the slider shows for a requested degree (the largest stored one ≤ it). */
export function nearestStoredDegree(lod: HarmonicLod, degree: number): number {
  let k = 0;
  for (let i = 0; i < lod.degrees.length; i++) if (lod.degrees[i] <= degree) k = i;
  return lod.degrees[k];
}

/**
 * The reconstruction truncated at `degree`: positions #V×3 and, when the table has colour,
 * colours #V×3. Zero-copy when the table stores that degree and has only geometry (a view into
 * it); otherwise a de-interleaving copy (O(V)). Degrees not stored snap to the nearest lower one.
 */
export function evaluateAtDegree(
  lod: HarmonicLod,
  degree: number,
  out?: { positions: Float32Array; colors?: Float32Array },
): { positions: Float32Array; colors?: Float32Array; degree: number } {
  const stored = nearestStoredDegree(lod, degree);
  const k = lod.degrees.indexOf(stored);
  const { vertices: V, channels: C } = lod;
  const slice = lod.table.subarray(k * V * C, (k + 1) * V * C);
  if (C === 3 && !out) return { positions: slice, degree: stored };
  if (C === 3 && out) {
    out.positions.set(slice); // geometry only: one memcpy
    return { positions: out.positions, degree: stored };
  }
  const positions = out?.positions ?? new Float32Array(3 * V);
  const colors = C >= 6 ? (out?.colors ?? new Float32Array(3 * V)) : undefined;
  for (let v = 0; v < V; v++) {
    positions[3 * v] = slice[v * C];
    positions[3 * v + 1] = slice[v * C + 1];
    positions[3 * v + 2] = slice[v * C + 2];
    if (colors) {
      colors[3 * v] = slice[v * C + 3];
      colors[3 * v + 1] = slice[v * C + 4];
      colors[3 * v + 2] = slice[v * C + 5];
    }
  }
  return { positions, colors, degree: stored };
}

/**
 * Builds the LOD table from coefficients and the sphere points of the vertices (e.g. after a
 * reload from GLB, where only the coefficients and `_SH_SPHERE` survive). O(V·L²): run it in a
 * worker for large meshes. `coefficients`: C×(L+1)² with the geometry (and colour) channels first.
 */
export function buildLod(
  coefficients: Float32Array | Float64Array,
  channels: number,
  spherePoints: ArrayLike<number>,
  degrees?: Int32Array,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): HarmonicLod {
  const evaluator = new ShEvaluator(coefficients, channels);
  const V = Math.floor(spherePoints.length / 3);
  const chosen = degrees ?? lodDegreesFor(evaluator.degree, V, channels);
  const table = evaluator.lodTable(spherePoints, Array.from(chosen), onProgress, signal);
  return { table, degrees: chosen, vertices: V, channels };
}
