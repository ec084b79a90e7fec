import { boundaryLoops } from '../boundaryLoops';
import type { EdgeTopology } from '../edgeTopology';
import { buildEdgeTopology } from '../edgeTopology';
import type { Mesh } from '../Mesh';
import { DEFAULT_DEGENERATE_TOLERANCE } from '../faceChecks';
import { boundsDiagonal } from '../measure';
import { withAddedFaces } from '../meshEdit';
import type { RepairResult } from './RepairReport';
import { plural } from './RepairReport';

export const DEFAULT_MAX_HOLE_EDGES = 100;
/** The triangulation is O(n³) in time and O(n²) in memory: 500 edges take about a second. */
export const MAX_HOLE_EDGES_LIMIT = 500;

/** Whether the mesh already has edge (a, b): binary search in the sorted edge list. */
function hasEdge(topology: EdgeTopology, a: number, b: number): boolean {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const edges = topology.edges;
  let left = 0;
  let right = topology.edgeCount - 1;
  while (left <= right) {
    const mid = (left + right) >> 1;
    const ml = edges[2 * mid]!;
    const mh = edges[2 * mid + 1]!;
    if (ml === lo && mh === hi) return true;
    if (ml < lo || (ml === lo && mh < hi)) left = mid + 1;
    else right = mid - 1;
  }
  return false;
}

/**
 * Triangulates a closed loop of n vertices with the least total area (dynamic programming over
 * sub-chains, O(n³), fine for small holes). A chord that is already an edge of the mesh is not used,
 * so the patch never creates a non-manifold edge, and no degenerate triangle (height ≤ minHeight) is
 * used. Returns #(n−2)×3 triangles with the loop's winding, or null when no such triangulation exists.
 */
function minimumAreaTriangulation(
  p: ArrayLike<number>,
  loop: Uint32Array,
  topology: EdgeTopology,
  minHeight: number,
): Uint32Array | null {
  const n = loop.length;
  const cost = new Float64Array(n * n);
  const split = new Int32Array(n * n).fill(-1);
  // The loop's positions gathered (#n×3) for locality in the O(n³) loop below.
  const q = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) q[3 * i + k] = p[3 * loop[i]! + k]!;
  const minHeight2 = minHeight * minHeight;
  // Triangle area, or Infinity for a degenerate triangle (height ≤ minHeight), which is never used.
  const area = (i: number, k: number, j: number): number => {
    const a = 3 * i;
    const b = 3 * k;
    const c = 3 * j;
    const ux = q[b]! - q[a]!;
    const uy = q[b + 1]! - q[a + 1]!;
    const uz = q[b + 2]! - q[a + 2]!;
    const vx = q[c]! - q[a]!;
    const vy = q[c + 1]! - q[a + 1]!;
    const vz = q[c + 2]! - q[a + 2]!;
    const cx = uy * vz - uz * vy;
    const cy = uz * vx - ux * vz;
    const cz = ux * vy - uy * vx;
    const doubleArea2 = cx * cx + cy * cy + cz * cz;
    const wx = vx - ux;
    const wy = vy - uy;
    const wz = vz - uz;
    const longest2 = Math.max(
      ux * ux + uy * uy + uz * uz,
      vx * vx + vy * vy + vz * vz,
      wx * wx + wy * wy + wz * wz,
    );
    // height = doubleArea / longest side, compared squared to save two square roots in the hot loop
    return doubleArea2 === 0 || doubleArea2 <= minHeight2 * longest2
      ? Infinity
      : 0.5 * Math.sqrt(doubleArea2);
  };
  for (let span = 2; span < n; span++) {
    for (let i = 0; i + span < n; i++) {
      const j = i + span;
      let best = Infinity;
      let bestK = -1;
      // A chord other than the closing side (0, n−1) must not be an existing edge.
      if (!(i === 0 && j === n - 1) && hasEdge(topology, loop[i]!, loop[j]!)) {
        cost[i * n + j] = Infinity;
        continue;
      }
      for (let k = i + 1; k < j; k++) {
        const value = cost[i * n + k]! + cost[k * n + j]! + area(i, k, j);
        if (value < best) {
          best = value;
          bestK = k;
        }
      }
      cost[i * n + j] = best;
      split[i * n + j] = bestK;
    }
  }
  if (!Number.isFinite(cost[n - 1]!)) return null;
  const triangles = new Uint32Array(3 * (n - 2));
  let t = 0;
  const stack = [0, n - 1];
  while (stack.length) {
    const j = stack.pop()!;
    const i = stack.pop()!;
    if (j - i < 2) continue;
    const k = split[i * n + j]!;
    triangles[t++] = loop[i]!;
    triangles[t++] = loop[k]!;
    triangles[t++] = loop[j]!;
    stack.push(i, k, k, j);
  }
  return triangles;
}

