import { ellipsoidOf } from './anchors';
import type { ConditionalFlow } from './ConditionalFlow';
import type { BodyGraph } from './geodesicClusters';
import { implicitValues, unionValues } from './fitParts';

export interface ReseedOptions {
  /** a primitive that alone holds less than this fraction of the covered inside is dead */
  minShare: number;
  /** fewest missed inside points worth a primitive */
  minMissed: number;
  /** grid cell (unit-cube units) that decides which missed points form one region */
  cell: number;
}

export const DEFAULT_RESEED: ReseedOptions = { minShare: 0.03, minMissed: 12, cell: 0.06 };

/**
 * Re-seeds the weakest primitive if it is dead: one that alone holds almost none of the inside
 * points the union covers (it shrank away, or hides inside others) gets moved onto the largest
 * connected region of the inside that the union misses, as the ellipsoid of that region. A dead
 * primitive gets little gradient (the occupancy loss only moves the deepest primitive at a point,
 * and inside points that are already covered give none), so it would stay dead; this is where
 * the fits lost a part or two.
 * inside: #N×3 points uniform in the shape's inside. Returns the primitive moved, or −1.
 */
export function reseedDeadPrimitive(
  flow: ConditionalFlow,
  inside: Float32Array,
  options: ReseedOptions = DEFAULT_RESEED,
): number {
  const M = flow.config.primitives,
    N = inside.length / 3;
  if (M < 2 || N === 0) return -1;
  const g = implicitValues(flow, inside);
  const G = unionValues(g, N);
  // per primitive, the inside points that it alone contains: what the union would lose without it
  const own = new Int32Array(M);
  const missed: number[] = [];
  for (let n = 0; n < N; n++) {
    if (G[n]! >= 0) {
      missed.push(n);
      continue;
    }
    let holder = -1;
    for (let m = 0; m < M; m++)
      if (g[m * N + n]! < 0) {
        if (holder >= 0) {
          holder = -1;
          break;
        }
        holder = m;
      }
    if (holder >= 0) own[holder]!++;
  }
  let dead = 0;
  for (let m = 1; m < M; m++) if (own[m]! < own[dead]!) dead = m;
  if (own[dead]! >= options.minShare * (N - missed.length) || missed.length < options.minMissed) return -1;

  // where it goes: the ellipsoid of the largest connected region the union misses
  const isMissed = new Uint8Array(N);
  for (const n of missed) isMissed[n] = 1;
  const region = largestMissedRegion(inside, isMissed, options.cell);
  if (region.length < options.minMissed) return -1;
  const placement = ellipsoidOfPoints(inside, region, flow.config.radius);
  // the dead primitive's code may have drifted anywhere while it had no gradient, and its
  // couplings deform by it: it takes the code of the primitive that holds most, whose
  // deformation is a working one, and its place comes from its own anchors
  let donor = 0;
  for (let m = 1; m < M; m++) if (own[m]! > own[donor]!) donor = m;
  const D = flow.config.codeSize,
    codes = flow.codes.data;
  codes.copyWithin(dead * D, donor * D, (donor + 1) * D);
  flow.placePrimitive(dead, placement);
  return dead;
}

/**
 * The largest connected region that the union misses, as indices of `points` (#N×3, uniform in the
 * inside) with `missed[n]` = 1: points fall into grid cells of side `cell`; a cell is missed when
 * at least half of its points are, and missed cells that touch (26-connected) form one region.
 * The cell test keeps the thin rim that a fit always misses around its surface from joining
 * everything into one region; separate limbs are separate regions. Returns the missed points of
 * the region with the most of them.
 */
export function largestMissedRegion(points: Float32Array, missed: Uint8Array, cell: number): number[] {
  const N = points.length / 3;
  const key = (x: number, y: number, z: number): string => `${x},${y},${z}`;
  const cells = new Map<string, { all: number; missed: number[] }>();
  for (let i = 0; i < N; i++) {
    const k = key(
      Math.floor(points[3 * i]! / cell),
      Math.floor(points[3 * i + 1]! / cell),
      Math.floor(points[3 * i + 2]! / cell),
    );
    let c = cells.get(k);
    if (!c) cells.set(k, (c = { all: 0, missed: [] }));
    c.all++;
    if (missed[i]) c.missed.push(i);
  }
  const isMissedCell = (k: string): boolean => {
    const c = cells.get(k);
    return !!c && c.missed.length > 0 && 2 * c.missed.length >= c.all;
  };
  const seen = new Set<string>();
  let best: number[] = [];
  for (const start of cells.keys()) {
    if (seen.has(start) || !isMissedCell(start)) continue;
    seen.add(start);
    const region: number[] = [];
    const stack = [start];
    while (stack.length) {
      const k = stack.pop()!;
      region.push(...cells.get(k)!.missed);
      const [x, y, z] = k.split(',').map(Number) as [number, number, number];
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++)
          for (let dz = -1; dz <= 1; dz++) {
            const n = key(x + dx, y + dy, z + dz);
            if (!seen.has(n) && isMissedCell(n)) {
              seen.add(n);
              stack.push(n);
            }
          }
    }
    if (region.length > best.length) best = region;
  }
  return best;
}

