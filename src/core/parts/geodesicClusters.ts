import type { Rng } from '../sampling/Rng';
import type { Clusters } from './kMeans';

/** Options of the body graph. */
export interface BodyGraphOptions {
  /** graph nodes: a random subset of the points of at most this size (all-pairs distances are n²) */
  nodes?: number;
  /** nearest neighbours each node is joined to */
  neighbours?: number;
  /**
   * Whether the straight segment between two points stays inside the shape (tested at its
   * midpoint); without it every k-nearest-neighbour edge is kept, which can bridge a thin gap
   * (between the legs, an arm and the chest).
   */
  insideAt?: (x: number, y: number, z: number) => boolean;
  /**
   * Distance from a point to the shape's surface. Given, each node weighs 1/t² in the clustering,
   * t the local thickness there (the radius of the largest inscribed ball holding the node), so a
   * stretch of thin arm weighs as much as a stretch of thick trunk: clusters then share the body's
   * length, not its volume (by volume the trunk takes most clusters and the limbs share the rest).
   */
  depthAt?: (x: number, y: number, z: number) => number;
}

/**
 * Distances along the body: shortest paths through a k-nearest-neighbour graph of points uniform in
 * the shape's inside. In those distances a hand is far from the other hand (the path runs through
 * the chest), so clusters follow limbs instead of cutting across them as Euclidean k-means does (a
 * Voronoi cell holding both arms of a T-posed human holds the chest between them too).
 * points: #N×3 inside samples. Nodes are a random subset; every point belongs to its nearest node.
 */
export class BodyGraph {
  /** node → index into the points: #n */
  readonly nodes: Int32Array;
  /** all-pairs shortest-path lengths between nodes, row-major #n×n (disconnected: the largest + the straight distance) */
  readonly distances: Float32Array;
  /** point → its nearest node: #N */
  readonly nearestNode: Int32Array;
  /** each node's weight in the clustering: #n (1, or 1/thickness² with `depthAt`) */
  readonly weights: Float64Array;
  /** typical distance between neighbouring nodes (the median length of a near-neighbour edge) */
  readonly spacing: number;

