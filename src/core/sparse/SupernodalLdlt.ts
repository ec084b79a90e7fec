import { eliminationTree, type EliminationTree } from './eliminationTree';
import { NotPositiveDefiniteError } from './LdltFactor';
import type { SymmetricFactorization } from './SymmetricFactorization';
import type { SymmetricPattern } from './SymmetricPattern';
import { supernodalKernel, type SupernodalKernel } from '../wasm/wasmSupernodal';

/**
 * Which code runs the numeric factorisation: 'auto' takes the WebAssembly kernel where the runtime has
 * WebAssembly SIMD (same bits, 2–4× the speed on small fronts, compiled before it first runs), else
 * the JavaScript one; 'js' forces the JavaScript kernel (the reference the tests compare against).
 */
export type SupernodalKernelChoice = 'auto' | 'js';

/**
 * Sparse A = L·D·Lᵀ by the multifrontal method with supernodes (Duff & Reid; Liu's survey).
 *
 * Why: the up-looking LDLᵀ (LdltFactor) touches every entry through an index, which is all the
 * work there is for a scalar loop; here columns of L with the same structure are grouped into
 * supernodes and all arithmetic runs on dense column-major blocks, so the inner loops are plain
 * contiguous multiply-adds. Nested-dissection separators make large supernodes, which is where
 * most of the work is. The triangular solves also run on dense blocks (gather, dense solve, scatter).
 *
 * The pattern must be in a postorder of its elimination tree (SparseSolver takes care of it) so that
 * each supernode is a range of consecutive columns and every child's update matrix is on top of the
 * stack when its parent is assembled.
 *
 * Layout of supernode s: columns first[s]..first[s+1]−1 (width w), rows rows[rowPtr[s]..rowPtr[s+1])
 * (m of them, the supernode's own columns first, then the rows below), values a dense m×w
 * column-major block at values[valPtr[s]..]. d holds the n pivots.
 */
export class SupernodalLdlt implements SymmetricFactorization {
  readonly n: number;
  readonly supernodeCount: number;
  readonly first: Int32Array;
  readonly rowPtr: Int32Array;
  readonly rows: Int32Array;
  readonly valPtr: Float64Array;
  readonly values: Float64Array;
  readonly d: Float64Array;
  /** Strictly-lower nonzeros of L (the diagonal blocks' upper halves not counted). */
  readonly nnzL: number;
  /** Multiply-adds of one factorisation (Σ over columns of (entries below)²), for cost models. */
  readonly factorFlops: number;

  // Assembly of A: for supernode s, slots assemblySlot[assemblyPtr[s]..] go to frontal offset assemblyOffset[..].
  private readonly assemblyPtr: Int32Array;
  private readonly assemblySlot: Int32Array;
  private readonly assemblyOffset: Int32Array;
  // Extend-add: the positions of supernode s's below rows in its parent's row list.
  private readonly relPtr: Int32Array;
  private readonly relIndex: Int32Array;
  // Children of supernode s: childList[childPtr[s]..childPtr[s+1]), in increasing order.
  private readonly childPtr: Int32Array;
  private readonly childList: Int32Array;
  private readonly front: Float64Array;
  private readonly stack: Float64Array;
  private readonly gather: Float64Array;
  /** The WebAssembly kernel, which then owns `values` and `d`; null: the JavaScript kernel factors. */
  private readonly wasm: SupernodalKernel | null;

  /**
   * `tree`: the pattern's elimination tree, if the caller has it already; `analysis`: the symbolic
   * analysis, if the caller has it already (SparseSolver computes it in WebAssembly: the same arrays).
   */
  constructor(
    readonly pattern: SymmetricPattern,
    tree: EliminationTree = eliminationTree(pattern),
    kernel: SupernodalKernelChoice = 'auto',
    analysis: SupernodalAnalysis = analyseSupernodes(pattern, tree),
  ) {
    const n = (this.n = pattern.n);
    const { first, rowPtr, rows, valPtr, maxFront, maxStack, relPtr, relIndex, childPtr, childList } =
      analysis;
    const S = (this.supernodeCount = first.length - 1);
    this.first = first;
    this.rowPtr = rowPtr;
    this.rows = rows;
    this.valPtr = valPtr;
    this.nnzL = analysis.nnzL;
    this.factorFlops = analysis.factorFlops;
    this.assemblyPtr = analysis.assemblyPtr;
    this.assemblySlot = analysis.assemblySlot;
    this.assemblyOffset = analysis.assemblyOffset;
    this.relPtr = relPtr;
    this.relIndex = relIndex;
    this.childPtr = childPtr;
    this.childList = childList;
    const assemblyPtr = this.assemblyPtr;
    this.gather = new Float64Array(3 * maxFront);
    this.wasm =
      kernel === 'auto'
        ? supernodalKernel({
            n,
            nnzA: pattern.nnz,
            first,
            rowPtr,
            rows,
            valPtr: Int32Array.from(valPtr),
            assemblyPtr,
            assemblySlot: this.assemblySlot,
            assemblyOffset: this.assemblyOffset,
            relPtr,
            relIndex,
            childPtr,
            childList,
            valuesLength: valPtr[S],
            frontLength: maxFront * maxFront,
            stackLength: maxStack,
            gatherLength: 3 * maxFront,
          })
        : null;
    if (this.wasm) {
      this.values = this.wasm.values;
      this.d = this.wasm.d;
      this.front = this.stack = new Float64Array(0);
    } else {
      this.values = new Float64Array(valPtr[S]);
      this.d = new Float64Array(n);
      this.front = new Float64Array(maxFront * maxFront);
      this.stack = new Float64Array(maxStack);
    }
  }

  /**
   * Where a float32 copy of `values` for preconditioning should live: with the WebAssembly kernel, in
   * its memory, so that its solves read it there.
   */
  float32Storage(): Float32Array {
    return this.wasm ? this.wasm.values32 : new Float32Array(this.values.length);
  }

