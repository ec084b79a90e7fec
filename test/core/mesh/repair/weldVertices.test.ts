import { describe, expect, it } from 'vitest';
import { inspectMesh } from '../../../../src/core/mesh/inspect';
import { weldVertices } from '../../../../src/core/mesh/repair/weldVertices';
import { cube, mesh, unweld } from '../fixtures';

describe('weldVertices', () => {
  it('welds a triangle soup cube back into 8 vertices, closed genus 0, carrying colours along', () => {
    const soup = unweld(cube());
    expect(inspectMesh(soup).boundaryEdges).toBe(36);
    // Colour each soup vertex by its position so we can check the survivors keep theirs.
    soup.colors = Float32Array.from(soup.positions);
    soup.colorSize = 3;
    const before = new Float64Array(soup.positions);
    const { mesh: welded, report } = weldVertices(soup);
    expect(report.changed).toBe(true);
    expect(report.counts.mergedVertices).toBe(28);
    expect(report.counts.collapsedFaces).toBe(0);
    expect(report.message).toMatch(/Welded 28 vertices/);
    expect(welded.positions.length / 3).toBe(8);
    expect(Array.from(welded.colors!)).toEqual(Array.from(welded.positions));
    const r = inspectMesh(welded);
    expect([r.closed, r.manifold, r.genus, r.inconsistentEdges]).toEqual([true, true, 0, 0]);
    expect(soup.positions).toEqual(before); // input untouched
    expect(soup.indices.length).toBe(36);
  });

  it('merges within the tolerance (relative to the bbox diagonal) and not beyond', () => {
    // Diagonal 1; points 1e-8 apart merge at the default 1e-6, points 1e-3 apart do not.
    const m = mesh([0, 0, 0, 1e-8, 0, 0, 1, 0, 0, 0, 1e-3, 0, 0, 1, 0], [0, 2, 4, 1, 3, 4]);
    const { mesh: w, report } = weldVertices(m);
    expect(report.counts.mergedVertices).toBe(1);
    expect(Array.from(w.indices)).toEqual([0, 1, 3, 0, 2, 3]);
    expect(weldVertices(m, { tolerance: 2e-3 }).report.counts.mergedVertices).toBe(2);
    expect(weldVertices(m, { tolerance: 0 }).report.counts.mergedVertices).toBe(0);
  });

  it('does not chain: a line of points each close to the next merges only into the first within reach', () => {
    // Points 0, 0.6, 1.2, 1.8 (×1e-6 of a unit diagonal) at tolerance 1e-6: 0.6 joins 0, 1.2 is out of
    // reach of 0 so it is kept, 1.8 joins 1.2.
    const e = 1e-6;
    const m = mesh(
      [0, 0, 0, 0.6 * e, 0, 0, 1.2 * e, 0, 0, 1.8 * e, 0, 0, 1, 0, 0, 0, 0, 0.01],
      [0, 4, 5, 1, 4, 5, 2, 4, 5, 3, 4, 5],
    );
    const { mesh: w } = weldVertices(m);
    expect(w.positions.length / 3).toBe(4);
    expect(Array.from(w.indices)).toEqual([0, 2, 3, 0, 2, 3, 1, 2, 3, 1, 2, 3]);
  });

  it('reports collapsed faces and leaves a mesh without coincident vertices as it is', () => {
    const m = mesh([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 1, 2, 0, 2, 3]);
    expect(weldVertices(m).report.counts.collapsedFaces).toBe(1);
    const c = cube();
    const same = weldVertices(c);
    expect(same.mesh).toBe(c);
    expect(same.report.changed).toBe(false);
  });
});
