import { describe, expect, it } from 'vitest';
import { BodyGraph } from '../../../src/core/parts/geodesicClusters';
import { Rng } from '../../../src/core/sampling/Rng';

/**
 * A thick "C" in the xy-plane: points uniform in the ring 0.8 < ρ < 1.2 (|z| < 0.2) for angles
 * 20°…340°, so its two tips face each other across a gap at angle 0. Returns points #n×3 and
 * whether a point is inside the C.
 */
function thickC(
  n: number,
  rng: Rng,
): { points: Float32Array; inside: (x: number, y: number, z: number) => boolean } {
  const lo = (20 * Math.PI) / 180;
  const inside = (x: number, y: number, z: number): boolean => {
    const r = Math.hypot(x, y);
    let a = Math.atan2(y, x);
    if (a < 0) a += 2 * Math.PI;
    return r > 0.8 && r < 1.2 && Math.abs(z) < 0.2 && a > lo && a < 2 * Math.PI - lo;
  };
  const out: number[] = [];
  while (out.length < 3 * n) {
    const p = [rng.next() * 2.4 - 1.2, rng.next() * 2.4 - 1.2, rng.next() * 0.4 - 0.2] as const;
    if (inside(...p)) out.push(...p);
  }
  return { points: Float32Array.from(out), inside };
}

const angle = (p: Float32Array, i: number): number => {
  const a = Math.atan2(p[3 * i + 1]!, p[3 * i]!);
  return a < 0 ? a + 2 * Math.PI : a;
};

