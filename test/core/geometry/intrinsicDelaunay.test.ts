import { describe, expect, it } from 'vitest';
import { intrinsicDelaunay, triangleArea } from '../../../src/core/geometry/intrinsicDelaunay';
import { meshPattern } from '../../../src/core/geometry/meshPattern';
import { addStiffness, addStiffnessFromLengths } from '../../../src/core/geometry/operators';
import { faceAreas } from '../../../src/core/geometry/triangles';
import { symmetricMultiply } from '../../../src/core/sparse/SymmetricPattern';
import { hasShared, loadSharedMesh } from '../../helpers/shared';
import { maxAbs, maxAbsDiff } from '../sparse/denseHelpers';
import { icosphere } from '../spherical/helpers';

function offDiagonalMax(pattern: ReturnType<typeof meshPattern>['pattern'], values: Float64Array): number {
  let max = -Infinity;
  for (let j = 0; j < pattern.n; j++)
    for (let p = pattern.colPtr[j]; p < pattern.colPtr[j + 1] - 1; p++) max = Math.max(max, values[p]);
  return max;
}

describe('intrinsicDelaunay', () => {
  it('leaves a Delaunay mesh alone, and its length-based Laplacian equals the cotangent one', () => {
    const { positions, indices } = icosphere(2);
    const { faces, lengths, flips } = intrinsicDelaunay(positions, indices);
    expect(flips).toBe(0);
    expect(Array.from(faces)).toEqual(Array.from(indices));
    const mp = meshPattern(indices, positions.length / 3);
    const a = new Float64Array(mp.pattern.nnz);
    const b = new Float64Array(mp.pattern.nnz);
    addStiffness(mp, positions, indices, a);
    addStiffnessFromLengths(mp.edgeSlots, mp.diagSlots, faces, lengths, b);
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-12 * maxAbs(a));
  });

  it('flips the non-Delaunay edges of a squashed sphere: same area, no negative weights', () => {
    const mesh = icosphere(1);
    // Squash the icosphere flat so many edges become non-Delaunay.
    const squashed = mesh.positions.map((v, i) => (i % 3 === 1 ? 0.05 * v : v));
    const { faces, lengths, flips } = intrinsicDelaunay(squashed, mesh.indices);
    expect(flips).toBeGreaterThan(0);
    // Same surface: the total area is unchanged by intrinsic flips.
    let area = 0;
    for (let f = 0; f < faces.length / 3; f++)
      area += triangleArea(lengths[3 * f], lengths[3 * f + 1], lengths[3 * f + 2]);
    expect(area).toBeCloseTo(
      faceAreas(squashed, mesh.indices).reduce((x, y) => x + y, 0),
      10,
    );
    // Delaunay: no negative cotangent weights (no positive off-diagonal entries), zero row sums.
    const both = new Uint32Array(2 * mesh.indices.length);
    both.set(mesh.indices);
    both.set(faces, mesh.indices.length);
    const mp = meshPattern(both, squashed.length / 3);
    const values = new Float64Array(mp.pattern.nnz);
    addStiffnessFromLengths(mp.edgeSlots.subarray(mesh.indices.length), mp.diagSlots, faces, lengths, values);
    expect(offDiagonalMax(mp.pattern, values)).toBeLessThan(1e-12);
    const ones = new Float64Array(squashed.length / 3).fill(1);
    const out = new Float64Array(ones.length);
    symmetricMultiply(mp.pattern, values, ones, out, 1);
    expect(maxAbs(out)).toBeLessThan(1e-10 * maxAbs(values));
    // The mesh's own cotangent Laplacian did have negative weights.
    const own = meshPattern(mesh.indices, ones.length);
    const ownValues = new Float64Array(own.pattern.nnz);
    addStiffness(own, squashed, mesh.indices, ownValues);
    expect(offDiagonalMax(own.pattern, ownValues)).toBeGreaterThan(0);
  });

  it.skipIf(!hasShared)('removes every negative weight of spot_low', () => {
    const mesh = loadSharedMesh('spot_low.obj');
    const { faces, lengths } = intrinsicDelaunay(mesh.positions, mesh.indices);
    const both = new Uint32Array(2 * mesh.indices.length);
    both.set(mesh.indices);
    both.set(faces, mesh.indices.length);
    const mp = meshPattern(both, mesh.positions.length / 3);
    const values = new Float64Array(mp.pattern.nnz);
    addStiffnessFromLengths(mp.edgeSlots.subarray(mesh.indices.length), mp.diagSlots, faces, lengths, values);
    expect(offDiagonalMax(mp.pattern, values)).toBeLessThan(1e-12);
  });
});
