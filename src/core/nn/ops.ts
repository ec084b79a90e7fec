import { wasmGemm } from '../wasm/wasmGemm';
import { addABt, addAtB, matmulTiled } from '../wasm/wasmMatmul';
import type { Tape } from './Tape';
import type { Tensor } from './Tensor';

/*
 * Differentiable ops on 2-d tensors [rows, cols] (a scalar is [1]). Each computes its forward
 * values now and records its backward step on the tape. Kernels are plain loops over typed arrays,
 * innermost loop over contiguous memory; zeros of the left matmul operand (ReLU outputs) are skipped.
 */

/** y = x·W + b — x: [N,K], w: [K,M], b: [M] (optional) → [N,M] */
export function linear(tape: Tape, x: Tensor, w: Tensor, b?: Tensor): Tensor {
  const N = x.rows,
    K = x.cols,
    M = w.cols;
  if (w.rows !== K) throw new Error(`linear: x has ${K} columns, W has ${w.rows} rows`);
  const y = tape.result([N, M], b ? [x, w, b] : [x, w]);
  const X = x.data,
    W = w.data,
    Y = y.data,
    B = b?.data;
  const gemm = wasmGemm();
  if (!gemm || !matmulTiled(gemm, X, W, B ?? null, N, K, M, Y)) {
    for (let n = 0; n < N; n++) {
      const yo = n * M;
      if (B) for (let m = 0; m < M; m++) Y[yo + m] = B[m]!;
      axpyRows(X, n * K, K, W, M, Y, yo);
    }
  }
  tape.record(y, () => {
    const G = y.grad!;
    if (w.grad && !(gemm && addAtB(gemm, X, G, N, K, M, w.grad))) {
      const GW = w.grad;
      // two rows of X per pass: half the loads and stores of GW
      let n = 0;
      for (; n + 1 < N; n += 2) {
        const xa = n * K,
          xb = xa + K,
          ga = n * M,
          gb = ga + M;
        for (let k = 0; k < K; k++) {
          const a = X[xa + k]!,
            b = X[xb + k]!;
          const wo = k * M;
          if (b === 0) {
            if (a !== 0) for (let m = 0; m < M; m++) GW[wo + m] += a * G[ga + m]!;
          } else if (a === 0) for (let m = 0; m < M; m++) GW[wo + m] += b * G[gb + m]!;
          else for (let m = 0; m < M; m++) GW[wo + m] += a * G[ga + m]! + b * G[gb + m]!;
        }
      }
      for (; n < N; n++) {
        const xo = n * K,
          go = n * M;
        for (let k = 0; k < K; k++) {
          const xv = X[xo + k]!;
          if (xv === 0) continue;
          const wo = k * M;
          for (let m = 0; m < M; m++) GW[wo + m] += xv * G[go + m]!;
        }
      }
    }
    if (b?.grad) {
      const GB = b.grad;
      for (let n = 0; n < N; n++) for (let m = 0; m < M; m++) GB[m] += G[n * M + m]!;
    }
    if (x.grad && !(gemm && addABt(gemm, G, W, N, M, K, x.grad))) {
      const GX = x.grad;
      for (let n = 0; n < N; n++) {
        const xo = n * K,
          go = n * M;
        for (let k = 0; k < K; k++) {
          const wo = k * M;
          // four partial sums: shorter dependency chains
          let s0 = 0,
            s1 = 0,
            s2 = 0,
            s3 = 0;
          let m = 0;
          for (; m + 3 < M; m += 4) {
            s0 += G[go + m]! * W[wo + m]!;
            s1 += G[go + m + 1]! * W[wo + m + 1]!;
            s2 += G[go + m + 2]! * W[wo + m + 2]!;
            s3 += G[go + m + 3]! * W[wo + m + 3]!;
          }
          for (; m < M; m++) s0 += G[go + m]! * W[wo + m]!;
          GX[xo + k] += s0 + s1 + s2 + s3;
        }
      }
    }
  });
  return y;
}

/**
 * Y[yo + m] += Σ_k X[xo + k] · W[k·M + m] for m < M: one output row of a matmul, two input
 * columns per pass (half the loads and stores of Y), zeros of X (ReLU outputs) skipped.
 */
function axpyRows(
  X: Float32Array,
  xo: number,
  K: number,
  W: Float32Array,
  M: number,
  Y: Float32Array,
  yo: number,
): void {
  let k = 0;
  for (; k + 1 < K; k += 2) {
    const a = X[xo + k]!,
      b = X[xo + k + 1]!;
    if (a === 0 && b === 0) continue;
    const wa = k * M,
      wb = wa + M;
    if (b === 0) for (let m = 0; m < M; m++) Y[yo + m] += a * W[wa + m]!;
    else if (a === 0) for (let m = 0; m < M; m++) Y[yo + m] += b * W[wb + m]!;
    else for (let m = 0; m < M; m++) Y[yo + m] += a * W[wa + m]! + b * W[wb + m]!;
  }
  if (k < K) {
    const a = X[xo + k]!;
    if (a !== 0) for (let m = 0; m < M; m++) Y[yo + m] += a * W[k * M + m]!;
  }
}