describe('clusters along the body', () => {
  it('measures distances through the inside: the tips of a C are far apart though close in space', () => {
    const { points, inside } = thickC(1500, new Rng(1));
    const graph = new BodyGraph(points, new Rng(2), { nodes: 600, insideAt: inside });
    const n = graph.nodes.length;
    expect(n).toBe(600);
    // the nodes nearest each tip (smallest and largest angle)
    let a = 0,
      b = 0;
    for (let i = 0; i < n; i++) {
      if (angle(points, graph.nodes[i]!) < angle(points, graph.nodes[a]!)) a = i;
      if (angle(points, graph.nodes[i]!) > angle(points, graph.nodes[b]!)) b = i;
    }
    const pa = graph.nodes[a]!,
      pb = graph.nodes[b]!;
    const straight = Math.hypot(
      points[3 * pa]! - points[3 * pb]!,
      points[3 * pa + 1]! - points[3 * pb + 1]!,
      points[3 * pa + 2]! - points[3 * pb + 2]!,
    );
    const along = graph.distances[a * n + b]!;
    expect(straight).toBeLessThan(0.9);
    // around the C: at least the inner arc's length (ρ = 0.8, 320°), at most the outer one's
    expect(along).toBeGreaterThan(0.8 * ((320 * Math.PI) / 180));
    expect(along).toBeLessThan(1.3 * 1.2 * ((320 * Math.PI) / 180));
    // symmetric, zero on the diagonal
    expect(graph.distances[b * n + a]).toBeCloseTo(along, 5);
    expect(graph.distances[a * n + a]).toBe(0);
  });

  it('cuts a C into arcs (each cluster one run of angles), the tips in different ones', () => {
    const { points, inside } = thickC(1500, new Rng(3));
    const graph = new BodyGraph(points, new Rng(4), { nodes: 600, insideAt: inside });
    const N = points.length / 3;
    const order = Array.from({ length: N }, (_, i) => i).sort((i, j) => angle(points, i) - angle(points, j));
    for (let seed = 0; seed < 5; seed++) {
      const { assignment, centres } = graph.clusters(3, new Rng(seed));
      expect(centres).toHaveLength(9);
      // the tips, close in space, lie in different clusters
      expect(assignment[order[0]!]).not.toBe(assignment[order[N - 1]!]);
      // every cluster used, each an arc spanning less than half the C
      for (let c = 0; c < 3; c++) {
        const angles = order.filter((i) => assignment[i] === c).map((i) => angle(points, i));
        expect(angles.length).toBeGreaterThan(N / 6);
        expect(angles[angles.length - 1]! - angles[0]!).toBeLessThan(Math.PI);
      }
    }
  });

  it('with thickness weights shares the body by length: a thin rod on a thick ball gets its own cluster', () => {
    // a ball of radius 0.3 at (0.3, 0, 0) with a rod of radius 0.02 from x = 0.6 to 1.4 (1 % of the volume)
    const inBlock = (x: number, y: number, z: number): boolean => Math.hypot(x - 0.3, y, z) <= 0.3;
    const inRod = (x: number, y: number, z: number): boolean =>
      x > 0.6 && x <= 1.4 && Math.hypot(y, z) < 0.02;
    const inside = (x: number, y: number, z: number): boolean => inBlock(x, y, z) || inRod(x, y, z);
    const depth = (x: number, y: number, z: number): number =>
      inBlock(x, y, z)
        ? Math.min(x, 0.6 - x, 0.3 - Math.abs(y), 0.3 - Math.abs(z)) +
          (x > 0.55 && Math.hypot(y, z) < 0.02 ? 0.03 : 0)
        : Math.min(0.02 - Math.hypot(y, z), 1.4 - x);
    const rng = new Rng(5);
    const pts: number[] = [];
    while (pts.length < 3 * 8000) {
      const p = [rng.next() * 0.6, rng.next() * 0.6 - 0.3, rng.next() * 0.6 - 0.3] as const;
      if (inBlock(...p)) pts.push(...p);
      // the rod, sampled at the block's density
      const q = [0.6 + rng.next() * 0.8, rng.next() * 0.6 - 0.3, rng.next() * 0.6 - 0.3] as const;
      if (inRod(...q)) pts.push(...q);
    }
    const points = Float32Array.from(pts);
    const N = points.length / 3;
    let rodEnd = 0,
      blockCentre = 0;
    for (let i = 0; i < N; i++) {
      if (points[3 * i]! > points[3 * rodEnd]!) rodEnd = i;
      const d = (j: number): number =>
        Math.hypot(points[3 * j]! - 0.3, points[3 * j + 1]!, points[3 * j + 2]!);
      if (d(i) < d(blockCentre)) blockCentre = i;
    }
    const byLength = new BodyGraph(points, new Rng(6), { nodes: 1000, insideAt: inside, depthAt: depth });
    for (let seed = 0; seed < 6; seed++) {
      const { assignment } = byLength.clusters(2, new Rng(seed));
      // the rod's end and the ball's centre in different clusters, the rod's one (nearly) only the rod
      expect(assignment[rodEnd]).not.toBe(assignment[blockCentre]);
      let rodCluster = 0;
      for (let i = 0; i < N; i++) if (assignment[i] === assignment[rodEnd]) rodCluster++;
      expect(rodCluster).toBeLessThan(0.03 * N);
    }
    // a rod node weighs far more than a ball node
    const w = byLength.weights;
    const nodeOf = (p: number): number => byLength.nearestNode[p]!;
    expect(w[nodeOf(rodEnd)]! / w[nodeOf(blockCentre)]!).toBeGreaterThan(20);
  });

  it('without an inside test keeps the k-nearest-neighbour edges, and handles a lone point', () => {
    const pts = Float32Array.from([0, 0, 0, 1, 0, 0, 2, 0, 0, 50, 0, 0]);
    const graph = new BodyGraph(pts, new Rng(1), { neighbours: 1 });
    const n = graph.nodes.length;
    expect(n).toBe(4);
    const node = (p: number): number => graph.nodes.indexOf(p);
    // 0–1–2 a chain; the far point joins its nearest neighbour (2), 48 away
    expect(graph.distances[node(0) * n + node(2)]).toBeCloseTo(2, 5);
    expect(graph.distances[node(0) * n + node(3)]).toBeCloseTo(50, 4);
    const { assignment } = graph.clusters(2, new Rng(3));
    expect(assignment[3]).not.toBe(assignment[0]);
    expect(() => new BodyGraph(new Float32Array(0), new Rng(1))).toThrow(/at least one point/);
  });
});
