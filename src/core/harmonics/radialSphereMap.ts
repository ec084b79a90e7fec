/**
 * The sphere map of a star-shaped mesh: every vertex projected radially from the surface's area
 * centroid onto the unit sphere. It is a valid (bijective) map exactly when every triangle keeps its
 * orientation on the sphere, which is checked; returns null otherwise (use the conformal map of
 * Spherical Parametrize). Not conformal, but exact for shapes given as r(direction), and free.
 * positions: #V×3, indices: #F×3 (counter-clockwise seen from outside) → #V×3 unit vectors.
 */
export function radialSphereMap(positions: ArrayLike<number>, indices: Uint32Array): Float64Array | null {
  const V = positions.length / 3;
  let cx = 0,
    cy = 0,
    cz = 0,
    total = 0;
  for (let f = 0; f < indices.length; f += 3) {
    const a = 3 * indices[f],
      b = 3 * indices[f + 1],
      c = 3 * indices[f + 2];
    const ux = positions[b] - positions[a],
      uy = positions[b + 1] - positions[a + 1],
      uz = positions[b + 2] - positions[a + 2];
    const vx = positions[c] - positions[a],
      vy = positions[c + 1] - positions[a + 1],
      vz = positions[c + 2] - positions[a + 2];
    const area = 0.5 * Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
    cx += (area * (positions[a] + positions[b] + positions[c])) / 3;
    cy += (area * (positions[a + 1] + positions[b + 1] + positions[c + 1])) / 3;
    cz += (area * (positions[a + 2] + positions[b + 2] + positions[c + 2])) / 3;
    total += area;
  }
  if (!(total > 0)) return null;
  cx /= total;
  cy /= total;
  cz /= total;
  const sphere = new Float64Array(3 * V);
  for (let v = 0; v < V; v++) {
    const x = positions[3 * v] - cx,
      y = positions[3 * v + 1] - cy,
      z = positions[3 * v + 2] - cz;
    const r = Math.hypot(x, y, z);
    if (!(r > 0)) return null;
    sphere[3 * v] = x / r;
    sphere[3 * v + 1] = y / r;
    sphere[3 * v + 2] = z / r;
  }
  for (let f = 0; f < indices.length; f += 3) {
    const a = 3 * indices[f],
      b = 3 * indices[f + 1],
      c = 3 * indices[f + 2];
    const det =
      sphere[a] * (sphere[b + 1] * sphere[c + 2] - sphere[b + 2] * sphere[c + 1]) -
      sphere[a + 1] * (sphere[b] * sphere[c + 2] - sphere[b + 2] * sphere[c]) +
      sphere[a + 2] * (sphere[b] * sphere[c + 1] - sphere[b + 1] * sphere[c]);
    if (!(det > 0)) return null;
  }
  return sphere;
}
