import type { Tape } from '../nn/Tape';
import type { Tensor } from '../nn/Tensor';

/*
 * Neural Parts' losses (Paschalidou et al. 2021, in the form of the authors' code), each one fused op
 * → [1]. Implicit values g: [M·V, 1] are laid out in primitive blocks: row m·V + v holds g_m(x_v).
 */

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Reconstruction: bidirectional Chamfer (Euclidean distances) between points on the primitives
 * prim: [P,3] and target surface samples: #S×3. Target → primitives uses all primitive points;
 * primitives → target only those on the union's surface (`onSurface[p]` = 1, i.e. not inside another
 * primitive), averaged over them.
 */
export function chamferLoss(
  tape: Tape,
  prim: Tensor,
  onSurface: Uint8Array,
  target: Float32Array,
  hiddenWeight = 0,
): Tensor {
  const P = prim.rows,
    S = target.length / 3;
  const y = tape.result([1], [prim]);
  const X = prim.data;
  const nearestPrim = new Int32Array(S),
    nearestTarget = new Int32Array(P);
  const dTarget = new Float64Array(S),
    dPrim = new Float64Array(P);
  dTarget.fill(Infinity);
  let surfaceCount = 0;
  for (let p = 0; p < P; p++) {
    const x0 = X[3 * p]!,
      x1 = X[3 * p + 1]!,
      x2 = X[3 * p + 2]!;
    let best = Infinity,
      bi = 0;
    for (let s = 0; s < S; s++) {
      const a = x0 - target[3 * s]!,
        b = x1 - target[3 * s + 1]!,
        c = x2 - target[3 * s + 2]!;
      const d = a * a + b * b + c * c;
      if (d < best) {
        best = d;
        bi = s;
      }
      if (d < dTarget[s]!) {
        dTarget[s] = d;
        nearestPrim[s] = p;
      }
    }
    dPrim[p] = Math.sqrt(best);
    nearestTarget[p] = bi;
    if (onSurface[p]) surfaceCount++;
  }
  let toPrim = 0,
    toTarget = 0,
    hidden = 0;
  for (let s = 0; s < S; s++) toPrim += dTarget[s] = Math.sqrt(dTarget[s]!);
  for (let p = 0; p < P; p++)
    if (onSurface[p]) toTarget += dPrim[p]!;
    else hidden += dPrim[p]!;
  const hiddenCount = P - surfaceCount;
  y.data[0] =
    toPrim / S +
    (surfaceCount ? toTarget / surfaceCount : 0) +
    (hiddenWeight > 0 && hiddenCount ? (hiddenWeight * hidden) / hiddenCount : 0);
  tape.record(y, () => {
    const g = y.grad![0]!,
      GX = prim.grad;
    if (!GX) return;
    const add = (p: number, s: number, d: number, w: number): void => {
      if (!(d > 0)) return;
      for (let k = 0; k < 3; k++) GX[3 * p + k] += (w * (X[3 * p + k]! - target[3 * s + k]!)) / d;
    };
    for (let s = 0; s < S; s++) add(nearestPrim[s]!, s, dTarget[s]!, g / S);
    if (surfaceCount)
      for (let p = 0; p < P; p++) if (onSurface[p]) add(p, nearestTarget[p]!, dPrim[p]!, g / surfaceCount);
    if (hiddenWeight > 0 && hiddenCount)
      for (let p = 0; p < P; p++)
        if (!onSurface[p]) add(p, nearestTarget[p]!, dPrim[p]!, (g * hiddenWeight) / hiddenCount);
  });
  return y;
}

/**
 * Occupancy: binary cross-entropy of the union's inside logit −sharpness·min_m g_m(x) against the
 * labels (1 inside), mean over the V points. g: [M·V,1], labels: #V.
 */
export function occupancyLoss(tape: Tape, g: Tensor, labels: Uint8Array, sharpness: number): Tensor {
  const V = labels.length,
    M = g.size / V;
  const y = tape.result([1], [g]);
  const G = g.data;
  const arg = new Int32Array(V),
    dz = new Float64Array(V);
  let total = 0;
  for (let v = 0; v < V; v++) {
    let best = Infinity,
      bm = 0;
    for (let m = 0; m < M; m++)
      if (G[m * V + v]! < best) {
        best = G[m * V + v]!;
        bm = m;
      }
    arg[v] = bm;
    const z = -sharpness * best,
      o = labels[v]!;
    total += Math.max(z, 0) - z * o + Math.log1p(Math.exp(-Math.abs(z)));
    dz[v] = sigmoid(z) - o;
  }
  y.data[0] = total / V;
  tape.record(y, () => {
    const s = y.grad![0]! / V,
      GG = g.grad;
    if (GG) for (let v = 0; v < V; v++) GG[arg[v]! * V + v] += -sharpness * dz[v]! * s;
  });
  return y;
}

/**
 * Overlap: mean over points of max(0, Σ_m σ(−sharpness·g_m(x)) − λ): no point should lie inside more
 * than λ primitives (the paper's λ = 1.95). g: [M·V,1].
 */
