import { describe, expect, it } from 'vitest';
import { Adam } from '../../../src/core/nn/Adam';
import { createHashTable, hashGridEncode, type HashGridConfig } from '../../../src/core/nn/hashGrid';
import { Mlp } from '../../../src/core/nn/Mlp';
import * as op from '../../../src/core/nn/ops';
import { Tape } from '../../../src/core/nn/Tape';
import { Tensor } from '../../../src/core/nn/Tensor';
import { Rng } from '../../../src/core/sampling/Rng';

/**
 * Compares the tape's gradient of a scalar function with central finite differences, for every
 * entry of each parameter (or a random subset of large ones). Float32 values: loose tolerances.
 */
function checkGradients(params: Tensor[], loss: (tape: Tape) => Tensor, rng: Rng, entries = 12): void {
  const tape = new Tape();
  for (const p of params) p.grad!.fill(0);
  tape.backward(loss(tape));
  tape.reset();
  for (const p of params) {
    const analytic = Float32Array.from(p.grad!);
    for (let s = 0; s < Math.min(entries, p.size); s++) {
      const i = p.size <= entries ? s : rng.int(p.size);
      const old = p.data[i]!;
      const h = 1e-3 * Math.max(1, Math.abs(old));
      p.data[i] = old + h;
      const up = loss(tape).item();
      tape.reset();
      p.data[i] = old - h;
      const down = loss(tape).item();
      tape.reset();
      p.data[i] = old;
      const numeric = (up - down) / (2 * h);
      expect(Math.abs(analytic[i]! - numeric)).toBeLessThan(2e-3 + 2e-2 * Math.abs(numeric));
    }
  }
}

function randomParam(shape: number[], rng: Rng, scale = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return Tensor.parameter(
    new Float32Array(n).map(() => (rng.next() * 2 - 1) * scale),
    shape,
  );
}

describe('tape gradients match finite differences', () => {
  it('linear, activations, elementwise and reductions', () => {
    const rng = new Rng(1);
    const x = randomParam([5, 4], rng);
    const w = randomParam([4, 3], rng);
    const b = randomParam([3], rng);
    const c = randomParam([5, 3], rng);
    checkGradients(
      [x, w, b, c],
      (t) => {
        const h = op.linear(t, x, w, b);
        const a = op.add(t, op.tanh(t, h), op.mul(t, op.softplus(t, h), op.sin(t, c)));
        const s = op.sub(t, op.sigmoid(t, a), op.square(t, op.affine(t, c, 0.5, 0.1)));
        return op.mean(
          t,
          op.add(t, op.sumRows(t, op.exp(t, s)), op.sumRows(t, op.abs(t, op.clamp(t, c, -0.5, 0.5)))),
        );
      },
      rng,
    );
  });

  it('linear on shapes with whole WebAssembly tiles and remainders (13×10 · 10×19)', () => {
    const rng = new Rng(7);
    const x = randomParam([13, 10], rng);
    const w = randomParam([10, 19], rng);
    const b = randomParam([19], rng);
    const c = randomParam([13, 19], rng);
    const t = new Tape();
    const y = op.linear(t, x, w, b);
    for (let n = 0; n < 13; n++)
      for (let m = 0; m < 19; m++) {
        let s = b.data[m]!;
        for (let k = 0; k < 10; k++) s += x.data[n * 10 + k]! * w.data[k * 19 + m]!;
        expect(y.data[n * 19 + m]).toBeCloseTo(s, 5);
      }
    t.reset();
    checkGradients([x, w, b], (tape) => op.sum(tape, op.mul(tape, op.linear(tape, x, w, b), c)), rng, 40);
  });

  it('gather, slice, concat and row broadcasting', () => {
    const rng = new Rng(2);
    const x = randomParam([4, 3], rng);
    const row = randomParam([5], rng);
    checkGradients(
      [x, row],
      (t) => {
        const g = op.gatherRows(t, x, new Int32Array([3, 0, 3, 1, 2, 2]));
        const cat = op.concatCols(t, [g, op.sliceCols(t, g, 1, 3)]);
        return op.sum(t, op.square(t, op.add(t, cat, row)));
      },
      rng,
    );
  });

  it('the fused hash-grid encoding (dense and hashed levels) and the clamped L1 loss', () => {
    const rng = new Rng(3);
    const config: HashGridConfig = {
      levels: 4,
      features: 2,
      log2Size: 9,
      minResolution: 4,
      maxResolution: 32,
      boxHalf: 0.55,
    };
    const table = createHashTable(config, rng);
    for (let i = 0; i < table.size; i++) table.data[i] = rng.next() - 0.5;
    const mlp = new Mlp([8, 6, 1], 'relu', rng);
    const x = Tensor.constant(
      new Float32Array(60).map(() => rng.uniform(-0.6, 0.6)),
      [20, 3],
    );
    const target = new Float32Array(20).map(() => rng.uniform(-0.3, 0.3));
    checkGradients(
      [table, ...mlp.parameters],
      (t) =>
        op.mean(
          t,
          op.square(
            t,
            op.sub(t, mlp.forward(t, hashGridEncode(t, x, table, config)), Tensor.constant(target, [20, 1])),
          ),
        ),
      rng,
      40,
    );
  });

  it('the clamped L1 loss, straight through the clamp where the clamped values differ', () => {
    // predictions away from the kinks (±δ and the targets), so finite differences are exact
    const pred = Tensor.parameter(new Float32Array([0.05, -0.03, 0.5, -0.4, 0.3, 0.02]), [6, 1]);
    const target = new Float32Array([0.0, 0.02, -0.05, 0.3, 0.5, -0.5]);
    const tape = new Tape();
    const loss = op.clampedL1(tape, pred, target, 0.1);
    expect(loss.item()).toBeCloseTo((0.05 + 0.05 + 0.15 + 0.2 + 0 + 0.12) / 6, 6);
    tape.backward(loss);
    // inside the clamp: ±1/N; beyond it on the wrong side: still pushed back; beyond on the right side: 0
    expect(Array.from(pred.grad!).map((g) => Math.round(g * 6))).toEqual([1, -1, 1, -1, 0, 1]);
  });
});

describe('Adam', () => {
  it('fits a small regression', () => {
    const rng = new Rng(4);
    const mlp = new Mlp([2, 16, 1], 'tanh', rng);
    const xs = new Float32Array(400).map(() => rng.uniform(-1, 1));
    const y = new Float32Array(200).map((_, i) => Math.sin(2 * xs[2 * i]!) * xs[2 * i + 1]!);
    const x = Tensor.constant(xs, [200, 2]);
    const adam = new Adam(mlp.parameters, { lr: 0.02 });
    const tape = new Tape();
    let first = 0,
      last = 0;
    for (let s = 0; s < 400; s++) {
      const d = op.sub(tape, mlp.forward(tape, x), Tensor.constant(y, [200, 1]));
      const loss = op.mean(tape, op.square(tape, d));
      if (s === 0) first = loss.item();
      last = loss.item();
      tape.backward(loss);
      adam.step();
      tape.reset();
    }
    expect(last).toBeLessThan(first / 20);
  });
});
