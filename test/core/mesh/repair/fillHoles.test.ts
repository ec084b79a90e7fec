import { describe, expect, it } from 'vitest';
import { inspectMesh } from '../../../../src/core/mesh/inspect';
import { signedVolume } from '../../../../src/core/mesh/measure';
import { fillHoles } from '../../../../src/core/mesh/repair/fillHoles';
import { cube, grid, mesh, torus } from '../fixtures';

describe('fillHoles', () => {
  it('closes a cube with a missing side, wound like its neighbours', () => {
    const open = cube([0, 0, 0], [3]);
    open.faceAttributes = { _LABEL: { array: Uint8Array.from({ length: 10 }, () => 7), itemSize: 1 } };
    const { mesh: out, report } = fillHoles(open);
    expect(report.counts).toEqual({ filledHoles: 1, addedFaces: 2, skippedHoles: 0, largerHoles: 0 });
    const r = inspectMesh(out);
    expect([r.closed, r.manifold, r.inconsistentEdges, r.genus]).toEqual([true, true, 0, 0]);
    expect(signedVolume(out)).toBeCloseTo(1, 12);
    expect(Array.from(out.faceAttributes!._LABEL!.array)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0]);
  });

  it('closes two holes at once and leaves holes over the size limit open', () => {
    // A torus grid with two quads removed far apart: two 4-edge holes.
    const t = torus(12, 8);
    const kept = Array.from(t.indices).filter((_, i) => {
      const f = Math.floor(i / 3);
      return f > 1 && !(f >= 100 && f < 102);
    });
    const open = { ...t, indices: Uint32Array.from(kept) };
    expect(inspectMesh(open).boundaryLoops).toBe(2);
    const { mesh: out, report } = fillHoles(open);
    expect(report.counts.filledHoles).toBe(2);
    const r = inspectMesh(out);
    expect([r.closed, r.inconsistentEdges, r.genus]).toEqual([true, 0, 1]);
    const limited = fillHoles(open, { maxEdges: 3 });
    expect(limited.report.counts).toEqual({ filledHoles: 0, addedFaces: 0, skippedHoles: 0, largerHoles: 2 });
    expect(limited.report.message).toBe('No holes filled; 2 holes over 3 edges left open');
    expect(() => fillHoles(open, { maxEdges: 501 })).toThrow(RangeError);
  });

  it('fills two holes that touch at a vertex, each on its own', () => {
    const { mesh: out, report } = fillHoles(
      grid(4, [
        [1, 1],
        [2, 2],
      ]),
      { maxEdges: 4 },
    );
    expect(report.counts).toEqual({ filledHoles: 2, addedFaces: 4, skippedHoles: 0, largerHoles: 1 });
    const r = inspectMesh(out);
    expect([r.boundaryLoops, r.boundaryEdges, r.nonManifoldVertices, r.inconsistentEdges]).toEqual([
      1, 16, 0, 0,
    ]);
  });

  it('caps a cone: a 12-edge rim becomes 10 faces, closed genus 0 with positive volume', () => {
    const positions = [0, 0, 1];
    const indices: number[] = [];
    for (let i = 0; i < 12; i++)
      positions.push(Math.cos((2 * Math.PI * i) / 12), Math.sin((2 * Math.PI * i) / 12), 0);
    for (let i = 0; i < 12; i++) indices.push(0, 1 + i, 1 + ((i + 1) % 12));
    const cone = mesh(positions, indices);
    const { mesh: out, report } = fillHoles(cone);
    expect(report.counts.addedFaces).toBe(10);
    const r = inspectMesh(out);
    expect([r.closed, r.manifold, r.inconsistentEdges, r.genus]).toEqual([true, true, 0, 0]);
    expect(signedVolume(out)).toBeCloseTo((1 / 3) * 0.5 * 12 * Math.sin(Math.PI / 6), 12);
  });
  // stanford_bunny_open (five holes, the largest of 80 edges) is closed in repairMesh.test.ts.
});
