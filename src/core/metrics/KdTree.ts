/**
 * A static 3-d tree over a point set for exact nearest-neighbour queries (Chamfer and Hausdorff
 * distances between point sets). Implicit layout: the points are permuted so that every subtree is
 * a contiguous range whose median element is the splitting point; no node objects are allocated.
 */
export class KdTree {
  /** #N×3, permuted copy of the input points */
  readonly points: Float64Array;
  /** original index of each permuted point, #N */
  readonly order: Uint32Array;
  /** splitting axis of the subtree whose median is at that position, #N */
  private readonly axis: Uint8Array;
  private readonly stack = new Int32Array(256);

  /** points: #N×3 */
  constructor(points: ArrayLike<number>) {
    const n = Math.floor(points.length / 3);
    this.points = Float64Array.from(points as ArrayLike<number>).subarray(0, 3 * n) as Float64Array;
    this.order = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.axis = new Uint8Array(n);
    this.build(0, n);
  }

  get size(): number {
    return this.order.length;
  }

  private build(lo: number, hi: number): void {
    // explicit stack of ranges, so deep trees cannot overflow the call stack
    const ranges: number[] = [lo, hi];
    const p = this.points;
    while (ranges.length) {
      const h = ranges.pop()!;
      const l = ranges.pop()!;
      if (h - l <= 1) continue;
      let min0 = Infinity,
        min1 = Infinity,
        min2 = Infinity,
        max0 = -Infinity,
        max1 = -Infinity,
        max2 = -Infinity;
      for (let i = l; i < h; i++) {
        const x = p[3 * i]!,
          y = p[3 * i + 1]!,
          z = p[3 * i + 2]!;
        if (x < min0) min0 = x;
        if (x > max0) max0 = x;
        if (y < min1) min1 = y;
        if (y > max1) max1 = y;
        if (z < min2) min2 = z;
        if (z > max2) max2 = z;
      }
      const ex = max0 - min0,
        ey = max1 - min1,
        ez = max2 - min2;
      const ax = ex >= ey && ex >= ez ? 0 : ey >= ez ? 1 : 2;
      const mid = (l + h) >>> 1;
      this.select(l, h - 1, mid, ax);
      this.axis[mid] = ax;
      ranges.push(l, mid, mid + 1, h);
    }
  }

  /** Quickselect: puts the k-th smallest (along `ax`) of [l, r] at k. */
  private select(l: number, r: number, k: number, ax: number): void {
    const p = this.points;
    while (r > l) {
      const pivot = p[3 * ((l + r) >>> 1) + ax]!;
      let i = l,
        j = r;
      while (i <= j) {
        while (p[3 * i + ax]! < pivot) i++;
        while (p[3 * j + ax]! > pivot) j--;
        if (i <= j) {
          this.swap(i, j);
          i++;
          j--;
        }
      }
      if (k <= j) r = j;
      else if (k >= i) l = i;
      else return;
    }
  }

  private swap(i: number, j: number): void {
    const p = this.points;
    for (let k = 0; k < 3; k++) {
      const t = p[3 * i + k]!;
      p[3 * i + k] = p[3 * j + k]!;
      p[3 * j + k] = t;
    }
    const o = this.order[i]!;
    this.order[i] = this.order[j]!;
    this.order[j] = o;
  }

  /**
   * The squared distance from (x, y, z) to the nearest point; its original index is left in
   * `lastIndex`. Returns Infinity on an empty tree.
   */
  nearestSquared(x: number, y: number, z: number): number {
    const p = this.points;
    const stack = this.stack;
    let best = Infinity;
    let bestIndex = -1;
    let top = 0;
    stack[top++] = 0;
    stack[top++] = this.order.length;
    while (top > 0) {
      const h = stack[--top]!;
      const l = stack[--top]!;
      if (h <= l) continue;
      const mid = (l + h) >>> 1;
      const dx = p[3 * mid]! - x,
        dy = p[3 * mid + 1]! - y,
        dz = p[3 * mid + 2]! - z;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 < best) {
        best = d2;
        bestIndex = mid;
      }
      if (h - l === 1) continue;
      const ax = this.axis[mid]!;
      const diff = ax === 0 ? -dx : ax === 1 ? -dy : -dz; // query minus split coordinate
      // push the far side first (only if the splitting plane is closer than the best so far), near side last
      if (diff < 0) {
        if (diff * diff < best) {
          stack[top++] = mid + 1;
          stack[top++] = h;
        }
        stack[top++] = l;
        stack[top++] = mid;
      } else {
        if (diff * diff < best) {
          stack[top++] = l;
          stack[top++] = mid;
        }
        stack[top++] = mid + 1;
        stack[top++] = h;
      }
    }
    this.lastIndex = bestIndex >= 0 ? this.order[bestIndex]! : -1;
    return best;
  }

  /** Original index of the point found by the last `nearestSquared` call. */
  lastIndex = -1;
}
