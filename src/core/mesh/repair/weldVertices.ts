import { boundsDiagonal } from '../measure';
import type { Mesh } from '../Mesh';
import { withVertices } from '../meshEdit';
import type { RepairResult } from './RepairReport';
import { plural } from './RepairReport';

export const DEFAULT_WELD_TOLERANCE = 1e-6;

/**
 * Merges vertices closer than `tolerance` × bbox diagonal. Greedy in vertex order: each vertex joins the
 * first earlier kept vertex within reach, else it is kept (so there is no chaining of a long line of
 * close points into one). Kept vertices keep their order and their colours/UVs/normals/attributes; faces
 * are renumbered, and faces whose corners merge become degenerate (removeDegenerateFaces drops them).
 * Spatial hashing on a grid of cells 8× the reach (about 2 cells to search per vertex), typed arrays: O(#V).
 */
export function weldVertices(mesh: Mesh, options: { tolerance?: number } = {}): RepairResult {
  const tolerance = options.tolerance ?? DEFAULT_WELD_TOLERANCE;
  if (!(tolerance >= 0)) throw new Error(`weld tolerance must be ≥ 0, got ${tolerance}`);
  const p = mesh.positions;
  const vertexTotal = p.length / 3;
  const diagonal = boundsDiagonal(mesh);
  const reach = tolerance * diagonal;
  const reach2 = reach * reach;
  // Cells 8× the reach: a vertex's reach overlaps at most 2 cells per axis, and usually 1 (a quarter of
  // vertices straddle a cell wall per axis), so about 2 random hash probes per vertex, not 27.
  const cell = Math.max(8 * reach, diagonal * 1e-9, Number.MIN_VALUE);

  // Open-addressing hash of occupied cells → head of a linked list of kept vertices in that cell.
  let capacity = 16;
  while (capacity < 2 * vertexTotal) capacity *= 2;
  const mask = capacity - 1;
  const cellX = new Int32Array(capacity);
  const cellY = new Int32Array(capacity);
  const cellZ = new Int32Array(capacity);
  const cellHead = new Int32Array(capacity).fill(-1);
  const nextInCell = new Int32Array(vertexTotal).fill(-1);
  const slotOf = (x: number, y: number, z: number, create: boolean): number => {
    // Mix all bits into the low ones (regular grids otherwise collide in the low bits).
    let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77) ^ Math.imul(z, 0xc2b2ae3d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & mask;
    while (cellHead[slot] !== -1) {
      if (cellX[slot] === x && cellY[slot] === y && cellZ[slot] === z) return slot;
      slot = (slot + 1) & mask;
    }
    if (!create) return -1;
    cellX[slot] = x;
    cellY[slot] = y;
    cellZ[slot] = z;
    return slot;
  };

  const newIndexOf = new Uint32Array(vertexTotal);
  const kept: number[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  for (let i = 0; i < p.length; i += 3) {
    if (p[i]! < minX) minX = p[i]!;
    if (p[i + 1]! < minY) minY = p[i + 1]!;
    if (p[i + 2]! < minZ) minZ = p[i + 2]!;
  }
  for (let v = 0; v < vertexTotal; v++) {
    // Cell coordinates from the bbox corner stay small enough for an int32.
    const x = p[3 * v]! - minX;
    const y = p[3 * v + 1]! - minY;
    const z = p[3 * v + 2]! - minZ;
    const x0 = Math.floor((x - reach) / cell);
    const x1 = Math.floor((x + reach) / cell);
    const y0 = Math.floor((y - reach) / cell);
    const y1 = Math.floor((y + reach) / cell);
    const z0 = Math.floor((z - reach) / cell);
    const z1 = Math.floor((z + reach) / cell);
    let match = -1;
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        for (let cz = z0; cz <= z1; cz++) {
          const slot = slotOf(cx, cy, cz, false);
          if (slot < 0) continue;
          for (let u = cellHead[slot]!; u >= 0; u = nextInCell[u]!) {
            const ex = p[3 * u]! - minX - x;
            const ey = p[3 * u + 1]! - minY - y;
            const ez = p[3 * u + 2]! - minZ - z;
            if (ex * ex + ey * ey + ez * ez <= reach2 && (match < 0 || u < match)) match = u;
          }
        }
      }
    }
    if (match >= 0) {
      newIndexOf[v] = newIndexOf[match]!;
      continue;
    }
    newIndexOf[v] = kept.length;
    kept.push(v);
    const slot = slotOf(Math.floor(x / cell), Math.floor(y / cell), Math.floor(z / cell), true);
    // Lists are prepended; the earliest vertex within reach wins by the `u < match` test above.
    nextInCell[v] = cellHead[slot]!;
    cellHead[slot] = v;
  }

  const merged = vertexTotal - kept.length;
  if (merged === 0) {
    return {
      mesh,
      report: {
        operation: 'weld_vertices',
        changed: false,
        counts: { mergedVertices: 0, collapsedFaces: 0 },
        message: 'No coincident vertices to weld',
      },
    };
  }
  const indices = new Uint32Array(mesh.indices.length);
  for (let i = 0; i < indices.length; i++) indices[i] = newIndexOf[mesh.indices[i]!]!;
  let collapsed = 0;
  for (let i = 0; i < indices.length; i += 3) {
    if (indices[i] === indices[i + 1] || indices[i + 1] === indices[i + 2] || indices[i + 2] === indices[i])
      collapsed++;
  }
  return {
    mesh: withVertices(mesh, kept, indices),
    report: {
      operation: 'weld_vertices',
      changed: true,
      counts: { mergedVertices: merged, collapsedFaces: collapsed },
      message:
        `Welded ${plural(merged, 'vertex', 'vertices')} within ${reach.toPrecision(3)} (${tolerance} × bbox diagonal)` +
        (collapsed ? `; ${plural(collapsed, 'face')} collapsed` : ''),
    },
  };
}
