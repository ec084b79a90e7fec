import { permutedEliminationTree, postorder, type EliminationTree } from './eliminationTree';
import { LdltFactor } from './LdltFactor';
import { minimumDegree } from './minimumDegree';
import { nestedDissection } from './nestedDissection';
import { analyseSupernodes, SupernodalLdlt, type SupernodalKernelChoice } from './SupernodalLdlt';
import type { SymmetricFactorization } from './SymmetricFactorization';
import { inversePermutation, symmetricMultiply, type SymmetricPattern } from './SymmetricPattern';
import { symbolicKernel } from '../wasm/wasmSymbolic';

/**
 * 'auto' orders by approximate minimum degree and, only where that factor is expensive (big meshes
 * whose minimum-degree factor costs more than NESTED_DISSECTION_MIN_COST·n^1.5 multiply-adds, far
 * above what a surface's nested dissection needs), also by nested dissection, keeping the cheaper.
 * Minimum degree is the better or equal ordering on most meshes and costs a fraction of nested
 * dissection, so ordering twice pays only where the factorisations dominate the run.
 */
export type Ordering = 'auto' | 'minimum-degree' | 'nested-dissection' | 'natural';
/** 'supernodal': multifrontal on dense blocks (fast); 'simplicial': up-looking, entry by entry (simple). */
export type FactorizationKind = 'supernodal' | 'simplicial';

/**
 * 'auto' tries nested dissection too only from this many vertices and where minimum degree's factor
 * costs more than NESTED_DISSECTION_MIN_COST·n^1.5 multiply-adds. Measured (multiply-adds per
 * n^1.5 with minimum degree; nested dissection's saving): bunny_hr 50 (−33 %), spot 32 (−23 %, but
 * at 11k vertices the second ordering costs about what it saves), the 140k mesh 35 (+13 %),
 * fandisk 29 (+35 %), armadillo 18, nefertiti_lowres 18, human_man 6 (all worse).
 */
const NESTED_DISSECTION_MIN_VERTICES = 20000;
const NESTED_DISSECTION_MIN_COST = 40;

/** How an iterative solve ended. */
export interface IterativeSolveReport {
  iterations: number;
  /** max over right-hand sides of ‖b − A·x‖ / ‖b‖ at the end. */
  relativeResidual: number;
  converged: boolean;
}

/**
 * A sparse symmetric positive definite solver for a fixed pattern: ordering and symbolic
 * factorisation once (constructor), numeric factorisation per set of values (`factor`), direct
 * solves with the current factor (`solve`), and conjugate gradients preconditioned by the current —
 * possibly stale — factor (`solveIterative`), which is how the flow reuses one factorisation over
 * several steps whose matrices differ a little.
 *
 * Values and vectors are always in the caller's (original) numbering; vectors hold k interleaved
 * right-hand sides (n×k row-major). `kernel` picks the supernodal numeric kernel (SupernodalLdlt).
 */
export class SparseSolver {
  readonly n: number;
  /** perm[new] = old. */
  readonly perm: Int32Array;
  readonly inv: Int32Array;
  readonly factorization: SymmetricFactorization;
  /** Original slot → slot in the permuted pattern. */
  private readonly slotMap: Int32Array;
  private readonly permutedValues: Float64Array;
  private work: Float64Array = new Float64Array(0);
  /** The factor's values rounded to float32, made on demand for preconditioning. */
  private lx32: Float32Array | null = null;
  private lx32Fresh = false;
  /** PCG work vectors (r, z, p, q), kept between calls. */
  private pcgWork: Float64Array[] = [];
  private hasFactor = false;

