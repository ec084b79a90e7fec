/**
 * Möbius centring of a sphere map (after Baden, Crane & Kazhdan 2018, "Möbius Registration"):
 * among the conformal automorphisms of the sphere, pick the one after which the weighted centroid
 * of the mapped points is the origin. With the input mesh's vertex areas as weights this spreads the
 * surface's area evenly around the sphere, which lowers the area distortion of a conformal map
 * without changing its angles (a Möbius map is conformal).
 *
 * The automorphisms used are Φ_c(x) = (1−|c|²)(x+c)/|x+c|² + c for |c| < 1, which map the unit sphere
 * onto itself and pull mass towards c. To first order Φ_c(x) ≈ x + 2(c − ⟨x,c⟩x), so the centroid μ
 * moves by J·c with J = 2(I − Σ w x xᵀ / Σ w); each Newton step applies c = −J⁻¹μ (clamped to
 * |c| ≤ 0.5 so one step never pushes points towards the precision limit), and composes.
 *
 * sphere: #V×3 unit vectors, updated in place; weights: #V (≥ 0). Returns the final |μ| and the
 * number of steps.
 */
export function mobiusCentre(
  sphere: Float64Array,
  weights: Float64Array,
  tolerance = 1e-9,
  maxSteps = 50,
): { centroidNorm: number; steps: number } {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  let steps = 0;
  let norm = Infinity;
  for (; ; steps++) {
    let mx = 0;
    let my = 0;
    let mz = 0;
    let cxx = 0;
    let cxy = 0;
    let cxz = 0;
    let cyy = 0;
    let cyz = 0;
    let czz = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i] / total;
      const x = sphere[3 * i];
      const y = sphere[3 * i + 1];
      const z = sphere[3 * i + 2];
      mx += w * x;
      my += w * y;
      mz += w * z;
      cxx += w * x * x;
      cxy += w * x * y;
      cxz += w * x * z;
      cyy += w * y * y;
      cyz += w * y * z;
      czz += w * z * z;
    }
    norm = Math.hypot(mx, my, mz);
    if (norm <= tolerance || steps >= maxSteps) break;
    // Solve 2(I − C) c = −μ (I − C is positive definite unless all mass sits on one axis).
    const c = solve3x3(
      2 * (1 - cxx),
      -2 * cxy,
      -2 * cxz,
      -2 * cxy,
      2 * (1 - cyy),
      -2 * cyz,
      -2 * cxz,
      -2 * cyz,
      2 * (1 - czz),
      -mx,
      -my,
      -mz,
    );
    let [px, py, pz] = c;
    const len = Math.hypot(px, py, pz);
    if (!Number.isFinite(len)) break;
    if (len > 0.5) {
      px *= 0.5 / len;
      py *= 0.5 / len;
      pz *= 0.5 / len;
    }
    applyMobius(sphere, px, py, pz);
  }
  return { centroidNorm: norm, steps };
}

/** x ← Φ_c(x) for every row of sphere (#V×3), renormalised to unit length against rounding. */
export function applyMobius(sphere: Float64Array, cx: number, cy: number, cz: number): void {
  const cc = cx * cx + cy * cy + cz * cz;
  const k = 1 - cc;
  for (let i = 0; i < sphere.length; i += 3) {
    const ax = sphere[i] + cx;
    const ay = sphere[i + 1] + cy;
    const az = sphere[i + 2] + cz;
    const inv = k / (ax * ax + ay * ay + az * az);
    const x = inv * ax + cx;
    const y = inv * ay + cy;
    const z = inv * az + cz;
    const len = Math.sqrt(x * x + y * y + z * z);
    sphere[i] = x / len;
    sphere[i + 1] = y / len;
    sphere[i + 2] = z / len;
  }
}

function solve3x3(
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  f: number,
  g: number,
  h: number,
  i: number,
  r0: number,
  r1: number,
  r2: number,
): [number, number, number] {
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  const x = (r0 * A + r1 * (c * h - b * i) + r2 * (b * f - c * e)) / det;
  const y = (r0 * B + r1 * (a * i - c * g) + r2 * (c * d - a * f)) / det;
  const z = (r0 * C + r1 * (b * g - a * h) + r2 * (a * e - b * d)) / det;
  return [x, y, z];
}