  /**
   * With the WebAssembly kernel: factors A given in the caller's numbering (`values[p]` is slot
   * `slotMap[p]` of this pattern; see SupernodalKernel.factorScattered) and returns true. Without it,
   * returns false and does nothing (the caller scatters and calls `factor`).
   */
  factorScattered(values: Float64Array, slotMap: Int32Array): boolean {
    if (!this.wasm) return false;
    const column = this.wasm.factorScattered(values, slotMap);
    if (column >= 0) throw new NotPositiveDefiniteError(column);
    return true;
  }

  /**
   * With the WebAssembly kernel: x = A⁻¹·b for 3 interleaved right-hand sides in the caller's
   * numbering (`perm[new] = old`), L read from `lx` (`values` or the float32 storage), and returns
   * true. Otherwise returns false and does nothing.
   */
  solvePermuted3(
    b: Float64Array,
    x: Float64Array,
    perm: Int32Array,
    lx: Float64Array | Float32Array,
  ): boolean {
    if (!this.wasm || (lx !== this.values && lx !== this.wasm.values32)) return false;
    this.wasm.solvePermuted3(b, x, perm, lx !== this.values);
    return true;
  }

  /**
   * With the WebAssembly kernel: SparseSolver.solveIterative for 3 columns in WebAssembly (A: the
   * upper-triangle `values` on `pattern`, in the caller's numbering; the preconditioner is the float32
   * storage, which the caller has filled from `values`), same bits. Null without it (nothing done).
   */
  conjugateGradients3(
    pattern: SymmetricPattern,
    values: Float64Array,
    b: Float64Array,
    x: Float64Array,
    perm: Int32Array,
    tol: number,
    maxIterations: number,
  ): { iterations: number; residual: number } | null {
    if (!this.wasm) return null;
    return this.wasm.conjugateGradients3(
      pattern.colPtr,
      pattern.rowIdx,
      values,
      b,
      x,
      perm,
      tol,
      maxIterations,
    );
  }

  /** Which kernel factors: 'wasm' or 'js'. */
  get kernel(): 'wasm' | 'js' {
    return this.wasm ? 'wasm' : 'js';
  }

  /** Factors the matrix with upper-triangle `values` (on the constructor's pattern). */
  factor(a: Float64Array): void {
    if (this.wasm) {
      const column = this.wasm.factor(a);
      if (column >= 0) throw new NotPositiveDefiniteError(column);
      return;
    }
    const {
      supernodeCount: S,
      first,
      rowPtr,
      valPtr,
      values,
      d,
      front,
      stack,
      relPtr,
      relIndex,
      childPtr,
      childList,
    } = this;
    const { assemblyPtr, assemblySlot, assemblyOffset } = this;
    // The body is calls only: small kernels are compiled by the JIT sooner than one big loop nest
    // (a cold first run spends less time interpreted), and see normalize.ts on loops and bailouts.
    let top = 0; // stack pointer (doubles used)
    for (let s = 0; s < S; s++) {
      const f = first[s];
      const w = first[s + 1] - f;
      const m = rowPtr[s + 1] - rowPtr[s];
      front.fill(0, 0, m * m);
      assembleFront(front, a, assemblySlot, assemblyOffset, assemblyPtr[s], assemblyPtr[s + 1]);
      // Extend-add the children's update matrices: the top entries of the stack, last child on top.
      for (let c = childPtr[s + 1] - 1; c >= childPtr[s]; c--) {
        const child = childList[c];
        const rel = relPtr[child];
        const u = relPtr[child + 1] - rel;
        top -= u * u;
        extendAdd(front, m, stack, top, relIndex, rel, u);
      }
      factorPivots(front, d, f, m, w);
      schurComplement(front, d, f, m, w);
      // Push the Schur complement as this supernode's update matrix.
      const u = m - w;
      if (u > 0) {
        pushUpdate(front, stack, top, m, w, u);
        top += u * u;
      }
      copyBlock(front, values, valPtr[s], m * w);
    }
  }

  /**
   * Solves L·D·Lᵀ x = b in place for k interleaved right-hand sides (b: n×k row-major). `lx` may be
   * a float32 copy of `values`, for preconditioning at half the memory traffic.
   */
  solveInPlace(b: Float64Array, k = 1, lx: Float64Array | Float32Array = this.values): void {
    if (k === 3 && this.wasm && (lx === this.values || lx === this.wasm.values32)) {
      this.wasm.solve3(b, lx !== this.values);
      return;
    }
    if (k === 3) {
      this.solve3(b, lx);
      return;
    }
    const { supernodeCount: S, first, rowPtr, rows, valPtr, d, gather: t } = this;
    const tt = k <= 3 ? t : new Float64Array((t.length / 3) * k);
    // Forward: L y = b.
    for (let s = 0; s < S; s++) {
      const w = first[s + 1] - first[s];
      const r0 = rowPtr[s];
      const m = rowPtr[s + 1] - r0;
      const v0 = valPtr[s];
      for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) tt[i * k + c] = b[rows[r0 + i] * k + c];
      for (let j = 0; j < w; j++) {
        const col = v0 + j * m;
        for (let i = j + 1; i < m; i++)
          for (let c = 0; c < k; c++) tt[i * k + c] -= lx[col + i] * tt[j * k + c];
      }
      for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) b[rows[r0 + i] * k + c] = tt[i * k + c];
    }
    // D z = y.
    for (let j = 0; j < this.n; j++) {
      const inv = 1 / d[j];
      for (let c = 0; c < k; c++) b[j * k + c] *= inv;
    }
    // Backward: Lᵀ x = z.
    for (let s = S - 1; s >= 0; s--) {
      const w = first[s + 1] - first[s];
      const r0 = rowPtr[s];
      const m = rowPtr[s + 1] - r0;
      const v0 = valPtr[s];
      for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) tt[i * k + c] = b[rows[r0 + i] * k + c];
      for (let j = w - 1; j >= 0; j--) {
        const col = v0 + j * m;
        for (let c = 0; c < k; c++) {
          let x = tt[j * k + c];
          for (let i = j + 1; i < m; i++) x -= lx[col + i] * tt[i * k + c];
          tt[j * k + c] = x;
        }
      }
      for (let i = 0; i < w; i++) for (let c = 0; c < k; c++) b[rows[r0 + i] * k + c] = tt[i * k + c];
    }
  }

  /**
   * The flow's case, 3 interleaved right-hand sides. A supernode's own rows are consecutive in b, so
   * its triangle is solved in place; the rows below are reached once per supernode: forward, their
   * updates are accumulated densely and scattered; backward, they are gathered once.
   */
  private solve3(b: Float64Array, lx: Float64Array | Float32Array): void {
    // One sweep per function, each loop's body one call (see normalize.ts for why).
    const { supernodeCount: S, first, rowPtr, rows, valPtr, d, gather: t } = this;
    forwardSweep3(b, lx, S, first, rowPtr, rows, valPtr, t);
    divideRows3(b, d);
    backwardSweep3(b, lx, S, first, rowPtr, rows, valPtr, t);
  }
}

