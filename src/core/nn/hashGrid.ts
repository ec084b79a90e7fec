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
  const growth = c.levels > 1 ? Math.exp((Math.log(c.maxResolution) - Math.log(c.minResolution)) / (c.levels - 1)) : 1;
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
  const L = c.levels, F = c.features, T = 2 ** c.log2Size, mask = T - 1;
  const levels = hashGridLevels(c);
  const y = tape.result([N, L * F], [table]);
  const corners = tape.intBuffer(N * L * 8);
  const weights = tape.buffer(N * L * 8);
  const X = x.data, Y = y.data, W = table.data;
  const inv = 1 / (2 * c.boxHalf);
  for (let n = 0; n < N; n++) {
    let ux = (X[3 * n]! + c.boxHalf) * inv, uy = (X[3 * n + 1]! + c.boxHalf) * inv, uz = (X[3 * n + 2]! + c.boxHalf) * inv;
    ux = ux < 0 ? 0 : ux > 1 ? 1 : ux;
    uy = uy < 0 ? 0 : uy > 1 ? 1 : uy;
    uz = uz < 0 ? 0 : uz > 1 ? 1 : uz;
    for (let l = 0; l < L; l++) {
      const { resolution: res, dense } = levels[l]!;
      const px = ux * res, py = uy * res, pz = uz * res;
      const x0 = Math.min(Math.floor(px), res - 1), y0 = Math.min(Math.floor(py), res - 1), z0 = Math.min(Math.floor(pz), res - 1);
      const fx = px - x0, fy = py - y0, fz = pz - z0;
      const base = l * T;
      const o = (n * L + l) * 8;
      const r1 = res + 1;
      let f0 = 0, f1 = 0;
      for (let i = 0; i < 8; i++) {
        const cx = x0 + (i & 1), cy = y0 + ((i >> 1) & 1), cz = z0 + ((i >> 2) & 1);
        const index = base + (dense ? cx + cy * r1 + cz * r1 * r1 : (cx ^ Math.imul(cy, HASH_PRIMES[1]) ^ Math.imul(cz, HASH_PRIMES[2])) & mask);
        const w = (i & 1 ? fx : 1 - fx) * ((i >> 1) & 1 ? fy : 1 - fy) * ((i >> 2) & 1 ? fz : 1 - fz);
        corners[o + i] = index;
        weights[o + i] = w;
        if (F === 2) {
          f0 += w * W[2 * index]!;
          f1 += w * W[2 * index + 1]!;
        } else for (let f = 0; f < F; f++) Y[n * L * F + l * F + f] += w * W[index * F + f]!;
      }
      if (F === 2) {
        Y[n * L * 2 + 2 * l] = f0;
        Y[n * L * 2 + 2 * l + 1] = f1;
      }
    }
  }
  tape.record(y, () => {
    const G = y.grad!, GW = table.grad;
    if (!GW) return;
    for (let n = 0; n < N; n++) {
      for (let l = 0; l < L; l++) {
        const o = (n * L + l) * 8;
        const go = n * L * F + l * F;
        for (let i = 0; i < 8; i++) {
          const index = corners[o + i]! * F, w = weights[o + i]!;
          for (let f = 0; f < F; f++) GW[index + f] += w * G[go + f]!;
        }
      }
    }
  });
  return y;
}
