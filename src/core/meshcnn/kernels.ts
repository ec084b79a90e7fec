import { wasmGemm } from '../wasm/wasmGemm';
import { addAtB, matmulABt, matmulTiled } from '../wasm/wasmMatmul';

/**
 * Dense kernels for MeshCNN on row-major float32 matrices (rows = edges). The three matmuls run their
 * whole 4×8 tiles in a WebAssembly SIMD kernel (wasmGemm: ~8× the JavaScript tiles here) and the
 * remainder rows/columns in JavaScript; where WebAssembly SIMD is missing, JavaScript does everything
 * (4×4 register tiles, no allocation: a plain axpy loop ran at ~0.5 GMAC/s, the tiles at several times that).
 */

/** out (rows×n) = a (rows×k) · w (k×n) + bias (n). */
export function matmulBias(
  a: Float32Array,
  w: Float32Array,
  bias: Float32Array,
  rows: number,
  k: number,
  n: number,
  out: Float32Array,
): void {
  const gemm = wasmGemm();
  if (!gemm || !matmulTiled(gemm, a, w, bias, rows, k, n, out)) matmulBiasJs(a, w, bias, rows, k, n, out);
}

function matmulBiasJs(
  a: Float32Array,
  w: Float32Array,
  bias: Float32Array,
  rows: number,
  k: number,
  n: number,
  out: Float32Array,
): void {
  // 4×4 register tiles: 8 loads per 16 multiply-adds, accumulators in locals (V8 keeps them in registers).
  const rows4 = rows - (rows % 4);
  const n4 = n - (n % 4);
  for (let r = 0; r < rows4; r += 4) {
    const a0 = r * k,
      a1 = a0 + k,
      a2 = a1 + k,
      a3 = a2 + k;
    for (let j = 0; j < n4; j += 4) {
      let c00 = bias[j]!,
        c01 = bias[j + 1]!,
        c02 = bias[j + 2]!,
        c03 = bias[j + 3]!;
      let c10 = c00,
        c11 = c01,
        c12 = c02,
        c13 = c03;
      let c20 = c00,
        c21 = c01,
        c22 = c02,
        c23 = c03;
      let c30 = c00,
        c31 = c01,
        c32 = c02,
        c33 = c03;
      for (let i = 0, wi = j; i < k; i++, wi += n) {
        const w0 = w[wi]!,
          w1 = w[wi + 1]!,
          w2 = w[wi + 2]!,
          w3 = w[wi + 3]!;
        const x0 = a[a0 + i]!,
          x1 = a[a1 + i]!,
          x2 = a[a2 + i]!,
          x3 = a[a3 + i]!;
        c00 += x0 * w0;
        c01 += x0 * w1;
        c02 += x0 * w2;
        c03 += x0 * w3;
        c10 += x1 * w0;
        c11 += x1 * w1;
        c12 += x1 * w2;
        c13 += x1 * w3;
        c20 += x2 * w0;
        c21 += x2 * w1;
        c22 += x2 * w2;
        c23 += x2 * w3;
        c30 += x3 * w0;
        c31 += x3 * w1;
        c32 += x3 * w2;
        c33 += x3 * w3;
      }
      let o = r * n + j;
      out[o] = c00;
      out[o + 1] = c01;
      out[o + 2] = c02;
      out[o + 3] = c03;
      o += n;
      out[o] = c10;
      out[o + 1] = c11;
      out[o + 2] = c12;
      out[o + 3] = c13;
      o += n;
      out[o] = c20;
      out[o + 1] = c21;
      out[o + 2] = c22;
      out[o + 3] = c23;
      o += n;
      out[o] = c30;
      out[o + 1] = c31;
      out[o + 2] = c32;
      out[o + 3] = c33;
    }
    for (let rr = r; rr < r + 4; rr++)
      for (let j = n4; j < n; j++) out[rr * n + j] = dotColumn(a, rr * k, w, j, k, n) + bias[j]!;
  }
  for (let r = rows4; r < rows; r++)
    for (let j = 0; j < n; j++) out[r * n + j] = dotColumn(a, r * k, w, j, k, n) + bias[j]!;
}

/** Σ_i a[row + i] · w[i·n + j]. */
function dotColumn(a: Float32Array, row: number, w: Float32Array, j: number, k: number, n: number): number {
  let sum = 0;
  for (let i = 0; i < k; i++) sum += a[row + i]! * w[i * n + j]!;
  return sum;
}

