import type { Mesh } from '../mesh/Mesh';

/** A scalar field sampled on a regular grid of points. */
export interface GridField {
  /** #nx·ny·nz, x fastest: values[i + nx·(j + ny·k)] */
  values: Float32Array;
  /** points per axis */
  dims: readonly [number, number, number];
  /** position of point (0, 0, 0) */
  origin: readonly [number, number, number];
  /** distance between neighbouring points per axis */
  spacing: readonly [number, number, number];
}

export interface MarchingOptions {
  /** the iso-value of the surface; points with value < iso are inside (default 0) */
  iso?: number;
  /**
   * treat every point on the grid's border as outside, so the surface is closed even where the
   * shape touches the box (default true)
   */
  closeBorder?: boolean;
}

// The 6 tetrahedra of the Kuhn (Freudenthal) split of a cube: each is a path 000 → 111 adding one
// axis at a time. Every cube is split the same way, so neighbouring cubes split their shared face
// along the same diagonal: the tetrahedral mesh is conforming, hence the surface has no cracks.
const AXIS_ORDERS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];
/** corner bits (x = 1, y = 2, z = 4) of each tetrahedron's 4 vertices */
const TETS = AXIS_ORDERS.map((order) => {
  const path = [0];
  let c = 0;
  for (const axis of order) path.push((c |= 1 << axis));
  return path;
});

/**
 * Extracts the iso-surface of a grid field by marching tetrahedra: a closed, oriented 2-manifold
 * wherever the field is closed inside the grid (always, with `closeBorder`), with vertices shared
 * between cells (one per crossed edge of the tetrahedral mesh). Chosen over marching cubes because
 * it has no ambiguous cases, so no case table can break manifoldness; it makes about twice as many
 * triangles. Triangles face the outside (value > iso). Vertices on crossed edges are kept at least
 * 1e−4 of an edge away from grid points, so no triangle collapses.
 */
