import { faceAreas } from '../geometry/triangles';

/**
 * Translates x (#V×3) so that its area-weighted surface centroid Σ_f A_f (a+b+c)/3 / Σ_f A_f is at
 * the origin and scales it to total surface area 1 (mesh2sh's convention). `areas` (#F) receives the
 * face areas of the normalised surface. Returns the area before scaling.
 */
export function normalizeToUnitArea(x: Float64Array, indices: Uint32Array, areas: Float64Array): number {
  faceAreas(x, indices, areas);
  const sums = scratch;
  areaMoments(x, indices, areas, sums);
  const area = sums[0];
  const s = 1 / Math.sqrt(area);
  translateAndScale(x, sums[1] / area, sums[2] / area, sums[3] / area, s);
  divideArray(areas, area);
  return area;
}

/*
 * Why the small functions below: each hot loop sits alone at the end of its function. V8 compiles a
 * long-running loop on the spot (on-stack replacement) before the code after it has ever run; that
 * code then has no type feedback, and the cached compiled loop bails out to the interpreter there on
 * every later call (measured: two bailouts per flow step here, and per solve in the solver).
 */

/** Accumulated in place by the loops (see above), so nothing follows them: [area, Σx, Σy, Σz]. */
const scratch = new Float64Array(4);

/** sums = [Σ A_f, Σ A_f (a+b+c)/3 per coordinate] over the faces. */
function areaMoments(x: Float64Array, indices: Uint32Array, areas: Float64Array, sums: Float64Array): void {
  sums[0] = 0;
  sums[1] = 0;
  sums[2] = 0;
  sums[3] = 0;
  for (let f = 0; f < areas.length; f++) {
    const w = areas[f] / 3;
    const a = 3 * indices[3 * f];
    const b = 3 * indices[3 * f + 1];
    const c = 3 * indices[3 * f + 2];
    sums[0] += areas[f];
    sums[1] += w * (x[a] + x[b] + x[c]);
    sums[2] += w * (x[a + 1] + x[b + 1] + x[c + 1]);
    sums[3] += w * (x[a + 2] + x[b + 2] + x[c + 2]);
  }
}

/** x_i ← s·(x_i − c) for every point (x: #V×3). */
function translateAndScale(x: Float64Array, cx: number, cy: number, cz: number, s: number): void {
  for (let i = 0; i < x.length; i += 3) {
    x[i] = s * (x[i] - cx);
    x[i + 1] = s * (x[i + 1] - cy);
    x[i + 2] = s * (x[i + 2] - cz);
  }
}

/** a ← a / d. */
function divideArray(a: Float64Array, d: number): void {
  for (let k = 0; k < a.length; k++) a[k] /= d;
}

/**
 * Radial deviation σ/μ of the distance to the centre, weighted by barycentric vertex areas
 * w_i = Σ_{f∋i} A_f/3: c = Σ w_i x_i / Σ w_i, r_i = |x_i − c|, μ = Σ w_i r_i / Σ w_i,
 * σ² = Σ w_i r_i² / Σ w_i − μ². 0 for points on a sphere. `areas`: the face areas of x (#F);
 * `weights` (#V) is scratch.
 */
export function radialDeviation(
  x: Float64Array,
  indices: Uint32Array,
  areas: Float64Array,
  weights: Float64Array,
): number {
  const sums = scratch;
  vertexWeights(indices, areas, weights, sums);
  const area = sums[0];
  weightedSum(x, weights, sums);
  const cx = sums[1] / area;
  const cy = sums[2] / area;
  const cz = sums[3] / area;
  radialMoments(x, weights, cx, cy, cz, sums);
  const mean = sums[0] / area;
  const meanSq = sums[1] / area;
  return Math.sqrt(Math.abs(meanSq - mean * mean)) / mean;
}

/** weights_i = Σ_{f∋i} A_f/3; sums[0] = Σ A_f. */
function vertexWeights(
  indices: Uint32Array,
  areas: Float64Array,
  weights: Float64Array,
  sums: Float64Array,
): void {
  weights.fill(0);
  sums[0] = 0;
  for (let f = 0; f < areas.length; f++) {
    const third = areas[f] / 3;
    sums[0] += areas[f];
    weights[indices[3 * f]] += third;
    weights[indices[3 * f + 1]] += third;
    weights[indices[3 * f + 2]] += third;
  }
}

/** sums[1..3] = Σ w_i x_i. */
function weightedSum(x: Float64Array, weights: Float64Array, sums: Float64Array): void {
  sums[1] = 0;
  sums[2] = 0;
  sums[3] = 0;
  for (let i = 0; i < weights.length; i++) {
    sums[1] += weights[i] * x[3 * i];
    sums[2] += weights[i] * x[3 * i + 1];
    sums[3] += weights[i] * x[3 * i + 2];
  }
}

/** sums[0] = Σ w_i r_i, sums[1] = Σ w_i r_i² with r_i = |x_i − c|. */
function radialMoments(
  x: Float64Array,
  weights: Float64Array,
  cx: number,
  cy: number,
  cz: number,
  sums: Float64Array,
): void {
  sums[0] = 0;
  sums[1] = 0;
  for (let i = 0; i < weights.length; i++) {
    const dx = x[3 * i] - cx;
    const dy = x[3 * i + 1] - cy;
    const dz = x[3 * i + 2] - cz;
    const r = Math.sqrt(dx * dx + dy * dy + dz * dz); // (Math.hypot is several times slower)
    sums[0] += weights[i] * r;
    sums[1] += weights[i] * r * r;
  }
}
