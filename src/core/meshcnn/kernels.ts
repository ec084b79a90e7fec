/**
 * Dense kernels for MeshCNN on row-major float32 matrices (rows = edges). Written for V8: contiguous inner
 * loops, no allocation, and rows of zeros skipped (inputs after ReLU are about half zeros).
 */

/** out (rows×n) = a (rows×k) · w (k×n) + bias (n). */
export function matmulBias(a: Float32Array, w: Float32Array, bias: Float32Array, rows: number, k: number, n: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) out[o + j] = bias[j]!;
    const ar = r * k;
    for (let i = 0; i < k; i++) {
      const x = a[ar + i]!;
      if (x === 0) continue;
      const wr = i * n;
      for (let j = 0; j < n; j++) out[o + j]! += x * w[wr + j]!;
    }
  }
}

/** gradW (k×n) += aᵀ (k×rows) · dy (rows×n); gradBias (n) += column sums of dy. */
export function matmulGradWeights(a: Float32Array, dy: Float32Array, rows: number, k: number, n: number, gradW: Float32Array, gradBias: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const dr = r * n;
    for (let j = 0; j < n; j++) gradBias[j]! += dy[dr + j]!;
    const ar = r * k;
    for (let i = 0; i < k; i++) {
      const x = a[ar + i]!;
      if (x === 0) continue;
      const wr = i * n;
      for (let j = 0; j < n; j++) gradW[wr + j]! += x * dy[dr + j]!;
    }
  }
}

/** da (rows×k) = dy (rows×n) · wᵀ (n×k). */
export function matmulGradInput(dy: Float32Array, w: Float32Array, rows: number, k: number, n: number, da: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const dr = r * n;
    const ar = r * k;
    for (let i = 0; i < k; i++) {
      const wr = i * n;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += dy[dr + j]! * w[wr + j]!;
      da[ar + i] = sum;
    }
  }
}

/**
 * MeshConv's neighbourhood: for each edge e with one-ring a, b, c, d (gemm, -1 = missing → zeros), the row
 * [x_e, x_a + x_c, x_b + x_d, |x_a − x_c|, |x_b − x_d|] — symmetric in the two faces, so the result does not
 * depend on which face came first.
 * @param x #E×C  @param gemm #E×4  @param out #E×5C
 */
export function gatherNeighbourhood(x: Float32Array, gemm: Int32Array, rows: number, c: number, out: Float32Array): void {
  const k = 5 * c;
  for (let e = 0; e < rows; e++) {
    const o = e * k;
    const xe = e * c;
    const a = gemm[4 * e]!, b = gemm[4 * e + 1]!, cc = gemm[4 * e + 2]!, d = gemm[4 * e + 3]!;
    for (let ch = 0; ch < c; ch++) out[o + ch] = x[xe + ch]!;
    pairs(x, a, cc, c, out, o + c, o + 3 * c);
    pairs(x, b, d, c, out, o + 2 * c, o + 4 * c);
  }
}

function pairs(x: Float32Array, p: number, q: number, c: number, out: Float32Array, sumAt: number, diffAt: number): void {
  const po = p * c, qo = q * c;
  for (let ch = 0; ch < c; ch++) {
    const u = p >= 0 ? x[po + ch]! : 0;
    const v = q >= 0 ? x[qo + ch]! : 0;
    out[sumAt + ch] = u + v;
    out[diffAt + ch] = Math.abs(u - v);
  }
}

/** Gradient of gatherNeighbourhood: dx (#E×C) += scatter of dg (#E×5C). */
export function scatterNeighbourhood(x: Float32Array, gemm: Int32Array, dg: Float32Array, rows: number, c: number, dx: Float32Array): void {
  const k = 5 * c;
  for (let e = 0; e < rows; e++) {
    const o = e * k;
    const xe = e * c;
    for (let ch = 0; ch < c; ch++) dx[xe + ch]! += dg[o + ch]!;
    pairsBack(x, gemm[4 * e]!, gemm[4 * e + 2]!, c, dg, o + c, o + 3 * c, dx);
    pairsBack(x, gemm[4 * e + 1]!, gemm[4 * e + 3]!, c, dg, o + 2 * c, o + 4 * c, dx);
  }
}

function pairsBack(x: Float32Array, p: number, q: number, c: number, dg: Float32Array, sumAt: number, diffAt: number, dx: Float32Array): void {
  const po = p * c, qo = q * c;
  for (let ch = 0; ch < c; ch++) {
    const u = p >= 0 ? x[po + ch]! : 0;
    const v = q >= 0 ? x[qo + ch]! : 0;
    const s = dg[sumAt + ch]!;
    const t = u > v ? dg[diffAt + ch]! : u < v ? -dg[diffAt + ch]! : 0;
    if (p >= 0) dx[po + ch]! += s + t;
    if (q >= 0) dx[qo + ch]! += s - t;
  }
}
