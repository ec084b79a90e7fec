import { describe, expect, it } from 'vitest';
import { symmetricEigen3 } from '../../../src/core/parts/symmetricEigen3';
import { Rng } from '../../../src/core/sampling/Rng';

describe('symmetricEigen3', () => {
  it('diagonalises random symmetric matrices: A·v = λ·v, descending λ, right-handed frame', () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 20; trial++) {
      const a = new Float64Array(9);
      for (let i = 0; i < 3; i++)
        for (let j = i; j < 3; j++) a[3 * i + j] = a[3 * j + i] = rng.next() * 2 - 1;
      const { values, vectors } = symmetricEigen3(a);
      expect(values[0]).toBeGreaterThanOrEqual(values[1]!);
      expect(values[1]).toBeGreaterThanOrEqual(values[2]!);
      for (let k = 0; k < 3; k++) {
        const v = vectors.subarray(3 * k, 3 * k + 3);
        expect(Math.hypot(v[0]!, v[1]!, v[2]!)).toBeCloseTo(1, 10);
        for (let i = 0; i < 3; i++) {
          const av = a[3 * i]! * v[0]! + a[3 * i + 1]! * v[1]! + a[3 * i + 2]! * v[2]!;
          expect(av).toBeCloseTo(values[k]! * v[i]!, 9);
        }
      }
      const [x0, x1, x2, y0, y1, y2, z0, z1, z2] = vectors;
      expect(
        x0! * (y1! * z2! - y2! * z1!) - x1! * (y0! * z2! - y2! * z0!) + x2! * (y0! * z1! - y1! * z0!),
      ).toBeCloseTo(1, 10);
    }
  });

  it('handles a diagonal matrix and repeated eigenvalues', () => {
    const { values } = symmetricEigen3([2, 0, 0, 0, 5, 0, 0, 0, 2]);
    expect(Array.from(values)).toEqual([5, 2, 2]);
  });
});