function forwardSweep3(
  b: Float64Array,
  lx: Float64Array | Float32Array,
  S: number,
  first: Int32Array,
  rowPtr: Int32Array,
  rows: Int32Array,
  valPtr: Float64Array,
  t: Float64Array,
): void {
  for (let s = 0; s < S; s++)
    forwardSupernode3(b, lx, first[s], first[s + 1] - first[s], rowPtr[s], rowPtr[s + 1], rows, valPtr[s], t);
}

function backwardSweep3(
  b: Float64Array,
  lx: Float64Array | Float32Array,
  S: number,
  first: Int32Array,
  rowPtr: Int32Array,
  rows: Int32Array,
  valPtr: Float64Array,
  t: Float64Array,
): void {
  for (let s = S - 1; s >= 0; s--)
    backwardSupernode3(
      b,
      lx,
      first[s],
      first[s + 1] - first[s],
      rowPtr[s],
      rowPtr[s + 1],
      rows,
      valPtr[s],
      t,
    );
}

/** b_j ← b_j / d_j (3 interleaved columns). */
function divideRows3(b: Float64Array, d: Float64Array): void {
  for (let j = 0; j < d.length; j++) {
    const inv = 1 / d[j];
    b[3 * j] *= inv;
    b[3 * j + 1] *= inv;
    b[3 * j + 2] *= inv;
  }
}

/** Forward substitution through supernode (columns f..f+w−1, rows rows[r0..r1)). */
function forwardSupernode3(
  b: Float64Array,
  lx: Float64Array | Float32Array,
  f: number,
  w: number,
  r0: number,
  r1: number,
  rows: Int32Array,
  v0: number,
  t: Float64Array,
): void {
  const m = r1 - r0;
  if (w <= 4) {
    // Narrow supernodes (most of them on a mesh): one pass straight into b's rows below.
    forwardNarrow3(b, rows, r0 + w, lx, v0, f, m, w);
    return;
  }
  const below = m - w;
  t.fill(0, 0, 3 * below);
  forward3(b, t, lx, v0, f, m, w);
  scatterSubtract3(b, t, rows, r0 + w, below);
}

/** Backward substitution through supernode (columns f..f+w−1, rows rows[r0..r1)). */
function backwardSupernode3(
  b: Float64Array,
  lx: Float64Array | Float32Array,
  f: number,
  w: number,
  r0: number,
  r1: number,
  rows: Int32Array,
  v0: number,
  t: Float64Array,
): void {
  const m = r1 - r0;
  if (w <= 4) {
    backwardNarrow3(b, rows, r0 + w, lx, v0, f, m, w);
    return;
  }
  gather3(b, t, rows, r0 + w, m - w);
  backward3(b, t, lx, v0, f, m, w);
}

/** b[rows[rb + i]] −= t[i] (3 columns). */
function scatterSubtract3(
  b: Float64Array,
  t: Float64Array,
  rows: Int32Array,
  rb: number,
  count: number,
): void {
  for (let i = 0; i < count; i++) {
    const r = 3 * rows[rb + i];
    b[r] -= t[3 * i];
    b[r + 1] -= t[3 * i + 1];
    b[r + 2] -= t[3 * i + 2];
  }
}

/** t[i] = b[rows[rb + i]] (3 columns). */
function gather3(b: Float64Array, t: Float64Array, rows: Int32Array, rb: number, count: number): void {
  for (let i = 0; i < count; i++) {
    const r = 3 * rows[rb + i];
    t[3 * i] = b[r];
    t[3 * i + 1] = b[r + 1];
    t[3 * i + 2] = b[r + 2];
  }
}

/**
 * forward3 for a supernode of at most 4 columns: after its triangle, subtracts L21·x straight from
 * b's rows below (rows[rb..rb+m−w)) in one pass, with no accumulator to clear and scatter. Missing
 * columns (w < 4) take a zero coefficient on column 0's entries, which adds exact zeros.
 */