export function marchingTetrahedra(
  field: GridField,
  options: MarchingOptions = {},
): Mesh & { positions: Float32Array } {
  const iso = options.iso ?? 0;
  const closeBorder = options.closeBorder ?? true;
  const [nx, ny, nz] = field.dims;
  const [ox, oy, oz] = field.origin;
  const [sx, sy, sz] = field.spacing;
  const v = field.values;
  if (v.length !== nx * ny * nz) throw new Error(`grid has ${v.length} values, dims need ${nx * ny * nz}`);
  const value = (i: number, j: number, k: number): number => {
    const f = v[i + nx * (j + ny * k)]! - iso;
    if (closeBorder && (i === 0 || j === 0 || k === 0 || i === nx - 1 || j === ny - 1 || k === nz - 1))
      return f > 1e-12 ? f : 1e-12;
    return f;
  };
  const positions: number[] = [];
  const indices: number[] = [];
  // vertex id per (grid point, edge direction 1..7) for two z-layers: the edges of the cubes of
  // layer k start at points of layers k and k + 1
  const layer = nx * ny * 8;
  let cacheLo = new Int32Array(layer).fill(-1);
  let cacheHi = new Int32Array(layer).fill(-1);
  const cornerValue = new Float64Array(8);
  const tv = new Float64Array(4);
  const tc = new Int32Array(4);
  const edgeVertex = (i: number, j: number, k: number, a: number, b: number): number => {
    // edge from corner a to corner b (a ⊂ b bitwise) of cube (i, j, k)
    const ai = i + (a & 1),
      aj = j + ((a >> 1) & 1),
      ak = (a >> 2) & 1;
    const dir = b & ~a;
    const cache = ak ? cacheHi : cacheLo;
    const slot = (ai + nx * aj) * 8 + dir;
    let id = cache[slot]!;
    if (id >= 0) return id;
    const va = cornerValue[a]!,
      vb = cornerValue[b]!;
    let t = va / (va - vb);
    t = t < 1e-4 ? 1e-4 : t > 1 - 1e-4 ? 1 - 1e-4 : t;
    id = positions.length / 3;
    positions.push(
      ox + (ai + t * (dir & 1)) * sx,
      oy + (aj + t * ((dir >> 1) & 1)) * sy,
      oz + (k + ak + t * ((dir >> 2) & 1)) * sz,
    );
    cache[slot] = id;
    return id;
  };
  const p = [0, 0, 0];
  const cornerPos = (c: number, i: number, j: number, k: number, out: number[]): void => {
    out[0] = (i + (c & 1)) * sx;
    out[1] = (j + ((c >> 1) & 1)) * sy;
    out[2] = (k + ((c >> 2) & 1)) * sz;
  };
  const inC = [0, 0, 0],
    outC = [0, 0, 0];
  const emit = (
    i: number,
    j: number,
    k: number,
    a: number,
    b: number,
    c: number,
    inside: number[],
    outside: number[],
  ): void => {
    // orient so the normal points from the inside corners' centroid to the outside corners'
    const ids = [a, b, c];
    inC[0] = inC[1] = inC[2] = outC[0] = outC[1] = outC[2] = 0;
    for (const q of inside) {
      cornerPos(q, i, j, k, p);
      for (let d = 0; d < 3; d++) inC[d] += p[d]! / inside.length;
    }
    for (const q of outside) {
      cornerPos(q, i, j, k, p);
      for (let d = 0; d < 3; d++) outC[d] += p[d]! / outside.length;
    }
    const P = positions;
    const ax = P[3 * a]!,
      ay = P[3 * a + 1]!,
      az = P[3 * a + 2]!;
    const ux = P[3 * b]! - ax,
      uy = P[3 * b + 1]! - ay,
      uz = P[3 * b + 2]! - az;
    const wx = P[3 * c]! - ax,
      wy = P[3 * c + 1]! - ay,
      wz = P[3 * c + 2]! - az;
    const n0 = uy * wz - uz * wy,
      n1 = uz * wx - ux * wz,
      n2 = ux * wy - uy * wx;
    const dot = n0 * (outC[0]! - inC[0]!) + n1 * (outC[1]! - inC[1]!) + n2 * (outC[2]! - inC[2]!);
    if (dot >= 0) indices.push(ids[0]!, ids[1]!, ids[2]!);
    else indices.push(ids[0]!, ids[2]!, ids[1]!);
  };
  const ins: number[] = [],
    outs: number[] = [];
  for (let k = 0; k + 1 < nz; k++) {
    for (let j = 0; j + 1 < ny; j++) {
      for (let i = 0; i + 1 < nx; i++) {
        let anyIn = false,
          anyOut = false;
        for (let c = 0; c < 8; c++) {
          const f = value(i + (c & 1), j + ((c >> 1) & 1), k + ((c >> 2) & 1));
          cornerValue[c] = f;
          if (f < 0) anyIn = true;
          else anyOut = true;
        }
        if (!anyIn || !anyOut) continue;
        for (const tet of TETS) {
          ins.length = outs.length = 0;
          for (let q = 0; q < 4; q++) {
            tc[q] = tet[q]!;
            tv[q] = cornerValue[tet[q]!]!;
            (tv[q]! < 0 ? ins : outs).push(tet[q]!);
          }
          if (ins.length === 0 || outs.length === 0) continue;
          // edge endpoints ordered (subset corner first) for the cache
          const e = (x: number, y: number): number =>
            x < y ? edgeVertex(i, j, k, x, y) : edgeVertex(i, j, k, y, x);
          if (ins.length === 1 || outs.length === 1) {
            const lone = ins.length === 1 ? ins[0]! : outs[0]!;
            const others = ins.length === 1 ? outs : ins;
            emit(i, j, k, e(lone, others[0]!), e(lone, others[1]!), e(lone, others[2]!), ins, outs);
          } else {
            const [a, b] = ins as [number, number];
            const [c, d] = outs as [number, number];
            const ac = e(a, c),
              ad = e(a, d),
              bc = e(b, c),
              bd = e(b, d);
            // the quad ac–ad–bd–bc, split along ac–bd
            emit(i, j, k, ac, ad, bd, ins, outs);
            emit(i, j, k, ac, bd, bc, ins, outs);
          }
        }
      }
    }
    // the upper layer's edges become the lower layer's
    const t = cacheLo;
    cacheLo = cacheHi;
    cacheHi = t;
    cacheHi.fill(-1);
  }
  return { positions: new Float32Array(positions), indices: new Uint32Array(indices) };
}