export interface SplitOptions {
  /** nodes closer than this many node spacings along the body are one piece */
  link: number;
  /** a second piece counts when it holds at least this fraction of the primitive's nodes … */
  minPiece: number;
  /** … and at least this many nodes */
  minNodes: number;
  /** the primitive moved there must alone hold less than piece / gain of the inside */
  gain: number;
}

export const DEFAULT_SPLIT: SplitOptions = { link: 2.5, minPiece: 0.15, minNodes: 12, gain: 2 };

/**
 * Splits a primitive that straddles the body: where the inside points that a primitive alone
 * holds fall into two pieces far apart along the body (both arms of a T-posed human, joined by one
 * primitive through the chest, where the trunk's primitive holds them too; a leg and the head), the
 * primitive is moved onto the larger piece and the primitive that alone holds least of the inside
 * onto the smaller one, each as its piece's ellipsoid. A long thin primitive reaches far along its
 * axis at small g, so the occupancy loss lets it claim a second limb through the trunk; split, each
 * limb gets a primitive of its own.
 * graph: the body graph of the inside points (its `points`). Returns the primitive split and the
 * one moved, or null when no primitive straddles (or moving the weakest would lose more than the
 * piece is worth).
 */
export function splitStraddlingPrimitive(
  flow: ConditionalFlow,
  graph: BodyGraph,
  options: SplitOptions = DEFAULT_SPLIT,
): { split: number; moved: number } | null {
  const M = flow.config.primitives,
    inside = graph.points,
    N = inside.length / 3,
    n = graph.nodes.length;
  if (M < 2 || N === 0) return null;
  const g = implicitValues(flow, inside);
  // the primitive that alone holds each point (−1: none or several), and how much each holds alone
  const holder = new Int32Array(N).fill(-1);
  const alone = new Int32Array(M);
  for (let p = 0; p < N; p++) {
    let holders = 0;
    for (let m = 0; m < M; m++)
      if (g[m * N + p]! < 0) {
        holders++;
        holder[p] = m;
      }
    if (holders === 1) alone[holder[p]!]!++;
    else holder[p] = -1;
  }
  const nodeHolder = Int32Array.from(graph.nodes, (p) => holder[p]!);
  const link = options.link * graph.spacing,
    D = graph.distances;
  let best: { split: number; pieces: Set<number>[]; size: number } | null = null;
  for (let m = 0; m < M; m++) {
    const own: number[] = [];
    for (let i = 0; i < n; i++) if (nodeHolder[i] === m) own.push(i);
    const component = new Int32Array(n).fill(-1);
    const sizes: number[] = [];
    for (const start of own) {
      if (component[start]! >= 0) continue;
      const c = sizes.length;
      component[start] = c;
      let size = 0;
      const stack = [start];
      while (stack.length) {
        const i = stack.pop()!;
        size++;
        for (const j of own)
          if (component[j]! < 0 && D[i * n + j]! <= link) {
            component[j] = c;
            stack.push(j);
          }
      }
      sizes.push(size);
    }
    if (sizes.length < 2) continue;
    const order = sizes.map((_, c) => c).sort((a, b) => sizes[b]! - sizes[a]!);
    const size = sizes[order[1]!]!;
    if (size < options.minNodes || size < options.minPiece * own.length) continue;
    if (!best || size > best.size)
      best = {
        split: m,
        pieces: order.slice(0, 2).map((c) => new Set(own.filter((i) => component[i] === c))),
        size,
      };
  }
  if (!best) return null;
  const split = best.split;
  // each piece's points: held by the split primitive alone, nearest to the piece's nodes
  const pieces = best.pieces.map((nodes) => {
    const points: number[] = [];
    for (let p = 0; p < N; p++) if (holder[p] === split && nodes.has(graph.nearestNode[p]!)) points.push(p);
    return points;
  });
  let moved = -1;
  for (let m = 0; m < M; m++) if (m !== split && (moved < 0 || alone[m]! < alone[moved]!)) moved = m;
  if (pieces[1]!.length < 4 || options.gain * alone[moved]! > pieces[1]!.length) return null;
  flow.placePrimitive(split, ellipsoidOfPoints(inside, pieces[0]!, flow.config.radius));
  flow.placePrimitive(moved, ellipsoidOfPoints(inside, pieces[1]!, flow.config.radius));
  return { split, moved };
}

/** The second-moment ellipsoid of some points (indices into #N×3) as a placement for placePrimitive. */
function ellipsoidOfPoints(
  points: Float32Array,
  which: readonly number[],
  radius: number,
): { translation: number[]; scale: Float32Array; rotation: Float32Array } {
  const centre = [0, 0, 0];
  for (const i of which) for (let a = 0; a < 3; a++) centre[a] += points[3 * i + a]! / which.length;
  const scatter = new Float64Array(9);
  for (const i of which) {
    const d = [0, 1, 2].map((a) => points[3 * i + a]! - centre[a]!);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) scatter[3 * a + b] += d[a]! * d[b]!;
  }
  return { translation: centre, ...ellipsoidOf(scatter, which.length, radius) };
}