function forwardNarrow3(
  b: Float64Array,
  rows: Int32Array,
  rb: number,
  lx: Float64Array | Float32Array,
  v0: number,
  f: number,
  m: number,
  w: number,
): void {
  const x = 3 * f;
  for (let j = 0; j < w; j++) {
    const col = v0 + j * m;
    const x0 = b[x + 3 * j];
    const x1 = b[x + 3 * j + 1];
    const x2 = b[x + 3 * j + 2];
    for (let i = j + 1; i < w; i++) {
      const l = lx[col + i];
      b[x + 3 * i] -= l * x0;
      b[x + 3 * i + 1] -= l * x1;
      b[x + 3 * i + 2] -= l * x2;
    }
  }
  const c0 = v0 + w;
  const c1 = w > 1 ? c0 + m : c0;
  const c2 = w > 2 ? c0 + 2 * m : c0;
  const c3 = w > 3 ? c0 + 3 * m : c0;
  const a0 = b[x];
  const a1 = b[x + 1];
  const a2 = b[x + 2];
  const p0 = w > 1 ? b[x + 3] : 0;
  const p1 = w > 1 ? b[x + 4] : 0;
  const p2 = w > 1 ? b[x + 5] : 0;
  const e0 = w > 2 ? b[x + 6] : 0;
  const e1 = w > 2 ? b[x + 7] : 0;
  const e2 = w > 2 ? b[x + 8] : 0;
  const g0 = w > 3 ? b[x + 9] : 0;
  const g1 = w > 3 ? b[x + 10] : 0;
  const g2 = w > 3 ? b[x + 11] : 0;
  for (let i = 0, end = m - w; i < end; i++) {
    const r = 3 * rows[rb + i];
    const l0 = lx[c0 + i];
    const l1 = lx[c1 + i];
    const l2 = lx[c2 + i];
    const l3 = lx[c3 + i];
    b[r] -= l0 * a0 + l1 * p0 + l2 * e0 + l3 * g0;
    b[r + 1] -= l0 * a1 + l1 * p1 + l2 * e1 + l3 * g1;
    b[r + 2] -= l0 * a2 + l1 * p2 + l2 * e2 + l3 * g2;
  }
}

/**
 * backward3 for a supernode of at most 4 columns: reads the solved rows below straight from b
 * (no gather), then solves the transposed triangle.
 */
function backwardNarrow3(
  b: Float64Array,
  rows: Int32Array,
  rb: number,
  lx: Float64Array | Float32Array,
  v0: number,
  f: number,
  m: number,
  w: number,
): void {
  const x = 3 * f;
  const c0 = v0 + w;
  const c1 = w > 1 ? c0 + m : c0;
  const c2 = w > 2 ? c0 + 2 * m : c0;
  const c3 = w > 3 ? c0 + 3 * m : c0;
  let a0 = 0,
    a1 = 0,
    a2 = 0,
    p0 = 0,
    p1 = 0,
    p2 = 0,
    e0 = 0,
    e1 = 0,
    e2 = 0,
    g0 = 0,
    g1 = 0,
    g2 = 0;
  for (let i = 0, end = m - w; i < end; i++) {
    const r = 3 * rows[rb + i];
    const t0 = b[r];
    const t1 = b[r + 1];
    const t2 = b[r + 2];
    const l0 = lx[c0 + i];
    const l1 = lx[c1 + i];
    const l2 = lx[c2 + i];
    const l3 = lx[c3 + i];
    a0 += l0 * t0;
    a1 += l0 * t1;
    a2 += l0 * t2;
    p0 += l1 * t0;
    p1 += l1 * t1;
    p2 += l1 * t2;
    e0 += l2 * t0;
    e1 += l2 * t1;
    e2 += l2 * t2;
    g0 += l3 * t0;
    g1 += l3 * t1;
    g2 += l3 * t2;
  }
  b[x] -= a0;
  b[x + 1] -= a1;
  b[x + 2] -= a2;
  if (w > 1) {
    b[x + 3] -= p0;
    b[x + 4] -= p1;
    b[x + 5] -= p2;
  }
  if (w > 2) {
    b[x + 6] -= e0;
    b[x + 7] -= e1;
    b[x + 8] -= e2;
  }
  if (w > 3) {
    b[x + 9] -= g0;
    b[x + 10] -= g1;
    b[x + 11] -= g2;
  }
  for (let jj = w - 1; jj >= 0; jj--) {
    const col = v0 + jj * m;
    let x0 = b[x + 3 * jj];
    let x1 = b[x + 3 * jj + 1];
    let x2 = b[x + 3 * jj + 2];
    for (let i = jj + 1; i < w; i++) {
      const l = lx[col + i];
      x0 -= l * b[x + 3 * i];
      x1 -= l * b[x + 3 * i + 1];
      x2 -= l * b[x + 3 * i + 2];
    }
    b[x + 3 * jj] = x0;
    b[x + 3 * jj + 1] = x1;
    b[x + 3 * jj + 2] = x2;
  }
}

/**
 * Forward substitution in one supernode (3 right-hand sides): solves the unit lower w×w triangle in
 * place on b's rows f..f+w−1, and accumulates into t ((m−w)×3, zeroed) the products of the block
 * below with the solved values. L is the m×w column-major block at lx[v0..]. Columns go four at a
 * time, so each pass over the rows below does four columns' work.
 */
