import { describe, expect, it } from 'vitest';
import { Tape } from '../../../src/core/nn/Tape';
import { Tensor } from '../../../src/core/nn/Tensor';
import {
  composeRotations,
  couplingStep,
  eluPlusOne,
  quaternionRotation,
  rowAffine,
  rowNorm,
  selectColumns,
} from '../../../src/core/parts/partsOps';
import { Rng } from '../../../src/core/sampling/Rng';
import { checkGradients, randomParam, weighted } from './gradientCheck';

/** A weighted sum whose weights are fixed once (so finite differences see the same function). */
function fixedWeights(size: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return new Float32Array(size).map(() => rng.next() * 2 - 1);
}

describe('Neural Parts ops: gradients match finite differences', () => {
  it('selectColumns, eluPlusOne, rowNorm', () => {
    const rng = new Rng(1);
    const x = randomParam([6, 3], rng);
    checkGradients([x], (t) => weighted(t, selectColumns(t, x, [2, 0]), new Rng(7)), rng);
    checkGradients([x], (t) => weighted(t, eluPlusOne(t, x), new Rng(8)), rng);
    checkGradients([x], (t) => weighted(t, rowNorm(t, x), new Rng(9)), rng);
  });

  it('quaternionRotation gives rotations and the right gradients', () => {
    const rng = new Rng(2);
    const q = randomParam([3, 4], rng);
    const tape = new Tape();
    const R = quaternionRotation(tape, q).data;
    for (let m = 0; m < 3; m++) {
      const r = (i: number, j: number): number => R[9 * m + 3 * i + j]!;
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) {
          let dot = 0;
          for (let k = 0; k < 3; k++) dot += r(i, k) * r(j, k);
          expect(dot).toBeCloseTo(i === j ? 1 : 0, 5); // orthonormal rows
        }
      const det =
        r(0, 0) * (r(1, 1) * r(2, 2) - r(1, 2) * r(2, 1)) -
        r(0, 1) * (r(1, 0) * r(2, 2) - r(1, 2) * r(2, 0)) +
        r(0, 2) * (r(1, 0) * r(2, 1) - r(1, 1) * r(2, 0));
      expect(det).toBeCloseTo(1, 5);
    }
    checkGradients([q], (t) => weighted(t, quaternionRotation(t, q), new Rng(10)), rng);
  });

  it.each([false, true])('couplingStep (inverse: %s)', (inverse) => {
    const rng = new Rng(3);
    const y = randomParam([7, 3], rng);
    const st = randomParam([7, 2], rng);
    st.data[0] = 1.5; // beyond the clamp (sMax = 1 here): no gradient to s there
    for (const c of [0, 1, 2])
      checkGradients(
        [y, st],
        (t) => weighted(t, couplingStep(t, y, st, c, inverse, 1), new Rng(11 + c)),
        rng,
        14,
      );
  });

  it('composeRotations multiplies row-major 3×3s per row, with the right gradients', () => {
    const rng = new Rng(5);
    const r = randomParam([3, 9], rng);
    const a = Tensor.constant(
      Float32Array.from({ length: 27 }, () => rng.next() * 2 - 1),
      [3, 9],
    );
    const y = composeRotations(new Tape(), r, a).data;
    for (let m = 0; m < 3; m++)
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) {
          let v = 0;
          for (let k = 0; k < 3; k++) v += r.data[9 * m + 3 * i + k]! * a.data[9 * m + 3 * k + j]!;
          expect(y[9 * m + 3 * i + j]).toBeCloseTo(v, 5);
        }
    checkGradients([r], (t) => weighted(t, composeRotations(t, r, a), new Rng(13)), rng);
  });

  it.each([false, true])('rowAffine (inverse: %s)', (inverse) => {
    const rng = new Rng(4);
    const y = randomParam([5, 3], rng);
    const sigma = randomParam([5, 3], rng, 0.5, 1.2);
    const rot = randomParam([5, 9], rng);
    const trans = randomParam([5, 3], rng);
    checkGradients(
      [y, sigma, rot, trans],
      (t) => weighted(t, rowAffine(t, y, sigma, rot, trans, inverse), new Rng(12)),
      rng,
      15,
    );
  });

  it('couplingStep and rowAffine are exactly inverted by their inverse modes', () => {
    const rng = new Rng(5);
    const tape = new Tape();
    const y = Tensor.constant(
      new Float32Array(30).map(() => rng.next() * 2 - 1),
      [10, 3],
    );
    const st = Tensor.constant(
      new Float32Array(20).map(() => rng.next() * 4 - 2),
      [10, 2],
    );
    const q = Tensor.constant(fixedWeights(4 * 10, 6), [10, 4]);
    const sigma = Tensor.constant(
      new Float32Array(30).map(() => 0.5 + rng.next()),
      [10, 3],
    );
    const trans = Tensor.constant(fixedWeights(30, 7), [10, 3]);
    const R = quaternionRotation(tape, q);
    const back = couplingStep(tape, couplingStep(tape, y, st, 1, false), st, 1, true);
    const back2 = rowAffine(tape, rowAffine(tape, y, sigma, R, trans, false), sigma, R, trans, true);
    for (let i = 0; i < 30; i++) {
      expect(back.data[i]!).toBeCloseTo(y.data[i]!, 5);
      expect(back2.data[i]!).toBeCloseTo(y.data[i]!, 5);
    }
  });
});
