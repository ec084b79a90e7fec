import { describe, expect, it } from 'vitest';
import { icosphere } from '../../../src/core/harmonics/icosphere';
import { measureSphereMap } from '../../../src/core/spherical/distortion';
import { untangleSphereMap } from '../../../src/core/spherical/untangle';

describe('untangleSphereMap', () => {
  const sphere = icosphere(3);

  it('leaves a map without folds exactly as it is', () => {
    const map = sphere.positions.slice();
    const result = untangleSphereMap(sphere.positions, map, sphere.indices, 1);
    expect(result).toEqual({ flippedBefore: 0, flippedAfter: 0, movedVertices: 0 });
    expect(map).toEqual(sphere.positions);
  });

  it('unfolds a vertex pushed across its neighbours, moving only the vertices nearby', () => {
    const map = sphere.positions.slice();
    // Push vertex 0 two ring-widths along the sphere: its fan folds over its neighbours.
    const v = 0;
    const target = [map[3 * v]! + 0.25, map[3 * v + 1]! + 0.1, map[3 * v + 2]!];
    const length = Math.hypot(target[0]!, target[1]!, target[2]!);
    for (let k = 0; k < 3; k++) map[3 * v + k] = target[k]! / length;
    const before = measureSphereMap(sphere.positions, map, sphere.indices);
    expect(before.flippedTriangles).toBeGreaterThan(0);
    const result = untangleSphereMap(sphere.positions, map, sphere.indices, 1);
    expect(result.flippedBefore).toBe(before.flippedTriangles);
    expect(result.flippedAfter).toBe(0);
    expect(measureSphereMap(sphere.positions, map, sphere.indices).flippedTriangles).toBe(0);
    let moved = 0;
    for (let i = 0; i < map.length / 3; i++) {
      const d = Math.hypot(
        map[3 * i]! - sphere.positions[3 * i]!,
        map[3 * i + 1]! - sphere.positions[3 * i + 1]!,
        map[3 * i + 2]! - sphere.positions[3 * i + 2]!,
      );
      if (d > 1e-12) moved++;
      expect(Math.hypot(map[3 * i]!, map[3 * i + 1]!, map[3 * i + 2]!)).toBeCloseTo(1, 12);
    }
    expect(moved).toBeLessThanOrEqual(result.movedVertices);
    expect(result.movedVertices).toBeLessThan(map.length / 3 / 4); // local: 642 vertices in all
  });

  it('reads the orientation: a map of inward-wound faces is judged by the same rule as the metric', () => {
    const inward = sphere.indices.slice();
    for (let f = 0; f < inward.length; f += 3)
      [inward[f + 1], inward[f + 2]] = [inward[f + 2]!, inward[f + 1]!];
    const map = sphere.positions.slice();
    expect(untangleSphereMap(sphere.positions, map, inward, -1).flippedBefore).toBe(0);
    expect(untangleSphereMap(sphere.positions, map, inward, 1).flippedBefore).toBe(inward.length / 3);
  });
});