  constructor(
    readonly pattern: SymmetricPattern,
    ordering: Ordering = 'auto',
    kind: FactorizationKind = 'supernodal',
    kernel: SupernodalKernelChoice = 'auto',
  ) {
    const n = (this.n = pattern.n);
    // The symbolic phase runs once per pattern, i.e. cold in a fresh worker, where V8 interprets the
    // JavaScript functions for milliseconds each: with the 'auto' kernel it runs in WebAssembly where
    // the runtime has it (symbolic.wat: the same arrays; spot_low's whole set-up 18–27 → 5–14 ms cold,
    // fastest to median under load).
    const symbolic = kernel === 'auto' ? symbolicKernel(pattern) : null;
    const { xadj, adj } = symbolic ?? pattern.adjacency();
    const minimumDegreeOrder = (): Int32Array => symbolic?.minimumDegree() ?? minimumDegree(xadj, adj);
    const treeOf = (order: Int32Array): EliminationTree =>
      symbolic?.eliminationTree(order) ??
      permutedEliminationTree(xadj, adj, order, inversePermutation(order));
    let perm: Int32Array;
    let tree: EliminationTree | null = null;
    if (ordering === 'natural') {
      perm = new Int32Array(n);
      for (let k = 0; k < n; k++) perm[k] = k;
    } else if (ordering === 'minimum-degree') perm = minimumDegreeOrder();
    else if (ordering === 'nested-dissection') perm = nestedDissection(xadj, adj);
    else {
      perm = minimumDegreeOrder();
      tree = treeOf(perm);
      const cost = factorCost(tree.columnCounts);
      if (n >= NESTED_DISSECTION_MIN_VERTICES && cost > NESTED_DISSECTION_MIN_COST * n ** 1.5) {
        const dissection = nestedDissection(xadj, adj);
        const dissectionTree = treeOf(dissection);
        if (factorCost(dissectionTree.columnCounts) < cost) {
          perm = dissection;
          tree = dissectionTree;
        }
      }
    }
    if (kind === 'supernodal') {
      // A postorder of the elimination tree (same fill) makes supernodes consecutive columns.
      tree ??= treeOf(perm);
      ({ perm, tree } = symbolic?.postorderTree(perm, tree) ?? postorderTree(perm, tree));
    }
    const permuted = symbolic?.permute(perm) ?? pattern.permute(perm);
    this.perm = perm;
    this.inv = inversePermutation(perm);
    this.slotMap = permuted.slotMap;
    this.permutedValues = new Float64Array(permuted.pattern.nnz);
    this.factorization =
      kind === 'supernodal'
        ? new SupernodalLdlt(
            permuted.pattern,
            tree!,
            kernel,
            symbolic?.supernodes(permuted.pattern, tree!) ?? analyseSupernodes(permuted.pattern, tree!),
          )
        : new LdltFactor(permuted.pattern);
  }

  get nnzL(): number {
    return this.factorization.nnzL;
  }

  /** Multiply-adds of one numeric factorisation. */
  get factorFlops(): number {
    return this.factorization.factorFlops;
  }

  /** Numeric factorisation of the matrix with upper-triangle `values` on `pattern`. */
  factor(values: Float64Array): void {
    this.hasFactor = false;
    this.lx32Fresh = false;
    // The WebAssembly kernel scatters into its own memory; otherwise scatter here.
    if (!this.factorization.factorScattered?.(values, this.slotMap)) {
      scatterSlots(values, this.slotMap, this.permutedValues);
      this.factorization.factor(this.permutedValues);
    }
    this.hasFactor = true;
  }

  /** x = A⁻¹·b with the current factor (b and x may be the same array). */
  solve(b: Float64Array, x: Float64Array, k = 1): void {
    this.solveWith(b, x, k, this.factorization.values);
  }

  /**
   * x ≈ A⁻¹·b with the current factor's values in float32. Their rounding (~1e-7 relative) is far
   * below what separates a stale factor from the current matrix, and the triangular solves are
   * memory-bound, so preconditioning with it costs less and converges the same.
   */
  private precondition(b: Float64Array, x: Float64Array, k: number): void {
    this.solveWith(b, x, k, this.float32Factor());
  }

  /** The current factor's values in float32 (made once per factorisation). */
  private float32Factor(): Float32Array {
    if (!this.lx32Fresh) {
      const values = this.factorization.values;
      if (!this.lx32 || this.lx32.length !== values.length)
        this.lx32 = this.factorization.float32Storage?.() ?? new Float32Array(values.length);
      this.lx32.set(values);
      this.lx32Fresh = true;
    }
    return this.lx32!;
  }

