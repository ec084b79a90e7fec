import { describe, expect, it } from 'vitest';
import { gaussLegendre } from '../../../src/core/harmonics/gaussLegendre';

describe('gaussLegendre', () => {
  it('matches the tabulated 5-point rule', () => {
    const { nodes, weights } = gaussLegendre(5);
    const x = [0.906179845938664, 0.5384693101056831, 0, -0.5384693101056831, -0.906179845938664];
    const w = [
      0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891,
    ];
    for (let i = 0; i < 5; i++) {
      expect(nodes[i]).toBeCloseTo(x[i], 14);
      expect(weights[i]).toBeCloseTo(w[i], 14);
    }
  });

  it('integrates polynomials of degree 2n−1 exactly and sums weights to 2, up to n = 1025', () => {
    for (const n of [1, 2, 7, 64, 257, 1025]) {
      const { nodes, weights } = gaussLegendre(n);
      let total = 0;
      let even = 0;
      let odd = 0;
      const p = 2 * n - 2; // even power ≤ 2n − 1
      for (let i = 0; i < n; i++) {
        total += weights[i];
        even += weights[i] * nodes[i] ** p;
        odd += weights[i] * nodes[i] ** (p + 1);
        if (i > 0) expect(nodes[i]).toBeLessThan(nodes[i - 1]);
      }
      expect(Math.abs(total - 2)).toBeLessThan(1e-13);
      expect(Math.abs(even - 2 / (p + 1))).toBeLessThan(1e-13);
      expect(Math.abs(odd)).toBeLessThan(1e-14);
    }
  });

  it('rejects a non-positive node count', () => {
    expect(() => gaussLegendre(0)).toThrow(/positive integer/);
  });
});