/** gradW (k×n) += aᵀ (k×rows) · dy (rows×n); gradBias (n) += column sums of dy. */
export function matmulGradWeights(
  a: Float32Array,
  dy: Float32Array,
  rows: number,
  k: number,
  n: number,
  gradW: Float32Array,
  gradBias: Float32Array,
): void {
  const gemm = wasmGemm();
  if (!gemm || !addAtB(gemm, a, dy, rows, k, n, gradW))
    return matmulGradWeightsJs(a, dy, rows, k, n, gradW, gradBias);
  for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) gradBias[j]! += dy[r * n + j]!;
}

function matmulGradWeightsJs(
  a: Float32Array,
  dy: Float32Array,
  rows: number,
  k: number,
  n: number,
  gradW: Float32Array,
  gradBias: Float32Array,
): void {
  for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) gradBias[j]! += dy[r * n + j]!;
  const k4 = k - (k % 4);
  const n4 = n - (n % 4);
  for (let i = 0; i < k4; i += 4) {
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let r = 0, ar = i, dr = j; r < rows; r++, ar += k, dr += n) {
        const x0 = a[ar]!,
          x1 = a[ar + 1]!,
          x2 = a[ar + 2]!,
          x3 = a[ar + 3]!;
        const d0 = dy[dr]!,
          d1 = dy[dr + 1]!,
          d2 = dy[dr + 2]!,
          d3 = dy[dr + 3]!;
        c00 += x0 * d0;
        c01 += x0 * d1;
        c02 += x0 * d2;
        c03 += x0 * d3;
        c10 += x1 * d0;
        c11 += x1 * d1;
        c12 += x1 * d2;
        c13 += x1 * d3;
        c20 += x2 * d0;
        c21 += x2 * d1;
        c22 += x2 * d2;
        c23 += x2 * d3;
        c30 += x3 * d0;
        c31 += x3 * d1;
        c32 += x3 * d2;
        c33 += x3 * d3;
      }
      let o = i * n + j;
      gradW[o]! += c00;
      gradW[o + 1]! += c01;
      gradW[o + 2]! += c02;
      gradW[o + 3]! += c03;
      o += n;
      gradW[o]! += c10;
      gradW[o + 1]! += c11;
      gradW[o + 2]! += c12;
      gradW[o + 3]! += c13;
      o += n;
      gradW[o]! += c20;
      gradW[o + 1]! += c21;
      gradW[o + 2]! += c22;
      gradW[o + 3]! += c23;
      o += n;
      gradW[o]! += c30;
      gradW[o + 1]! += c31;
      gradW[o + 2]! += c32;
      gradW[o + 3]! += c33;
    }
  }
  // Remainder rows of gradW (i ≥ k4) and columns (j ≥ n4).
  for (let i = 0; i < k; i++) {
    for (let j = i < k4 ? n4 : 0; j < n; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += a[r * k + i]! * dy[r * n + j]!;
      gradW[i * n + j]! += sum;
    }
  }
}

/** da (rows×k) = dy (rows×n) · wᵀ (n×k). */
export function matmulGradInput(
  dy: Float32Array,
  w: Float32Array,
  rows: number,
  k: number,
  n: number,
  da: Float32Array,
): void {
  const gemm = wasmGemm();
  if (!gemm || !matmulABt(gemm, dy, w, rows, n, k, da)) matmulGradInputJs(dy, w, rows, k, n, da);
}

