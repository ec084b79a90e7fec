import type { Tape } from '../nn/Tape';
import type { Tensor } from '../nn/Tensor';

/*
 * Differentiable ops the Neural Parts network needs beyond src/core/nn/ops.ts. Each is fused (one
 * forward loop, one backward loop) because it runs on every point of every step.
 * Every point row carries its own per-primitive quantities (gathered with `gatherRows`), so one
 * call handles points of many primitives at once.
 */

/** Columns `cols` of x, in that order — x: [N,C] → [N, cols.length] */
export function selectColumns(tape: Tape, x: Tensor, cols: readonly number[]): Tensor {
  const N = x.rows,
    C = x.cols,
    K = cols.length;
  const y = tape.result([N, K], [x]);
  const X = x.data,
    Y = y.data;
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) Y[n * K + k] = X[n * C + cols[k]!]!;
  tape.record(y, () => {
    const G = y.grad!,
      GX = x.grad;
    if (GX) for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) GX[n * C + cols[k]!] += G[n * K + k]!;
  });
  return y;
}

/** elu(x) + 1: positive, ≈ 1 + x near 0 (the normaliser's scales, as in the authors' code) */
export function eluPlusOne(tape: Tape, x: Tensor): Tensor {
  const y = tape.result(x.shape, [x]);
  const X = x.data,
    Y = y.data;
  for (let i = 0; i < X.length; i++) Y[i] = X[i]! > 0 ? X[i]! + 1 : Math.exp(X[i]!);
  tape.record(y, () => {
    const G = y.grad!,
      GX = x.grad;
    if (GX) for (let i = 0; i < X.length; i++) GX[i] += G[i]! * (X[i]! > 0 ? 1 : Y[i]!);
  });
  return y;
}

/** Euclidean norm of each row — x: [N,C] → [N,1] (gradient 0 at the origin) */
export function rowNorm(tape: Tape, x: Tensor): Tensor {
  const N = x.rows,
    C = x.cols;
  const y = tape.result([N, 1], [x]);
  const X = x.data,
    Y = y.data;
  for (let n = 0; n < N; n++) {
    let s = 0;
    for (let c = 0; c < C; c++) s += X[n * C + c]! ** 2;
    Y[n] = Math.sqrt(s);
  }
  tape.record(y, () => {
    const G = y.grad!,
      GX = x.grad;
    if (!GX) return;
    for (let n = 0; n < N; n++) {
      if (!(Y[n]! > 0)) continue;
      const f = G[n]! / Y[n]!;
      for (let c = 0; c < C; c++) GX[n * C + c] += f * X[n * C + c]!;
    }
  });
  return y;
}

/**
 * Rotation matrices of quaternions (w, x, y, z), normalised first — q: [M,4] → [M,9] row-major.
 * Points are rotated as row vectors, p' = p·R.
 */
export function quaternionRotation(tape: Tape, q: Tensor): Tensor {
  const M = q.rows;
  const y = tape.result([M, 9], [q]);
  const Q = q.data,
    R = y.data;
  const unit = new Float64Array(4 * M);
  const norms = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    const n = Math.hypot(Q[4 * m]!, Q[4 * m + 1]!, Q[4 * m + 2]!, Q[4 * m + 3]!) || 1;
    norms[m] = n;
    const w = Q[4 * m]! / n,
      a = Q[4 * m + 1]! / n,
      b = Q[4 * m + 2]! / n,
      c = Q[4 * m + 3]! / n;
    unit.set([w, a, b, c], 4 * m);
    R.set(
      [
        1 - 2 * (b * b + c * c),
        2 * (a * b - w * c),
        2 * (a * c + w * b),
        2 * (a * b + w * c),
        1 - 2 * (a * a + c * c),
        2 * (b * c - w * a),
        2 * (a * c - w * b),
        2 * (b * c + w * a),
        1 - 2 * (a * a + b * b),
      ],
      9 * m,
    );
  }
  tape.record(y, () => {
    const G = y.grad!,
      GQ = q.grad;
    if (!GQ) return;
    for (let m = 0; m < M; m++) {
      const w = unit[4 * m]!,
        a = unit[4 * m + 1]!,
        b = unit[4 * m + 2]!,
        c = unit[4 * m + 3]!;
      const g = (i: number): number => G[9 * m + i]!;
      // ∂R/∂(w,a,b,c) contracted with G, entry by entry
      const dw = 2 * (-c * g(1) + b * g(2) + c * g(3) - a * g(5) - b * g(6) + a * g(7));
      const da =
        2 * (b * g(1) + c * g(2) + b * g(3) - 2 * a * g(4) - w * g(5) + c * g(6) + w * g(7) - 2 * a * g(8));
      const db =
        2 * (-2 * b * g(0) + a * g(1) + w * g(2) + a * g(3) + c * g(5) - w * g(6) + c * g(7) - 2 * b * g(8));
      const dc =
        2 * (-2 * c * g(0) - w * g(1) + a * g(2) + w * g(3) - 2 * c * g(4) + b * g(5) + a * g(6) + b * g(7));
      // through the normalisation q̂ = q/|q|: dq = (dq̂ − q̂ (q̂·dq̂)) / |q|
      const dot = w * dw + a * da + b * db + c * dc;
      const n = norms[m]!;
      GQ[4 * m] += (dw - w * dot) / n;
      GQ[4 * m + 1] += (da - a * dot) / n;
      GQ[4 * m + 2] += (db - b * dot) / n;
      GQ[4 * m + 3] += (dc - c * dot) / n;
    }
  });
  return y;
}