  private solveWith(b: Float64Array, x: Float64Array, k: number, lx: Float64Array | Float32Array): void {
    if (!this.hasFactor) throw new Error('solve before factor');
    const { n, perm } = this;
    if (k === 3 && this.factorization.solvePermuted3?.(b, x, perm, lx)) return;
    const w = this.workspace(n * k);
    gatherRows(b, perm, w, k);
    this.factorization.solveInPlace(w, k, lx);
    scatterRows(w, perm, x, k);
  }

  /**
   * Solves A·x = b (A: `values` on `pattern`) by conjugate gradients preconditioned with the current
   * factor, which may belong to an older matrix. `x` holds the initial guess and receives the
   * solution. Each right-hand side runs its own recurrence; iteration stops when every one has
   * ‖b − A·x‖ ≤ tol·‖b‖, or after maxIterations.
   */
  solveIterative(
    values: Float64Array,
    b: Float64Array,
    x: Float64Array,
    k: number,
    tol: number,
    maxIterations: number,
  ): IterativeSolveReport {
    const { n, pattern } = this;
    if (k === 3 && this.hasFactor && this.factorization.conjugateGradients3) {
      // The WebAssembly kernel runs the whole iteration (the same arithmetic as below).
      this.float32Factor();
      const run = this.factorization.conjugateGradients3(
        pattern,
        values,
        b,
        x,
        this.perm,
        tol,
        maxIterations,
      );
      if (run)
        return { iterations: run.iterations, relativeResidual: run.residual, converged: run.residual <= tol };
    }
    const size = n * k;
    if (this.pcgWork.length === 0 || this.pcgWork[0].length !== size) {
      this.pcgWork = [0, 1, 2, 3].map(() => new Float64Array(size));
    }
    const [r, z, p, q] = this.pcgWork;
    const bNorm = new Float64Array(k);
    const dots = new Float64Array(k);
    columnDots(b, b, k, bNorm);
    for (let c = 0; c < k; c++) bNorm[c] = Math.sqrt(bNorm[c]) || 1;
    // (The vector operations are small functions of one loop each: see normalize.ts for why.)
    const worst = (): number => {
      columnDots(r, r, k, dots);
      let w = 0;
      for (let c = 0; c < k; c++) w = Math.max(w, Math.sqrt(dots[c]) / bNorm[c]);
      return w;
    };

    symmetricMultiply(pattern, values, x, q, k);
    subtract(b, q, r);
    let residual = worst();
    let iterations = 0;
    if (residual <= tol) return { iterations, relativeResidual: residual, converged: true };

    this.precondition(r, z, k);
    p.set(z);
    const rz = new Float64Array(k);
    columnDots(r, z, k, rz);
    const pq = new Float64Array(k);
    const alpha = new Float64Array(k);
    const beta = new Float64Array(k);
    while (iterations < maxIterations) {
      iterations++;
      symmetricMultiply(pattern, values, p, q, k);
      columnDots(p, q, k, pq);
      for (let c = 0; c < k; c++) alpha[c] = pq[c] > 0 ? rz[c] / pq[c] : 0;
      updateSolution(x, r, p, q, alpha, k);
      residual = worst();
      if (residual <= tol) break;
      this.precondition(r, z, k);
      columnDots(r, z, k, dots);
      for (let c = 0; c < k; c++) {
        beta[c] = rz[c] > 0 ? dots[c] / rz[c] : 0;
        rz[c] = dots[c];
      }
      updateDirection(p, z, beta, k);
    }
    return { iterations, relativeResidual: residual, converged: residual <= tol };
  }

  private workspace(size: number): Float64Array {
    if (this.work.length < size) this.work = new Float64Array(size);
    return this.work;
  }
}

/** out[c] = per-column dot products of two n×k interleaved blocks. */
function columnDots(a: Float64Array, b: Float64Array, k: number, out: Float64Array): void {
  out.fill(0);
  if (k === 3) {
    dots3(a, b, out);
    return;
  }
  for (let i = 0; i < a.length; i += k) for (let c = 0; c < k; c++) out[c] += a[i + c] * b[i + c];
}

