import { describe, expect, it } from 'vitest';
import { inspectMesh } from '../../../../src/core/mesh/inspect';
import { signedVolume } from '../../../../src/core/mesh/measure';
import { repairMesh } from '../../../../src/core/mesh/repair/repairMesh';
import { weldVertices } from '../../../../src/core/mesh/repair/weldVertices';
import { hasShared, loadSharedMesh } from '../../../helpers/shared';
import { concat, cube, flipFaces, mesh, tetrahedron, unweld } from '../fixtures';

describe('repairMesh', () => {
  it('turns a broken soup (unwelded, flipped, duplicated, degenerate, holed, with a stray point) into a clean solid', () => {
    const holed = flipFaces(cube([0, 0, 0], [1]), [0, 4]); // no top, two faces flipped
    const soup = unweld(holed);
    const i = soup.indices;
    const broken = mesh([...soup.positions, 7, 7, 7], [...i, i[3]!, i[5]!, i[4]!, i[0]!, i[0]!, i[1]!]);
    const before = inspectMesh(broken);
    expect(before.boundaryEdges).toBeGreaterThan(20);
    const steps: string[] = [];
    const { mesh: out, report } = repairMesh(broken, {}, (_done, _total, r) => steps.push(r.operation));
    expect(steps).toEqual([
      'weld_vertices',
      'remove_degenerate_faces',
      'remove_duplicate_faces',
      'split_non_manifold',
      'orient_faces',
      'fill_holes',
      'remove_unused_vertices',
    ]);
    expect(report.steps!.map((s) => s.changed)).toEqual([true, true, true, false, true, true, true]);
    expect(report.counts['weld_vertices.mergedVertices']).toBe(30 - 8); // 30 soup corners onto 8 cube vertices
    expect(report.message).toMatch(
      /^Welded .*; Removed 1 degenerate face; Removed 1 duplicate face; Flipped 2 faces; Filled 1 hole with 2 faces; Removed 1 unused vertex$/,
    );
    const r = inspectMesh(out);
    expect([
      r.vertices,
      r.faces,
      r.closed,
      r.manifold,
      r.inconsistentEdges,
      r.genus,
      r.unusedVertices,
    ]).toEqual([8, 12, true, true, 0, 0, 0]);
    expect(signedVolume(out)).toBeCloseTo(1, 12);
  });

  it('removes small pieces only when asked', () => {
    const pieces = concat(cube(), tetrahedron([4, 0, 0]));
    expect(inspectMesh(repairMesh(pieces).mesh).components).toBe(2);
    expect(
      inspectMesh(repairMesh(pieces, { removeSmallComponents: true, minComponentFaces: 5 }).mesh).components,
    ).toBe(1);
    expect(inspectMesh(repairMesh(pieces, { keepLargestComponent: true }).mesh).faces).toBe(12);
  });

  it('splits pieces that touch at a vertex before keeping the largest', () => {
    const joined = weldVertices(concat(cube(), cube([1, 1, 1]))).mesh; // corner (1, 1, 1) shared
    expect(inspectMesh(joined).components).toBe(1);
    const { mesh: out, report } = repairMesh(joined, { keepLargestComponent: true });
    expect(report.steps!.map((r) => r.operation).slice(3, 5)).toEqual([
      'split_non_manifold',
      'keep_largest_component',
    ]);
    const r = inspectMesh(out);
    expect([r.components, r.vertices, r.faces, r.genus]).toEqual([1, 8, 12, 0]);
  });

  it('leaves a clean mesh untouched and says so', () => {
    const c = cube();
    const { mesh: out, report } = repairMesh(c);
    expect(out).toBe(c);
    expect(report.changed).toBe(false);
    expect(report.message).toBe('Nothing to repair');
  });

  describe.skipIf(!hasShared)('on the shared bad inputs', () => {
    it('cow_pinched: closed, manifold, genus 0', () => {
      const { mesh: out, report } = repairMesh(loadSharedMesh('cow_pinched.obj'));
      expect(report.message).toBe('Split 1 non-manifold vertex, adding 1 vertex');
      const r = inspectMesh(out);
      expect([r.closed, r.manifold, r.genus]).toEqual([true, true, 0]);
    });

    it('stanford_bunny_open: holes filled, unused vertices gone, genus 0', () => {
      const { mesh: out, report } = repairMesh(loadSharedMesh('stanford_bunny_open.obj'));
      expect(report.counts['fill_holes.filledHoles']).toBe(5);
      expect(report.counts['remove_unused_vertices.removedVertices']).toBe(1113);
      const r = inspectMesh(out);
      expect([r.vertices, r.closed, r.manifold, r.inconsistentEdges, r.genus]).toEqual([
        35947 - 1113,
        true,
        true,
        0,
        0,
      ]);
      expect(signedVolume(out)).toBeGreaterThan(0);
    });

    it('cow_genus1 is valid and stays genus 1', () => {
      const m = loadSharedMesh('cow_genus1.obj');
      const { mesh: out } = repairMesh(m);
      expect(out).toBe(m);
    });
  });
});