/**
 * Per-row products of 3×3 matrices R·A — r: [M,9] (row-major), a: [M,9] constant → [M,9]. Composes
 * the predicted rotations with the fixed anchor rotations (p' = p·R·A). Gradient to r only.
 */
export function composeRotations(tape: Tape, r: Tensor, a: Tensor): Tensor {
  const M = r.rows;
  const y = tape.result([M, 9], [r]);
  const R = r.data,
    A = a.data,
    Y = y.data;
  for (let m = 0; m < M; m++) {
    const o = 9 * m;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        Y[o + 3 * i + j] =
          R[o + 3 * i]! * A[o + j]! + R[o + 3 * i + 1]! * A[o + 3 + j]! + R[o + 3 * i + 2]! * A[o + 6 + j]!;
  }
  tape.record(y, () => {
    const G = y.grad!,
      GR = r.grad;
    if (!GR) return;
    // ∂/∂R[i][k] = Σ_j G[i][j]·A[k][j]
    for (let m = 0; m < M; m++) {
      const o = 9 * m;
      for (let i = 0; i < 3; i++)
        for (let k = 0; k < 3; k++)
          GR[o + 3 * i + k] +=
            G[o + 3 * i]! * A[o + 3 * k]! +
            G[o + 3 * i + 1]! * A[o + 3 * k + 1]! +
            G[o + 3 * i + 2]! * A[o + 3 * k + 2]!;
    }
  });
  return y;
}

/**
 * One affine coupling step on coordinate `c` of points y: [N,3], with st: [N,2] = (raw s, t) from the
 * conditioning network; s = clamp(raw, ±sMax) (the authors' Hardtanh).
 * Forward (sphere → shape): y_c' = y_c·e^s + t. Inverse (shape → sphere): y_c' = (y_c − t)·e^(−s).
 * The other two coordinates pass through unchanged, which is what makes it exactly invertible.
 */
export function couplingStep(
  tape: Tape,
  y: Tensor,
  st: Tensor,
  c: number,
  inverse: boolean,
  sMax = 10,
): Tensor {
  const N = y.rows;
  const out = tape.result([N, 3], [y, st]);
  const Y = y.data,
    S = st.data,
    O = out.data;
  O.set(Y);
  for (let n = 0; n < N; n++) {
    const raw = S[2 * n]!;
    const s = raw < -sMax ? -sMax : raw > sMax ? sMax : raw;
    const t = S[2 * n + 1]!;
    O[3 * n + c] = inverse ? (Y[3 * n + c]! - t) * Math.exp(-s) : Y[3 * n + c]! * Math.exp(s) + t;
  }
  tape.record(out, () => {
    const G = out.grad!,
      GY = y.grad,
      GS = st.grad;
    for (let n = 0; n < N; n++) {
      const raw = S[2 * n]!;
      const inRange = raw > -sMax && raw < sMax;
      const s = inRange ? raw : raw < 0 ? -sMax : sMax;
      const g = G[3 * n + c]!;
      if (GY) {
        GY[3 * n + ((c + 1) % 3)] += G[3 * n + ((c + 1) % 3)]!;
        GY[3 * n + ((c + 2) % 3)] += G[3 * n + ((c + 2) % 3)]!;
      }
      if (inverse) {
        const e = Math.exp(-s);
        if (GY) GY[3 * n + c] += g * e;
        if (GS) {
          if (inRange) GS[2 * n] += -g * O[3 * n + c]!;
          GS[2 * n + 1] += -g * e;
        }
      } else {
        const e = Math.exp(s);
        if (GY) GY[3 * n + c] += g * e;
        if (GS) {
          if (inRange) GS[2 * n] += g * Y[3 * n + c]! * e;
          GS[2 * n + 1] += g;
        }
      }
    }
  });
  return out;
}

