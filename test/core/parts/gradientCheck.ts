import { expect } from 'vitest';
import { mul, sum } from '../../../src/core/nn/ops';
import { Tape } from '../../../src/core/nn/Tape';
import { Tensor } from '../../../src/core/nn/Tensor';
import type { Rng } from '../../../src/core/sampling/Rng';

/**
 * Compares the tape's gradient of a scalar function with central finite differences (float64
 * steps over float32 values: loose tolerances), on up to `entries` entries of each parameter.
 */
export function checkGradients(
  params: Tensor[],
  loss: (tape: Tape) => Tensor,
  rng: Rng,
  entries = 12,
  h0 = 1e-3,
): void {
  const tape = new Tape();
  for (const p of params) p.grad!.fill(0);
  tape.backward(loss(tape));
  tape.reset();
  for (const p of params) {
    const analytic = Float32Array.from(p.grad!);
    for (let s = 0; s < Math.min(entries, p.size); s++) {
      const i = p.size <= entries ? s : rng.int(p.size);
      const old = p.data[i]!;
      const h = h0 * Math.max(1, Math.abs(old));
      p.data[i] = old + h;
      const up = loss(tape).item();
      tape.reset();
      p.data[i] = old - h;
      const down = loss(tape).item();
      tape.reset();
      p.data[i] = old;
      const numeric = (up - down) / (2 * h);
      expect(
        Math.abs(analytic[i]! - numeric),
        `entry ${i}: analytic ${analytic[i]}, numeric ${numeric}`,
      ).toBeLessThan(3e-3 + 3e-2 * Math.abs(numeric));
    }
  }
}

export function randomParam(shape: number[], rng: Rng, scale = 1, offset = 0): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return Tensor.parameter(
    new Float32Array(n).map(() => offset + (rng.next() * 2 - 1) * scale),
    shape,
  );
}

/** Σ w ⊙ y with fixed random weights w: a scalar that depends on every output entry. */
export function weighted(tape: Tape, y: Tensor, rng: Rng): Tensor {
  const w = Tensor.constant(
    new Float32Array(y.size).map(() => rng.next() * 2 - 1),
    y.shape,
  );
  return sum(tape, mul(tape, y, w));
}
