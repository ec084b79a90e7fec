import { LdltFactor } from './LdltFactor';
import { nestedDissection } from './nestedDissection';
import type { SymmetricPattern} from './SymmetricPattern';
import { inversePermutation, symmetricMultiply } from './SymmetricPattern';

export type Ordering = 'nested-dissection' | 'natural';

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
 * right-hand sides (n×k row-major).
 */
export class SparseSolver {
  readonly n: number;
  /** perm[new] = old. */
  readonly perm: Int32Array;
  readonly inv: Int32Array;
  readonly factorization: LdltFactor;
  /** Original slot → slot in the permuted pattern. */
  private readonly slotMap: Int32Array;
  private readonly permutedValues: Float64Array;
  private work: Float64Array = new Float64Array(0);
  private hasFactor = false;

  constructor(
    readonly pattern: SymmetricPattern,
    ordering: Ordering = 'nested-dissection',
  ) {
    this.n = pattern.n;
    if (ordering === 'natural') {
      this.perm = new Int32Array(this.n);
      for (let k = 0; k < this.n; k++) this.perm[k] = k;
    } else {
      const { xadj, adj } = pattern.adjacency();
      this.perm = nestedDissection(xadj, adj);
    }
    this.inv = inversePermutation(this.perm);
    const { pattern: permuted, slotMap } = pattern.permute(this.perm);
    this.slotMap = slotMap;
    this.permutedValues = new Float64Array(permuted.nnz);
    this.factorization = new LdltFactor(permuted);
  }

  get nnzL(): number {
    return this.factorization.nnzL;
  }

  /** Numeric factorisation of the matrix with upper-triangle `values` on `pattern`. */
  factor(values: Float64Array): void {
    const { slotMap, permutedValues } = this;
    for (let p = 0; p < slotMap.length; p++) permutedValues[slotMap[p]] = values[p];
    this.hasFactor = false;
    this.factorization.factor(permutedValues);
    this.hasFactor = true;
  }

  /** x = A⁻¹·b with the current factor (b and x may be the same array). */
  solve(b: Float64Array, x: Float64Array, k = 1): void {
    if (!this.hasFactor) throw new Error('solve before factor');
    const { n, perm } = this;
    const w = this.workspace(n * k);
    for (let i = 0; i < n; i++) {
      const src = perm[i] * k;
      for (let c = 0; c < k; c++) w[i * k + c] = b[src + c];
    }
    this.factorization.solveInPlace(w, k);
    for (let i = 0; i < n; i++) {
      const dst = perm[i] * k;
      for (let c = 0; c < k; c++) x[dst + c] = w[i * k + c];
    }
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
    const size = n * k;
    const r = new Float64Array(size);
    const z = new Float64Array(size);
    const p = new Float64Array(size);
    const q = new Float64Array(size);
    const rz = new Float64Array(k);
    const bNorm = new Float64Array(k);
    const rNorm = new Float64Array(k);
    for (let i = 0; i < size; i++) bNorm[i % k] += b[i] * b[i];
    for (let c = 0; c < k; c++) bNorm[c] = Math.sqrt(bNorm[c]) || 1;

    symmetricMultiply(pattern, values, x, q, k);
    for (let i = 0; i < size; i++) r[i] = b[i] - q[i];
    const worst = (): number => {
      rNorm.fill(0);
      for (let i = 0; i < size; i++) rNorm[i % k] += r[i] * r[i];
      let w = 0;
      for (let c = 0; c < k; c++) w = Math.max(w, Math.sqrt(rNorm[c]) / bNorm[c]);
      return w;
    };
    let residual = worst();
    let iterations = 0;
    if (residual <= tol) return { iterations, relativeResidual: residual, converged: true };

    this.solve(r, z, k);
    p.set(z);
    rz.fill(0);
    for (let i = 0; i < size; i++) rz[i % k] += r[i] * z[i];
    const alpha = new Float64Array(k);
    const beta = new Float64Array(k);
    const pq = new Float64Array(k);
    while (iterations < maxIterations) {
      iterations++;
      symmetricMultiply(pattern, values, p, q, k);
      pq.fill(0);
      for (let i = 0; i < size; i++) pq[i % k] += p[i] * q[i];
      for (let c = 0; c < k; c++) alpha[c] = pq[c] > 0 ? rz[c] / pq[c] : 0;
      for (let i = 0; i < size; i++) {
        const a = alpha[i % k];
        x[i] += a * p[i];
        r[i] -= a * q[i];
      }
      residual = worst();
      if (residual <= tol) break;
      this.solve(r, z, k);
      for (let c = 0; c < k; c++) beta[c] = rz[c];
      rz.fill(0);
      for (let i = 0; i < size; i++) rz[i % k] += r[i] * z[i];
      for (let c = 0; c < k; c++) beta[c] = beta[c] > 0 ? rz[c] / beta[c] : 0;
      for (let i = 0; i < size; i++) p[i] = z[i] + beta[i % k] * p[i];
    }
    return { iterations, relativeResidual: residual, converged: residual <= tol };
  }

  private workspace(size: number): Float64Array {
    if (this.work.length < size) this.work = new Float64Array(size);
    return this.work;
  }
}