/**
 * The normaliser and affine transform of each point's primitive — y: [N,3]; sigma: [N,3] (> 0);
 * rot: [N,9] (row-major, p' = p·R); trans: [N,3].
 * Forward (sphere side → shape): y' = (y / σ)·R + t. Inverse: y' = ((y − t)·Rᵀ) ⊙ σ.
 */
export function rowAffine(
  tape: Tape,
  y: Tensor,
  sigma: Tensor,
  rot: Tensor,
  trans: Tensor,
  inverse: boolean,
): Tensor {
  const N = y.rows;
  const out = tape.result([N, 3], [y, sigma, rot, trans]);
  const Y = y.data,
    S = sigma.data,
    R = rot.data,
    T = trans.data,
    O = out.data;
  for (let n = 0; n < N; n++) {
    const o = 3 * n,
      r = 9 * n;
    if (inverse) {
      const d0 = Y[o]! - T[o]!,
        d1 = Y[o + 1]! - T[o + 1]!,
        d2 = Y[o + 2]! - T[o + 2]!;
      for (let i = 0; i < 3; i++)
        O[o + i] = (d0 * R[r + 3 * i]! + d1 * R[r + 3 * i + 1]! + d2 * R[r + 3 * i + 2]!) * S[o + i]!;
    } else {
      const z0 = Y[o]! / S[o]!,
        z1 = Y[o + 1]! / S[o + 1]!,
        z2 = Y[o + 2]! / S[o + 2]!;
      for (let j = 0; j < 3; j++)
        O[o + j] = z0 * R[r + j]! + z1 * R[r + 3 + j]! + z2 * R[r + 6 + j]! + T[o + j]!;
    }
  }
  tape.record(out, () => {
    const G = out.grad!,
      GY = y.grad,
      GS = sigma.grad,
      GR = rot.grad,
      GT = trans.grad;
    for (let n = 0; n < N; n++) {
      const o = 3 * n,
        r = 9 * n;
      if (inverse) {
        const d = [Y[o]! - T[o]!, Y[o + 1]! - T[o + 1]!, Y[o + 2]! - T[o + 2]!];
        const dd = [0, 0, 0];
        for (let i = 0; i < 3; i++) {
          const w = d[0]! * R[r + 3 * i]! + d[1]! * R[r + 3 * i + 1]! + d[2]! * R[r + 3 * i + 2]!;
          if (GS) GS[o + i] += G[o + i]! * w;
          const dw = G[o + i]! * S[o + i]!;
          for (let j = 0; j < 3; j++) {
            if (GR) GR[r + 3 * i + j] += dw * d[j]!;
            dd[j] += dw * R[r + 3 * i + j]!;
          }
        }
        for (let j = 0; j < 3; j++) {
          if (GY) GY[o + j] += dd[j]!;
          if (GT) GT[o + j] -= dd[j]!;
        }
      } else {
        const z = [Y[o]! / S[o]!, Y[o + 1]! / S[o + 1]!, Y[o + 2]! / S[o + 2]!];
        for (let j = 0; j < 3; j++) if (GT) GT[o + j] += G[o + j]!;
        for (let i = 0; i < 3; i++) {
          let dz = 0;
          for (let j = 0; j < 3; j++) {
            if (GR) GR[r + 3 * i + j] += z[i]! * G[o + j]!;
            dz += R[r + 3 * i + j]! * G[o + j]!;
          }
          if (GY) GY[o + i] += dz / S[o + i]!;
          if (GS) GS[o + i] -= (dz * z[i]!) / S[o + i]!;
        }
      }
    }
  });
  return out;
}
