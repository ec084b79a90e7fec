import { describe, expect, it } from 'vitest';
import { Tape } from '../../../src/core/nn/Tape';
import { Tensor } from '../../../src/core/nn/Tensor';
import { blockPrimitives, ConditionalFlow } from '../../../src/core/parts/ConditionalFlow';
import { spherePoints } from '../../../src/core/parts/fitParts';
import { Rng } from '../../../src/core/sampling/Rng';
import { checkGradients, weighted } from './gradientCheck';

/** A small flow with weights pushed away from their near-identity start, so every layer matters. */
function roughFlow(
  seed: number,
  primitives = 3,
  affine: 'predicted' | 'free' = 'predicted',
  pointScale = 1,
): ConditionalFlow {
  const rng = new Rng(seed);
  const flow = new ConditionalFlow(
    { primitives, codeSize: 4, hidden: 8, layers: 4, radius: 0.25, affine, pointScale },
    rng,
  );
  for (const p of flow.parameters) for (let i = 0; i < p.size; i++) p.data[i] += (rng.next() - 0.5) * 0.6;
  return flow;
}

describe('the conditional invertible network', () => {
  it.each([
    ['predicted', 1],
    ['free', 1],
    ['free', 4],
  ] as const)(
    'is exactly invertible: φ⁻¹(φ(x)) = x for every primitive (%s placement, point scale %d)',
    (affine, pointScale) => {
      const flow = roughFlow(1, 3, affine, pointScale);
      const tape = new Tape();
      const cond = flow.condition(tape);
      const rng = new Rng(2);
      const N = 200;
      const x = Tensor.constant(
        new Float32Array(3 * N).map(() => rng.next() - 0.5),
        [N, 3],
      );
      const prims = Int32Array.from({ length: N }, (_, i) => i % 3);
      const y = flow.forward(tape, cond, x, prims);
      let moved = 0,
        err = 0;
      const back = flow.inverse(tape, cond, y, prims);
      for (let i = 0; i < 3 * N; i++) {
        moved = Math.max(moved, Math.abs(y.data[i]! - x.data[i]!));
        err = Math.max(err, Math.abs(back.data[i]! - x.data[i]!));
      }
      expect(moved).toBeGreaterThan(0.1); // a real deformation
      expect(err).toBeLessThan(2e-5);
      // and the other way round
      const again = flow.forward(tape, cond, flow.inverse(tape, cond, x, prims), prims);
      for (let i = 0; i < 3 * N; i++) expect(Math.abs(again.data[i]! - x.data[i]!)).toBeLessThan(2e-5);
    },
  );

  it('puts the mapped sphere on the zero level set of g_m', () => {
    const flow = roughFlow(3);
    const tape = new Tape();
    const cond = flow.condition(tape);
    const T = 50;
    const tiled = new Float32Array(3 * 3 * T);
    const sphere = spherePoints(T, 0.25, new Rng(4));
    for (let m = 0; m < 3; m++) tiled.set(sphere, 3 * m * T);
    const prims = blockPrimitives(3, T);
    const y = flow.forward(tape, cond, Tensor.constant(tiled, [3 * T, 3]), prims);
    const g = flow.implicit(tape, cond, y, prims);
    for (const v of g.data) expect(Math.abs(v)).toBeLessThan(1e-5);
  });

  it('has the gradients of its implicit function and forward map', () => {
    const flow = roughFlow(5, 2);
    const rng = new Rng(6);
    const x = Tensor.constant(
      new Float32Array(3 * 6).map(() => rng.next() - 0.5),
      [6, 3],
    );
    const prims = Int32Array.from([0, 1, 0, 1, 1, 0]);
    const params = [
      flow.codes,
      flow.couplings[0]!.pointWeight,
      flow.couplings[3]!.codeWeight,
      flow.couplings[2]!.rest.layers[1]!.weight,
      flow.scaleNet.layers[1]!.bias,
      flow.rotationNet.layers[1]!.weight,
      flow.translationNet.layers[1]!.bias,
    ];
    checkGradients(
      params,
      (t) => weighted(t, flow.implicit(t, flow.condition(t), x, prims), new Rng(7)),
      rng,
      6,
    );
    checkGradients(
      params,
      (t) => weighted(t, flow.forward(t, flow.condition(t), x, prims), new Rng(8)),
      rng,
      6,
    );
  });

  it('has the gradients of its free per-primitive placement', () => {
    const flow = roughFlow(15, 2, 'free');
    expect(flow.parameters).toContain(flow.free!.translation);
    expect(flow.parameters).not.toContain(flow.translationNet.layers[1]!.bias);
    const rng = new Rng(16);
    const x = Tensor.constant(
      new Float32Array(3 * 6).map(() => rng.next() - 0.5),
      [6, 3],
    );
    const prims = Int32Array.from([0, 1, 0, 1, 1, 0]);
    const params = [flow.free!.scale, flow.free!.rotation, flow.free!.translation, flow.codes];
    checkGradients(
      params,
      (t) => weighted(t, flow.implicit(t, flow.condition(t), x, prims), new Rng(17)),
      rng,
      6,
    );
  });

  it('scales the coordinates its couplings read by pointScale (as point weights that much larger)', () => {
    const scaled = roughFlow(21, 2, 'free', 4);
    const plain = roughFlow(21, 2, 'free', 1);
    for (const c of plain.couplings) c.pointWeight.data.forEach((w, i, a) => (a[i] = w * 4));
    const rng = new Rng(22);
    const x = Tensor.constant(
      new Float32Array(3 * 40).map(() => (rng.next() - 0.5) * 0.5),
      [40, 3],
    );
    const prims = Int32Array.from({ length: 40 }, (_, i) => i % 2);
    const tape = new Tape();
    const a = scaled.forward(tape, scaled.condition(tape), x, prims).data;
    const b = plain.forward(tape, plain.condition(tape), x, prims).data;
    const unscaled = roughFlow(21, 2, 'free', 1);
    const c = unscaled.forward(tape, unscaled.condition(tape), x, prims).data;
    let differs = 0;
    for (let i = 0; i < a.length; i++) {
      expect(a[i]).toBeCloseTo(b[i]!, 5);
      differs = Math.max(differs, Math.abs(a[i]! - c[i]!));
    }
    expect(differs).toBeGreaterThan(0.01); // the factor does change the map
    checkGradients(
      [scaled.couplings[1]!.pointWeight, scaled.codes, scaled.free!.translation],
      (t) => weighted(t, scaled.implicit(t, scaled.condition(t), x, prims), new Rng(23)),
      rng,
      6,
    );
  });

  it.each(['predicted', 'free'] as const)(
    'starts exactly on its anchor ellipsoids (%s placement), couplings aside',
    (affine) => {
      // one primitive: an ellipsoid at (0.2, −0.1, 0.3) with semi-axes 0.4, 0.1, 0.05 along x, y, z
      const anchors = {
        translation: Float32Array.from([0.2, -0.1, 0.3]),
        scale: Float32Array.from([0.25 / 0.4, 0.25 / 0.1, 0.25 / 0.05]),
        rotation: Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]),
      };
      const flow = new ConditionalFlow(
        { primitives: 1, codeSize: 4, hidden: 8, layers: 0, radius: 0.25, affine },
        new Rng(3),
        anchors,
      );
      const tape = new Tape();
      const cond = flow.condition(tape);
      expect(Array.from(cond.translation.data)).toEqual(Array.from(anchors.translation));
      for (let k = 0; k < 3; k++) expect(cond.sigma.data[k]).toBeCloseTo(anchors.scale[k]!, 6);
      // the tip of the long axis and of the short one lie on the surface
      const y = Tensor.constant(Float32Array.from([0.6, -0.1, 0.3, 0.2, -0.1, 0.35]), [2, 3]);
      const g = flow.implicit(tape, cond, y, Int32Array.from([0, 0]));
      for (const v of g.data) expect(Math.abs(v)).toBeLessThan(1e-6);
    },
  );

  it('has a frozen twin that shares the weights and records nothing', () => {
    const flow = roughFlow(9);
    const frozen = flow.frozen();
    const tape = new Tape();
    const x = Tensor.constant(Float32Array.from([0.1, 0.2, 0.3, -0.1, 0, 0.2]), [2, 3]);
    const prims = Int32Array.from([0, 2]);
    const a = Float32Array.from(flow.implicit(tape, flow.condition(tape), x, prims).data);
    const b = frozen.implicit(tape, frozen.condition(tape), x, prims);
    expect(b.requiresGrad).toBe(false);
    expect(Array.from(b.data)).toEqual(Array.from(a));
    flow.codes.data[0]! += 1; // shared storage: the twin sees training updates
    const c = frozen.implicit(tape, frozen.condition(tape), x, prims);
    expect(c.data[0]).not.toBe(a[0]);
  });
});
