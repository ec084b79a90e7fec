/** Per-triangle measures on indexed meshes (positions: #V×3, indices: #F×3), in float64. */

type Positions = ArrayLike<number>;

/** Area of each face: out #F. */
export function faceAreas(
  positions: Positions,
  indices: Uint32Array,
  out: Float64Array = new Float64Array(indices.length / 3),
): Float64Array {
  const faceCount = indices.length / 3;
  for (let f = 0; f < faceCount; f++) {
    const a = 3 * indices[3 * f];
    const b = 3 * indices[3 * f + 1];
    const c = 3 * indices[3 * f + 2];
    const ux = positions[b] - positions[a];
    const uy = positions[b + 1] - positions[a + 1];
    const uz = positions[b + 2] - positions[a + 2];
    const vx = positions[c] - positions[a];
    const vy = positions[c + 1] - positions[a + 1];
    const vz = positions[c + 2] - positions[a + 2];
    const cx = uy * vz - uz * vy;
    const cy = uz * vx - ux * vz;
    const cz = ux * vy - uy * vx;
    out[f] = 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
  }
  return out;
}

/** Barycentric vertex areas w_i = Σ_{f∋i} A_f / 3 from face areas: out #V. */
export function vertexAreas(
  indices: Uint32Array,
  areas: Float64Array,
  vertexCount: number,
  out: Float64Array = new Float64Array(vertexCount),
): Float64Array {
  out.fill(0);
  for (let f = 0; f < areas.length; f++) {
    const third = areas[f] / 3;
    out[indices[3 * f]] += third;
    out[indices[3 * f + 1]] += third;
    out[indices[3 * f + 2]] += third;
  }
  return out;
}

/** Signed volume enclosed by the mesh (positive when faces are counter-clockwise seen from outside). */
export function signedVolume(positions: Positions, indices: Uint32Array): number {
  let volume = 0;
  for (let f = 0; f < indices.length; f += 3) {
    const a = 3 * indices[f];
    const b = 3 * indices[f + 1];
    const c = 3 * indices[f + 2];
    // a · (b × c) / 6
    volume +=
      (positions[a] * (positions[b + 1] * positions[c + 2] - positions[b + 2] * positions[c + 1]) +
        positions[a + 1] * (positions[b + 2] * positions[c] - positions[b] * positions[c + 2]) +
        positions[a + 2] * (positions[b] * positions[c + 1] - positions[b + 1] * positions[c])) /
      6;
  }
  return volume;
}

/** The angle at corner o of triangle (o, a, b), robust for tiny and obtuse angles (atan2 of |u×v| and u·v). */
export function cornerAngle(
  ox: number,
  oy: number,
  oz: number,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
): number {
  const ux = ax - ox;
  const uy = ay - oy;
  const uz = az - oz;
  const vx = bx - ox;
  const vy = by - oy;
  const vz = bz - oz;
  const cx = uy * vz - uz * vy;
  const cy = uz * vx - ux * vz;
  const cz = ux * vy - uy * vx;
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), ux * vx + uy * vy + uz * vz);
}

/** The three corner angles of every face: out #F×3 (corner order as in `indices`). */
export function cornerAngles(
  positions: Positions,
  indices: Uint32Array,
  out: Float64Array = new Float64Array(indices.length),
): Float64Array {
  for (let f = 0; f < indices.length; f += 3) {
    for (let c = 0; c < 3; c++) {
      const o = 3 * indices[f + c];
      const a = 3 * indices[f + ((c + 1) % 3)];
      const b = 3 * indices[f + ((c + 2) % 3)];
      out[f + c] = cornerAngle(
        positions[o],
        positions[o + 1],
        positions[o + 2],
        positions[a],
        positions[a + 1],
        positions[a + 2],
        positions[b],
        positions[b + 1],
        positions[b + 2],
      );
    }
  }
  return out;
}