function forward3(
  b: Float64Array,
  t: Float64Array,
  lx: Float64Array | Float32Array,
  v0: number,
  f: number,
  m: number,
  w: number,
): void {
  const x = 3 * f;
  // Triangle: row i of the diagonal block, after the columns before it.
  for (let j = 0; j < w; j++) {
    const col = v0 + j * m;
    const x0 = b[x + 3 * j];
    const x1 = b[x + 3 * j + 1];
    const x2 = b[x + 3 * j + 2];
    for (let i = j + 1; i < w; i++) {
      const l = lx[col + i];
      b[x + 3 * i] -= l * x0;
      b[x + 3 * i + 1] -= l * x1;
      b[x + 3 * i + 2] -= l * x2;
    }
  }
  // Rows below: t += L21 · x.
  let j = 0;
  for (; j + 3 < w; j += 4) {
    const c0 = v0 + j * m + w;
    const c1 = c0 + m;
    const c2 = c1 + m;
    const c3 = c2 + m;
    const o = x + 3 * j;
    const a0 = b[o],
      a1 = b[o + 1],
      a2 = b[o + 2];
    const p0 = b[o + 3],
      p1 = b[o + 4],
      p2 = b[o + 5];
    const e0 = b[o + 6],
      e1 = b[o + 7],
      e2 = b[o + 8];
    const g0 = b[o + 9],
      g1 = b[o + 10],
      g2 = b[o + 11];
    for (let i = 0, end = m - w; i < end; i++) {
      const l0 = lx[c0 + i];
      const l1 = lx[c1 + i];
      const l2 = lx[c2 + i];
      const l3 = lx[c3 + i];
      t[3 * i] += l0 * a0 + l1 * p0 + l2 * e0 + l3 * g0;
      t[3 * i + 1] += l0 * a1 + l1 * p1 + l2 * e1 + l3 * g1;
      t[3 * i + 2] += l0 * a2 + l1 * p2 + l2 * e2 + l3 * g2;
    }
  }
  for (; j < w; j++) {
    const c0 = v0 + j * m + w;
    const o = x + 3 * j;
    const a0 = b[o],
      a1 = b[o + 1],
      a2 = b[o + 2];
    for (let i = 0, end = m - w; i < end; i++) {
      const l0 = lx[c0 + i];
      t[3 * i] += l0 * a0;
      t[3 * i + 1] += l0 * a1;
      t[3 * i + 2] += l0 * a2;
    }
  }
}

/**
 * Backward substitution in one supernode (3 right-hand sides): with t ((m−w)×3) holding the solved
 * values of the rows below, subtracts L21ᵀ·t from b's rows f..f+w−1, then solves the transposed
 * unit triangle in place.
 */
function backward3(
  b: Float64Array,
  t: Float64Array,
  lx: Float64Array | Float32Array,
  v0: number,
  f: number,
  m: number,
  w: number,
): void {
  const x = 3 * f;
  const end = m - w;
  let j = 0;
  for (; j + 3 < w; j += 4) {
    const c0 = v0 + j * m + w;
    const c1 = c0 + m;
    const c2 = c1 + m;
    const c3 = c2 + m;
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      p0 = 0,
      p1 = 0,
      p2 = 0,
      e0 = 0,
      e1 = 0,
      e2 = 0,
      g0 = 0,
      g1 = 0,
      g2 = 0;
    for (let i = 0; i < end; i++) {
      const t0 = t[3 * i];
      const t1 = t[3 * i + 1];
      const t2 = t[3 * i + 2];
      const l0 = lx[c0 + i];
      const l1 = lx[c1 + i];
      const l2 = lx[c2 + i];
      const l3 = lx[c3 + i];
      a0 += l0 * t0;
      a1 += l0 * t1;
      a2 += l0 * t2;
      p0 += l1 * t0;
      p1 += l1 * t1;
      p2 += l1 * t2;
      e0 += l2 * t0;
      e1 += l2 * t1;
      e2 += l2 * t2;
      g0 += l3 * t0;
      g1 += l3 * t1;
      g2 += l3 * t2;
    }
    const o = x + 3 * j;
    b[o] -= a0;
    b[o + 1] -= a1;
    b[o + 2] -= a2;
    b[o + 3] -= p0;
    b[o + 4] -= p1;
    b[o + 5] -= p2;
    b[o + 6] -= e0;
    b[o + 7] -= e1;
    b[o + 8] -= e2;
    b[o + 9] -= g0;
    b[o + 10] -= g1;
    b[o + 11] -= g2;
  }
  for (; j < w; j++) {
    const c0 = v0 + j * m + w;
    let a0 = 0,
      a1 = 0,
      a2 = 0;
    for (let i = 0; i < end; i++) {
      const l0 = lx[c0 + i];
      a0 += l0 * t[3 * i];
      a1 += l0 * t[3 * i + 1];
      a2 += l0 * t[3 * i + 2];
    }
    const o = x + 3 * j;
    b[o] -= a0;
    b[o + 1] -= a1;
    b[o + 2] -= a2;
  }
  // Transposed triangle, last row first.
  for (let jj = w - 1; jj >= 0; jj--) {
    const col = v0 + jj * m;
    let x0 = b[x + 3 * jj];
    let x1 = b[x + 3 * jj + 1];
    let x2 = b[x + 3 * jj + 2];
    for (let i = jj + 1; i < w; i++) {
      const l = lx[col + i];
      x0 -= l * b[x + 3 * i];
      x1 -= l * b[x + 3 * i + 1];
      x2 -= l * b[x + 3 * i + 2];
    }
    b[x + 3 * jj] = x0;
    b[x + 3 * jj + 1] = x1;
    b[x + 3 * jj + 2] = x2;
  }
}

/** front[offset[q]] += a[slot[q]] for q in [q0, q1): the supernode's entries of A. */
function assembleFront(
  front: Float64Array,
  a: Float64Array,
  slot: Int32Array,
  offset: Int32Array,
  q0: number,
  q1: number,
): void {
  for (let q = q0; q < q1; q++) front[offset[q]] += a[slot[q]];
}

/** Adds a child's u×u update matrix (lower triangle, at stack[top..]) into the front (m rows). */
function extendAdd(
  front: Float64Array,
  m: number,
  stack: Float64Array,
  top: number,
  relIndex: Int32Array,
  rel: number,
  u: number,
): void {
  for (let jj = 0; jj < u; jj++) {
    const col = relIndex[rel + jj] * m;
    const base = top + jj * u;
    for (let ii = jj; ii < u; ii++) front[col + relIndex[rel + ii]] += stack[base + ii];
  }
}

/**
 * Dense LDLᵀ of the front's w pivot columns, left-looking: column k subtracts L[:, j]·d_j·L[k, j]
 * for the pivots j < k, then is scaled by its pivot (schurComplement then treats the columns past w
 * the same way, which leaves U = F22 − L21·D·L21ᵀ there). Each pass over the rows applies four
 * pivots to two target columns: fewer loads and stores per multiply-add.
 *
 * Pivot columns in pairs (k, k+1): the updates from the pivots before k are applied to both with
 * shared loads; then k is finalised, applied to k+1, and k+1 finalised.
 */
