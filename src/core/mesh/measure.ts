import type { Mesh } from './Mesh';

/** Axis-aligned bounds of all vertices; zeros for a mesh without vertices. */
export function meshBounds(mesh: Pick<Mesh, 'positions'>): {
  min: [number, number, number];
  max: [number, number, number];
} {
  const p = mesh.positions;
  if (p.length === 0) return { min: [0, 0, 0], max: [0, 0, 0] };
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const x = p[i + k]!;
      if (x < min[k]!) min[k] = x;
      if (x > max[k]!) max[k] = x;
    }
  }
  return { min, max };
}

/** Length of the bounding-box diagonal, the scale that relative tolerances multiply. */
export function boundsDiagonal(mesh: Pick<Mesh, 'positions'>): number {
  const { min, max } = meshBounds(mesh);
  return Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
}

/**
 * Signed volume enclosed by the faces (sum of tetrahedra to the origin): positive for a closed mesh whose
 * normals point out, meaningful only for closed meshes.
 */
export function signedVolume(mesh: Pick<Mesh, 'positions' | 'indices'>): number {
  const p = mesh.positions;
  const indices = mesh.indices;
  let sum = 0;
  for (let i = 0; i < indices.length; i += 3) {
    const a = 3 * indices[i]!,
      b = 3 * indices[i + 1]!,
      c = 3 * indices[i + 2]!;
    sum +=
      p[a]! * (p[b + 1]! * p[c + 2]! - p[b + 2]! * p[c + 1]!) +
      p[a + 1]! * (p[b + 2]! * p[c]! - p[b]! * p[c + 2]!) +
      p[a + 2]! * (p[b]! * p[c + 1]! - p[b + 1]! * p[c]!);
  }
  return sum / 6;
}
