import { describe, expect, it } from 'vitest';
import { inspectMesh } from '../../../src/core/mesh/inspect';
import { removeSmallPieces } from '../../../src/core/meshing/removeSmallPieces';
import { icosphere } from '../sdf/shapes';

describe('removeSmallPieces', () => {
  const big = icosphere(1, 4);
  const small = icosphere(0.1, 0); // 20 faces
  const offset = big.positions.length / 3;
  const both = {
    positions: Float32Array.from([
      ...big.positions,
      ...Array.from(small.positions, (v, i) => (i % 3 === 0 ? v + 3 : v)),
    ]),
    indices: Uint32Array.from([...small.indices].map((v) => v + offset).concat([...big.indices])),
  };

  it('drops a floater below the fraction and keeps the main piece intact', () => {
    const { mesh, removedPieces } = removeSmallPieces(both, 0.05);
    expect(removedPieces).toBe(1);
    expect(mesh.indices.length).toBe(big.indices.length);
    expect(mesh.positions.length).toBe(big.positions.length);
    const inspection = inspectMesh(mesh);
    expect([inspection.components, inspection.closed, inspection.unusedVertices]).toEqual([1, true, 0]);
  });

  it('keeps everything at fraction 0 or when pieces are large enough', () => {
    expect(removeSmallPieces(both, 0).removedPieces).toBe(0);
    expect(removeSmallPieces(both, 0.001).mesh).toBe(both);
  });
});
