import { describe, expect, it } from 'vitest';
import { anchorsIou, bestEllipsoidAnchors, ellipsoidAnchors } from '../../../src/core/parts/anchors';
import { kMeans } from '../../../src/core/parts/kMeans';
import { Rng } from '../../../src/core/sampling/Rng';

/** n points uniform in the solid ellipsoid with semi-axes (a, b, c) along the rows of `axes`, at `centre`. */
function solidEllipsoid(
  n: number,
  semi: [number, number, number],
  axes: number[],
  centre: [number, number, number],
  rng: Rng,
): number[] {
  const out: number[] = [];
  while (out.length < 3 * n) {
    const u = [rng.next() * 2 - 1, rng.next() * 2 - 1, rng.next() * 2 - 1];
    if (u[0]! ** 2 + u[1]! ** 2 + u[2]! ** 2 > 1) continue;
    for (let j = 0; j < 3; j++)
      out.push(
        centre[j]! +
          u[0]! * semi[0] * axes[j]! +
          u[1]! * semi[1] * axes[3 + j]! +
          u[2]! * semi[2] * axes[6 + j]!,
      );
  }
  return out;
}

describe('primitive anchors', () => {
  it('k-means finds two well-separated clusters and assigns each point to its own', () => {
    const rng = new Rng(1);
    const pts = new Float32Array(3 * 200).map(
      (_, i) => (Math.floor(i / 3) < 100 ? -1 : 1) * (i % 3 === 0 ? 1 : 0) + (rng.next() - 0.5) * 0.1,
    );
    const { centres: c, assignment } = kMeans(pts, 2, new Rng(2));
    const xs = [c[0]!, c[3]!].sort((a, b) => a - b);
    expect(xs[0]).toBeCloseTo(-1, 1);
    expect(xs[1]).toBeCloseTo(1, 1);
    for (let i = 0; i < 200; i++) expect(Math.sign(c[3 * assignment[i]!]!)).toBe(i < 100 ? -1 : 1);
  });

  it('starts each primitive as the ellipsoid of its cluster: centre, semi-axes and axes', () => {
    const rng = new Rng(4);
    const s = Math.SQRT1_2;
    // a long thin ellipsoid along (1, 1, 0)/√2 and a round one far from it
    const axesA = [s, s, 0, -s, s, 0, 0, 0, 1];
    const pts = Float32Array.from([
      ...solidEllipsoid(3000, [0.3, 0.05, 0.02], axesA, [-0.5, 0, 0], rng),
      ...solidEllipsoid(3000, [0.1, 0.1, 0.1], [1, 0, 0, 0, 1, 0, 0, 0, 1], [0.6, 0.2, 0], rng),
    ]);
    const r = 0.25;
    const a = ellipsoidAnchors(pts, 2, r, new Rng(5));
    const thin = a.translation[0]! < 0 ? 0 : 1,
      round = 1 - thin;
    expect(a.translation[3 * thin]).toBeCloseTo(-0.5, 1);
    expect(a.translation[3 * round]).toBeCloseTo(0.6, 1);
    expect(a.translation[3 * round + 1]).toBeCloseTo(0.2, 1);
    // semi-axis = r / σ, largest first, within a few percent of the truth
    const semi = (m: number, k: number): number => r / a.scale[3 * m + k]!;
    [0.3, 0.05, 0.02].forEach((v, k) => expect(Math.abs(semi(thin, k) - v) / v).toBeLessThan(0.06));
    for (let k = 0; k < 3; k++) expect(Math.abs(semi(round, k) - 0.1) / 0.1).toBeLessThan(0.1);
    // the long axis (first row of the rotation) along ±(1, 1, 0)/√2
    const R = a.rotation.subarray(9 * thin, 9 * thin + 9);
    expect(Math.abs(R[0]! * s + R[1]! * s)).toBeGreaterThan(0.99);
    // a proper rotation: orthonormal rows, determinant +1
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const dot = R[3 * i]! * R[3 * j]! + R[3 * i + 1]! * R[3 * j + 1]! + R[3 * i + 2]! * R[3 * j + 2]!;
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 5);
      }
    const det =
      R[0]! * (R[4]! * R[8]! - R[5]! * R[7]!) -
      R[1]! * (R[3]! * R[8]! - R[5]! * R[6]!) +
      R[2]! * (R[3]! * R[7]! - R[4]! * R[6]!);
    expect(det).toBeCloseTo(1, 5);
  });

  it('refuses an empty inside', () => {
    expect(() => ellipsoidAnchors(new Float32Array(0), 2, 0.25, new Rng(1))).toThrow(/no inside samples/);
  });

  it('scores the union of the starting ellipsoids by IoU against labels', () => {
    // one ellipsoid at (0.1, 0, 0): σ = (1, 2, 1) halves its y semi-axis (0.25 → 0.125)
    const anchors = {
      translation: Float32Array.from([0.1, 0, 0]),
      scale: Float32Array.from([1, 2, 1]),
      rotation: Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]),
    };
    const points = Float32Array.from([0.2, 0, 0, 0.1, 0.1, 0, 0.1, 0.2, 0, 0.5, 0, 0, 0.3, 0, 0]);
    // inside: yes, yes, no (y 0.2 > 0.125), no, yes; labels: 1, 0, 1, 0, 1 → both 2, either 4
    const labels = Uint8Array.from([1, 0, 1, 0, 1]);
    expect(anchorsIou(anchors, points, labels, 0.25)).toBeCloseTo(0.5, 10);
  });

  it('keeps the best of several k-means seedings', () => {
    const rng = new Rng(6);
    const pts: number[] = [];
    for (const [cx, cy] of [
      [-0.4, 0],
      [0.4, 0],
      [0, 0.4],
      [0, -0.4],
    ])
      pts.push(...solidEllipsoid(400, [0.12, 0.08, 0.08], [1, 0, 0, 0, 1, 0, 0, 0, 1], [cx!, cy!, 0], rng));
    const inside = Float32Array.from(pts);
    const check = {
      points: Float32Array.from(pts.map((v, i) => (i % 3 === 2 ? v + 0.3 * ((i / 3) % 2) : v))),
      labels: new Uint8Array(1600),
    };
    check.labels.forEach((_, i, a) => (a[i] = i % 2 ? 0 : 1));
    const single = anchorsIou(
      ellipsoidAnchors(inside, 4, 0.25, new Rng(9)),
      check.points,
      check.labels,
      0.25,
    );
    const best = bestEllipsoidAnchors(inside, 4, 0.25, check, 6, new Rng(9));
    expect(best.iou).toBeCloseTo(anchorsIou(best.anchors, check.points, check.labels, 0.25), 10);
    expect(best.iou).toBeGreaterThanOrEqual(single); // the first seeding is the single one
    expect(best.anchors.translation).toHaveLength(12);
  });
});
