import { describe, expect, it } from 'vitest';
import { ShEvaluator } from '../../../src/core/harmonics/shEvaluator';
import { shCount, shIndex } from '../../../src/core/harmonics/shIndex';
import { ShTransform } from '../../../src/core/harmonics/shTransform';

/** Deterministic pseudo-random numbers in [−1, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

function randomCoefficients(channels: number, L: number, seed: number): Float64Array {
  const next = random(seed);
  const a = new Float64Array(channels * shCount(L));
  for (let i = 0; i < a.length; i++) a[i] = next();
  return a;
}

function relativeError(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}

describe('ShTransform', () => {
  it('recovers random band-limited coefficients (inverse then forward) at L = 1, 2, 31, 64', () => {
    for (const L of [1, 2, 31, 64]) {
      const t = new ShTransform(L);
      const a = randomCoefficients(2, L, L + 1);
      const grid = t.inverse(a, 2);
      const back = t.forward(grid, 2);
      expect(relativeError(back, a)).toBeLessThan(1e-12);
    }
  });

  it('agrees with direct evaluation of the basis at the grid points', () => {
    const L = 12;
    const t = new ShTransform(L);
    const a = randomCoefficients(1, L, 7);
    const grid = t.inverse(a, 1);
    const points = new Float64Array(t.gridSize * 3);
    for (let j = 0; j < t.rings; j++) {
      for (let k = 0; k < t.samplesPerRing; k++) {
        const i = j * t.samplesPerRing + k;
        const phi = t.longitude(k);
        points.set([t.sinTheta[j] * Math.cos(phi), t.sinTheta[j] * Math.sin(phi), t.cosTheta[j]], 3 * i);
      }
    }
    const direct = new ShEvaluator(a, 1).evaluate(points) as Float64Array;
    expect(relativeError(direct, grid)).toBeLessThan(1e-13);
  });

  it('maps known functions to known coefficients: 1, z, x and y', () => {
    const t = new ShTransform(4);
    const grid = new Float64Array(4 * t.gridSize);
    for (let j = 0; j < t.rings; j++) {
      for (let k = 0; k < t.samplesPerRing; k++) {
        const phi = t.longitude(k);
        const i = j * t.samplesPerRing + k;
        grid[i] = 1;
        grid[t.gridSize + i] = t.cosTheta[j];
        grid[2 * t.gridSize + i] = t.sinTheta[j] * Math.cos(phi);
        grid[3 * t.gridSize + i] = t.sinTheta[j] * Math.sin(phi);
      }
    }
    const a = t.forward(grid, 4);
    const n = shCount(4);
    const c1 = Math.sqrt((4 * Math.PI) / 3); // z = √(4π/3) Y_10, x = √(4π/3) Y_11, y = √(4π/3) Y_1,−1
    const expected = new Float64Array(4 * n);
    expected[shIndex(0, 0)] = Math.sqrt(4 * Math.PI);
    expected[n + shIndex(1, 0)] = c1;
    expected[2 * n + shIndex(1, 1)] = c1;
    expected[3 * n + shIndex(1, -1)] = c1;
    for (let i = 0; i < expected.length; i++) expect(a[i]).toBeCloseTo(expected[i], 13);
  });

  it('evaluates a lower-degree expansion on a higher-degree grid', () => {
    const low = randomCoefficients(1, 5, 3);
    const t = new ShTransform(9);
    const grid = t.inverse(low, 1);
    const back = t.forward(grid, 1);
    const padded = new Float64Array(shCount(9));
    padded.set(low);
    expect(relativeError(back, padded)).toBeLessThan(1e-13);
  });

  it('rejects grids and coefficient arrays of the wrong size', () => {
    const t = new ShTransform(4);
    expect(() => t.forward(new Float64Array(10), 1)).toThrow(/expected/);
    expect(() => t.inverse(new Float64Array(26), 1)).toThrow(/L′/);
    expect(() => t.inverse(new Float64Array(shCount(5)), 1)).toThrow(/L′ ≤ 4/);
  });
});

describe('ShEvaluator', () => {
  it('builds a level-of-detail table equal to direct truncated evaluation (1, 2, 3 and 6 channels)', () => {
    const L = 20;
    const next = random(5);
    const points = new Float64Array(3 * 50);
    for (let i = 0; i < points.length; i++) points[i] = next();
    points.set([0, 0, 1, 0, 0, -2], 0); // the poles
    const degrees = [0, 3, 10, 20];
    for (const C of [1, 2, 3, 6]) {
      const a = randomCoefficients(C, L, 11 + C);
      const ev = new ShEvaluator(a, C);
      const table = ev.lodTable(points, degrees);
      for (let k = 0; k < degrees.length; k++) {
        const direct = ev.evaluate(points, degrees[k]);
        // One channel alone, as a cross-check of the channel-interleaved paths.
        const single = new ShEvaluator(a.subarray(0, shCount(L)), 1).evaluate(points, degrees[k]);
        for (let i = 0; i < direct.length; i++)
          expect(table[k * direct.length + i]).toBeCloseTo(direct[i], 4);
        for (let i = 0; i < 50; i++) expect(direct[i * C]).toBeCloseTo(single[i], 12);
      }
    }
    const ev = new ShEvaluator(randomCoefficients(3, L, 11), 3);
    expect(() => ev.evaluate(points, 21)).toThrow(/degree must be/);
    expect(() => ev.evaluate([0, 0, 0], 2)).toThrow(/origin/);
  });
});
