import { describe, expect, it } from 'vitest';
import { inspectMesh } from '../../../../src/core/mesh/inspect';
import { repairMesh } from '../../../../src/core/mesh/repair/repairMesh';
import { meshProblem } from '../../../../src/core/mesh/validateMesh';

/** A small seeded generator (LCG), so a failure names a reproducible case. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('repairMesh on random triangle soups', () => {
  it('never throws and always returns a valid manifold mesh', () => {
    const random = generator(12345);
    for (let run = 0; run < 500; run++) {
      // Few vertices on a coarse grid and many faces: duplicates, degenerate faces, fins, pinches, flips.
      const vertexTotal = 4 + Math.floor(random() * 12);
      const faceTotal = 1 + Math.floor(random() * 30);
      const positions = Float64Array.from({ length: 3 * vertexTotal }, () => Math.floor(random() * 4));
      const indices = Uint32Array.from({ length: 3 * faceTotal }, () => Math.floor(random() * vertexTotal));
      const { mesh } = repairMesh({ positions, indices });
      expect(meshProblem(mesh), `run ${run}`).toBeNull();
      const r = inspectMesh(mesh);
      expect(
        [r.nonManifoldEdges, r.nonManifoldVertices, r.degenerateFaces, r.duplicateFaces],
        `run ${run}`,
      ).toEqual([0, 0, 0, 0]);
    }
  });
});
