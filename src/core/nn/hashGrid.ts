import type { Rng } from '../sampling/Rng';
import type { Tape } from './Tape';
import { Tensor } from './Tensor';

/** Settings of a multiresolution hash encoding (Müller et al. 2022, Instant-NGP). */
export interface HashGridConfig {
  /** number of levels L (reference: 12) */
  levels: number;
  /** features per entry F (reference: 2) */
  features: number;
  /** log2 of the entries per level T (reference: 16) */
  log2Size: number;
  /** coarsest and finest grid resolution (reference: 16 and 512) */
  minResolution: number;
  maxResolution: number;
  /** the encoded box is [−boxHalf, boxHalf]³ (reference: 0.55) */
  boxHalf: number;
}

export const REFERENCE_HASH_GRID: HashGridConfig = {
  levels: 12,
  features: 2,
  log2Size: 16,
  minResolution: 16,
  maxResolution: 512,
  boxHalf: 0.55,
};

/** Per-level layout: grid resolution and whether the level is indexed densely or hashed. */
export interface HashGridLevel {
  resolution: number;
  dense: boolean;
}

export function hashGridLevels(c: HashGridConfig): HashGridLevel[] {
  const growth =
    c.levels > 1 ? Math.exp((Math.log(c.maxResolution) - Math.log(c.minResolution)) / (c.levels - 1)) : 1;
  const size = 2 ** c.log2Size;
  const out: HashGridLevel[] = [];
  for (let l = 0; l < c.levels; l++) {
    const resolution = Math.floor(c.minResolution * growth ** l + 1e-9);
    out.push({ resolution, dense: (resolution + 1) ** 3 <= size });
  }
  return out;
}

/** The spatial hash primes of Instant-NGP (x·1 ⊕ y·π₂ ⊕ z·π₃ mod T). */
export const HASH_PRIMES = [1, 2654435761, 805459861] as const;

/** A hash-grid table as a trainable parameter: [L·T, F], initialised U(−1e−4, 1e−4). */
export function createHashTable(c: HashGridConfig, rng: Rng): Tensor {
  const size = c.levels * 2 ** c.log2Size * c.features;
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = (rng.next() * 2 - 1) * 1e-4;
  return Tensor.parameter(data, [c.levels * 2 ** c.log2Size, c.features]);
}

/**
 * The fused hash-grid encoding: points x: [N,3] → features [N, L·F], each level the trilinear
 * interpolation of its 8 cell corners' table entries. Only the table gets a gradient (the
 * backward scatters into it). One op instead of ~20 generic ones: it is the SDF's hot loop.
 * Corners at the upper border are kept inside the grid (cell index ≤ res − 1, fraction up to 1),
 * exactly as the ONNX export does.
 */
