/**
 * An evenly spaced unit-sphere mesh: the icosahedron subdivided `level` times (each triangle into
 * four, midpoints projected to the sphere). 10·4^level + 2 vertices, 20·4^level faces, counter-
 * clockwise seen from outside. Used to reconstruct an SH expansion with fresh connectivity.
 * positions: #V×3 (float64), indices: #F×3.
 */
export function icosphere(level: number): { positions: Float64Array; indices: Uint32Array } {
  if (!Number.isInteger(level) || level < 0 || level > 9)
    throw new Error(`icosphere level must be an integer in [0, 9], got ${level}`);
  const t = (1 + Math.sqrt(5)) / 2;
  const verts: number[] = [
    -1,
    t,
    0,
    1,
    t,
    0,
    -1,
    -t,
    0,
    1,
    -t,
    0,
    0,
    -1,
    t,
    0,
    1,
    t,
    0,
    -1,
    -t,
    0,
    1,
    -t,
    t,
    0,
    -1,
    t,
    0,
    1,
    -t,
    0,
    -1,
    -t,
    0,
    1,
  ];
  let faces: number[] = [
    0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8, 3, 9, 4,
    3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1,
  ];
  const V = 10 * 4 ** level + 2;
  const positions = new Float64Array(3 * V);
  for (let i = 0; i < 12; i++) {
    const x = verts[3 * i],
      y = verts[3 * i + 1],
      z = verts[3 * i + 2];
    const r = Math.hypot(x, y, z);
    positions.set([x / r, y / r, z / r], 3 * i);
  }
  let count = 12;
  for (let s = 0; s < level; s++) {
    const midpoints = new Map<number, number>();
    const midpoint = (a: number, b: number): number => {
      const key = a < b ? a * V + b : b * V + a;
      let m = midpoints.get(key);
      if (m === undefined) {
        const x = positions[3 * a] + positions[3 * b],
          y = positions[3 * a + 1] + positions[3 * b + 1],
          z = positions[3 * a + 2] + positions[3 * b + 2];
        const r = Math.hypot(x, y, z);
        m = count++;
        positions[3 * m] = x / r;
        positions[3 * m + 1] = y / r;
        positions[3 * m + 2] = z / r;
        midpoints.set(key, m);
      }
      return m;
    };
    const next: number[] = [];
    for (let f = 0; f < faces.length; f += 3) {
      const a = faces[f],
        b = faces[f + 1],
        c = faces[f + 2];
      const ab = midpoint(a, b),
        bc = midpoint(b, c),
        ca = midpoint(c, a);
      next.push(a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca);
    }
    faces = next;
  }
  return { positions, indices: Uint32Array.from(faces) };
}

/** Smallest icosphere level with at least `vertices` vertices (capped at 9). */
export function icosphereLevelFor(vertices: number): number {
  let level = 0;
  while (level < 9 && 10 * 4 ** level + 2 < vertices) level++;
  return level;
}