function matmulGradInputJs(
  dy: Float32Array,
  w: Float32Array,
  rows: number,
  k: number,
  n: number,
  da: Float32Array,
): void {
  const rows4 = rows - (rows % 4);
  const k4 = k - (k % 4);
  for (let r = 0; r < rows4; r += 4) {
    const d0 = r * n,
      d1 = d0 + n,
      d2 = d1 + n,
      d3 = d2 + n;
    for (let i = 0; i < k4; i += 4) {
      const w0 = i * n,
        w1 = w0 + n,
        w2 = w1 + n,
        w3 = w2 + n;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let j = 0; j < n; j++) {
        const y0 = dy[d0 + j]!,
          y1 = dy[d1 + j]!,
          y2 = dy[d2 + j]!,
          y3 = dy[d3 + j]!;
        const v0 = w[w0 + j]!,
          v1 = w[w1 + j]!,
          v2 = w[w2 + j]!,
          v3 = w[w3 + j]!;
        c00 += y0 * v0;
        c01 += y0 * v1;
        c02 += y0 * v2;
        c03 += y0 * v3;
        c10 += y1 * v0;
        c11 += y1 * v1;
        c12 += y1 * v2;
        c13 += y1 * v3;
        c20 += y2 * v0;
        c21 += y2 * v1;
        c22 += y2 * v2;
        c23 += y2 * v3;
        c30 += y3 * v0;
        c31 += y3 * v1;
        c32 += y3 * v2;
        c33 += y3 * v3;
      }
      let o = r * k + i;
      da[o] = c00;
      da[o + 1] = c01;
      da[o + 2] = c02;
      da[o + 3] = c03;
      o += k;
      da[o] = c10;
      da[o + 1] = c11;
      da[o + 2] = c12;
      da[o + 3] = c13;
      o += k;
      da[o] = c20;
      da[o + 1] = c21;
      da[o + 2] = c22;
      da[o + 3] = c23;
      o += k;
      da[o] = c30;
      da[o + 1] = c31;
      da[o + 2] = c32;
      da[o + 3] = c33;
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let i = r < rows4 ? k4 : 0; i < k; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += dy[r * n + j]! * w[i * n + j]!;
      da[r * k + i] = sum;
    }
  }
}

/**
 * MeshConv's neighbourhood: for each edge e with one-ring a, b, c, d (gemm, -1 = missing → zeros), the row
 * [x_e, x_a + x_c, x_b + x_d, |x_a − x_c|, |x_b − x_d|] — symmetric in the two faces, so the result does not
 * depend on which face came first.
 * @param x #E×C  @param gemm #E×4  @param out #E×5C
 */
export function gatherNeighbourhood(
  x: Float32Array,
  gemm: Int32Array,
  rows: number,
  c: number,
  out: Float32Array,
): void {
  const k = 5 * c;
  for (let e = 0; e < rows; e++) {
    const o = e * k;
    const xe = e * c;
    const a = gemm[4 * e]!,
      b = gemm[4 * e + 1]!,
      cc = gemm[4 * e + 2]!,
      d = gemm[4 * e + 3]!;
    for (let ch = 0; ch < c; ch++) out[o + ch] = x[xe + ch]!;
    pairs(x, a, cc, c, out, o + c, o + 3 * c);
    pairs(x, b, d, c, out, o + 2 * c, o + 4 * c);
  }
}

function pairs(
  x: Float32Array,
  p: number,
  q: number,
  c: number,
  out: Float32Array,
  sumAt: number,
  diffAt: number,
): void {
  const po = p * c,
    qo = q * c;
  for (let ch = 0; ch < c; ch++) {
    const u = p >= 0 ? x[po + ch]! : 0;
    const v = q >= 0 ? x[qo + ch]! : 0;
    out[sumAt + ch] = u + v;
    out[diffAt + ch] = Math.abs(u - v);
  }
}

/** Gradient of gatherNeighbourhood: dx (#E×C) += scatter of dg (#E×5C). */
export function scatterNeighbourhood(
  x: Float32Array,
  gemm: Int32Array,
  dg: Float32Array,
  rows: number,
  c: number,
  dx: Float32Array,
): void {
  const k = 5 * c;
  for (let e = 0; e < rows; e++) {
    const o = e * k;
    const xe = e * c;
    for (let ch = 0; ch < c; ch++) dx[xe + ch]! += dg[o + ch]!;
    pairsBack(x, gemm[4 * e]!, gemm[4 * e + 2]!, c, dg, o + c, o + 3 * c, dx);
    pairsBack(x, gemm[4 * e + 1]!, gemm[4 * e + 3]!, c, dg, o + 2 * c, o + 4 * c, dx);
  }
}

function pairsBack(
  x: Float32Array,
  p: number,
  q: number,
  c: number,
  dg: Float32Array,
  sumAt: number,
  diffAt: number,
  dx: Float32Array,
): void {
  const po = p * c,
    qo = q * c;
  for (let ch = 0; ch < c; ch++) {
    const u = p >= 0 ? x[po + ch]! : 0;
    const v = q >= 0 ? x[qo + ch]! : 0;
    const s = dg[sumAt + ch]!;
    const t = u > v ? dg[diffAt + ch]! : u < v ? -dg[diffAt + ch]! : 0;
    if (p >= 0) dx[po + ch]! += s + t;
    if (q >= 0) dx[qo + ch]! += s - t;
  }
}
