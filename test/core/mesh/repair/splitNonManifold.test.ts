import { describe, expect, it } from 'vitest';
import { inspectMesh } from '../../../../src/core/mesh/inspect';
import { signedVolume } from '../../../../src/core/mesh/measure';
import { splitNonManifold } from '../../../../src/core/mesh/repair/splitNonManifold';
import { weldVertices } from '../../../../src/core/mesh/repair/weldVertices';
import { hasShared, loadSharedMesh } from '../../../helpers/shared';
import { concat, cube, mesh, tetrahedron } from '../fixtures';

describe('splitNonManifold', () => {
  it('splits the shared vertex of two tetrahedra into two, giving two closed genus-0 pieces', () => {
    const a = tetrahedron();
    const b = tetrahedron([0, 0, 1]);
    const joined = mesh(
      [...a.positions, ...b.positions.slice(3)],
      [...a.indices, ...Array.from(b.indices, (i) => (i === 0 ? 3 : i + 3))],
    );
    joined.uvs = Float32Array.from({ length: 14 }, (_, i) => i);
    const { mesh: out, report } = splitNonManifold(joined);
    expect(report.counts).toEqual({
      nonManifoldEdges: 0,
      splitVertices: 1,
      addedVertices: 1,
      detachedFaces: 0,
      remainingNonManifoldEdges: 0,
    });
    expect(out.positions.length / 3).toBe(8);
    expect(Array.from(out.uvs!.slice(14))).toEqual([6, 7]); // the copy carries vertex 3's UV
    const r = inspectMesh(out);
    expect([r.components, r.manifold, r.closed]).toEqual([2, true, true]);
    expect(r.componentGenus).toEqual([0, 0]);
  });

  it('separates two cubes that share an edge along the solids, not across them', () => {
    const welded = weldVertices(concat(cube(), cube([1, 1, 0]))).mesh;
    const before = inspectMesh(welded);
    expect(before.nonManifoldEdges).toBe(1);
    expect(before.components).toBe(1);
    const { mesh: out, report } = splitNonManifold(welded);
    expect(report.counts.addedVertices).toBe(2);
    const r = inspectMesh(out);
    expect([r.components, r.manifold, r.closed, r.nonManifoldEdges]).toEqual([2, true, true, 0]);
    expect(r.componentGenus).toEqual([0, 0]);
    expect(signedVolume(out)).toBeCloseTo(2, 12);
  });

  it('detaches the odd face of a three-face fin so that every edge has at most two faces', () => {
    const fin = mesh([0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, -1, -1, 0], [0, 1, 2, 1, 0, 3, 0, 1, 4]);
    const r = inspectMesh(splitNonManifold(fin).mesh);
    expect(r.nonManifoldEdges).toBe(0);
    expect(r.nonManifoldVertices).toBe(0);
  });

  it.skipIf(!hasShared)('cow_pinched becomes a closed manifold genus-0 mesh', () => {
    const { mesh: out, report } = splitNonManifold(loadSharedMesh('cow_pinched.obj'));
    expect(report.counts.splitVertices).toBe(1);
    const r = inspectMesh(out);
    expect([r.vertices, r.manifold, r.closed, r.eulerCharacteristic, r.genus]).toEqual([
      2904,
      true,
      true,
      2,
      0,
    ]);
  });

  it('leaves a manifold mesh as it is', () => {
    const c = cube();
    expect(splitNonManifold(c).mesh).toBe(c);
  });
});