function dots3(a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let i = 0; i < a.length; i += 3) {
    out[0] += a[i] * b[i];
    out[1] += a[i + 1] * b[i + 1];
    out[2] += a[i + 2] * b[i + 2];
  }
}

/** out = a − b. */
function subtract(a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = a[i] - b[i];
}

/** x += α·p, r −= α·q, per column (n×k interleaved). */
function updateSolution(
  x: Float64Array,
  r: Float64Array,
  p: Float64Array,
  q: Float64Array,
  alpha: Float64Array,
  k: number,
): void {
  if (k === 3) {
    updateSolution3(x, r, p, q, alpha[0], alpha[1], alpha[2]);
    return;
  }
  for (let o = 0; o < r.length; o++) {
    const a = alpha[o % k];
    x[o] += a * p[o];
    r[o] -= a * q[o];
  }
}

/** p = z + β·p, per column (n×k interleaved). */
function updateDirection(p: Float64Array, z: Float64Array, beta: Float64Array, k: number): void {
  if (k === 3) {
    updateDirection3(p, z, beta[0], beta[1], beta[2]);
    return;
  }
  for (let o = 0; o < p.length; o++) p[o] = z[o] + beta[o % k] * p[o];
}

function updateSolution3(
  x: Float64Array,
  r: Float64Array,
  p: Float64Array,
  q: Float64Array,
  a0: number,
  a1: number,
  a2: number,
): void {
  for (let o = 0; o < r.length; o += 3) {
    x[o] += a0 * p[o];
    x[o + 1] += a1 * p[o + 1];
    x[o + 2] += a2 * p[o + 2];
    r[o] -= a0 * q[o];
    r[o + 1] -= a1 * q[o + 1];
    r[o + 2] -= a2 * q[o + 2];
  }
}

function updateDirection3(p: Float64Array, z: Float64Array, b0: number, b1: number, b2: number): void {
  for (let o = 0; o < p.length; o += 3) {
    p[o] = z[o] + b0 * p[o];
    p[o + 1] = z[o + 1] + b1 * p[o + 1];
    p[o + 2] = z[o + 2] + b2 * p[o + 2];
  }
}

/** permuted[slotMap[p]] = values[p]. */
function scatterSlots(values: Float64Array, slotMap: Int32Array, permuted: Float64Array): void {
  for (let p = 0; p < slotMap.length; p++) permuted[slotMap[p]] = values[p];
}

/** Row i of w (n×k) = row perm[i] of b. */
function gatherRows(b: Float64Array, perm: Int32Array, w: Float64Array, k: number): void {
  for (let i = 0; i < perm.length; i++) {
    const src = perm[i] * k;
    for (let c = 0; c < k; c++) w[i * k + c] = b[src + c];
  }
}

/** Row perm[i] of x = row i of w (n×k). */
function scatterRows(w: Float64Array, perm: Int32Array, x: Float64Array, k: number): void {
  for (let i = 0; i < perm.length; i++) {
    const dst = perm[i] * k;
    for (let c = 0; c < k; c++) x[dst + c] = w[i * k + c];
  }
}

/**
 * A postorder of `tree` (the elimination tree of the ordering `perm`, perm[new] = old) applied to both:
 * perm∘post and the tree renumbered (same fill; supernodes become consecutive columns).
 */
function postorderTree(perm: Int32Array, tree: EliminationTree): { perm: Int32Array; tree: EliminationTree } {
  const n = perm.length;
  const post = postorder(tree.parent);
  const rank = inversePermutation(post);
  const parent = new Int32Array(n);
  const columnCounts = new Int32Array(n);
  const newPerm = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const old = post[k]!;
    parent[k] = tree.parent[old] === -1 ? -1 : rank[tree.parent[old]!]!;
    columnCounts[k] = tree.columnCounts[old]!;
    newPerm[k] = perm[old]!;
  }
  return { perm: newPerm, tree: { parent, columnCounts } };
}

/** Multiply-adds of a simplicial factorisation: Σ over columns of (entries below)². */
function factorCost(columnCounts: Int32Array): number {
  let cost = 0;
  for (let j = 0; j < columnCounts.length; j++) cost += columnCounts[j] * columnCounts[j];
  return cost;
}