/** Elementwise map with derivative given from input value x and output value y. */
function unary(
  tape: Tape,
  x: Tensor,
  f: (v: number) => number,
  df: (x: number, y: number) => number,
): Tensor {
  const y = tape.result(x.shape, [x]);
  const X = x.data,
    Y = y.data;
  for (let i = 0; i < X.length; i++) Y[i] = f(X[i]!);
  tape.record(y, () => {
    const G = y.grad!,
      GX = x.grad;
    if (GX) for (let i = 0; i < X.length; i++) GX[i] += G[i]! * df(X[i]!, Y[i]!);
  });
  return y;
}

export function relu(tape: Tape, x: Tensor): Tensor {
  // written out (not via `unary`): the hot op of the SDF network
  const y = tape.result(x.shape, [x]);
  const X = x.data,
    Y = y.data;
  for (let i = 0; i < X.length; i++) Y[i] = X[i]! > 0 ? X[i]! : 0;
  tape.record(y, () => {
    const G = y.grad!,
      GX = x.grad;
    if (GX) for (let i = 0; i < X.length; i++) if (X[i]! > 0) GX[i] += G[i]!;
  });
  return y;
}

/** log(1 + e^(βx)) / β, computed stably */
export function softplus(tape: Tape, x: Tensor, beta = 1): Tensor {
  return unary(
    tape,
    x,
    (v) => {
      const z = beta * v;
      return (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) / beta;
    },
    (v) => 1 / (1 + Math.exp(-beta * v)),
  );
}

export function sin(tape: Tape, x: Tensor): Tensor {
  return unary(tape, x, Math.sin, (v) => Math.cos(v));
}

export function tanh(tape: Tape, x: Tensor): Tensor {
  return unary(tape, x, Math.tanh, (_x, y) => 1 - y * y);
}

export function sigmoid(tape: Tape, x: Tensor): Tensor {
  return unary(
    tape,
    x,
    (v) => 1 / (1 + Math.exp(-v)),
    (_x, y) => y * (1 - y),
  );
}

export function exp(tape: Tape, x: Tensor): Tensor {
  return unary(tape, x, Math.exp, (_x, y) => y);
}

export function abs(tape: Tape, x: Tensor): Tensor {
  return unary(tape, x, Math.abs, (v) => (v > 0 ? 1 : v < 0 ? -1 : 0));
}

export function square(tape: Tape, x: Tensor): Tensor {
  return unary(
    tape,
    x,
    (v) => v * v,
    (v) => 2 * v,
  );
}

/** clamp(x, lo, hi); zero gradient outside the range */
export function clamp(tape: Tape, x: Tensor, lo: number, hi: number): Tensor {
  return unary(
    tape,
    x,
    (v) => (v < lo ? lo : v > hi ? hi : v),
    (v) => (v < lo || v > hi ? 0 : 1),
  );
}

/** a·x + c elementwise (constants a, c) */
export function affine(tape: Tape, x: Tensor, a: number, c = 0): Tensor {
  return unary(
    tape,
    x,
    (v) => a * v + c,
    () => a,
  );
}

/** Elementwise binary op on equal shapes, or b broadcast as a row [cols] over a's rows. */
function binary(
  tape: Tape,
  a: Tensor,
  b: Tensor,
  f: (x: number, y: number) => number,
  da: (x: number, y: number) => number,
  db: (x: number, y: number) => number,
): Tensor {
  const rowBroadcast = b.size !== a.size;
  if (rowBroadcast && b.size !== a.cols) throw new Error(`cannot broadcast [${b.shape}] over [${a.shape}]`);
  const y = tape.result(a.shape, [a, b]);
  const A = a.data,
    B = b.data,
    Y = y.data,
    C = b.size;
  for (let i = 0; i < A.length; i++) Y[i] = f(A[i]!, B[rowBroadcast ? i % C : i]!);
  tape.record(y, () => {
    const G = y.grad!;
    for (let i = 0; i < A.length; i++) {
      const j = rowBroadcast ? i % C : i;
      if (a.grad) a.grad[i] += G[i]! * da(A[i]!, B[j]!);
      if (b.grad) b.grad[j] += G[i]! * db(A[i]!, B[j]!);
    }
  });
  return y;
}

export function add(tape: Tape, a: Tensor, b: Tensor): Tensor {
  return binary(
    tape,
    a,
    b,
    (x, y) => x + y,
    () => 1,
    () => 1,
  );
}

export function sub(tape: Tape, a: Tensor, b: Tensor): Tensor {
  return binary(
    tape,
    a,
    b,
    (x, y) => x - y,
    () => 1,
    () => -1,
  );
}

export function mul(tape: Tape, a: Tensor, b: Tensor): Tensor {
  return binary(
    tape,
    a,
    b,
    (x, y) => x * y,
    (_x, y) => y,
    (x) => x,
  );
}