/**
 * Closes boundary loops of at most `maxEdges` edges with a minimum-area triangulation of the loop
 * (no new vertices). The new triangles are wound against the loop's boundary half-edges, so they agree
 * with the faces around the hole. Loops that cannot be closed without duplicating an existing edge or
 * using a degenerate (zero-area) triangle, and the border of a lone triangle, are left open and counted
 * as skipped. New faces get zero face attributes.
 */
export function fillHoles(mesh: Mesh, options: { maxEdges?: number } = {}): RepairResult {
  const maxEdges = options.maxEdges ?? DEFAULT_MAX_HOLE_EDGES;
  if (!(maxEdges >= 3 && maxEdges <= MAX_HOLE_EDGES_LIMIT)) {
    throw new RangeError(`the largest hole to fill must be 3…${MAX_HOLE_EDGES_LIMIT} edges, got ${maxEdges}`);
  }
  const topology = buildEdgeTopology(mesh);
  const loops = boundaryLoops(mesh, topology);
  const indices = mesh.indices;
  const vertexTotal = mesh.positions.length / 3;
  const seen = new Uint8Array(vertexTotal);
  const minHeight = DEFAULT_DEGENERATE_TOLERANCE * boundsDiagonal(mesh);
  const added: number[] = [];
  let filled = 0;
  let tooLarge = 0;
  let skipped = 0;
  for (let l = 0; l < loops.count; l++) {
    const start = loops.offsets[l]!;
    const end = loops.offsets[l + 1]!;
    const loop = loops.vertices.subarray(start, end);
    const n = loop.length;
    if (n > maxEdges) {
      tooLarge++;
      continue;
    }
    let simple = loops.closed[l] === 1 && n >= 3;
    // A lone triangle's own border is not a hole: its patch would be the same face backwards.
    if (n === 3) {
      const face = Math.floor(loops.halfEdges[start]! / 3);
      if (
        Math.floor(loops.halfEdges[start + 1]! / 3) === face &&
        Math.floor(loops.halfEdges[start + 2]! / 3) === face
      ) {
        simple = false;
      }
    }
    for (const v of loop) {
      if (seen[v]) simple = false;
      seen[v] = 1;
    }
    for (const v of loop) seen[v] = 0;
    const triangles = simple ? minimumAreaTriangulation(mesh.positions, loop, topology, minHeight) : null;
    if (!triangles) {
      skipped++;
      continue;
    }
    // Most boundary half-edges run along the loop's direction when the faces are consistent; the patch
    // must then run against it.
    let along = 0;
    for (let i = start; i < end; i++) if (indices[loops.halfEdges[i]!] === loops.vertices[i]) along++;
    const reverse = 2 * along >= n;
    for (let t = 0; t < triangles.length; t += 3) {
      if (reverse) added.push(triangles[t + 2]!, triangles[t + 1]!, triangles[t]!);
      else added.push(triangles[t]!, triangles[t + 1]!, triangles[t + 2]!);
    }
    filled++;
  }
  const counts = {
    filledHoles: filled,
    addedFaces: added.length / 3,
    skippedHoles: skipped,
    largerHoles: tooLarge,
  };
  const rest =
    (tooLarge ? `; ${plural(tooLarge, 'hole')} over ${maxEdges} edges left open` : '') +
    (skipped ? `; ${plural(skipped, 'hole')} could not be filled` : '');
  if (filled === 0) {
    return {
      mesh,
      report: {
        operation: 'fill_holes',
        changed: false,
        counts,
        message: (loops.count ? 'No holes filled' : 'No holes') + rest,
      },
    };
  }
  return {
    mesh: withAddedFaces(mesh, Uint32Array.from(added)),
    report: {
      operation: 'fill_holes',
      changed: true,
      counts,
      message: `Filled ${plural(filled, 'hole')} with ${plural(added.length / 3, 'face')}${rest}`,
    },
  };
}
