import { describe, expect, it } from 'vitest';
import { Tape } from '../../../src/core/nn/Tape';
import { Tensor } from '../../../src/core/nn/Tensor';
import {
  boxLoss,
  chamferLoss,
  coverageLoss,
  normalLoss,
  occupancyLoss,
  overlapLoss,
} from '../../../src/core/parts/losses';
import { Rng } from '../../../src/core/sampling/Rng';
import { checkGradients, randomParam } from './gradientCheck';

const column = (values: number[]): Tensor => Tensor.parameter(Float32Array.from(values), [values.length, 1]);
const softplus = (z: number): number => Math.log1p(Math.exp(z));

describe('Neural Parts losses on small cases with known values', () => {
  it('reconstruction: bidirectional Chamfer, primitive side only on the union surface', () => {
    const tape = new Tape();
    const prim = Tensor.parameter(Float32Array.from([0, 0, 0, 1, 0, 0]), [2, 3]);
    const target = Float32Array.from([0, 0, 0, 0, 2, 0]);
    // target→prim: 0 and 2 (mean 1); prim→target: 0 and 1 (mean 0.5)
    expect(chamferLoss(tape, prim, Uint8Array.from([1, 1]), target).item()).toBeCloseTo(1.5, 6);
    // the second primitive point lies inside another primitive: only the first counts on that side
    expect(chamferLoss(tape, prim, Uint8Array.from([1, 0]), target).item()).toBeCloseTo(1, 6);
    // with a pull on hidden points: + 0.5 × the hidden point's distance (1) over the one hidden point
    expect(chamferLoss(tape, prim, Uint8Array.from([1, 0]), target, 0.5).item()).toBeCloseTo(1.5, 6);
  });

  it('box: how far primitive points lie beyond the box, per point', () => {
    const tape = new Tape();
    const prim = Tensor.parameter(Float32Array.from([0.7, 0, -0.6, 0.1, 0.2, 0.3]), [2, 3]);
    // point 0: 0.2 beyond x, 0.1 beyond −z; point 1 inside → (0.3 + 0) / 2
    expect(boxLoss(tape, prim, 0.5).item()).toBeCloseTo(0.15, 6);
    expect(boxLoss(tape, prim, 1).item()).toBe(0);
  });

  it('occupancy: cross-entropy of −sharpness·min_m g against the labels', () => {
    const tape = new Tape();
    // M = 2 blocks of V = 2: g_0 = (0.1, −0.2), g_1 = (−0.05, 0.3)
    const g = column([0.1, -0.2, -0.05, 0.3]);
    const loss = occupancyLoss(tape, g, Uint8Array.from([1, 0]), 10).item();
    // point 0 inside, union logit 0.5: log(1 + e^−0.5); point 1 outside, logit 2: log(1 + e^2)
    expect(loss).toBeCloseTo((softplus(-0.5) + softplus(2)) / 2, 5);
  });

  it('overlap: points inside more than λ primitives', () => {
    const tape = new Tape();
    // V = 2: point 0 deep inside all three primitives, point 1 inside two
    const g = column([-1, -1, -1, -1, -1, 1]);
    expect(overlapLoss(tape, g, 2, 250, 1.95).item()).toBeCloseTo((3 - 1.95 + (2 - 1.95)) / 2, 5);
    expect(overlapLoss(tape, column([-1, 1, 1, 1, 1, 1]), 2, 250, 1.95).item()).toBe(0);
  });

  it('coverage: the k nearest inside points of each primitive should be inside it', () => {
    const tape = new Tape();
    const labels = Uint8Array.from([1, 1, 0]);
    const g = column([-1, 1, -5]); // one primitive; the outside point is ignored even though g is smallest there
    const nll = (v: number): number => -Math.log(1 / (1 + Math.exp(10 * v)) + 1e-6);
    expect(coverageLoss(tape, g, labels, 1, 10).item()).toBeCloseTo(nll(-1), 5);
    expect(coverageLoss(tape, g, labels, 2, 10).item()).toBeCloseTo((nll(-1) + nll(1)) / 2, 4);
    expect(coverageLoss(tape, g, labels, 5, 10).item()).toBeCloseTo((nll(-1) + nll(1)) / 2, 4); // fewer than k inside
  });

  it('normal consistency: 1 − cos between the finite-difference gradient and the normal', () => {
    const tape = new Tape();
    const g4 = column([0, 1, 0, 0]); // S = 1: ∇g ∝ (1, 0, 0)
    expect(normalLoss(tape, g4, Float32Array.from([1, 0, 0])).item()).toBeCloseTo(0, 6);
    expect(normalLoss(tape, g4, Float32Array.from([0, 1, 0])).item()).toBeCloseTo(1, 6);
    expect(normalLoss(tape, g4, Float32Array.from([-1, 0, 0])).item()).toBeCloseTo(2, 6);
  });
});

describe('Neural Parts losses: gradients match finite differences', () => {
  it('every loss', () => {
    const rng = new Rng(21);
    const prim = randomParam([12, 3], rng, 0.5);
    const target = new Float32Array(30).map(() => rng.next() - 0.5);
    const mask = Uint8Array.from({ length: 12 }, (_, i) => (i % 3 ? 1 : 0));
    checkGradients([prim], (t) => chamferLoss(t, prim, mask, target), rng, 20);
    const other = new Rng(5); // draws of its own, so the checks below see the same values as before
    checkGradients([prim], (t) => chamferLoss(t, prim, mask, target, 0.3), other, 20);
    checkGradients([prim], (t) => boxLoss(t, prim, 0.2), other, 20);
    const g = randomParam([3 * 8, 1], rng, 0.05); // M = 3, V = 8, within a few temperatures of 0
    const labels = Uint8Array.from({ length: 8 }, (_, i) => (i % 2 ? 1 : 0));
    checkGradients([g], (t) => occupancyLoss(t, g, labels, 20), rng, 24);
    checkGradients([g], (t) => overlapLoss(t, g, 8, 20, 0.8), rng, 24);
    checkGradients([g], (t) => coverageLoss(t, g, labels, 2, 20), rng, 24);
    const g4 = randomParam([4 * 5, 1], rng, 1);
    const normals = new Float32Array(15).map((_, i) => (i % 3 === 1 ? 1 : 0));
    checkGradients([g4], (t) => normalLoss(t, g4, normals), rng, 20);
  });
});
