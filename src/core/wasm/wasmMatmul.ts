import type { WasmGemm } from './wasmGemm';

/**
 * Whole matrix products on top of the WebAssembly tile kernel: the kernel does the whole 4×8 tiles, these
 * loops the remainder rows and columns. Shared by MeshCNN's kernels and the nn tape's `linear`.
 * All matrices row-major float32.
 */

/** Scratch matrices (transposes, products): reused between calls, no allocation per call. */
let scratchT = new Float32Array(0);
let scratchP = new Float32Array(0);

/** out [R×C] = L [R×I] · Rm [I×C] + bias [C] (absent = 0). @returns false (nothing done) without a whole tile */
export function matmulTiled(
  gemm: WasmGemm,
  left: Float32Array,
  right: Float32Array,
  bias: Float32Array | null,
  R: number,
  I: number,
  C: number,
  out: Float32Array,
): boolean {
  if (!gemm.gemmTiles(left, right, bias, R, I, C, out)) return false;
  const R4 = R & ~3,
    C8 = C & ~7;
  for (let i = 0; i < R; i++) {
    for (let j = i < R4 ? C8 : 0; j < C; j++) {
      let sum = bias ? bias[j]! : 0;
      for (let q = 0; q < I; q++) sum += left[i * I + q]! * right[q * C + j]!;
      out[i * C + j] = sum;
    }
  }
  return true;
}

/** out [R×C] += L [R×I] · Rm [I×C]; false without a whole tile. */
function addProduct(
  gemm: WasmGemm,
  left: Float32Array,
  right: Float32Array,
  R: number,
  I: number,
  C: number,
  out: Float32Array,
): boolean {
  if (scratchP.length < R * C) scratchP = new Float32Array(R * C);
  const P = scratchP;
  if (!matmulTiled(gemm, left, right, null, R, I, C, P)) return false;
  for (let i = 0; i < R * C; i++) out[i] += P[i]!;
  return true;
}

/** out [K×M] += Aᵀ·B for A [R×K], B [R×M] (a weight gradient). @returns false when there is no whole tile */
export function addAtB(
  gemm: WasmGemm,
  A: Float32Array,
  B: Float32Array,
  R: number,
  K: number,
  M: number,
  out: Float32Array,
): boolean {
  if ((K & ~3) === 0 || (M & ~7) === 0) return false;
  if (scratchT.length < R * K) scratchT = new Float32Array(R * K);
  const T = scratchT;
  for (let r = 0; r < R; r++) for (let k = 0; k < K; k++) T[k * R + r] = A[r * K + k]!;
  return addProduct(gemm, T, B, K, R, M, out);
}

/** Bᵀ [M×K] of B [K×M], in the scratch transpose. */
function transposedB(B: Float32Array, K: number, M: number): Float32Array {
  if (scratchT.length < M * K) scratchT = new Float32Array(M * K);
  const T = scratchT;
  for (let k = 0; k < K; k++) for (let m = 0; m < M; m++) T[m * K + k] = B[k * M + m]!;
  return T;
}

/** out [N×K] = A·Bᵀ for A [N×M], B [K×M]. @returns false when there is no whole tile */
export function matmulABt(
  gemm: WasmGemm,
  A: Float32Array,
  B: Float32Array,
  N: number,
  M: number,
  K: number,
  out: Float32Array,
): boolean {
  if ((N & ~3) === 0 || (K & ~7) === 0) return false;
  return matmulTiled(gemm, A, transposedB(B, K, M), null, N, M, K, out);
}

/** out [N×K] += A·Bᵀ for A [N×M], B [K×M] (an input gradient). @returns false when there is no whole tile */
export function addABt(
  gemm: WasmGemm,
  A: Float32Array,
  B: Float32Array,
  N: number,
  M: number,
  K: number,
  out: Float32Array,
): boolean {
  if ((N & ~3) === 0 || (K & ~7) === 0) return false;
  return addProduct(gemm, A, transposedB(B, K, M), N, M, K, out);
}
