import { describe, expect, it } from 'vitest';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import { Rng } from '../../../src/core/sampling/Rng';
import { sampleBox } from '../../../src/core/sampling/boxSampling';
import {
  cumulativeFaceAreas,
  sampleNearSurface,
  sampleSurface,
} from '../../../src/core/sampling/surfaceSampling';

/** Two triangles in the z = 0 plane: a 1×1 one and a 3×1 one (areas 0.5 and 1.5). */
const twoTriangles: Mesh = {
  positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 10, 0, 0, 13, 0, 0, 10, 1, 0]),
  indices: new Uint32Array([0, 1, 2, 3, 4, 5]),
};

describe('Rng', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = new Rng(42),
      b = new Rng(42),
      c = new Rng(43);
    const xa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xa);
  });

  it('has uniform and normal moments close to theory', () => {
    const rng = new Rng(1);
    let s = 0,
      s2 = 0,
      n1 = 0,
      n2 = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
      const z = rng.normal();
      n1 += z;
      n2 += z * z;
    }
    expect(s / n).toBeCloseTo(0.5, 2);
    expect(s2 / n - (s / n) ** 2).toBeCloseTo(1 / 12, 2);
    expect(n1 / n).toBeCloseTo(0, 1);
    expect(n2 / n).toBeCloseTo(1, 1);
  });
});

describe('surface and box sampling', () => {
  it('computes cumulative areas', () => {
    const c = cumulativeFaceAreas(twoTriangles);
    expect(c[0]).toBeCloseTo(0.5, 12);
    expect(c[1]).toBeCloseTo(2, 12);
  });

  it('picks faces in proportion to area and stays inside each triangle', () => {
    const { points, faces } = sampleSurface(twoTriangles, 40_000, new Rng(3));
    let big = 0;
    for (let i = 0; i < faces.length; i++) {
      const x = points[3 * i]!,
        y = points[3 * i + 1]!;
      expect(points[3 * i + 2]).toBe(0);
      if (faces[i] === 1) {
        big++;
        expect(x >= 10 - 1e-6 && y >= -1e-6 && (x - 10) / 3 + y <= 1 + 1e-5).toBe(true);
      } else expect(x >= -1e-6 && y >= -1e-6 && x + y <= 1 + 1e-6).toBe(true);
    }
    expect(big / faces.length).toBeCloseTo(0.75, 1);
  });

  it('spreads points uniformly within a triangle (centroid of the samples = centroid of the triangle)', () => {
    const { points, faces } = sampleSurface(twoTriangles, 50_000, new Rng(4));
    let sx = 0,
      sy = 0,
      n = 0;
    for (let i = 0; i < faces.length; i++) {
      if (faces[i] !== 0) continue;
      sx += points[3 * i]!;
      sy += points[3 * i + 1]!;
      n++;
    }
    expect(sx / n).toBeCloseTo(1 / 3, 2);
    expect(sy / n).toBeCloseTo(1 / 3, 2);
  });

  it('refuses a surface without area', () => {
    const flat: Mesh = { positions: new Float32Array(9), indices: new Uint32Array([0, 1, 2]) };
    expect(() => sampleSurface(flat, 10, new Rng(0))).toThrow(/zero area/);
  });

  it('adds Gaussian noise of the requested sigma near the surface', () => {
    const pts = sampleNearSurface(twoTriangles, 50_000, new Rng(5), 0.01, 100);
    let s2 = 0;
    for (let i = 0; i < pts.length / 3; i++) s2 += pts[3 * i + 2]! ** 2;
    expect(Math.sqrt(s2 / (pts.length / 3))).toBeCloseTo(0.01, 3);
  });

  it('samples the padded box uniformly', () => {
    const pts = sampleBox(30_000, new Rng(6));
    let min = Infinity,
      max = -Infinity,
      mean = 0;
    for (const v of pts) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      mean += v;
    }
    expect(min).toBeGreaterThanOrEqual(-0.55);
    expect(max).toBeLessThan(0.55);
    expect(min).toBeLessThan(-0.54);
    expect(max).toBeGreaterThan(0.54);
    expect(mean / pts.length).toBeCloseTo(0, 2);
  });
});