function factorPivots(front: Float64Array, d: Float64Array, f: number, m: number, w: number): void {
  for (let k = 0; k < w; k += 2) {
    const pair = k + 1 < w;
    const ka = k * m;
    const kb = ka + m;
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const j0 = j * m;
      const j1 = j0 + m;
      const j2 = j1 + m;
      const j3 = j2 + m;
      const d0 = d[f + j];
      const d1 = d[f + j + 1];
      const d2 = d[f + j + 2];
      const d3 = d[f + j + 3];
      const a0 = d0 * front[j0 + k];
      const a1 = d1 * front[j1 + k];
      const a2 = d2 * front[j2 + k];
      const a3 = d3 * front[j3 + k];
      front[ka + k] -= front[j0 + k] * a0 + front[j1 + k] * a1 + front[j2 + k] * a2 + front[j3 + k] * a3;
      if (pair) {
        const b0 = d0 * front[j0 + k + 1];
        const b1 = d1 * front[j1 + k + 1];
        const b2 = d2 * front[j2 + k + 1];
        const b3 = d3 * front[j3 + k + 1];
        for (let i = k + 1; i < m; i++) {
          const l0 = front[j0 + i];
          const l1 = front[j1 + i];
          const l2 = front[j2 + i];
          const l3 = front[j3 + i];
          front[ka + i] -= l0 * a0 + l1 * a1 + l2 * a2 + l3 * a3;
          front[kb + i] -= l0 * b0 + l1 * b1 + l2 * b2 + l3 * b3;
        }
      } else {
        for (let i = k + 1; i < m; i++) {
          front[ka + i] -= front[j0 + i] * a0 + front[j1 + i] * a1 + front[j2 + i] * a2 + front[j3 + i] * a3;
        }
      }
    }
    for (; j < k; j++) {
      const j0 = j * m;
      const a0 = d[f + j] * front[j0 + k];
      front[ka + k] -= front[j0 + k] * a0;
      if (pair) {
        const b0 = d[f + j] * front[j0 + k + 1];
        for (let i = k + 1; i < m; i++) {
          const l0 = front[j0 + i];
          front[ka + i] -= l0 * a0;
          front[kb + i] -= l0 * b0;
        }
      } else {
        for (let i = k + 1; i < m; i++) front[ka + i] -= front[j0 + i] * a0;
      }
    }
    // Finalise column k.
    const dk = front[ka + k];
    if (!(dk > 0) || !Number.isFinite(dk)) throw new NotPositiveDefiniteError(f + k);
    d[f + k] = dk;
    const inv = 1 / dk;
    for (let i = k + 1; i < m; i++) front[ka + i] *= inv;
    if (!pair) continue;
    // Column k+1: the update from pivot k, then finalise.
    const c = dk * front[ka + k + 1];
    for (let i = k + 1; i < m; i++) front[kb + i] -= front[ka + i] * c;
    const dk1 = front[kb + k + 1];
    if (!(dk1 > 0) || !Number.isFinite(dk1)) throw new NotPositiveDefiniteError(f + k + 1);
    d[f + k + 1] = dk1;
    const inv1 = 1 / dk1;
    for (let i = k + 2; i < m; i++) front[kb + i] *= inv1;
  }
}

/** The Schur complement, two target columns at a time: each load of L[i, j..j+3] serves both. */
function schurComplement(front: Float64Array, d: Float64Array, f: number, m: number, w: number): void {
  let k = w;
  for (; k + 1 < m; k += 2) {
    const ka = k * m;
    const kb = ka + m;
    let j = 0;
    for (; j + 3 < w; j += 4) {
      const j0 = j * m;
      const j1 = j0 + m;
      const j2 = j1 + m;
      const j3 = j2 + m;
      const d0 = d[f + j];
      const d1 = d[f + j + 1];
      const d2 = d[f + j + 2];
      const d3 = d[f + j + 3];
      const a0 = d0 * front[j0 + k];
      const a1 = d1 * front[j1 + k];
      const a2 = d2 * front[j2 + k];
      const a3 = d3 * front[j3 + k];
      const b0 = d0 * front[j0 + k + 1];
      const b1 = d1 * front[j1 + k + 1];
      const b2 = d2 * front[j2 + k + 1];
      const b3 = d3 * front[j3 + k + 1];
      // Row k belongs to column k only.
      front[ka + k] -= front[j0 + k] * a0 + front[j1 + k] * a1 + front[j2 + k] * a2 + front[j3 + k] * a3;
      for (let i = k + 1; i < m; i++) {
        const l0 = front[j0 + i];
        const l1 = front[j1 + i];
        const l2 = front[j2 + i];
        const l3 = front[j3 + i];
        front[ka + i] -= l0 * a0 + l1 * a1 + l2 * a2 + l3 * a3;
        front[kb + i] -= l0 * b0 + l1 * b1 + l2 * b2 + l3 * b3;
      }
    }
    // The last 1–3 pivots in one pass (narrow supernodes have nothing else).
    if (w - j === 3) {
      const j0 = j * m;
      const j1 = j0 + m;
      const j2 = j1 + m;
      const a0 = d[f + j] * front[j0 + k];
      const a1 = d[f + j + 1] * front[j1 + k];
      const a2 = d[f + j + 2] * front[j2 + k];
      const b0 = d[f + j] * front[j0 + k + 1];
      const b1 = d[f + j + 1] * front[j1 + k + 1];
      const b2 = d[f + j + 2] * front[j2 + k + 1];
      front[ka + k] -= front[j0 + k] * a0 + front[j1 + k] * a1 + front[j2 + k] * a2;
      for (let i = k + 1; i < m; i++) {
        const l0 = front[j0 + i];
        const l1 = front[j1 + i];
        const l2 = front[j2 + i];
        front[ka + i] -= l0 * a0 + l1 * a1 + l2 * a2;
        front[kb + i] -= l0 * b0 + l1 * b1 + l2 * b2;
      }
    } else if (w - j === 2) {
      const j0 = j * m;
      const j1 = j0 + m;
      const a0 = d[f + j] * front[j0 + k];
      const a1 = d[f + j + 1] * front[j1 + k];
      const b0 = d[f + j] * front[j0 + k + 1];
      const b1 = d[f + j + 1] * front[j1 + k + 1];
      front[ka + k] -= front[j0 + k] * a0 + front[j1 + k] * a1;
      for (let i = k + 1; i < m; i++) {
        const l0 = front[j0 + i];
        const l1 = front[j1 + i];
        front[ka + i] -= l0 * a0 + l1 * a1;
        front[kb + i] -= l0 * b0 + l1 * b1;
      }
    } else if (w - j === 1) {
      const j0 = j * m;
      const a0 = d[f + j] * front[j0 + k];
      const b0 = d[f + j] * front[j0 + k + 1];
      front[ka + k] -= front[j0 + k] * a0;
      for (let i = k + 1; i < m; i++) {
        const l0 = front[j0 + i];
        front[ka + i] -= l0 * a0;
        front[kb + i] -= l0 * b0;
      }
    }
  }
  if (k < m) {
    const kk = k * m;
    for (let j = 0; j < w; j++) {
      const j0 = j * m;
      const c0 = d[f + j] * front[j0 + k];
      for (let i = k; i < m; i++) front[kk + i] -= front[j0 + i] * c0;
    }
  }
}

