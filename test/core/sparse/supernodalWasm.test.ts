import { describe, expect, it } from 'vitest';
import { meshPattern } from '../../../src/core/geometry/meshPattern';
import { addMass, addStiffness } from '../../../src/core/geometry/operators';
import { faceAreas } from '../../../src/core/geometry/triangles';
import { NotPositiveDefiniteError } from '../../../src/core/sparse/LdltFactor';
import { SparseSolver, type Ordering } from '../../../src/core/sparse/SparseSolver';
import { SupernodalLdlt } from '../../../src/core/sparse/SupernodalLdlt';
import { SymmetricPattern } from '../../../src/core/sparse/SymmetricPattern';
import { hasShared, loadSharedMesh } from '../../helpers/shared';
import { denseSolve, maxAbs, maxAbsDiff, randomSpd, rng, toDense } from './denseHelpers';

/** The factor of `values` by both kernels, which must agree bit for bit. */
function bothKernels(pattern: SymmetricPattern, values: Float64Array, ordering: Ordering = 'auto') {
  const wasm = new SparseSolver(pattern, ordering, 'supernodal', 'auto');
  const js = new SparseSolver(pattern, ordering, 'supernodal', 'js');
  expect((wasm.factorization as SupernodalLdlt).kernel).toBe('wasm');
  expect((js.factorization as SupernodalLdlt).kernel).toBe('js');
  wasm.factor(values);
  js.factor(values);
  return { wasm, js };
}

function expectSameBits(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  let differing = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) differing++;
  expect(differing).toBe(0);
}

describe('WebAssembly supernodal kernel', () => {
  it('gives the JavaScript kernel’s bits (factor and solve) and solves random SPD systems like a dense solve', () => {
    for (const [n, extra, seed, ordering] of [
      [60, 40, 1, 'auto'],
      [300, 900, 2, 'nested-dissection'],
      [500, 5000, 3, 'minimum-degree'],
      [400, 400, 4, 'natural'],
    ] as const) {
      const { pattern, values } = randomSpd(n, extra, seed);
      const { wasm, js } = bothKernels(pattern, values, ordering);
      expectSameBits(wasm.factorization.values, js.factorization.values);
      expectSameBits((wasm.factorization as SupernodalLdlt).d, (js.factorization as SupernodalLdlt).d);
      const random = rng(seed + 10);
      const b = new Float64Array(n * 3).map(() => random() - 0.5);
      const x = new Float64Array(b.length);
      wasm.solve(b, x, 3);
      const xJs = new Float64Array(b.length);
      js.solve(b, xJs, 3);
      expectSameBits(x, xJs);
      const expected = denseSolve(toDense(pattern, values), b, 3);
      expect(maxAbsDiff(x, expected) / maxAbs(expected)).toBeLessThan(1e-9);
    }
  });

  it('refactors with new values on the same structure (no state left from the last factorisation)', () => {
    const { pattern, values } = randomSpd(200, 600, 5);
    const { wasm, js } = bothKernels(pattern, values);
    const other = Float64Array.from(values);
    for (let j = 0; j < pattern.n; j += 2) other[pattern.diagSlot(j)] *= 1.5;
    wasm.factor(other);
    js.factor(other);
    expectSameBits(wasm.factorization.values, js.factorization.values);
    const again = new SparseSolver(pattern, 'auto');
    again.factor(other);
    expectSameBits(wasm.factorization.values, again.factorization.values);
  });

  it('runs stale-factor PCG (float32 copy of L in its memory) to the JavaScript kernel’s bits', () => {
    const { pattern, values } = randomSpd(400, 1600, 6, 1e-2);
    const { wasm, js } = bothKernels(pattern, values);
    const random = rng(9);
    const next = Float64Array.from(values);
    for (let j = 0; j < pattern.n; j++) next[pattern.diagSlot(j)] += 1e-2 * (random() - 0.5) * 0.6;
    const b = new Float64Array(pattern.n * 3).map(() => random() - 0.5);
    const x = new Float64Array(b.length);
    const xJs = new Float64Array(b.length);
    const report = wasm.solveIterative(next, b, x, 3, 1e-12, 100);
    const reportJs = js.solveIterative(next, b, xJs, 3, 1e-12, 100);
    expect(report.converged).toBe(true);
    expect(report.iterations).toBe(reportJs.iterations);
    expectSameBits(x, xJs);
    const expected = denseSolve(toDense(pattern, next), b, 3);
    expect(maxAbsDiff(x, expected) / maxAbs(expected)).toBeLessThan(1e-9);
  });

  it('refuses a matrix that is not positive definite, naming the pivot', () => {
    const pattern = SymmetricPattern.fromEdges(2, [0, 1]);
    const factor = new SupernodalLdlt(pattern);
    expect(factor.kernel).toBe('wasm');
    expect(() => factor.factor(Float64Array.from([1, 2, 1]))).toThrow(NotPositiveDefiniteError);
    expect(() => factor.factor(Float64Array.from([1, -1, 1]))).toThrow(/pivot 1/);
    expect(() => factor.factor(Float64Array.from([NaN, 0, 1]))).toThrow(/pivot 0/);
    expect(() => factor.factor(Float64Array.from([Infinity, 0, 1]))).toThrow(/pivot 0/);
    // Wide supernodes: a dense 9×9 block with a negative pivot in its second column pair.
    const edges: number[] = [];
    for (let i = 0; i < 9; i++) for (let j = i + 1; j < 9; j++) edges.push(i, j);
    const dense = SymmetricPattern.fromEdges(9, edges);
    const values = new Float64Array(dense.nnz);
    for (let j = 0; j < 9; j++) values[dense.diagSlot(j)] = j === 3 ? -1 : 10;
    const solver = new SparseSolver(dense, 'natural');
    expect(() => solver.factor(values)).toThrow(/pivot 3/);
  });

  it.skipIf(!hasShared)('gives the JavaScript kernel’s bits on M + t·L of the shared meshes', () => {
    for (const name of ['spot_low.obj', 'fandisk.obj']) {
      const mesh = loadSharedMesh(name);
      const n = mesh.positions.length / 3;
      const mp = meshPattern(mesh.indices, n);
      const values = new Float64Array(mp.pattern.nnz);
      addStiffness(mp, mesh.positions, mesh.indices, values, 0.05);
      addMass(mp, faceAreas(mesh.positions, mesh.indices), mesh.indices, 'fem', values);
      const { wasm, js } = bothKernels(mp.pattern, values);
      expectSameBits(wasm.factorization.values, js.factorization.values);
      expectSameBits((wasm.factorization as SupernodalLdlt).d, (js.factorization as SupernodalLdlt).d);
      const b = Float64Array.from(mesh.positions);
      const x = new Float64Array(b.length);
      const xJs = new Float64Array(b.length);
      wasm.solve(b, x, 3);
      js.solve(b, xJs, 3);
      expectSameBits(x, xJs);
    }
  });
});
