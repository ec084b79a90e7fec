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
 * Spatial hashing on a grid of cell size ≥ the reach, in typed arrays: O(#V).
 */
export function weldVertices(mesh: Mesh, options: { tolerance?: number } = {}): RepairResult {
  const tolerance = options.tolerance ?? DEFAULT_WELD_TOLERANCE;
  if (!(tolerance >= 0)) throw new Error(`weld tolerance must be ≥ 0, got ${tolerance}`);
  const p = mesh.positions;
  const vertexTotal = p.length / 3;
  const diagonal = boundsDiagonal(mesh);
  const reach = tolerance * diagonal;
  const reach2 = reach * reach;
  // Cells no smaller than the reach, so all neighbours within reach lie in the 27 cells around.
  const cell = Math.max(reach, diagonal * 1e-9, Number.MIN_VALUE);

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
    let slot = (Math.imul(x, 73856093) ^ Math.imul(y, 19349663) ^ Math.imul(z, 83492791)) & mask;
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
  const min = [Infinity, Infinity, Infinity];
  for (let i = 0; i < p.length; i++) if (p[i]! < min[i % 3]!) min[i % 3] = p[i]!;
  for (let v = 0; v < vertexTotal; v++) {
    const x = p[3 * v]!;
    const y = p[3 * v + 1]!;
    const z = p[3 * v + 2]!;
    // Cell coordinates from the bbox corner keep them small, so they fit in an int32.
    const cx = Math.floor((x - min[0]!) / cell);
    const cy = Math.floor((y - min[1]!) / cell);
    const cz = Math.floor((z - min[2]!) / cell);
    let match = -1;
    search: for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let dz = -1; dz <= 1; dz++) {
          const slot = slotOf(cx + dx, cy + dy, cz + dz, false);
          if (slot < 0) continue;
          for (let u = cellHead[slot]!; u >= 0; u = nextInCell[u]!) {
            const ex = p[3 * u]! - x;
            const ey = p[3 * u + 1]! - y;
            const ez = p[3 * u + 2]! - z;
            if (ex * ex + ey * ey + ez * ez <= reach2 && (match < 0 || u < match)) match = u;
          }
          if (match >= 0 && reach === 0) break search;
        }
      }
    }
    if (match >= 0) {
      newIndexOf[v] = newIndexOf[match]!;
      continue;
    }
    newIndexOf[v] = kept.length;
    kept.push(v);
    const slot = slotOf(cx, cy, cz, true);
    // Lists are prepended; earliest-vertex preference is enforced by the `u < match` test above.
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
