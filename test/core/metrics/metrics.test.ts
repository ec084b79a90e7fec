import { describe, expect, it } from 'vitest';
import { KdTree } from '../../../src/core/metrics/KdTree';
import { meshDistances } from '../../../src/core/metrics/meshDistances';
import { occupancyScores } from '../../../src/core/metrics/occupancy';
import { pointSetDistances } from '../../../src/core/metrics/pointSetDistances';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import { Rng } from '../../../src/core/sampling/Rng';
import { sampleBox } from '../../../src/core/sampling/boxSampling';

function cube(half: number, offset = 0): Mesh {
  const positions: number[] = [];
  for (let i = 0; i < 8; i++)
    positions.push((i & 1 ? half : -half) + offset, i & 2 ? half : -half, i & 4 ? half : -half);
  // outward-facing quads split in two triangles
  const quads = [
    [0, 2, 3, 1],
    [4, 5, 7, 6],
    [0, 1, 5, 4],
    [2, 6, 7, 3],
    [0, 4, 6, 2],
    [1, 3, 7, 5],
  ];
  const indices: number[] = [];
  for (const [a, b, c, d] of quads) indices.push(a!, b!, c!, a!, c!, d!);
  return { positions: new Float32Array(positions), indices: new Uint32Array(indices) };
}

describe('KdTree', () => {
  it('finds the same nearest neighbour as brute force', () => {
    const rng = new Rng(7);
    const pts = sampleBox(3000, rng, -1, 1);
    const tree = new KdTree(pts);
    for (let q = 0; q < 300; q++) {
      const x = rng.uniform(-1.2, 1.2),
        y = rng.uniform(-1.2, 1.2),
        z = rng.uniform(-1.2, 1.2);
      let best = Infinity,
        bi = -1;
      for (let i = 0; i < 3000; i++) {
        const d = (pts[3 * i]! - x) ** 2 + (pts[3 * i + 1]! - y) ** 2 + (pts[3 * i + 2]! - z) ** 2;
        if (d < best) {
          best = d;
          bi = i;
        }
      }
      expect(tree.nearestSquared(x, y, z)).toBeCloseTo(best, 10);
      expect(tree.lastIndex).toBe(bi);
    }
  });
});

describe('point-set and mesh distances', () => {
  it('are zero between identical sets and equal the offset for shifted sets', () => {
    const a = new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(pointSetDistances(a, a).chamferL1).toBe(0);
    const b = a.map((v, i) => (i % 3 === 2 ? v + 0.5 : v));
    const d = pointSetDistances(a, b);
    expect(d.chamferL1).toBeCloseTo(0.5, 6);
    expect(d.chamferL2).toBeCloseTo(0.25, 6);
    expect(d.hausdorff).toBeCloseTo(0.5, 6);
  });

  it('Hausdorff sees a far outlier that Chamfer averages away', () => {
    const a = new Float32Array([0, 0, 0, 1, 0, 0]);
    const b = new Float32Array([0, 0, 0, 1, 0, 0, 10, 0, 0]);
    const d = pointSetDistances(a, b);
    expect(d.hausdorff).toBeCloseTo(9, 6);
    expect(d.meanAtoB).toBe(0);
    expect(d.meanBtoA).toBeCloseTo(3, 6);
  });

  it('estimates the distance between two concentric cubes', () => {
    const d = meshDistances(cube(0.5), cube(0.6), { samples: 20_000 });
    // faces 0.1 apart; sampling adds about half the sample spacing (√(6/20000)/2 ≈ 0.009)
    expect(d.chamferL1).toBeGreaterThan(0.095);
    expect(d.chamferL1).toBeLessThan(0.115);
    expect(d.hausdorff).toBeGreaterThan(0.1);
    expect(d.hausdorff).toBeLessThan(0.2);
    expect(meshDistances(cube(0.5), cube(0.5), { samples: 20_000 }).chamferL1).toBeLessThan(0.015);
  });
});

describe('occupancy scores', () => {
  it('counts inside (negative) as the positive class', () => {
    const s = occupancyScores([-1, -1, 1, 1, -1], [-1, 1, 1, -1, -1]);
    expect([s.tp, s.fp, s.fn, s.tn]).toEqual([2, 1, 1, 1]);
    expect(s.f1).toBeCloseTo(4 / 6, 12);
    expect(s.iou).toBeCloseTo(0.5, 12);
    expect(s.accuracy).toBeCloseTo(0.6, 12);
  });
});