export function hashGridEncode(tape: Tape, x: Tensor, table: Tensor, c: HashGridConfig): Tensor {
  const N = x.rows;
  const L = c.levels,
    F = c.features,
    T = 2 ** c.log2Size,
    mask = T - 1;
  const levels = hashGridLevels(c);
  const resolution = Int32Array.from(levels, (l) => l.resolution);
  const dense = Uint8Array.from(levels, (l) => (l.dense ? 1 : 0));
  const y = tape.result([N, L * F], [table]);
  const corners = tape.intBuffer(N * L * 8);
  const weights = tape.buffer(N * L * 8);
  const X = x.data,
    Y = y.data,
    W = table.data;
  const inv = 1 / (2 * c.boxHalf);
  const P1 = HASH_PRIMES[1] | 0,
    P2 = HASH_PRIMES[2] | 0;
  for (let n = 0; n < N; n++) {
    let ux = (X[3 * n]! + c.boxHalf) * inv,
      uy = (X[3 * n + 1]! + c.boxHalf) * inv,
      uz = (X[3 * n + 2]! + c.boxHalf) * inv;
    ux = ux < 0 ? 0 : ux > 1 ? 1 : ux;
    uy = uy < 0 ? 0 : uy > 1 ? 1 : uy;
    uz = uz < 0 ? 0 : uz > 1 ? 1 : uz;
    for (let l = 0; l < L; l++) {
      const res = resolution[l]!;
      const px = ux * res,
        py = uy * res,
        pz = uz * res;
      const x0 = Math.min(Math.floor(px), res - 1),
        y0 = Math.min(Math.floor(py), res - 1),
        z0 = Math.min(Math.floor(pz), res - 1);
      const fx = px - x0,
        fy = py - y0,
        fz = pz - z0;
      const gx = 1 - fx,
        gy = 1 - fy,
        gz = 1 - fz;
      const base = l * T;
      const o = (n * L + l) * 8;
      // per-axis parts of the 8 corner indices: index = base + (ax ⊕/+ ay ⊕/+ az)
      let ax0: number, ax1: number, ay0: number, ay1: number, az0: number, az1: number;
      if (dense[l]) {
        const r1 = res + 1;
        ax0 = x0;
        ax1 = x0 + 1;
        ay0 = y0 * r1;
        ay1 = ay0 + r1;
        az0 = z0 * r1 * r1;
        az1 = az0 + r1 * r1;
        corners[o] = base + ax0 + ay0 + az0;
        corners[o + 1] = base + ax1 + ay0 + az0;
        corners[o + 2] = base + ax0 + ay1 + az0;
        corners[o + 3] = base + ax1 + ay1 + az0;
        corners[o + 4] = base + ax0 + ay0 + az1;
        corners[o + 5] = base + ax1 + ay0 + az1;
        corners[o + 6] = base + ax0 + ay1 + az1;
        corners[o + 7] = base + ax1 + ay1 + az1;
      } else {
        ax0 = x0;
        ax1 = x0 + 1;
        ay0 = Math.imul(y0, P1);
        ay1 = Math.imul(y0 + 1, P1);
        az0 = Math.imul(z0, P2);
        az1 = Math.imul(z0 + 1, P2);
        corners[o] = base + ((ax0 ^ ay0 ^ az0) & mask);
        corners[o + 1] = base + ((ax1 ^ ay0 ^ az0) & mask);
        corners[o + 2] = base + ((ax0 ^ ay1 ^ az0) & mask);
        corners[o + 3] = base + ((ax1 ^ ay1 ^ az0) & mask);
        corners[o + 4] = base + ((ax0 ^ ay0 ^ az1) & mask);
        corners[o + 5] = base + ((ax1 ^ ay0 ^ az1) & mask);
        corners[o + 6] = base + ((ax0 ^ ay1 ^ az1) & mask);
        corners[o + 7] = base + ((ax1 ^ ay1 ^ az1) & mask);
      }
      const wyz00 = gy * gz,
        wyz10 = fy * gz,
        wyz01 = gy * fz,
        wyz11 = fy * fz;
      weights[o] = gx * wyz00;
      weights[o + 1] = fx * wyz00;
      weights[o + 2] = gx * wyz10;
      weights[o + 3] = fx * wyz10;
      weights[o + 4] = gx * wyz01;
      weights[o + 5] = fx * wyz01;
      weights[o + 6] = gx * wyz11;
      weights[o + 7] = fx * wyz11;
      const yo = (n * L + l) * F;
      for (let f = 0; f < F; f++) {
        let sum = 0;
        for (let i = 0; i < 8; i++) sum += weights[o + i]! * W[corners[o + i]! * F + f]!;
        Y[yo + f] = sum;
      }
    }
  }
  tape.record(y, () => {
    const G = y.grad!,
      GW = table.grad;
    if (!GW) return;
    for (let n = 0; n < N; n++) {
      for (let l = 0; l < L; l++) {
        const o = (n * L + l) * 8;
        const go = n * L * F + l * F;
        if (F === 2) {
          const g0 = G[go]!,
            g1 = G[go + 1]!;
          for (let i = 0; i < 8; i++) {
            const index = corners[o + i]! * 2,
              w = weights[o + i]!;
            GW[index] += w * g0;
            GW[index + 1] += w * g1;
          }
        } else {
          for (let i = 0; i < 8; i++) {
            const index = corners[o + i]! * F,
              w = weights[o + i]!;
            for (let f = 0; f < F; f++) GW[index + f] += w * G[go + f]!;
          }
        }
      }
    }
  });
  return y;
}
