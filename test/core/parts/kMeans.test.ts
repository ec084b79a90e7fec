import { describe, expect, it } from 'vitest';
import { initialAnchors } from '../../../src/core/parts/anchors';
import { kMeans } from '../../../src/core/parts/kMeans';
import { Rng } from '../../../src/core/sampling/Rng';

describe('primitive anchors', () => {
  it('k-means finds two well-separated clusters', () => {
    const rng = new Rng(1);
    const pts = new Float32Array(3 * 200).map(
      (_, i) => (Math.floor(i / 3) < 100 ? -1 : 1) * (i % 3 === 0 ? 1 : 0) + (rng.next() - 0.5) * 0.1,
    );
    const c = kMeans(pts, 2, new Rng(2));
    const xs = [c[0]!, c[3]!].sort((a, b) => a - b);
    expect(xs[0]).toBeCloseTo(-1, 1);
    expect(xs[1]).toBeCloseTo(1, 1);
  });

  it('sizes the spheres to share the inside volume', () => {
    // 1000 uniform points in a box of volume 1, 1/8 of them inside: volume 1/8 over 2 primitives
    const n = 1000;
    const pts = new Float32Array(3 * n).map((_, i) => (i % 7) / 7 - 0.5);
    const labels = Uint8Array.from({ length: n }, (_, i) => (i % 8 === 0 ? 1 : 0));
    const a = initialAnchors(pts, labels, n, 1, 2, 0.25, new Rng(3));
    const partRadius = Math.cbrt((3 * (1 / 8)) / (4 * Math.PI * 2));
    expect(a.scale).toBeCloseTo(0.25 / partRadius, 3);
    expect(a.translation.length).toBe(6);
  });
});
