/**
 * The sparsity pattern of a symmetric n×n matrix, stored as its upper triangle in compressed sparse
 * columns: column j holds the rows i ≤ j in increasing order, so its diagonal is the column's last
 * entry. (Equivalently: the lower triangle by rows.) This is the layout the up-looking LDLᵀ reads.
 *
 * - colPtr: (n+1) offsets into rowIdx
 * - rowIdx: nnz row indices
 *
 * A matrix on this pattern is just a Float64Array of nnz values, so one pattern serves every matrix
 * the flow assembles (L₀, M, M + t·L₀) and values can be written in place without reallocating.
 */
export class SymmetricPattern {
  constructor(
    readonly n: number,
    readonly colPtr: Int32Array,
    readonly rowIdx: Int32Array,
  ) {}

  get nnz(): number {
    return this.colPtr[this.n]!;
  }

  /** The slot of the diagonal entry (j, j). */
  diagSlot(j: number): number {
    return this.colPtr[j + 1]! - 1;
  }

  /** The slot of entry (i, j) (either order), or -1 if it is not in the pattern. */
  slot(i: number, j: number): number {
    // A swap without destructuring: cold code runs in V8's interpreter, where [j, i] builds an array.
    if (i > j) {
      const t = i;
      i = j;
      j = t;
    }
    let lo = this.colPtr[j]!;
    let hi = this.colPtr[j + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.rowIdx[mid]!;
      if (r === i) return mid;
      if (r < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Builds the pattern of a graph's adjacency plus the diagonal.
   * `edges`: #E×2 vertex pairs (any order, duplicates allowed, self-loops ignored).
   */
  static fromEdges(n: number, edges: ArrayLike<number>): SymmetricPattern {
    const count = new Int32Array(n + 1);
    const m = edges.length >> 1;
    for (let e = 0; e < m; e++) {
      const a = edges[2 * e]!;
      const b = edges[2 * e + 1]!;
      if (a !== b) count[Math.max(a, b)]!++;
    }
    const start = new Int32Array(n + 1);
    for (let j = 0; j < n; j++) start[j + 1] = start[j]! + count[j]! + 1;
    const raw = new Int32Array(start[n]!);
    const fill = start.slice(0, n);
    for (let e = 0; e < m; e++) {
      const a = edges[2 * e]!;
      const b = edges[2 * e + 1]!;
      if (a !== b) raw[fill[Math.max(a, b)]!++] = Math.min(a, b);
    }
    for (let j = 0; j < n; j++) raw[fill[j]!++] = j;
    // Sort each column and drop duplicates.
    const colPtr = new Int32Array(n + 1);
    let out = 0;
    for (let j = 0; j < n; j++) {
      sortRange(raw, start[j]!, start[j + 1]!);
      colPtr[j] = out;
      let last = -1;
      // In place: out never passes the column being read.
      for (let q = start[j]!; q < start[j + 1]!; q++) {
        if (raw[q] !== last) raw[out++] = last = raw[q]!;
      }
    }
    colPtr[n] = out;
    return new SymmetricPattern(n, colPtr, raw.slice(0, out));
  }

  /**
   * The pattern of P·A·Pᵀ, where `perm[new] = old`; also the old slot → new slot map. Entries are
   * bucketed into their new columns, then each (short) column is insertion-sorted.
   */
  permute(perm: Int32Array): { pattern: SymmetricPattern; slotMap: Int32Array } {
    const { n, colPtr, rowIdx } = this;
    const nnz = this.nnz;
    const inv = inversePermutation(perm);
    const newColPtr = new Int32Array(n + 1);
    for (let j = 0; j < n; j++) {
      const b = inv[j]!;
      for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) newColPtr[Math.max(inv[rowIdx[p]!]!, b) + 1]!++;
    }
    for (let j = 0; j < n; j++) newColPtr[j + 1]! += newColPtr[j]!;
    const newRowIdx = new Int32Array(nnz);
    const oldSlot = new Int32Array(nnz);
    const fill = newColPtr.slice(0, n);
    for (let j = 0; j < n; j++) {
      const b = inv[j]!;
      for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
        const a = inv[rowIdx[p]!]!;
        const q = fill[Math.max(a, b)]!++;
        newRowIdx[q] = Math.min(a, b);
        oldSlot[q] = p;
      }
    }
    for (let j = 0; j < n; j++) {
      const lo = newColPtr[j]!;
      const hi = newColPtr[j + 1]!;
      if (hi - lo > 32) {
        // A long column (a dense row): a general sort instead of insertion.
        const order = Array.from(oldSlot.subarray(lo, hi)).map((slot, k) => [newRowIdx[lo + k]!, slot]);
        order.sort((x, y) => x[0]! - y[0]!);
        for (let k = 0; k < order.length; k++) {
          newRowIdx[lo + k] = order[k]![0]!;
          oldSlot[lo + k] = order[k]![1]!;
        }
        continue;
      }
      for (let q = lo + 1; q < hi; q++) {
        const r = newRowIdx[q]!;
        const s = oldSlot[q]!;
        let t = q - 1;
        for (; t >= lo && newRowIdx[t]! > r; t--) {
          newRowIdx[t + 1] = newRowIdx[t]!;
          oldSlot[t + 1] = oldSlot[t]!;
        }
        newRowIdx[t + 1] = r;
        oldSlot[t + 1] = s;
      }
    }
    const slotMap = new Int32Array(nnz);
    for (let q = 0; q < nnz; q++) slotMap[oldSlot[q]!] = q;
    return { pattern: new SymmetricPattern(n, newColPtr, newRowIdx), slotMap };
  }

  /** The graph's adjacency (no diagonal) in compressed rows: neighbours of v are adj[xadj[v]..xadj[v+1]). */
  adjacency(): { xadj: Int32Array; adj: Int32Array } {
    const n = this.n;
    const degree = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      for (let p = this.colPtr[j]!; p < this.colPtr[j + 1]!; p++) {
        const i = this.rowIdx[p]!;
        if (i !== j) {
          degree[i]!++;
          degree[j]!++;
        }
      }
    }
    const xadj = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) xadj[v + 1] = xadj[v]! + degree[v]!;
    const adj = new Int32Array(xadj[n]!);
    const fill = xadj.slice(0, n);
    for (let j = 0; j < n; j++) {
      for (let p = this.colPtr[j]!; p < this.colPtr[j + 1]!; p++) {
        const i = this.rowIdx[p]!;
        if (i !== j) {
          adj[fill[i]!++] = j;
          adj[fill[j]!++] = i;
        }
      }
    }
    return { xadj, adj };
  }
}

