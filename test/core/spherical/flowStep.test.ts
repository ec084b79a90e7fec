import { describe, expect, it } from 'vitest';
import { meshPattern } from '../../../src/core/geometry/meshPattern';
import { addMass, addStiffness, multiplyMass } from '../../../src/core/geometry/operators';
import { normalizeToUnitArea, radialDeviation } from '../../../src/core/spherical/normalize';
import {
  sphericalParametrize,
  type SphericalOptions,
} from '../../../src/core/spherical/sphericalParametrize';
import { flowStepKernel } from '../../../src/core/wasm/wasmFlowStep';
import { hasShared, loadSharedMesh } from '../../helpers/shared';
import { icosphere } from './helpers';

function expectSameBits(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  let differing = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) differing++;
  expect(differing).toBe(0);
}

describe('WebAssembly flow step', () => {
  it('normalises, measures the radial deviation and assembles t·L, M + t·L and M·x to the JavaScript bits', () => {
    const sphere = icosphere(3);
    // A lumpy ellipsoid, so that nothing is symmetric by accident.
    const positions = Float64Array.from(
      sphere.positions,
      (v, i) => v * [1.5, 1, 0.8][i % 3] + 0.1 * Math.sin(7 * i),
    );
    const { indices } = sphere;
    const n = positions.length / 3;
    const mp = meshPattern(indices, n);
    const flow = flowStepKernel(indices, n, mp.edgeSlots, mp.diagSlots, mp.pattern.nnz);
    expect(flow).not.toBeNull();
    const x = Float64Array.from(positions);
    const areas = new Float64Array(indices.length / 3);
    const weights = new Float64Array(n);
    flow!.x.set(positions);
    expect(flow!.normalize()).toBe(normalizeToUnitArea(x, indices, areas));
    expectSameBits(flow!.x, x);
    expectSameBits(flow!.areas, areas);
    expect(Object.is(flow!.radialDeviation(), radialDeviation(x, indices, areas, weights))).toBe(true);
    expectSameBits(flow!.weights, weights);
    const stiffness = new Float64Array(mp.pattern.nnz);
    addStiffness(mp, x, indices, stiffness, 0.05);
    flow!.addStiffness(0.05);
    expectSameBits(flow!.stiffness, stiffness);
    flow!.assembleFemMass();
    const system = Float64Array.from(stiffness);
    addMass(mp, areas, indices, 'fem', system);
    expectSameBits(flow!.system, system);
    flow!.multiplyFemMass();
    const rhs = new Float64Array(3 * n);
    multiplyMass(areas, indices, 'fem', x, rhs);
    expectSameBits(flow!.rhs, rhs);
  });

  it.skipIf(!hasShared)(
    'gives the whole flow the same bits as the JavaScript kernels (spot_low, also with the intrinsic Delaunay L₀; fandisk and bunny, with PCG steps)',
    async () => {
      const runs: [string, Partial<SphericalOptions>][] = [
        ['spot_low.obj', {}],
        ['spot_low.obj', { laplacian: 'intrinsic-delaunay' }],
        ['fandisk.obj', {}],
        ['bunny.obj', {}],
      ];
      for (const [name, options] of runs) {
        const mesh = loadSharedMesh(name);
        const wasm = await sphericalParametrize(mesh, options);
        const js = await sphericalParametrize(mesh, { ...options, kernel: 'js' });
        expectSameBits(wasm.sphere, js.sphere);
        // The sphere is a plain copy, not a view into WebAssembly memory (it is transferred to the host).
        expect(wasm.sphere.buffer.byteLength).toBe(wasm.sphere.byteLength);
        const { seconds, factorSeconds, solveSeconds, centringSeconds, ...metrics } = wasm.metrics;
        const {
          seconds: s,
          factorSeconds: f,
          solveSeconds: v,
          centringSeconds: c,
          ...metricsJs
        } = js.metrics;
        expect(
          [seconds, factorSeconds, solveSeconds, centringSeconds, s, f, v, c].every(Number.isFinite),
        ).toBe(true);
        expect(metrics).toEqual(metricsJs);
        if (name !== 'spot_low.obj') expect(metrics.pcgIterations).toBeGreaterThan(0);
      }
    },
  );
});
