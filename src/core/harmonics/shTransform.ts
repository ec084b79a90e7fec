import FFT from 'fft.js';
import { CancelledError } from '../plugin/Job';
import { gaussLegendre } from './gaussLegendre';
import { LegendreRecurrence } from './legendre';
import { shCount, shIndex } from './shIndex';

/**
 * The fast spherical-harmonic transform on a Gauss–Legendre grid, O(L³): an FFT over longitude on
 * every ring, then Legendre quadrature per order m. Exact (to rounding) for functions band-limited
 * to degree L.
 *
 * Grid: `rings` = L+1 rings at the Gauss–Legendre nodes x_j = cos θ_j (θ increasing, north first),
 * `samplesPerRing` = the smallest power of two ≥ 2L+2 (fft.js is radix-2/4, and > 2L samples make
 * the longitude sums exact), φ_k = 2πk / samplesPerRing. A grid of C channels is a Float64Array
 * C×rings×samplesPerRing (channel-major, then ring, then longitude). Coefficients are C×(L+1)²
 * in the `shIndex` layout.
 *
 * Why fft.js: a well-kept, dependency-free radix-4 FFT that works on typed arrays and has a
 * real-input forward transform (`realTransform`, ~25 % faster than complex); its only limit,
 * power-of-two sizes, costs us at most a 2× wider grid, and the FFT is a small part of the cost
 * (the Legendre sums are O(L³), the FFTs O(L² log L)).
 *
 * The Legendre part uses the equatorial symmetry P̄_l^m(−x) = (−1)^{l+m} P̄_l^m(x): rings are
 * processed in mirrored pairs, halving the recurrence work.
 */
export class ShTransform {
  readonly degree: number;
  readonly rings: number;
  readonly samplesPerRing: number;
  /** cos θ_j and sin θ_j of the rings, and the quadrature weights. */
  readonly cosTheta: Float64Array;
  readonly sinTheta: Float64Array;
  readonly weights: Float64Array;
  readonly legendre: LegendreRecurrence;
  private readonly fft: FFT;
  private readonly fftIn: Float64Array;
  private readonly fftOut: Float64Array;
  private readonly column: Float64Array;

  constructor(degree: number) {
    this.degree = degree;
    this.legendre = new LegendreRecurrence(degree);
    this.rings = degree + 1;
    let n = 4;
    while (n < 2 * degree + 2) n *= 2;
    this.samplesPerRing = n;
    const { nodes, weights } = gaussLegendre(this.rings);
    this.cosTheta = nodes;
    this.weights = weights;
    this.sinTheta = new Float64Array(this.rings);
    for (let j = 0; j < this.rings; j++) this.sinTheta[j] = Math.sqrt((1 - nodes[j]) * (1 + nodes[j]));
    this.fft = new FFT(n);
    this.fftIn = new Float64Array(2 * n);
    this.fftOut = new Float64Array(2 * n);
    this.column = new Float64Array(degree + 1);
  }

  /** Number of grid values per channel. */
  get gridSize(): number {
    return this.rings * this.samplesPerRing;
  }

  /** Longitude of sample k. */
  longitude(k: number): number {
    return (2 * Math.PI * k) / this.samplesPerRing;
  }

  /**
   * Grid → coefficients. `grid`: C×rings×samplesPerRing; returns C×(L+1)² (written into `out` if given).
   */
  forward(grid: Float64Array, channels: number, out?: Float64Array, signal?: AbortSignal): Float64Array {
    const L = this.degree;
    const { rings, samplesPerRing: n } = this;
    if (grid.length !== channels * rings * n)
      throw new Error(`grid has ${grid.length} values, expected ${channels}×${rings}×${n}`);
    // Spectra of every ring: re/im for m = 0..L, C×rings×(L+1).
    const M = L + 1;
    const specRe = new Float64Array(channels * rings * M);
    const specIm = new Float64Array(channels * rings * M);
    const fftOut = this.fftOut;
    for (let c = 0; c < channels; c++) {
      for (let j = 0; j < rings; j++) {
        const ring = grid.subarray((c * rings + j) * n, (c * rings + j + 1) * n);
        this.fft.realTransform(fftOut, ring);
        const base = (c * rings + j) * M;
        for (let m = 0; m <= L; m++) {
          specRe[base + m] = fftOut[2 * m];
          specIm[base + m] = fftOut[2 * m + 1];
        }
      }
    }
    // Accumulate in m-major order (contiguous over l for a given m), reorder at the end.
    const offset = this.legendre.offset;
    const packed = offset[L + 1];
    const accCos = new Float64Array(channels * packed);
    const accSin = new Float64Array(channels * packed);
    const P = this.column;
    const pairs = Math.ceil(rings / 2);
    for (let i = 0; i < pairs; i++) {
      if (signal?.aborted) throw new CancelledError();
      const j = i;
      const j2 = rings - 1 - i;
      const middle = j === j2;
      const x = this.cosTheta[j];
      const u = this.sinTheta[j];
      const w = this.weights[j] * ((2 * Math.PI) / n);
      for (let m = 0; m <= L; m++) {
        const first = this.legendre.column(x, u, m, P);
        if (first > L) continue;
        const norm = m === 0 ? w : w * Math.SQRT2;
        const colBase = offset[m] - m;
        for (let c = 0; c < channels; c++) {
          const s1 = (c * rings + j) * M + m;
          const s2 = (c * rings + j2) * M + m;
          const re1 = specRe[s1];
          const im1 = specIm[s1];
          const re2 = middle ? 0 : specRe[s2];
          const im2 = middle ? 0 : specIm[s2];
          // Even l+m: north + south rings; odd: north − south. Sine part uses −Im (e^{−imφ} FFT).
          const evenRe = (re1 + re2) * norm;
          const evenIm = -(im1 + im2) * norm;
          const oddRe = (re1 - re2) * norm;
          const oddIm = -(im1 - im2) * norm;
          const cBase = c * packed + colBase;
          let l = first;
          if (((l + m) & 1) === 1) {
            const p = P[l];
            accCos[cBase + l] += p * oddRe;
            accSin[cBase + l] += p * oddIm;
            l++;
          }
          for (; l + 1 <= L; l += 2) {
            const pe = P[l];
            const po = P[l + 1];
            accCos[cBase + l] += pe * evenRe;
            accSin[cBase + l] += pe * evenIm;
            accCos[cBase + l + 1] += po * oddRe;
            accSin[cBase + l + 1] += po * oddIm;
          }
          if (l === L) {
            const p = P[l];
            accCos[cBase + l] += p * evenRe;
            accSin[cBase + l] += p * evenIm;
          }
        }
      }
    }
    const count = shCount(L);
    const result = out ?? new Float64Array(channels * count);
    if (result.length !== channels * count)
      throw new Error(`output has ${result.length} values, expected ${channels * count}`);
    for (let c = 0; c < channels; c++) {
      for (let m = 0; m <= L; m++) {
        const colBase = c * packed + offset[m] - m;
        for (let l = m; l <= L; l++) {
          result[c * count + shIndex(l, m)] = accCos[colBase + l];
          if (m > 0) result[c * count + shIndex(l, -m)] = accSin[colBase + l];
        }
      }
    }
    return result;
  }