  constructor(
    readonly points: Float32Array,
    rng: Rng,
    options: BodyGraphOptions = {},
  ) {
    const N = points.length / 3;
    if (N === 0) throw new Error('a body graph needs at least one point');
    const n = Math.min(N, options.nodes ?? 1200);
    const K = Math.min(n - 1, options.neighbours ?? 10);
    // a random subset of n points (partial Fisher–Yates)
    const order = Int32Array.from({ length: N }, (_, i) => i);
    for (let i = 0; i < n; i++) {
      const j = i + rng.int(N - i);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    this.nodes = order.slice(0, n);
    const xyz = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) xyz[3 * i + a] = points[3 * this.nodes[i]! + a]!;
    const euclid = (i: number, j: number): number =>
      Math.hypot(
        xyz[3 * i]! - xyz[3 * j]!,
        xyz[3 * i + 1]! - xyz[3 * j + 1]!,
        xyz[3 * i + 2]! - xyz[3 * j + 2]!,
      );

    // symmetric k-nearest-neighbour edges, dropped where the segment leaves the shape
    const adjacency: number[][] = Array.from({ length: n }, () => []);
    const near = new Float64Array(n);
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        near[j] = j === i ? Infinity : euclid(i, j);
        idx[j] = j;
      }
      const nearest = Array.from(idx)
        .sort((a, b) => near[a]! - near[b]!)
        .slice(0, K);
      for (const j of nearest) {
        if (
          options.insideAt &&
          !options.insideAt(
            (xyz[3 * i]! + xyz[3 * j]!) / 2,
            (xyz[3 * i + 1]! + xyz[3 * j + 1]!) / 2,
            (xyz[3 * i + 2]! + xyz[3 * j + 2]!) / 2,
          )
        )
          continue;
        adjacency[i]!.push(j);
        adjacency[j]!.push(i);
      }
    }
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + adjacency[i]!.length;
    const targets = new Int32Array(offsets[n]!),
      lengths = new Float64Array(offsets[n]!);
    for (let i = 0; i < n; i++)
      adjacency[i]!.forEach((j, e) => {
        targets[offsets[i]! + e] = j;
        lengths[offsets[i]! + e] = euclid(i, j);
      });

    this.distances = new Float32Array(n * n);
    const heap = new MinHeap(offsets[n]! + n);
    const dist = new Float64Array(n);
    let largest = 0;
    for (let s = 0; s < n; s++) {
      dist.fill(Infinity);
      dist[s] = 0;
      heap.clear();
      heap.push(s, 0);
      while (heap.size > 0) {
        const d = heap.topKey(),
          u = heap.pop();
        if (d > dist[u]!) continue;
        for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
          const v = targets[e]!,
            dv = d + lengths[e]!;
          if (dv < dist[v]!) {
            dist[v] = dv;
            heap.push(v, dv);
          }
        }
      }
      for (let j = 0; j < n; j++) {
        this.distances[s * n + j] = dist[j]!;
        if (dist[j]! < Infinity && dist[j]! > largest) largest = dist[j]!;
      }
    }
    // separate pieces (a loose sample, a cut edge): far, but ordered by straight distance
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (this.distances[i * n + j] === Infinity) this.distances[i * n + j] = largest + euclid(i, j);

    // the node spacing: the median length of each node's first stored edge (one of its near
    // neighbours, not always the nearest: a rough scale is all this needs)
    const spacing = median(
      Float64Array.from({ length: n }, (_, i) => (K > 0 ? euclid(i, targets[offsets[i]!] ?? i) : 0)),
    );
    this.spacing = spacing;
    this.weights = new Float64Array(n).fill(1);
    if (options.depthAt) {
      const depth = Float64Array.from({ length: n }, (_, i) =>
        options.depthAt!(xyz[3 * i]!, xyz[3 * i + 1]!, xyz[3 * i + 2]!),
      );
      // nodes sit about one spacing apart, so a ball's edge is known to about that much
      for (let i = 0; i < n; i++) {
        // local thickness: the radius of the largest inscribed ball (about a node) holding node i
        let t = depth[i]!;
        for (let j = 0; j < n; j++) if (depth[j]! > t && euclid(i, j) <= depth[j]! + spacing) t = depth[j]!;
        this.weights[i] = 1 / Math.max(t, 1e-3) ** 2;
      }
    }

    this.nearestNode = new Int32Array(N);
    for (let p = 0; p < N; p++) {
      let best = Infinity;
      for (let i = 0; i < n; i++) {
        const a = points[3 * p]! - xyz[3 * i]!,
          b = points[3 * p + 1]! - xyz[3 * i + 1]!,
          c = points[3 * p + 2]! - xyz[3 * i + 2]!;
        const d = a * a + b * b + c * c;
        if (d < best) {
          best = d;
          this.nearestNode[p] = i;
        }
      }
    }
  }

  /**
   * k-medoids on the body distances (k-means++ seeding on weighted squared distances, then
   * alternating assignment and medoid update — the node with the least weighted sum of distances to
   * its cluster — until nothing changes): centres #k×3 are the Euclidean means of
   * each cluster's points, assignment #N the cluster of each point.
   */
  clusters(k: number, rng: Rng, iterations = 30): Clusters {
    const n = this.nodes.length,
      D = this.distances,
      W = this.weights;
    const medoids = new Int32Array(k);
    const nearest = new Float64Array(n).fill(Infinity);
    let pick = rng.int(n);
    for (let c = 0; c < k; c++) {
      medoids[c] = pick;
      let total = 0;
      for (let i = 0; i < n; i++) {
        nearest[i] = Math.min(nearest[i]!, D[pick * n + i]! ** 2);
        total += W[i]! * nearest[i]!;
      }
      let r = rng.next() * total;
      pick = n - 1;
      for (let i = 0; i < n; i++)
        if ((r -= W[i]! * nearest[i]!) <= 0) {
          pick = i;
          break;
        }
    }
    const label = new Int32Array(n);
    const assign = (): void => {
      for (let i = 0; i < n; i++) {
        let best = Infinity;
        for (let c = 0; c < k; c++) {
          const d = D[medoids[c]! * n + i]!;
          if (d < best) {
            best = d;
            label[i] = c;
          }
        }
      }
    };
    for (let it = 0; it < iterations; it++) {
      assign();
      let changed = false;
      const members: number[][] = Array.from({ length: k }, () => []);
      for (let i = 0; i < n; i++) members[label[i]!]!.push(i);
      for (let c = 0; c < k; c++) {
        const m = members[c]!;
        let best = Infinity,
          bi = medoids[c]!;
        for (const i of m) {
          let s = 0;
          for (const j of m) s += W[j]! * D[i * n + j]!;
          if (s < best) {
            best = s;
            bi = i;
          }
        }
        if (bi !== medoids[c]) {
          medoids[c] = bi;
          changed = true;
        }
      }
      if (!changed) break;
    }
    assign();
    const N = this.points.length / 3;
    const assignment = new Int32Array(N);
    const sums = new Float64Array(3 * k),
      counts = new Int32Array(k);
    for (let p = 0; p < N; p++) {
      const c = label[this.nearestNode[p]!]!;
      assignment[p] = c;
      counts[c]!++;
      for (let a = 0; a < 3; a++) sums[3 * c + a] += this.points[3 * p + a]!;
    }
    const centres = new Float32Array(3 * k);
    for (let c = 0; c < k; c++) {
      const at = counts[c]! > 0 ? -1 : this.nodes[medoids[c]!]!;
      for (let a = 0; a < 3; a++)
        centres[3 * c + a] = at < 0 ? sums[3 * c + a]! / counts[c]! : this.points[3 * at + a]!;
    }
    return { centres, assignment };
  }
}

/** The median of some numbers (sorts them in place). */
function median(values: Float64Array): number {
  values.sort();
  return values.length ? values[values.length >> 1]! : 0;
}

/** A binary min-heap of (item, key) pairs on typed arrays, with lazy deletion left to the caller. */
class MinHeap {
  private readonly items: Int32Array;
  private readonly keys: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0]!;
  }

  push(item: number, key: number): void {
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.items[i] = this.items[parent]!;
      this.keys[i] = this.keys[parent]!;
      i = parent;
    }
    this.items[i] = item;
    this.keys[i] = key;
  }

  pop(): number {
    const top = this.items[0]!;
    const item = this.items[--this.size]!,
      key = this.keys[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.items[i] = this.items[child]!;
      this.keys[i] = this.keys[child]!;
      i = child;
    }
    this.items[i] = item;
    this.keys[i] = key;
    return top;
  }
}