export function overlapLoss(tape: Tape, g: Tensor, V: number, sharpness: number, lambda: number): Tensor {
  const M = g.size / V;
  const y = tape.result([1], [g]);
  const G = g.data;
  const active = new Uint8Array(V);
  let total = 0;
  for (let v = 0; v < V; v++) {
    let s = 0;
    for (let m = 0; m < M; m++) s += sigmoid(-sharpness * G[m * V + v]!);
    if (s > lambda) {
      total += s - lambda;
      active[v] = 1;
    }
  }
  y.data[0] = total / V;
  tape.record(y, () => {
    const w = y.grad![0]! / V,
      GG = g.grad;
    if (!GG) return;
    for (let v = 0; v < V; v++) {
      if (!active[v]) continue;
      for (let m = 0; m < M; m++) {
        const p = sigmoid(-sharpness * G[m * V + v]!);
        GG[m * V + v] += -w * sharpness * p * (1 - p);
      }
    }
  });
  return y;
}

/**
 * Coverage (the authors' "min points" form): for each primitive, the k inside points (labels 1) with
 * the smallest g_m should be inside it: mean over those M·k of −log(σ(−sharpness·g) + 1e-6). With
 * fewer than k inside points all of them are used. g: [M·V,1], labels: #V.
 */
export function coverageLoss(
  tape: Tape,
  g: Tensor,
  labels: Uint8Array,
  k: number,
  sharpness: number,
): Tensor {
  const V = labels.length,
    M = g.size / V;
  const y = tape.result([1], [g]);
  const G = g.data;
  const inside: number[] = [];
  for (let v = 0; v < V; v++) if (labels[v]) inside.push(v);
  const K = Math.min(k, inside.length);
  const chosen = new Int32Array(M * K);
  let total = 0;
  for (let m = 0; m < M; m++) {
    const order = inside.slice().sort((a, b) => G[m * V + a]! - G[m * V + b]!);
    for (let i = 0; i < K; i++) {
      const row = m * V + order[i]!;
      chosen[m * K + i] = row;
      total += -Math.log(sigmoid(-sharpness * G[row]!) + 1e-6);
    }
  }
  const count = M * K;
  y.data[0] = count ? total / count : 0;
  tape.record(y, () => {
    const GG = g.grad;
    if (!GG || !count) return;
    const w = y.grad![0]! / count;
    for (let i = 0; i < count; i++) {
      const row = chosen[i]!;
      const p = sigmoid(-sharpness * G[row]!);
      GG[row] += (w * sharpness * p * (1 - p)) / (p + 1e-6);
    }
  });
  return y;
}

/**
 * Normal consistency: mean over surface points of 1 − ⟨∇g/‖∇g‖, n⟩, with ∇g by forward differences:
 * g4: [4S,1] holds g at the points, then at the points moved by ε along x, y and z (blocks of S rows,
 * each point under the primitive that owns it); normals: #S×3 unit vectors. ε cancels in the
 * normalisation. (The authors differentiate g with autograd; our tape is first-order.)
 */
export function normalLoss(tape: Tape, g4: Tensor, normals: Float32Array): Tensor {
  const S = normals.length / 3;
  const y = tape.result([1], [g4]);
  const G = g4.data;
  const grads = new Float64Array(3 * S),
    lengths = new Float64Array(S);
  let total = 0;
  for (let s = 0; s < S; s++) {
    const d0 = G[S + s]! - G[s]!,
      d1 = G[2 * S + s]! - G[s]!,
      d2 = G[3 * S + s]! - G[s]!;
    const len = Math.hypot(d0, d1, d2);
    grads.set([d0, d1, d2], 3 * s);
    lengths[s] = len;
    total +=
      len > 0 ? 1 - (d0 * normals[3 * s]! + d1 * normals[3 * s + 1]! + d2 * normals[3 * s + 2]!) / len : 1;
  }
  y.data[0] = total / S;
  tape.record(y, () => {
    const GG = g4.grad;
    if (!GG) return;
    const w = y.grad![0]! / S;
    for (let s = 0; s < S; s++) {
      const len = lengths[s]!;
      if (!(len > 0)) continue;
      const n0 = normals[3 * s]!,
        n1 = normals[3 * s + 1]!,
        n2 = normals[3 * s + 2]!;
      const u0 = grads[3 * s]! / len,
        u1 = grads[3 * s + 1]! / len,
        u2 = grads[3 * s + 2]! / len;
      const cos = u0 * n0 + u1 * n1 + u2 * n2;
      // d(1 − cos)/dd = −(n − cos·u)/‖d‖
      const e0 = (-w * (n0 - cos * u0)) / len,
        e1 = (-w * (n1 - cos * u1)) / len,
        e2 = (-w * (n2 - cos * u2)) / len;
      GG[S + s] += e0;
      GG[2 * S + s] += e1;
      GG[3 * S + s] += e2;
      GG[s] -= e0 + e1 + e2;
    }
  });
  return y;
}

/**
 * Keeps primitives in the sample box: mean over the primitive points prim: [P,3] of Σ_k max(0,
 * |y_k| − half). Not in the paper; a primitive whose surface runs off far from the shape (where few
 * volume samples see it) is pulled back by every sampled point of it that lies outside.
 */
export function boxLoss(tape: Tape, prim: Tensor, half: number): Tensor {
  const P = prim.rows;
  const y = tape.result([1], [prim]);
  const X = prim.data;
  let total = 0;
  for (let i = 0; i < 3 * P; i++) total += Math.max(0, Math.abs(X[i]!) - half);
  y.data[0] = P ? total / P : 0;
  tape.record(y, () => {
    const GX = prim.grad;
    if (!GX || !P) return;
    const w = y.grad![0]! / P;
    for (let i = 0; i < 3 * P; i++) if (Math.abs(X[i]!) > half) GX[i] += w * Math.sign(X[i]!);
  });
  return y;
}
