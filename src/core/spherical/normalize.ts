import { faceAreas } from '../geometry/triangles';

/**
 * Translates x (#V×3) so that its area-weighted surface centroid Σ_f A_f (a+b+c)/3 / Σ_f A_f is at
 * the origin and scales it to total surface area 1 (mesh2sh's convention). `areas` (#F) receives the
 * face areas of the normalised surface. Returns the area before scaling.
 */
export function normalizeToUnitArea(x: Float64Array, indices: Uint32Array, areas: Float64Array): number {
  faceAreas(x, indices, areas);
  let area = 0;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let f = 0; f < areas.length; f++) {
    const w = areas[f] / 3;
    const a = 3 * indices[3 * f];
    const b = 3 * indices[3 * f + 1];
    const c = 3 * indices[3 * f + 2];
    area += areas[f];
    cx += w * (x[a] + x[b] + x[c]);
    cy += w * (x[a + 1] + x[b + 1] + x[c + 1]);
    cz += w * (x[a + 2] + x[b + 2] + x[c + 2]);
  }
  cx /= area;
  cy /= area;
  cz /= area;
  const s = 1 / Math.sqrt(area);
  for (let i = 0; i < x.length; i += 3) {
    x[i] = s * (x[i] - cx);
    x[i + 1] = s * (x[i + 1] - cy);
    x[i + 2] = s * (x[i + 2] - cz);
  }
  for (let f = 0; f < areas.length; f++) areas[f] /= area;
  return area;
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
  weights.fill(0);
  let area = 0;
  for (let f = 0; f < areas.length; f++) {
    const third = areas[f] / 3;
    area += areas[f];
    weights[indices[3 * f]] += third;
    weights[indices[3 * f + 1]] += third;
    weights[indices[3 * f + 2]] += third;
  }
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let i = 0; i < weights.length; i++) {
    cx += weights[i] * x[3 * i];
    cy += weights[i] * x[3 * i + 1];
    cz += weights[i] * x[3 * i + 2];
  }
  cx /= area;
  cy /= area;
  cz /= area;
  let mean = 0;
  let meanSq = 0;
  for (let i = 0; i < weights.length; i++) {
    const dx = x[3 * i] - cx;
    const dy = x[3 * i + 1] - cy;
    const dz = x[3 * i + 2] - cz;
    const r = Math.sqrt(dx * dx + dy * dy + dz * dz); // (Math.hypot is several times slower)
    mean += weights[i] * r;
    meanSq += weights[i] * r * r;
  }
  mean /= area;
  meanSq /= area;
  return Math.sqrt(Math.abs(meanSq - mean * mean)) / mean;
}