/** Copies the front's lower-right u×u block (the Schur complement) to stack[top..]. */
function pushUpdate(
  front: Float64Array,
  stack: Float64Array,
  top: number,
  m: number,
  w: number,
  u: number,
): void {
  for (let jj = 0; jj < u; jj++) {
    const src = (w + jj) * m + w;
    const dst = top + jj * u;
    for (let ii = jj; ii < u; ii++) stack[dst + ii] = front[src + ii];
  }
}

/** values[v..v+count) = front[0..count) (a plain loop: a subarray view would allocate per supernode). */
function copyBlock(front: Float64Array, values: Float64Array, v: number, count: number): void {
  for (let q = 0; q < count; q++) values[v + q] = front[q];
}

/**
 * The symbolic analysis behind SupernodalLdlt (its layout; see the class comment), from the pattern in
 * elimination-tree postorder and its tree. symbolic.wat's `supernodes` computes the same arrays.
 */
export interface SupernodalAnalysis {
  first: Int32Array;
  rowPtr: Int32Array;
  rows: Int32Array;
  valPtr: Float64Array;
  nnzL: number;
  factorFlops: number;
  /** Rows of the largest front. */
  maxFront: number;
  /** Entries of the update-matrix stack at its fullest. */
  maxStack: number;
  assemblyPtr: Int32Array;
  assemblySlot: Int32Array;
  assemblyOffset: Int32Array;
  relPtr: Int32Array;
  relIndex: Int32Array;
  childPtr: Int32Array;
  childList: Int32Array;
}

