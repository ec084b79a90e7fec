import { describe, expect, it } from 'vitest';
import { copyMesh, withAddedFaces, withFaces, withFlippedFaces } from '../../../src/core/mesh/meshEdit';
import { fillHoles } from '../../../src/core/mesh/repair/fillHoles';
import { orientFaces } from '../../../src/core/mesh/repair/orientFaces';
import { cube, flipFaces, mesh } from './fixtures';

describe('mesh editing helpers', () => {
  const quad = mesh([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0], [0, 1, 2, 0, 2, 3]);
  const withCorners = {
    ...quad,
    faceAttributes: {
      _CORNER_UVS: { array: Float32Array.from([0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1]), itemSize: 6 },
      _LABEL: { array: Uint8Array.from([3, 4]), itemSize: 1 },
    },
  };

  it('flipping a face swaps its corner UVs with its corners', () => {
    const out = withFlippedFaces(withCorners, Uint8Array.from([1, 0]));
    expect(Array.from(out.indices)).toEqual([0, 2, 1, 0, 2, 3]);
    expect(Array.from(out.faceAttributes!._CORNER_UVS!.array)).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1]);
    expect(out.faceAttributes!._LABEL).toBe(withCorners.faceAttributes._LABEL);
    expect(Array.from(withCorners.indices)).toEqual([0, 1, 2, 0, 2, 3]); // input untouched
  });

  it('new faces take corner UVs from existing corners at their vertices, other face attributes zero', () => {
    const out = withAddedFaces(withCorners, Uint32Array.from([3, 2, 1]));
    expect(Array.from(out.faceAttributes!._CORNER_UVS!.array.slice(12))).toEqual([0, 1, 1, 1, 1, 0]);
    expect(Array.from(out.faceAttributes!._LABEL!.array)).toEqual([3, 4, 0]);
  });

  it('withFaces keeps face attributes in step with the kept faces', () => {
    const out = withFaces(withCorners, [1]);
    expect(Array.from(out.indices)).toEqual([0, 2, 3]);
    expect(Array.from(out.faceAttributes!._LABEL!.array)).toEqual([4]);
    expect(out.faceAttributes!._CORNER_UVS!.array.length).toBe(6);
  });

  it('copyMesh copies every array and can leave attributes out', () => {
    const copy = copyMesh(withCorners, { skipAttributes: ['_LABEL'] });
    expect(copy.positions).not.toBe(withCorners.positions);
    expect(copy.positions).toEqual(withCorners.positions);
    expect(copy.faceAttributes!._CORNER_UVS!.array).not.toBe(withCorners.faceAttributes._CORNER_UVS.array);
    expect(copy.faceAttributes!._LABEL).toBeUndefined();
  });

  it('orientFaces and fillHoles keep corner UVs attached to the right corners', () => {
    const c = flipFaces(cube(), [0]);
    const uv = new Float32Array(12 * 6);
    for (let corner = 0; corner < 36; corner++) {
      uv[2 * corner] = c.indices[corner]!; // u = the corner's vertex id, to track it
    }
    const oriented = orientFaces({ ...c, faceAttributes: { _CORNER_UVS: { array: uv, itemSize: 6 } } }).mesh;
    const out = oriented.faceAttributes!._CORNER_UVS!.array;
    for (let corner = 0; corner < 36; corner++) expect(out[2 * corner]).toBe(oriented.indices[corner]);
    const open = {
      ...cube([0, 0, 0], [1]),
      faceAttributes: { _CORNER_UVS: { array: uv.slice(0, 60), itemSize: 6 } },
    };
    for (let corner = 0; corner < 30; corner++)
      open.faceAttributes._CORNER_UVS.array[2 * corner] = open.indices[corner]!;
    const filled = fillHoles(open).mesh;
    const corners = filled.faceAttributes!._CORNER_UVS!.array;
    for (let corner = 0; corner < filled.indices.length; corner++)
      expect(corners[2 * corner]).toBe(filled.indices[corner]);
  });
});
