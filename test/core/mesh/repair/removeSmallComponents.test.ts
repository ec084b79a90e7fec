import { describe, expect, it } from 'vitest';
import { inspectMesh } from '../../../../src/core/mesh/inspect';
import { removeSmallComponents } from '../../../../src/core/mesh/repair/removeSmallComponents';
import { concat, cube, mesh, tetrahedron, torus } from '../fixtures';

describe('removeSmallComponents', () => {
  const pieces = concat(tetrahedron([5, 0, 0]), torus(12, 8), cube([0, 5, 0]));

  it('removes pieces under the face count, with their vertices', () => {
    const { mesh: out, report } = removeSmallComponents(pieces, { minFaces: 12 });
    expect(report.counts).toEqual({
      removedComponents: 1,
      removedFaces: 4,
      removedVertices: 4,
      keptComponents: 2,
    });
    const r = inspectMesh(out);
    expect([r.components, r.faces, r.vertices, r.unusedVertices]).toEqual([2, 204, 104, 0]);
  });

  it('keeps only the largest piece', () => {
    const { mesh: out, report } = removeSmallComponents(pieces, { keepLargest: true });
    expect(report.operation).toBe('keep_largest_component');
    expect(report.counts.removedComponents).toBe(2);
    const r = inspectMesh(out);
    expect([r.components, r.faces, r.genus]).toEqual([1, 192, 1]);
  });

  it('leaves vertices that were already unused alone and changes nothing when nothing is small', () => {
    const m = mesh([...pieces.positions, 9, 9, 9], Array.from(pieces.indices));
    expect(inspectMesh(removeSmallComponents(m, { minFaces: 5 }).mesh).unusedVertices).toBe(1);
    expect(removeSmallComponents(pieces, { minFaces: 4 }).mesh).toBe(pieces);
  });
});
