import { ellipsoidOf } from './anchors';
import type { ConditionalFlow } from './ConditionalFlow';
import { implicitValues, unionValues } from './fitParts';

export interface ReseedOptions {
  /** a primitive that is the deepest one at fewer than this fraction of the covered inside is dead */
  minShare: number;
  /** fewest missed inside points worth a primitive */
  minMissed: number;
  /** grid cell (unit-cube units) that decides which missed points form one region */
  cell: number;
}

export const DEFAULT_RESEED: ReseedOptions = { minShare: 0.03, minMissed: 12, cell: 0.06 };

/**
 * Re-seeds the weakest primitive if it is dead: one that is the deepest primitive at almost none of
 * the inside points the union covers (it shrank away, or hides inside another) gets moved onto the
 * largest region of the inside that the union misses, as the ellipsoid of that region. A dead
 * primitive gets no gradient from the occupancy loss (only the deepest primitive at a point does),
 * so it would stay dead; this is where the few-hundred-step fits lost a part or two.
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
  const share = new Int32Array(M);
  const missed: number[] = [];
  for (let n = 0; n < N; n++) {
    if (G[n]! >= 0) {
      missed.push(n);
      continue;
    }
    for (let m = 0; m < M; m++) if (g[m * N + n] === G[n]) {
      share[m]!++;
      break;
    }
  }
  let dead = 0;
  for (let m = 1; m < M; m++) if (share[m]! < share[dead]!) dead = m;
  if (share[dead]! >= options.minShare * (N - missed.length) || missed.length < options.minMissed) return -1;

  const points = new Float32Array(3 * missed.length);
  missed.forEach((n, i) => points.set(inside.subarray(3 * n, 3 * n + 3), 3 * i));
  const region = largestRegion(points, options.cell);
  const centre = [0, 0, 0];
  for (const i of region) for (let a = 0; a < 3; a++) centre[a] += points[3 * i + a]! / region.length;
  const scatter = new Float64Array(9);
  for (const i of region) {
    const d = [0, 1, 2].map((a) => points[3 * i + a]! - centre[a]!);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) scatter[3 * a + b] += d[a]! * d[b]!;
  }
  const e = ellipsoidOf(scatter, region.length, flow.config.radius);
  flow.placePrimitive(dead, { translation: centre, ...e });
  return dead;
}

/**
 * The points (#N×3) of the largest connected region: points are joined when they fall in the same
 * or neighbouring (26-connected) cells of a grid of side `cell`. Separate limbs that the union
 * misses are separate regions; one primitive goes to the biggest. Returns point indices.
 */
export function largestRegion(points: Float32Array, cell: number): number[] {
  const N = points.length / 3;
  const key = (x: number, y: number, z: number): string => `${x},${y},${z}`;
  const cells = new Map<string, number[]>();
  for (let i = 0; i < N; i++) {
    const k = key(
      Math.floor(points[3 * i]! / cell),
      Math.floor(points[3 * i + 1]! / cell),
      Math.floor(points[3 * i + 2]! / cell),
    );
    const list = cells.get(k);
    if (list) list.push(i);
    else cells.set(k, [i]);
  }
  const seen = new Set<string>();
  let best: number[] = [];
  for (const start of cells.keys()) {
    if (seen.has(start)) continue;
    seen.add(start);
    const region: number[] = [];
    const stack = [start];
    while (stack.length) {
      const c = stack.pop()!;
      region.push(...cells.get(c)!);
      const [x, y, z] = c.split(',').map(Number) as [number, number, number];
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++)
          for (let dz = -1; dz <= 1; dz++) {
            const n = key(x + dx, y + dy, z + dz);
            if (!seen.has(n) && cells.has(n)) {
              seen.add(n);
              stack.push(n);
            }
          }
    }
    if (region.length > best.length) best = region;
  }
  return best;
}
