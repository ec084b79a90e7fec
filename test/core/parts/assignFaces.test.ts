import { describe, expect, it } from 'vitest';
import { splitByLabel } from '../../../src/core/meshcnn/splitByLabel';
import { assignFaces, faceCentroids } from '../../../src/core/parts/assignFaces';
import { icosphere } from '../sdf/shapes';

describe('assignFaces', () => {
  const sphere = icosphere(1, 2); // 320 faces
  const F = sphere.indices.length / 3;
  const c = faceCentroids(sphere);

  it('gives each face to the primitive containing it most deeply, else the nearest one', () => {
    // primitive 0 "contains" the faces with x > 0.3; primitive 1 those with x < −0.3; none the middle band
    const g = new Float32Array(2 * F);
    for (let f = 0; f < F; f++) {
      const x = c[3 * f]!;
      g[f] = x > 0.3 ? -x : 1;
      g[F + f] = x < -0.3 ? x : 1;
    }
    // the primitives' surfaces: points at x = +2 and x = −2 (so the band splits by the sign of x)
    const labels = assignFaces(sphere, g, [Float32Array.from([2, 0, 0]), Float32Array.from([-2, 0, 0])]);
    for (let f = 0; f < F; f++) if (Math.abs(c[3 * f]!) > 1e-6) expect(labels[f]).toBe(c[3 * f]! > 0 ? 0 : 1); // x = 0: a tie
  });

  it('covers every face exactly once when the mesh is split by it', () => {
    const g = new Float32Array(3 * F).map((_, i) => Math.sin(i * 12.9898) * 0.5 + 0.2); // mixed signs
    const labels = assignFaces(sphere, g, [
      Float32Array.from([1, 0, 0]),
      Float32Array.from([0, 1, 0]),
      Float32Array.from([0, 0, 1]),
    ]);
    expect(labels.every((l) => l >= 0 && l < 3)).toBe(true);
    const parts = splitByLabel(
      sphere.positions,
      sphere.indices,
      Int32Array.from(labels, (l) => l + 1),
    );
    expect(parts.reduce((s, p) => s + p.indices.length / 3, 0)).toBe(F);
    // every original triangle appears in exactly one part (compared by its corner positions)
    const key = (p: ArrayLike<number>, idx: ArrayLike<number>, t: number): string =>
      [0, 1, 2]
        .map((k) => Array.from({ length: 3 }, (_, a) => p[3 * idx[3 * t + k]! + a]!.toFixed(5)).join(','))
        .join('|');
    const seen = new Map<string, number>();
    for (const part of parts)
      for (let t = 0; t < part.indices.length / 3; t++)
        seen.set(
          key(part.positions, part.indices, t),
          (seen.get(key(part.positions, part.indices, t)) ?? 0) + 1,
        );
    for (let t = 0; t < F; t++) expect(seen.get(key(sphere.positions, sphere.indices, t))).toBe(1);
  });

  it('rejects implicit values of the wrong size', () => {
    expect(() =>
      assignFaces(sphere, new Float32Array(F), [new Float32Array(3), new Float32Array(3)]),
    ).toThrow(/implicit values/);
  });
});