/** Sorts a[lo..hi) in place: insertion sort for the short columns of a mesh, no view per column. */
function sortRange(a: Int32Array, lo: number, hi: number): void {
  if (hi - lo > 32) {
    a.subarray(lo, hi).sort();
    return;
  }
  for (let q = lo + 1; q < hi; q++) {
    const v = a[q]!;
    let t = q - 1;
    for (; t >= lo && a[t]! > v; t--) a[t + 1] = a[t]!;
    a[t + 1] = v;
  }
}

/** `inv[perm[k]] = k`. */
export function inversePermutation(perm: Int32Array): Int32Array {
  const inv = new Int32Array(perm.length);
  for (let k = 0; k < perm.length; k++) inv[perm[k]!] = k;
  return inv;
}

/**
 * y = A·x for k interleaved right-hand sides (x, y: n×k row-major), A symmetric with the upper
 * triangle `values` on `pattern`.
 */
export function symmetricMultiply(
  pattern: SymmetricPattern,
  values: Float64Array,
  x: Float64Array,
  y: Float64Array,
  k: number,
): void {
  const { n, colPtr, rowIdx } = pattern;
  y.fill(0, 0, n * k);
  if (k === 3) {
    // The flow's case (x, y, z at once): unrolled.
    for (let j = 0; j < n; j++) {
      const xj0 = x[3 * j]!;
      const xj1 = x[3 * j + 1]!;
      const xj2 = x[3 * j + 2]!;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      const end = colPtr[j + 1]! - 1;
      for (let p = colPtr[j]!; p < end; p++) {
        const i = rowIdx[p]!;
        const a = values[p]!;
        y[3 * i] += a * xj0;
        y[3 * i + 1] += a * xj1;
        y[3 * i + 2] += a * xj2;
        s0 += a * x[3 * i]!;
        s1 += a * x[3 * i + 1]!;
        s2 += a * x[3 * i + 2]!;
      }
      const d = values[end]!;
      y[3 * j] += s0 + d * xj0;
      y[3 * j + 1] += s1 + d * xj1;
      y[3 * j + 2] += s2 + d * xj2;
    }
    return;
  }
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
      const i = rowIdx[p]!;
      const a = values[p]!;
      for (let c = 0; c < k; c++) {
        y[i * k + c] += a * x[j * k + c]!;
        if (i !== j) y[j * k + c] += a * x[i * k + c]!;
      }
    }
  }
}