export function analyseSupernodes(pattern: SymmetricPattern, tree: EliminationTree): SupernodalAnalysis {
  const n = pattern.n;
  const { colPtr, rowIdx } = pattern;
  const { parent, columnCounts } = tree;
  for (let j = 0; j < n; j++) {
    if (parent[j] !== -1 && parent[j] <= j) throw new Error('pattern is not in elimination-tree postorder');
  }
  const children = new Int32Array(n);
  for (let j = 0; j < n; j++) if (parent[j] !== -1) children[parent[j]]++;

  // Fundamental supernodes: j+1 continues j's supernode when it is j's parent, j is its only child
  // and their columns have the same structure below.
  const fundamentalFirst: number[] = [0];
  for (let j = 1; j < n; j++) {
    const continues = parent[j - 1] === j && children[j] === 1 && columnCounts[j - 1] === columnCounts[j] + 1;
    if (!continues) fundamentalFirst.push(j);
  }
  fundamentalFirst.push(n);

  // Relaxed supernodes: fold a supernode into its parent when the parent is the next one (so the
  // columns stay consecutive) and the explicit zeros this adds are few; small dense blocks cost
  // far less per entry than many tiny ones (thresholds after CHOLMOD's defaults).
  const F = fundamentalFirst.length - 1;
  const firstList: number[] = [];
  {
    let groupFirst = 0; // first column of the current group
    let groupZeros = 0;
    for (let q = 0; q < F; q++) {
      const f = fundamentalFirst[q];
      const next = fundamentalFirst[q + 1];
      const last = next - 1;
      // Group of columns groupFirst..last; its rows = its columns plus q's rows below.
      const width = next - groupFirst;
      const rowsCount = width + columnCounts[last];
      if (f === groupFirst) groupZeros = 0;
      const parentIsNext = next < n && parent[last] === next;
      let merge = false;
      if (parentIsNext) {
        const parentWidth = fundamentalFirst[q + 2] - next;
        const parentRows = parentWidth + columnCounts[fundamentalFirst[q + 2] - 1];
        const newWidth = width + parentWidth;
        const newRows = width + parentRows;
        const zeros = groupZeros + width * (newRows - rowsCount);
        const ratio = zeros / (newWidth * newRows);
        merge =
          newWidth <= 4 || (newWidth <= 16 && ratio < 0.8) || (newWidth <= 48 && ratio < 0.1) || ratio < 0.05;
        if (merge) groupZeros = zeros;
      }
      if (!merge) {
        firstList.push(groupFirst);
        groupFirst = next;
      }
    }
  }
  firstList.push(n);
  const S = firstList.length - 1;
  const first = Int32Array.from(firstList);
  const superOf = new Int32Array(n);
  for (let s = 0; s < S; s++) for (let j = first[s]; j < first[s + 1]; j++) superOf[j] = s;

  // Row structure of supernode s: its columns, then the rows below its last column (the structure
  // of the last column of L, found by the row-reach traversal).
  const rowPtr = new Int32Array(S + 1);
  const lastOf = new Int32Array(S);
  for (let s = 0; s < S; s++) {
    lastOf[s] = first[s + 1] - 1;
    rowPtr[s + 1] = rowPtr[s] + (first[s + 1] - first[s]) + columnCounts[lastOf[s]];
  }
  const rows = new Int32Array(rowPtr[S]);
  const fill = new Int32Array(S);
  for (let s = 0; s < S; s++) {
    let r = rowPtr[s];
    for (let j = first[s]; j < first[s + 1]; j++) rows[r++] = j;
    fill[s] = r;
  }
  const flag = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    flag[k] = k;
    for (let p = colPtr[k]; p < colPtr[k + 1]; p++) {
      for (let i = rowIdx[p]; i < k && flag[i] !== k; i = parent[i]) {
        flag[i] = k;
        const s = superOf[i];
        if (lastOf[s] === i) rows[fill[s]++] = k;
      }
    }
  }

  // Dense storage, cost figures and the largest front.
  const valPtr = new Float64Array(S + 1);
  let nnzL = 0;
  let flops = 0;
  let maxFront = 0;
  for (let s = 0; s < S; s++) {
    const w = first[s + 1] - first[s];
    const m = rowPtr[s + 1] - rowPtr[s];
    valPtr[s + 1] = valPtr[s] + m * w;
    nnzL += m * w - (w * (w + 1)) / 2;
    for (let c = 0; c < w; c++) flops += (m - 1 - c) * (m - 1 - c);
    maxFront = Math.max(maxFront, m);
  }
  if (valPtr[S] > 2 ** 31) throw new Error('factor too large');

  // Where each entry of A lands in its supernode's front: entry (i, j), i ≤ j, is lower entry
  // (row j, column i), in the front of superOf[i] at column i − first, row position of j.
  const position = new Int32Array(n);
  const assemblyCount = new Int32Array(S + 1);
  for (let j = 0; j < n; j++)
    for (let p = colPtr[j]; p < colPtr[j + 1]; p++) assemblyCount[superOf[rowIdx[p]] + 1]++;
  const assemblyPtr = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) assemblyPtr[s + 1] = assemblyPtr[s] + assemblyCount[s + 1];
  const assemblySlot = new Int32Array(assemblyPtr[S]);
  const assemblyOffset = new Int32Array(assemblyPtr[S]);
  const slotFill = assemblyPtr.slice(0, S);
  // Group slots by supernode, then resolve offsets supernode by supernode.
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]; p < colPtr[j + 1]; p++) assemblySlot[slotFill[superOf[rowIdx[p]]]++] = p;
  }
  const slotColumn = new Int32Array(pattern.nnz);
  for (let j = 0; j < n; j++) for (let p = colPtr[j]; p < colPtr[j + 1]; p++) slotColumn[p] = j;
  for (let s = 0; s < S; s++) {
    const m = rowPtr[s + 1] - rowPtr[s];
    for (let t = 0; t < m; t++) position[rows[rowPtr[s] + t]] = t;
    for (let q = assemblyPtr[s]; q < assemblyPtr[s + 1]; q++) {
      const p = assemblySlot[q];
      const i = rowIdx[p];
      const j = slotColumn[p];
      assemblyOffset[q] = (i - first[s]) * m + position[j];
    }
  }

  // Extend-add maps and the size of the update-matrix stack.
  const superParent = new Int32Array(S).fill(-1);
  const childPtr = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) {
    const last = first[s + 1] - 1;
    if (parent[last] !== -1) {
      superParent[s] = superOf[parent[last]];
      childPtr[superParent[s] + 1]++;
    }
  }
  for (let s = 0; s < S; s++) childPtr[s + 1] += childPtr[s];
  const childList = new Int32Array(childPtr[S]);
  const childFill = childPtr.slice(0, S);
  for (let s = 0; s < S; s++) if (superParent[s] >= 0) childList[childFill[superParent[s]]++] = s;
  const relPtr = new Int32Array(S + 1);
  for (let s = 0; s < S; s++)
    relPtr[s + 1] = relPtr[s] + (rowPtr[s + 1] - rowPtr[s]) - (first[s + 1] - first[s]);
  const relIndex = new Int32Array(relPtr[S]);
  for (let s = 0; s < S; s++) {
    const ps = superParent[s];
    if (ps < 0) continue;
    const pm = rowPtr[ps + 1] - rowPtr[ps];
    for (let t = 0; t < pm; t++) position[rows[rowPtr[ps] + t]] = t;
    const w = first[s + 1] - first[s];
    for (let t = 0; t < relPtr[s + 1] - relPtr[s]; t++)
      relIndex[relPtr[s] + t] = position[rows[rowPtr[s] + w + t]];
  }
  let stackSize = 0;
  let maxStack = 0;
  const sizes: number[] = [];
  for (let s = 0; s < S; s++) {
    for (let c = childPtr[s]; c < childPtr[s + 1]; c++) stackSize -= sizes.pop()!;
    const u = relPtr[s + 1] - relPtr[s];
    if (u === 0) continue; // a root: nothing for a parent
    sizes.push(u * u);
    stackSize += u * u;
    maxStack = Math.max(maxStack, stackSize);
  }
  return {
    first,
    rowPtr,
    rows,
    valPtr,
    nnzL,
    factorFlops: flops,
    maxFront,
    maxStack,
    assemblyPtr,
    assemblySlot,
    assemblyOffset,
    relPtr,
    relIndex,
    childPtr,
    childList,
  };
}
