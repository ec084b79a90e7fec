import type { Mesh } from '../../../src/core/mesh/Mesh';

/** Small meshes with known answers for the inspection and repair tests. All closed ones face outward. */

export function mesh(positions: number[], indices: number[]): Mesh {
  return { positions: Float64Array.from(positions), indices: Uint32Array.from(indices) };
}

/** Unit tetrahedron: V 4, E 6, F 4, χ 2. */
export function tetrahedron(offset: [number, number, number] = [0, 0, 0]): Mesh {
  const [x, y, z] = offset;
  return mesh([x, y, z, x + 1, y, z, x, y + 1, z, x, y, z + 1], [0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]);
}

/** The six quads of a unit cube (vertex x + 2y + 4z at (x, y, z)), counter-clockwise from outside. */
export const CUBE_QUADS = [
  [0, 2, 3, 1], // −z
  [4, 5, 7, 6], // +z
  [0, 1, 5, 4], // −y
  [2, 6, 7, 3], // +y
  [0, 4, 6, 2], // −x
  [1, 3, 7, 5], // +x
] as const;

/** Unit cube from `offset`: V 8, E 18, F 12, χ 2, volume 1. `skipQuads` leaves quads out (holes). */
export function cube(offset: [number, number, number] = [0, 0, 0], skipQuads: number[] = []): Mesh {
  const positions: number[] = [];
  for (let v = 0; v < 8; v++)
    positions.push(offset[0] + (v & 1), offset[1] + ((v >> 1) & 1), offset[2] + ((v >> 2) & 1));
  const indices: number[] = [];
  CUBE_QUADS.forEach(([a, b, c, d], q) => {
    if (!skipQuads.includes(q)) indices.push(a, b, c, a, c, d);
  });
  return mesh(positions, indices);
}

/** Concatenates meshes (no vertices shared). */
export function concat(...meshes: Mesh[]): Mesh {
  const positions: number[] = [];
  const indices: number[] = [];
  for (const m of meshes) {
    const base = positions.length / 3;
    positions.push(...m.positions);
    for (const i of m.indices) indices.push(base + i);
  }
  return mesh(positions, indices);
}

/** Torus as an n×m grid of quads, each split in two: V nm, E 3nm, F 2nm, χ 0, genus 1, outward. */
export function torus(n = 12, m = 8, radius = 2, tube = 0.75): Mesh {
  const positions: number[] = [];
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const u = (2 * Math.PI * i) / n;
      const v = (2 * Math.PI * j) / m;
      positions.push(
        (radius + tube * Math.cos(v)) * Math.cos(u),
        (radius + tube * Math.cos(v)) * Math.sin(u),
        tube * Math.sin(v),
      );
      const a = i * m + j;
      const b = ((i + 1) % n) * m + j;
      const c = ((i + 1) % n) * m + ((j + 1) % m);
      const d = i * m + ((j + 1) % m);
      indices.push(a, b, c, a, c, d);
    }
  }
  return mesh(positions, indices);
}

/** A Möbius strip of n quads (2n triangles, 2n vertices): non-orientable, one boundary loop of 2n edges. */
export function mobius(n = 12): Mesh {
  const positions: number[] = [];
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = (2 * Math.PI * i) / n;
    for (const s of [-0.3, 0.3]) {
      positions.push(
        (1 + s * Math.cos(u / 2)) * Math.cos(u),
        (1 + s * Math.cos(u / 2)) * Math.sin(u),
        s * Math.sin(u / 2),
      );
    }
  }
  for (let i = 0; i < n; i++) {
    const a = 2 * i;
    const b = 2 * i + 1;
    // The last quad joins the first pair with its two sides swapped: the half twist.
    const c = i + 1 < n ? 2 * (i + 1) : 1;
    const d = i + 1 < n ? 2 * (i + 1) + 1 : 0;
    indices.push(a, c, d, a, d, b);
  }
  return mesh(positions, indices);
}

/** Flips faces (swaps their 2nd and 3rd index) in a copy. */
export function flipFaces(m: Mesh, faces: number[]): Mesh {
  const indices = new Uint32Array(m.indices);
  for (const f of faces)
    [indices[3 * f + 1], indices[3 * f + 2]] = [indices[3 * f + 2]!, indices[3 * f + 1]!];
  return { ...m, indices };
}

/** Every triangle with its own three vertices (a "triangle soup", as STL files are). */
export function unweld(m: Mesh): Mesh {
  const positions: number[] = [];
  const indices: number[] = [];
  for (let i = 0; i < m.indices.length; i++) {
    const v = m.indices[i]!;
    positions.push(m.positions[3 * v]!, m.positions[3 * v + 1]!, m.positions[3 * v + 2]!);
    indices.push(i);
  }
  return mesh(positions, indices);
}

/** A flat n×n grid of quads (each split in two) without the quads at `holes` ([x, y] pairs). */
export function grid(n: number, holes: [number, number][] = []): Mesh {
  const positions: number[] = [];
  const indices: number[] = [];
  for (let y = 0; y <= n; y++) for (let x = 0; x <= n; x++) positions.push(x, y, 0);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (holes.some(([hx, hy]) => hx === x && hy === y)) continue;
      const a = y * (n + 1) + x;
      indices.push(a, a + 1, a + n + 2, a, a + n + 2, a + n + 1);
    }
  }
  return mesh(positions, indices);
}
