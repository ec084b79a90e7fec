import { describe, expect, it } from 'vitest';
import { gaussLegendre } from '../../../src/core/harmonics/gaussLegendre';
import { LegendreRecurrence } from '../../../src/core/harmonics/legendre';

const FOUR_PI = 4 * Math.PI;

describe('LegendreRecurrence', () => {
  it('matches closed forms of low degrees (no Condon–Shortley phase)', () => {
    const rec = new LegendreRecurrence(3);
    const out = new Float64Array(4);
    for (const theta of [0, 0.3, 1.2, Math.PI / 2, 2.5, Math.PI]) {
      const x = Math.cos(theta);
      const u = Math.sin(theta);
      rec.column(x, u, 0, out);
      expect(out[0]).toBeCloseTo(Math.sqrt(1 / FOUR_PI), 15);
      expect(out[1]).toBeCloseTo(Math.sqrt(3 / FOUR_PI) * x, 15);
      expect(out[2]).toBeCloseTo(Math.sqrt(5 / FOUR_PI) * 0.5 * (3 * x * x - 1), 15);
      expect(out[3]).toBeCloseTo(Math.sqrt(7 / FOUR_PI) * 0.5 * (5 * x ** 3 - 3 * x), 15);
      rec.column(x, u, 1, out);
      // P̄_l^1 = √((2l+1)/(4π) · (l−1)!/(l+1)!) · P_l^1 (P_1^1 = u, P_2^1 = 3xu, P_3^1 = 1.5(5x²−1)u)
      expect(out[1]).toBeCloseTo(Math.sqrt(3 / FOUR_PI / 2) * u, 15);
      expect(out[2]).toBeCloseTo(Math.sqrt(5 / FOUR_PI / 6) * 3 * x * u, 15);
      expect(out[3]).toBeCloseTo(Math.sqrt(7 / FOUR_PI / 12) * 1.5 * (5 * x * x - 1) * u, 15);
      rec.column(x, u, 3, out);
      expect(out[3]).toBeCloseTo(Math.sqrt(7 / FOUR_PI / 720) * 15 * u ** 3, 15);
    }
  });

  it('is orthonormal under Gauss–Legendre quadrature at L = 96: ∫ P̄_l^m P̄_k^m dx = δ_lk / 2π', () => {
    const L = 96;
    const rec = new LegendreRecurrence(L);
    const { nodes, weights } = gaussLegendre(L + 1);
    const columns = Array.from({ length: L + 1 }, () => new Float64Array(L + 1));
    let worst = 0;
    for (const m of [0, 1, 17, 50, 95, 96]) {
      for (let j = 0; j <= L; j++) rec.column(nodes[j], Math.sqrt(1 - nodes[j] ** 2), m, columns[j]);
      for (let l = m; l <= L; l++) {
        for (let k = l; k <= L; k++) {
          let s = 0;
          for (let j = 0; j <= L; j++) s += weights[j] * columns[j][l] * columns[j][k];
          worst = Math.max(worst, Math.abs(2 * Math.PI * s - (l === k ? 1 : 0)));
        }
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('stays finite and normalised at degree 600, including where sinᵐθ underflows', () => {
    const L = 600;
    const rec = new LegendreRecurrence(L);
    const { nodes, weights } = gaussLegendre(L + 1);
    const column = new Float64Array(L + 1);
    // ∫ P̄_l^m² dx = 1/(2π) for every l, checked for high orders whose columns underflow near the poles.
    for (const m of [0, 250, 450, 600]) {
      const norms = new Float64Array(L + 1);
      let skipped = 0;
      for (let j = 0; j <= L; j++) {
        const first = rec.column(nodes[j], Math.sqrt((1 - nodes[j]) * (1 + nodes[j])), m, column);
        if (first > m) skipped++;
        for (let l = m; l <= L; l++) norms[l] += weights[j] * column[l] ** 2;
      }
      let worst = 0;
      for (let l = m; l <= L; l++) worst = Math.max(worst, Math.abs(2 * Math.PI * norms[l] - 1));
      expect(worst).toBeLessThan(1e-11); // NaN or ∞ anywhere would fail this too
      if (m >= 250) expect(skipped).toBeGreaterThan(0); // the extended-range path was exercised
    }
  });

  it('returns an all-zero column at the poles for m > 0', () => {
    const rec = new LegendreRecurrence(8);
    const out = new Float64Array(9).fill(7);
    expect(rec.column(1, 0, 3, out)).toBe(9);
    for (let l = 3; l <= 8; l++) expect(out[l]).toBe(0);
  });
});
