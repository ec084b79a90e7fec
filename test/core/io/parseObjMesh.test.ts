import { describe, expect, it } from 'vitest';
import { parseObjMesh } from '../../../src/core/io/parseObjMesh';
import { hasShared, loadSharedMesh } from '../../helpers/shared';

describe('parseObjMesh', () => {
  it('keeps vertex and face order, fan-triangulates polygons and resolves negative indices', () => {
    const mesh = parseObjMesh(
      'v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\nf 1/1 2/2 3/3 4/4\nf -4 -2 -1\n',
    );
    expect(Array.from(mesh.positions)).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0]);
    expect(Array.from(mesh.indices)).toEqual([0, 1, 2, 0, 2, 3, 0, 2, 3]);
  });

  it('rejects out-of-range indices and non-numeric coordinates with the line number', () => {
    expect(() => parseObjMesh('v 0 0 0\nf 1 2 3\n')).toThrow(/line 2/);
    expect(() => parseObjMesh('v 0 nan 0\n')).toThrow(/line 1/);
  });

  it.skipIf(!hasShared)('reads spot with its documented vertex count', () => {
    const spot = loadSharedMesh('spot.obj');
    expect(spot.positions.length / 3).toBe(11533);
  });
});
