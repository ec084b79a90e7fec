import type { SymmetricPattern } from './SymmetricPattern';

/** What the solver needs of a numeric LDLᵀ factorisation on a fixed pattern. */
export interface SymmetricFactorization {
  readonly n: number;
  /** Strictly-lower nonzeros of L. */
  readonly nnzL: number;
  /** Multiply-adds of one factorisation, for cost models. */
  readonly factorFlops: number;
  /** The numeric storage of L that `solveInPlace` reads (a float32 copy of it may be passed instead). */
  readonly values: Float64Array;
  /** A buffer for a float32 copy of `values` (as long) that `solveInPlace` reads best, if it has one. */
  float32Storage?(): Float32Array;
  /** Factors A given in the caller's numbering (values[p] → slot slotMap[p]) if it can; false: it did nothing. */
  factorScattered?(values: Float64Array, slotMap: Int32Array): boolean;
  /** x = A⁻¹·b, 3 columns in the caller's numbering (perm[new] = old), if it can; false: it did nothing. */
  solvePermuted3?(
    b: Float64Array,
    x: Float64Array,
    perm: Int32Array,
    lx: Float64Array | Float32Array,
  ): boolean;
  /**
   * Preconditioned conjugate gradients for 3 columns (SparseSolver.solveIterative's arithmetic, with the
   * float32 storage, already filled, as the preconditioner), if it can; null: it did nothing.
   */
  conjugateGradients3?(
    pattern: SymmetricPattern,
    values: Float64Array,
    b: Float64Array,
    x: Float64Array,
    perm: Int32Array,
    tol: number,
    maxIterations: number,
  ): { iterations: number; residual: number } | null;
  /** Factors the matrix whose upper triangle is `a` on the pattern; throws NotPositiveDefiniteError. */
  factor(a: Float64Array): void;
  /** Solves L·D·Lᵀ x = b in place for k interleaved right-hand sides (b: n×k). */
  solveInPlace(b: Float64Array, k?: number, lx?: Float64Array | Float32Array): void;
}
