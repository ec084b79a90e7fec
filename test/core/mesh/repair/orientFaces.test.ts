import { describe, expect, it } from 'vitest';
import { inspectMesh } from '../../../../src/core/mesh/inspect';
import { signedVolume } from '../../../../src/core/mesh/measure';
import { orientFaces } from '../../../../src/core/mesh/repair/orientFaces';
import { hasShared, loadSharedMesh } from '../../../helpers/shared';
import { concat, cube, flipFaces, mobius, tetrahedron, torus } from '../fixtures';

describe('orientFaces', () => {
  it('flips the one inconsistent face back', () => {
    const c = cube();
    const { mesh: out, report } = orientFaces(flipFaces(c, [5]));
    expect(report.counts.flippedFaces).toBe(1);
    expect(Array.from(out.indices)).toEqual(Array.from(c.indices));
  });

  it('turns an inside-out closed piece outward, piece by piece', () => {
    const inside = flipFaces(
      concat(cube(), tetrahedron([3, 0, 0]), torus()),
      Array.from({ length: 12 + 4 }, (_, f) => f),
    );
    expect(signedVolume(inside)).toBeCloseTo(signedVolume(torus()) - 1 - 1 / 6, 9);
    const { mesh: out, report } = orientFaces(inside);
    expect(report.counts.flippedFaces).toBe(16);
    expect(report.counts.outwardFlippedPatches).toBe(2);
    expect(report.message).toBe('Flipped 16 faces (2 closed pieces turned outward)');
    expect(signedVolume(out)).toBeCloseTo(1 + 1 / 6 + signedVolume(torus()), 9);
  });

  it('leaves the orientation of an open piece as most of its faces have it', () => {
    const open = cube([0, 0, 0], [1]);
    const { mesh: out, report } = orientFaces(flipFaces(open, [0, 3, 6]));
    expect(report.counts.flippedFaces).toBe(3);
    expect(Array.from(out.indices)).toEqual(Array.from(open.indices));
  });

  it('reports a Möbius strip as non-orientable', () => {
    const { report } = orientFaces(mobius());
    expect(report.counts.nonOrientablePatches).toBe(1);
    expect(report.message).toMatch(/non-orientable/);
  });

  it.skipIf(!hasShared)(
    'spot_low with every 7th face flipped: 0 inconsistent edges and positive volume again',
    () => {
      const spot = loadSharedMesh('spot_low.obj');
      const broken = flipFaces(
        spot,
        Array.from({ length: Math.floor(spot.indices.length / 21) }, (_, i) => 7 * i),
      );
      expect(inspectMesh(broken).inconsistentEdges).toBeGreaterThan(100);
      const { mesh: out } = orientFaces(broken);
      expect(inspectMesh(out).inconsistentEdges).toBe(0);
      expect(signedVolume(out)).toBeGreaterThan(0);
      expect(out.indices.every((v, i) => v === spot.indices[i])).toBe(true);
    },
  );
});