/** Sum of all values → [1] */
export function sum(tape: Tape, x: Tensor): Tensor {
  const y = tape.result([1], [x]);
  let s = 0;
  for (let i = 0; i < x.size; i++) s += x.data[i]!;
  y.data[0] = s;
  tape.record(y, () => {
    const g = y.grad![0]!,
      GX = x.grad;
    if (GX) for (let i = 0; i < GX.length; i++) GX[i] += g;
  });
  return y;
}

/** Mean of all values → [1] */
export function mean(tape: Tape, x: Tensor): Tensor {
  return affine(tape, sum(tape, x), 1 / x.size);
}

/** Per-row sum → [N, 1] */
export function sumRows(tape: Tape, x: Tensor): Tensor {
  const N = x.rows,
    C = x.cols;
  const y = tape.result([N, 1], [x]);
  for (let n = 0; n < N; n++) {
    let s = 0;
    for (let c = 0; c < C; c++) s += x.data[n * C + c]!;
    y.data[n] = s;
  }
  tape.record(y, () => {
    const G = y.grad!,
      GX = x.grad;
    if (GX) for (let n = 0; n < N; n++) for (let c = 0; c < C; c++) GX[n * C + c] += G[n]!;
  });
  return y;
}

/** Rows of x picked by index (with repeats) — x: [N,C], index: #R → [R,C]; backward scatters-adds. */
export function gatherRows(tape: Tape, x: Tensor, index: Int32Array | Uint32Array): Tensor {
  const C = x.cols,
    R = index.length;
  const y = tape.result([R, C], [x]);
  for (let r = 0; r < R; r++) y.data.set(x.data.subarray(index[r]! * C, index[r]! * C + C), r * C);
  tape.record(y, () => {
    const G = y.grad!,
      GX = x.grad;
    if (GX) for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) GX[index[r]! * C + c] += G[r * C + c]!;
  });
  return y;
}

/** Columns [start, end) of x — x: [N,C] → [N, end − start] */
export function sliceCols(tape: Tape, x: Tensor, start: number, end: number): Tensor {
  const N = x.rows,
    C = x.cols,
    W = end - start;
  const y = tape.result([N, W], [x]);
  for (let n = 0; n < N; n++) for (let c = 0; c < W; c++) y.data[n * W + c] = x.data[n * C + start + c]!;
  tape.record(y, () => {
    const G = y.grad!,
      GX = x.grad;
    if (GX) for (let n = 0; n < N; n++) for (let c = 0; c < W; c++) GX[n * C + start + c] += G[n * W + c]!;
  });
  return y;
}

/** Columns of several tensors side by side — each [N, Ci] → [N, ΣCi] */
export function concatCols(tape: Tape, parts: readonly Tensor[]): Tensor {
  const N = parts[0]!.rows;
  const widths = parts.map((p) => p.cols);
  const W = widths.reduce((a, b) => a + b, 0);
  const y = tape.result([N, W], parts);
  let offset = 0;
  for (const p of parts) {
    const C = p.cols;
    if (p.rows !== N) throw new Error('concatCols: all parts need the same number of rows');
    for (let n = 0; n < N; n++) for (let c = 0; c < C; c++) y.data[n * W + offset + c] = p.data[n * C + c]!;
    offset += C;
  }
  tape.record(y, () => {
    const G = y.grad!;
    let o = 0;
    for (const p of parts) {
      const C = p.cols;
      if (p.grad)
        for (let n = 0; n < N; n++) for (let c = 0; c < C; c++) p.grad[n * C + c] += G[n * W + o + c]!;
      o += C;
    }
  });
  return y;
}

/**
 * The DeepSDF loss: mean |clamp(pred, ±δ) − clamp(target, ±δ)| — pred: [N,1] (or [N]), target: #N
 * → [1]. Fused: one pass forward, one backward (with a straight-through clamp, see below).
 */
export function clampedL1(tape: Tape, pred: Tensor, target: Float32Array, delta: number): Tensor {
  const N = pred.size;
  const y = tape.result([1], [pred]);
  const P = pred.data;
  let s = 0;
  for (let i = 0; i < N; i++) {
    const p = P[i]! < -delta ? -delta : P[i]! > delta ? delta : P[i]!;
    const t = target[i]! < -delta ? -delta : target[i]! > delta ? delta : target[i]!;
    s += Math.abs(p - t);
  }
  y.data[0] = s / N;
  tape.record(y, () => {
    // Straight-through clamp of the prediction: the gradient flows whenever the clamped values
    // differ, also when the prediction is beyond ±δ on the wrong side. DeepSDF's exact derivative
    // is zero there, so one large early step can leave the whole field stuck past the clamp (the
    // reference saw this at lr 1e-2; so did we).
    const g = y.grad![0]! / N,
      GP = pred.grad;
    if (!GP) return;
    for (let i = 0; i < N; i++) {
      const v = P[i]! < -delta ? -delta : P[i]! > delta ? delta : P[i]!;
      const t = target[i]! < -delta ? -delta : target[i]! > delta ? delta : target[i]!;
      GP[i] += v > t ? g : v < t ? -g : 0;
    }
  });
  return y;
}
