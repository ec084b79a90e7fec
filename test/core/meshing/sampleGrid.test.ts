import { describe, expect, it } from 'vitest';
import { sampleGrid } from '../../../src/core/meshing/sampleGrid';

/** A sphere's signed distance, evaluated like a model: [N,3] → [N], counting the points asked for. */
function sphereField(radius: number) {
  const field = {
    asked: 0,
    evaluate: async (points: Float32Array) => {
      const out = new Float32Array(points.length / 3);
      for (let p = 0; p < out.length; p++)
        out[p] = Math.hypot(points[3 * p]!, points[3 * p + 1]!, points[3 * p + 2]!) - radius;
      field.asked += out.length;
      return out;
    },
  };
  return field;
}

describe('sampleGrid', () => {
  const half = 0.5;
  const exactAt = (R: number) => (i: number, j: number, k: number) => {
    const h = (2 * half) / R;
    return Math.hypot(-half + i * h, -half + j * h, -half + k * h) - 0.3;
  };

  it('evaluates every point in grid order (i fastest), across chunk borders', async () => {
    const R = 32,
      n = R + 1,
      exact = exactAt(R);
    const field = sphereField(0.3);
    const grid = await sampleGrid(field.evaluate, { resolution: R, half, coarseFactor: 1, chunk: 1000 });
    expect(grid.evaluated).toBe(n ** 3);
    expect(field.asked).toBe(n ** 3);
    for (const [i, j, k] of [
      [0, 0, 0],
      [R, 0, 0],
      [3, 17, 29],
      [R, R, R],
      [16, 16, 16],
    ] as const)
      expect(grid.values[i + n * (j + n * k)]).toBeCloseTo(exact(i, j, k), 6);
  });

  it('in a narrow band evaluates fewer points, exact near the surface and right in sign everywhere', async () => {
    const R = 96,
      n = R + 1,
      h = (2 * half) / R,
      exact = exactAt(R);
    const field = sphereField(0.3);
    const grid = await sampleGrid(field.evaluate, { resolution: R, half, coarseFactor: 4, chunk: 777 });
    expect(grid.evaluated).toBe(field.asked);
    expect(grid.evaluated).toBeLessThan(0.6 * n ** 3);
    for (let k = 0; k < n; k++)
      for (let j = 0; j < n; j++)
        for (let i = 0; i < n; i++) {
          const want = exact(i, j, k),
            got = grid.values[i + n * (j + n * k)]!;
          if (Math.abs(want) < 2 * h) expect(got).toBeCloseTo(want, 5);
          else expect(Math.sign(got)).toBe(Math.sign(want));
        }
  });
});
