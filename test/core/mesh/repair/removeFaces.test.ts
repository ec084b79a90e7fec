import { describe, expect, it } from 'vitest';
import { inspectMesh } from '../../../../src/core/mesh/inspect';
import type { Mesh } from '../../../../src/core/mesh/Mesh';
import { removeDegenerateFaces } from '../../../../src/core/mesh/repair/removeDegenerateFaces';
import { removeDuplicateFaces } from '../../../../src/core/mesh/repair/removeDuplicateFaces';
import { removeUnusedVertices } from '../../../../src/core/mesh/repair/removeUnusedVertices';
import { cube, mesh } from '../fixtures';

function withLabels(m: Mesh): Mesh {
  const faces = m.indices.length / 3;
  return {
    ...m,
    faceAttributes: { _LABEL: { array: Uint16Array.from({ length: faces }, (_, f) => f), itemSize: 1 } },
  };
}

describe('removeDegenerateFaces', () => {
  it('removes repeated-index and zero-area faces; face attributes follow', () => {
    const c = cube();
    const m = withLabels(mesh([...c.positions, 0.5, 0, 0], [...c.indices, 0, 0, 1, 0, 8, 1, 2, 2, 2]));
    const { mesh: out, report } = removeDegenerateFaces(m);
    expect(report.counts.removedFaces).toBe(3);
    expect(report.message).toBe('Removed 3 degenerate faces');
    expect(Array.from(out.indices)).toEqual(Array.from(c.indices));
    expect(Array.from(out.faceAttributes!._LABEL!.array)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(m.indices.length).toBe(45); // input untouched
  });

  it('keeps thin but real faces at the default tolerance', () => {
    const m = mesh([0, 0, 0, 1, 0, 0, 0.5, 1e-6, 0], [0, 1, 2]);
    expect(removeDegenerateFaces(m).report.changed).toBe(false);
    expect(removeDegenerateFaces(m, { tolerance: 1e-5 }).report.counts.removedFaces).toBe(1);
  });
});

describe('removeDuplicateFaces', () => {
  it('removes later copies in any order or orientation, keeping the first', () => {
    const c = cube();
    const i = c.indices;
    const m = withLabels(
      mesh(Array.from(c.positions), [...i, i[1]!, i[2]!, i[0]!, i[5]!, i[4]!, i[3]!, i[0]!, i[1]!, i[2]!]),
    );
    expect(inspectMesh(m).duplicateFaces).toBe(3);
    const { mesh: out, report } = removeDuplicateFaces(m);
    expect(report.counts.removedFaces).toBe(3);
    expect(Array.from(out.indices)).toEqual(Array.from(c.indices));
    expect(out.faceAttributes!._LABEL!.array.length).toBe(12);
    const r = inspectMesh(out);
    expect([r.duplicateFaces, r.nonManifoldEdges, r.genus]).toEqual([0, 0, 0]);
  });
});

describe('removeUnusedVertices', () => {
  it('drops unreferenced vertices and renumbers, carrying colours, UVs, normals and attributes', () => {
    // Four vertices, the second unused.
    const m: Mesh = {
      positions: Float32Array.from([0, 0, 0, 9, 9, 9, 1, 0, 0, 0, 1, 0]),
      indices: Uint32Array.from([0, 2, 3]),
      colors: Float32Array.from([0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0]),
      colorSize: 3,
      uvs: Float32Array.from([0, 0, 9, 9, 1, 0, 0, 1]),
      normals: Float32Array.from([0, 0, 1, 9, 9, 9, 0, 0, 1, 0, 0, 1]),
      vertexAttributes: { _W: { array: Int32Array.from([10, 11, 12, 13]), itemSize: 1 } },
    };
    const { mesh: out, report } = removeUnusedVertices(m);
    expect(report.counts.removedVertices).toBe(1);
    expect(report.message).toBe('Removed 1 unused vertex');
    expect(out.positions).toBeInstanceOf(Float32Array);
    expect(Array.from(out.positions)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(Array.from(out.indices)).toEqual([0, 1, 2]);
    expect(Array.from(out.colors!)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(Array.from(out.uvs!)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(Array.from(out.normals!)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 1]);
    expect(Array.from(out.vertexAttributes!._W!.array)).toEqual([10, 12, 13]);
    expect(m.positions.length).toBe(12);
  });
});