  /**
   * Coefficients → grid. `coefficients`: C×(L′+1)² with L′ ≤ L (a lower-degree expansion is
   * evaluated as is); returns C×rings×samplesPerRing (written into `out` if given).
   */
  inverse(
    coefficients: Float64Array,
    channels: number,
    out?: Float64Array,
    signal?: AbortSignal,
  ): Float64Array {
    const L = this.degree;
    const { rings, samplesPerRing: n } = this;
    const perChannel = coefficients.length / channels;
    const Lc = Math.round(Math.sqrt(perChannel)) - 1;
    if (!Number.isInteger(perChannel) || (Lc + 1) * (Lc + 1) !== perChannel || Lc > L) {
      throw new Error(
        `coefficients must be ${channels}×(L′+1)² with L′ ≤ ${L}, got ${coefficients.length} values`,
      );
    }
    const grid = out ?? new Float64Array(channels * rings * n);
    if (grid.length !== channels * rings * n)
      throw new Error(`output has ${grid.length} values, expected ${channels * rings * n}`);
    // Repack coefficients m-major for contiguous access over l.
    const offset = this.legendre.offset;
    const packed = offset[L + 1];
    const cosPacked = new Float64Array(channels * packed);
    const sinPacked = new Float64Array(channels * packed);
    for (let c = 0; c < channels; c++) {
      for (let m = 0; m <= Lc; m++) {
        const colBase = c * packed + offset[m] - m;
        for (let l = m; l <= Lc; l++) {
          cosPacked[colBase + l] = coefficients[c * perChannel + shIndex(l, m)];
          if (m > 0) sinPacked[colBase + l] = coefficients[c * perChannel + shIndex(l, -m)];
        }
      }
    }
    // Ring spectra: X_m = norm·(G_cos − i·G_sin), m = 0..Lc, C×rings×(Lc+1).
    const M = Lc + 1;
    const specRe = new Float64Array(channels * rings * M);
    const specIm = new Float64Array(channels * rings * M);
    const P = this.column;
    const pairs = Math.ceil(rings / 2);
    for (let i = 0; i < pairs; i++) {
      if (signal?.aborted) throw new CancelledError();
      const j = i;
      const j2 = rings - 1 - i;
      const x = this.cosTheta[j];
      const u = this.sinTheta[j];
      for (let m = 0; m <= Lc; m++) {
        const first = this.legendre.column(x, u, m, P);
        if (first > Lc) continue;
        const norm = m === 0 ? 1 : Math.SQRT2;
        const colBase = offset[m] - m;
        for (let c = 0; c < channels; c++) {
          const cBase = c * packed + colBase;
          let evenC = 0;
          let evenS = 0;
          let oddC = 0;
          let oddS = 0;
          for (let l = first; l <= Lc; l++) {
            const p = P[l];
            if (((l + m) & 1) === 0) {
              evenC += p * cosPacked[cBase + l];
              evenS += p * sinPacked[cBase + l];
            } else {
              oddC += p * cosPacked[cBase + l];
              oddS += p * sinPacked[cBase + l];
            }
          }
          const s1 = (c * rings + j) * M + m;
          const s2 = (c * rings + j2) * M + m;
          specRe[s1] = norm * (evenC + oddC);
          specIm[s1] = -norm * (evenS + oddS);
          if (j2 !== j) {
            specRe[s2] = norm * (evenC - oddC);
            specIm[s2] = -norm * (evenS - oddS);
          }
        }
      }
    }
    // f_k = Re Σ_m X_m e^{+imφ_k} = Re conj(FFT(conj X))_k = Re FFT(conj X)_k.
    const fftIn = this.fftIn;
    const fftOut = this.fftOut;
    for (let c = 0; c < channels; c++) {
      for (let j = 0; j < rings; j++) {
        fftIn.fill(0);
        const base = (c * rings + j) * M;
        for (let m = 0; m <= Lc; m++) {
          fftIn[2 * m] = specRe[base + m];
          fftIn[2 * m + 1] = -specIm[base + m];
        }
        this.fft.transform(fftOut, fftIn);
        const ringBase = (c * rings + j) * n;
        for (let k = 0; k < n; k++) grid[ringBase + k] = fftOut[2 * k];
      }
    }
    return grid;
  }
}
