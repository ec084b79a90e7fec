import type { SymmetricFactorization } from './SymmetricFactorization';
import type { SymmetricPattern } from './SymmetricPattern';

/** Thrown when a pivot is zero, negative or not finite: the matrix is not positive definite. */
export class NotPositiveDefiniteError extends Error {
  constructor(readonly column: number) {
    super(`matrix is not positive definite (pivot ${column})`);
    this.name = 'NotPositiveDefiniteError';
  }
}

/**
 * Sparse A = L·D·Lᵀ of a symmetric positive definite matrix, up-looking (row by row, the method of
 * Davis' LDL and of Eigen's SimplicialLDLT): row k of L comes from one sparse triangular solve whose
 * pattern is the reach of A's column k in the elimination tree.
 *
 * The symbolic part (elimination tree, column counts, storage) is done once per pattern in the
 * constructor; `factor` then runs for any values on that pattern, with no allocation, so a flow
 * that changes values but not the pattern pays only for the numbers.
 *
 * Storage: L is unit lower triangular, by columns (lp: n+1, li/lx: nnz(L) strictly-lower rows and
 * values), d: n pivots. The pattern should already be in a fill-reducing order (see SparseSolver).
 */
export class LdltFactor implements SymmetricFactorization {
  readonly n: number;
  readonly parent: Int32Array;
  readonly lp: Int32Array;
  readonly li: Int32Array;
  readonly lx: Float64Array;
  readonly d: Float64Array;
  // Workspace for `factor`.
  private readonly y: Float64Array;
  private readonly flag: Int32Array;
  private readonly stackPattern: Int32Array;
  private readonly lnz: Int32Array;

  constructor(readonly pattern: SymmetricPattern) {
    const n = (this.n = pattern.n);
    const { colPtr, rowIdx } = pattern;
    const parent = (this.parent = new Int32Array(n));
    const flag = (this.flag = new Int32Array(n));
    const lnz = (this.lnz = new Int32Array(n));
    // Elimination tree and the number of entries in each column of L: walk from each entry of
    // A's column k up the tree until a vertex already visited for k.
    for (let k = 0; k < n; k++) {
      parent[k] = -1;
      flag[k] = k;
      for (let p = colPtr[k]; p < colPtr[k + 1]; p++) {
        for (let i = rowIdx[p]; i < k && flag[i] !== k; i = parent[i]) {
          if (parent[i] === -1) parent[i] = k;
          lnz[i]++;
          flag[i] = k;
        }
      }
    }
    const lp = (this.lp = new Int32Array(n + 1));
    for (let k = 0; k < n; k++) lp[k + 1] = lp[k] + lnz[k];
    if (lp[n] > 2 ** 31 - 1 || !Number.isFinite(lp[n])) throw new Error('factor too large');
    this.li = new Int32Array(lp[n]);
    this.lx = new Float64Array(lp[n]);
    this.d = new Float64Array(n);
    this.y = new Float64Array(n);
    this.stackPattern = new Int32Array(n);
  }

  /** Number of strictly-lower entries of L. */
  get nnzL(): number {
    return this.lp[this.n];
  }

  /** The numeric values of L (what `solveInPlace` reads). */
  get values(): Float64Array {
    return this.lx;
  }

  /** Multiply-adds of one factorisation: Σ over columns of (entries below)². */
  get factorFlops(): number {
    let flops = 0;
    for (let j = 0; j < this.n; j++) flops += (this.lp[j + 1] - this.lp[j]) ** 2;
    return flops;
  }

  /** Factors the matrix with upper-triangle `values` on the constructor's pattern. */
  factor(values: Float64Array): void {
    const { n, parent, lp, li, lx, d, y, flag, stackPattern, lnz } = this;
    const { colPtr, rowIdx } = this.pattern;
    // Marks and the dense accumulator must start clean: a previous run leaves stale row marks
    // (and a failed one a dirty accumulator).
    flag.fill(-1);
    y.fill(0);
    for (let k = 0; k < n; k++) {
      // Scatter A(0..k, k) into y and find the pattern of row k of L (topological order).
      y[k] = 0;
      let top = n;
      flag[k] = k;
      lnz[k] = 0;
      for (let p = colPtr[k]; p < colPtr[k + 1]; p++) {
        let i = rowIdx[p];
        y[i] += values[p];
        let len = 0;
        for (; flag[i] !== k; i = parent[i]) {
          stackPattern[len++] = i;
          flag[i] = k;
        }
        while (len > 0) stackPattern[--top] = stackPattern[--len];
      }
      // Sparse triangular solve for row k; each finished entry is appended to its column.
      let dk = y[k];
      y[k] = 0;
      for (; top < n; top++) {
        const i = stackPattern[top];
        const yi = y[i];
        y[i] = 0;
        const start = lp[i];
        const end = start + lnz[i];
        for (let p = start; p < end; p++) y[li[p]] -= lx[p] * yi;
        const lki = yi / d[i];
        dk -= lki * yi;
        li[end] = k;
        lx[end] = lki;
        lnz[i]++;
      }
      if (!(dk > 0) || !Number.isFinite(dk)) throw new NotPositiveDefiniteError(k);
      d[k] = dk;
    }
  }

  /**
   * Solves L·D·Lᵀ x = b in place for k interleaved right-hand sides (b: n×k row-major). `lx` may be
   * a float32 copy of the factor's values: half the memory traffic, for use as a preconditioner.
   */
  solveInPlace(b: Float64Array, k = 1, lx: Float64Array | Float32Array = this.lx): void {
    const { n, lp, li, d } = this;
    if (k === 3) {
      for (let j = 0; j < n; j++) {
        const b0 = b[3 * j];
        const b1 = b[3 * j + 1];
        const b2 = b[3 * j + 2];
        for (let p = lp[j]; p < lp[j + 1]; p++) {
          const i = 3 * li[p];
          const l = lx[p];
          b[i] -= l * b0;
          b[i + 1] -= l * b1;
          b[i + 2] -= l * b2;
        }
      }
      for (let j = 0; j < n; j++) {
        const inv = 1 / d[j];
        b[3 * j] *= inv;
        b[3 * j + 1] *= inv;
        b[3 * j + 2] *= inv;
      }
      for (let j = n - 1; j >= 0; j--) {
        let b0 = b[3 * j];
        let b1 = b[3 * j + 1];
        let b2 = b[3 * j + 2];
        for (let p = lp[j]; p < lp[j + 1]; p++) {
          const i = 3 * li[p];
          const l = lx[p];
          b0 -= l * b[i];
          b1 -= l * b[i + 1];
          b2 -= l * b[i + 2];
        }
        b[3 * j] = b0;
        b[3 * j + 1] = b1;
        b[3 * j + 2] = b2;
      }
      return;
    }
    for (let j = 0; j < n; j++) {
      for (let p = lp[j]; p < lp[j + 1]; p++) {
        const i = li[p];
        for (let c = 0; c < k; c++) b[i * k + c] -= lx[p] * b[j * k + c];
      }
    }
    for (let j = 0; j < n; j++) for (let c = 0; c < k; c++) b[j * k + c] /= d[j];
    for (let j = n - 1; j >= 0; j--) {
      for (let p = lp[j]; p < lp[j + 1]; p++) {
        const i = li[p];
        for (let c = 0; c < k; c++) b[j * k + c] -= lx[p] * b[i * k + c];
      }
    }
  }
}
