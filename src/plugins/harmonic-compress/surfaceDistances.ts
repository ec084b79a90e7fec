import { BufferAttribute, BufferGeometry, Vector3 } from 'three';
import { MeshBVH } from 'three-mesh-bvh';

/**
 * Chamfer and Hausdorff distances between two triangle meshes, from points sampled uniformly by
 * area on each surface to the other *surface* (closest point through a three-mesh-bvh tree).
 * Local, minimal stand-in for the SDF helper's src/core/metrics (to be replaced once merged).
 *
 * chamfer = ½ (mean_a d(a, B) + mean_b d(b, A)); hausdorff = max of both directed maxima
 * (over the samples). positions: #V×3, indices: #F×3.
 */
export interface MeshLike {
  positions: ArrayLike<number>;
  indices: Uint32Array;
}

export function surfaceDistances(a: MeshLike, b: MeshLike, samples = 20000, seed = 1): { chamfer: number; hausdorff: number } {
  return new SurfaceDistanceReference(a, samples, seed).distancesTo(b);
}

/** One mesh's samples and closest-point tree, kept to compare many others against it (error vs degree). */
export class SurfaceDistanceReference {
  private readonly samples: Float64Array;
  private readonly bvh: MeshBVH;

  constructor(
    mesh: MeshLike,
    private readonly sampleCount = 20000,
    private readonly seed = 1,
  ) {
    this.samples = samplePoints(mesh, sampleCount, seed);
    this.bvh = buildBvh(mesh);
  }

  distancesTo(other: MeshLike): { chamfer: number; hausdorff: number } {
    const ab = directed(this.samples, buildBvh(other));
    const ba = directed(samplePoints(other, this.sampleCount, this.seed + 1), this.bvh);
    return { chamfer: 0.5 * (ab.mean + ba.mean), hausdorff: Math.max(ab.max, ba.max) };
  }
}

/** Length of the bounding-box diagonal of a point set #N×3. */
export function bboxDiagonal(positions: ArrayLike<number>): number {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i += 3) {
    for (let d = 0; d < 3; d++) {
      min[d] = Math.min(min[d], positions[i + d]);
      max[d] = Math.max(max[d], positions[i + d]);
    }
  }
  return Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
}

/** A seeded generator (mulberry32), so metrics are reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function samplePoints(mesh: MeshLike, count: number, seed: number): Float64Array {
  const { positions: p, indices } = mesh;
  const F = indices.length / 3;
  const cumulative = new Float64Array(F);
  let total = 0;
  for (let f = 0; f < F; f++) {
    const a = 3 * indices[3 * f], b = 3 * indices[3 * f + 1], c = 3 * indices[3 * f + 2];
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    total += 0.5 * Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
    cumulative[f] = total;
  }
  const random = rng(seed);
  const out = new Float64Array(3 * count);
  for (let i = 0; i < count; i++) {
    const target = random() * total;
    let lo = 0;
    let hi = F - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    let r1 = random();
    let r2 = random();
    if (r1 + r2 > 1) {
      r1 = 1 - r1;
      r2 = 1 - r2;
    }
    const a = 3 * indices[3 * lo], b = 3 * indices[3 * lo + 1], c = 3 * indices[3 * lo + 2];
    for (let d = 0; d < 3; d++) out[3 * i + d] = p[a + d] + r1 * (p[b + d] - p[a + d]) + r2 * (p[c + d] - p[a + d]);
  }
  return out;
}

function buildBvh(mesh: MeshLike): MeshBVH {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(Float32Array.from(mesh.positions), 3));
  geometry.setIndex(new BufferAttribute(Uint32Array.from(mesh.indices), 1));
  return new MeshBVH(geometry);
}

function directed(points: Float64Array, bvh: MeshBVH): { mean: number; max: number } {
  const query = new Vector3();
  const hit = { point: new Vector3(), distance: 0, faceIndex: 0 };
  let sum = 0;
  let max = 0;
  const n = points.length / 3;
  for (let i = 0; i < n; i++) {
    query.set(points[3 * i], points[3 * i + 1], points[3 * i + 2]);
    bvh.closestPointToPoint(query, hit);
    sum += hit.distance;
    if (hit.distance > max) max = hit.distance;
  }
  return { mean: sum / n, max };
}
