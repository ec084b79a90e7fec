/**
 * Sphere coordinates of unit vectors (#V×3 → #V×2): θ ∈ [0, π] from +Y (the up axis of glTF and
 * three.js) and φ ∈ (−π, π] around it, φ = atan2(x, z).
 */
export function sphereCoordinates(sphere: Float64Array): Float32Array {
  const n = sphere.length / 3;
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const x = sphere[3 * i];
    const y = sphere[3 * i + 1];
    const z = sphere[3 * i + 2];
    out[2 * i] = Math.acos(Math.max(-1, Math.min(1, y)));
    out[2 * i + 1] = Math.atan2(x, z);
  }
  return out;
}

/**
 * Texture coordinates from sphere coordinates (#V×2 → #V×2): u = φ/2π + ½, v = 1 − θ/π. The map
 * is continuous except across the meridian φ = ±π, where faces that straddle it interpolate u the
 * long way round (a band of squeezed squares), and at the poles.
 */
export function sphereUvs(coordinates: Float32Array): Float32Array {
  const out = new Float32Array(coordinates.length);
  for (let i = 0; i < coordinates.length; i += 2) {
    out[i] = coordinates[i + 1] / (2 * Math.PI) + 0.5;
    out[i + 1] = 1 - coordinates[i] / Math.PI;
  }
  return out;
}

/**
 * Where the sphere is drawn as a morph target: the unit sphere scaled to the radius of a sphere with
 * the original's area, centred on the original's area centroid, so the slider morphs in place.
 * positions: #V×3 original; sphere: #V×3 unit; returns #V×3.
 */
export function morphTargetPositions(
  positions: ArrayLike<number>,
  indices: Uint32Array,
  sphere: Float64Array,
): Float32Array {
  let area = 0;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let f = 0; f < indices.length; f += 3) {
    const a = 3 * indices[f];
    const b = 3 * indices[f + 1];
    const c = 3 * indices[f + 2];
    const ux = positions[b] - positions[a];
    const uy = positions[b + 1] - positions[a + 1];
    const uz = positions[b + 2] - positions[a + 2];
    const vx = positions[c] - positions[a];
    const vy = positions[c + 1] - positions[a + 1];
    const vz = positions[c + 2] - positions[a + 2];
    const A = 0.5 * Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
    area += A;
    cx += (A / 3) * (positions[a] + positions[b] + positions[c]);
    cy += (A / 3) * (positions[a + 1] + positions[b + 1] + positions[c + 1]);
    cz += (A / 3) * (positions[a + 2] + positions[b + 2] + positions[c + 2]);
  }
  const radius = Math.sqrt(area / (4 * Math.PI));
  const out = new Float32Array(sphere.length);
  for (let i = 0; i < sphere.length; i += 3) {
    out[i] = cx / area + radius * sphere[i];
    out[i + 1] = cy / area + radius * sphere[i + 1];
    out[i + 2] = cz / area + radius * sphere[i + 2];
  }
  return out;
}
