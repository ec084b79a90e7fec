import { cornerAngle as cornerAngleAt } from '../geometry/triangles';
import { sphereFaceOrientation } from './distortion';

/**
 * Unfolds the flipped triangles of a sphere map, in place. The cotangent Laplacian has negative weights
 * where a mesh has very obtuse triangles, and there the flow can fold a few faces over (cheburashka's
 * ears: 35 faces, in the native reference too). Each round frees the vertices of the folded faces and
 * the rings around them, moves every free vertex to the mean of its neighbours projected back onto the
 * sphere (Gauss–Seidel sweeps, the rest of the map fixed: Tutte's idea on a small, nearly flat disk),
 * and grows the free region by one ring while folds remain. Vertices away from folds never move, so a
 * map without folds is returned unchanged.
 */

export interface UntangleResult {
  /** Flipped faces before and after. */
  flippedBefore: number;
  flippedAfter: number;
  /** Vertices that were free to move (0 when nothing was folded). */
  movedVertices: number;
}

/**
 * @param sphere #V×3 unit vectors, changed in place
 * @param indices #F×3
 * @param orientation +1 when the input's faces wind outward (positive signed volume), else −1
 */
export function untangleSphereMap(
  original: Float32Array | Float64Array,
  sphere: Float64Array,
  indices: Uint32Array,
  orientation: 1 | -1,
  { maxRings = 8, sweeps = 30 } = {},
): UntangleResult {
  const flippedBefore = countFlipped(sphere, indices, orientation, null);
  if (flippedBefore === 0) return { flippedBefore, flippedAfter: 0, movedVertices: 0 };
  const V = sphere.length / 3;
  const { offsets, neighbours, weights } = oneRings(original, indices, V);
  const free = new Uint8Array(V);
  const folded = new Uint8Array(indices.length / 3);
  countFlipped(sphere, indices, orientation, folded);
  for (let f = 0; f < folded.length; f++)
    if (folded[f]) for (let k = 0; k < 3; k++) free[indices[3 * f + k]!] = 1;
  let flippedAfter = flippedBefore;
  for (let ring = 0; ring < maxRings && flippedAfter > 0; ring++) {
    if (ring > 0) growByOneRing(free, offsets, neighbours);
    const freeList = Int32Array.from(indicesOf(free));
    for (let sweep = 0; sweep < sweeps; sweep++) relax(sphere, freeList, offsets, neighbours, weights);
    flippedAfter = countFlipped(sphere, indices, orientation, null);
  }
  let movedVertices = 0;
  for (let v = 0; v < V; v++) movedVertices += free[v]!;
  return { flippedBefore, flippedAfter, movedVertices };
}

/** Faces the metric counts as flipped (orientation · sphereFaceOrientation < 0); marks them in `out`. */
function countFlipped(
  s: Float64Array,
  indices: Uint32Array,
  orientation: number,
  out: Uint8Array | null,
): number {
  let count = 0;
  for (let f = 0; f < indices.length / 3; f++) {
    if (orientation * sphereFaceOrientation(s, indices, f) < 0) {
      count++;
      if (out) out[f] = 1;
    }
  }
  return count;
}

/**
 * Each vertex's neighbours, once per incident face side, with Floater's mean value weights from the
 * input mesh: tan(θ/2)/|x_v − x_n| for the face's angle θ at v. They are positive (so relaxing cannot
 * fold) and close to the cotangent weights where those are positive (so the map stays near conformal).
 */
function oneRings(
  x: Float32Array | Float64Array,
  indices: Uint32Array,
  V: number,
): { offsets: Int32Array; neighbours: Int32Array; weights: Float64Array } {
  const offsets = new Int32Array(V + 1);
  for (let i = 0; i < indices.length; i++) offsets[indices[i]! + 1]! += 2;
  for (let v = 0; v < V; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, V);
  const neighbours = new Int32Array(offsets[V]!);
  const weights = new Float64Array(offsets[V]!);
  for (let f = 0; f < indices.length; f += 3) {
    for (let k = 0; k < 3; k++) {
      const v = indices[f + k]!;
      const a = indices[f + ((k + 1) % 3)]!;
      const b = indices[f + ((k + 2) % 3)]!;
      const la = distance(x, v, a);
      const lb = distance(x, v, b);
      const halfTan = Math.tan(cornerAngle(x, v, a, b) / 2);
      neighbours[fill[v]!] = a;
      weights[fill[v]!++] = la > 0 ? halfTan / la : 0;
      neighbours[fill[v]!] = b;
      weights[fill[v]!++] = lb > 0 ? halfTan / lb : 0;
    }
  }
  return { offsets, neighbours, weights };
}

function distance(x: Float32Array | Float64Array, i: number, j: number): number {
  return Math.hypot(x[3 * i]! - x[3 * j]!, x[3 * i + 1]! - x[3 * j + 1]!, x[3 * i + 2]! - x[3 * j + 2]!);
}

function cornerAngle(x: Float32Array | Float64Array, o: number, a: number, b: number): number {
  return cornerAngleAt(
    x[3 * o]!,
    x[3 * o + 1]!,
    x[3 * o + 2]!,
    x[3 * a]!,
    x[3 * a + 1]!,
    x[3 * a + 2]!,
    x[3 * b]!,
    x[3 * b + 1]!,
    x[3 * b + 2]!,
  );
}

function growByOneRing(free: Uint8Array, offsets: Int32Array, neighbours: Int32Array): void {
  const seeds = indicesOf(free);
  for (const v of seeds) for (let j = offsets[v]!; j < offsets[v + 1]!; j++) free[neighbours[j]!] = 1;
}

function indicesOf(flags: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i]) out.push(i);
  return out;
}

/** One Gauss–Seidel sweep: each free vertex to its neighbours' weighted mean, normalised onto the sphere. */
function relax(
  s: Float64Array,
  free: Int32Array,
  offsets: Int32Array,
  neighbours: Int32Array,
  weights: Float64Array,
): void {
  for (let i = 0; i < free.length; i++) {
    const v = free[i]!;
    let x = 0;
    let y = 0;
    let z = 0;
    for (let j = offsets[v]!; j < offsets[v + 1]!; j++) {
      const n = 3 * neighbours[j]!;
      const w = weights[j]!;
      x += w * s[n]!;
      y += w * s[n + 1]!;
      z += w * s[n + 2]!;
    }
    const length = Math.hypot(x, y, z);
    if (!(length > 0)) continue; // neighbours around a whole great circle: leave it
    s[3 * v] = x / length;
    s[3 * v + 1] = y / length;
    s[3 * v + 2] = z / length;
  }
}
