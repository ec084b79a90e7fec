import { describe, expect, it } from 'vitest';
import { ConditionalFlow } from '../../../src/core/parts/ConditionalFlow';
import { fitParts, implicitValues } from '../../../src/core/parts/fitParts';
import { BodyGraph } from '../../../src/core/parts/geodesicClusters';
import {
  largestMissedRegion,
  reseedDeadPrimitive,
  splitStraddlingPrimitive,
} from '../../../src/core/parts/reseed';
import { Rng } from '../../../src/core/sampling/Rng';

/** n points uniform in the ball of radius `radius` at `centre`: #n×3 */
function ball(n: number, radius: number, centre: [number, number, number], rng: Rng): number[] {
  const out: number[] = [];
  while (out.length < 3 * n) {
    const u = [rng.next() * 2 - 1, rng.next() * 2 - 1, rng.next() * 2 - 1];
    if (Math.hypot(u[0]!, u[1]!, u[2]!) <= 1) out.push(...u.map((v, k) => centre[k]! + radius * v));
  }
  return out;
}

const r = 0.25;
const identity3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** Two primitives at the left ball: 0 covers it (with room), 1 is a tiny sphere hidden inside 0 (dead). */
function flowWithDeadPrimitive(): ConditionalFlow {
  return new ConditionalFlow({ primitives: 2, codeSize: 4, hidden: 8, layers: 3, radius: r }, new Rng(1), {
    translation: Float32Array.from([-0.3, 0, 0, -0.3, 0, 0]),
    scale: Float32Array.from([r / 0.2, r / 0.2, r / 0.2, r / 0.01, r / 0.01, r / 0.01]),
    rotation: Float32Array.from([...identity3, ...identity3]),
  });
}

describe('re-seeding dead primitives', () => {
  const rng = new Rng(2);
  const inside = Float32Array.from([
    ...ball(800, 0.15, [-0.3, 0, 0], rng),
    ...ball(300, 0.1, [0.3, 0, 0], rng),
  ]);

  it('moves a primitive hidden inside another onto the region the union misses', () => {
    const flow = flowWithDeadPrimitive();
    const probes = Float32Array.from([0.3, 0, 0, 0.37, 0, 0, 0.3, 0, 0.07, 0.46, 0, 0, -0.3, 0, 0]);
    const before = implicitValues(flow, probes); // [2·5]: primitive 1 at 5…9
    expect(before[5]).toBeGreaterThan(0); // the right ball is missed
    expect(reseedDeadPrimitive(flow, inside)).toBe(1);
    const after = implicitValues(flow, probes);
    expect(after[5]).toBeLessThan(0); // now inside primitive 1: its centre,
    expect(after[6]).toBeLessThan(0); // near its rim along x and z,
    expect(after[7]).toBeLessThan(0);
    expect(after[8]).toBeGreaterThan(0); // not far beyond it,
    expect(after[9]).toBeGreaterThan(0); // and no longer at the left ball
    for (let i = 0; i < 5; i++) expect(after[i]).toBeCloseTo(before[i]!, 6); // primitive 0 untouched
    // primitive 1 took the code of primitive 0 (the one that holds most)
    expect(Array.from(flow.codes.data.subarray(4, 8))).toEqual(Array.from(flow.codes.data.subarray(0, 4)));
  });

  it('counts a sizeable primitive that only duplicates another as dead', () => {
    // primitive 1 (radius 0.1) sits inside primitive 0 (radius 0.2): deepest at many points, but
    // the union loses nothing without it
    const flow = new ConditionalFlow(
      { primitives: 2, codeSize: 4, hidden: 8, layers: 3, radius: r },
      new Rng(1),
      {
        translation: Float32Array.from([-0.3, 0, 0, -0.3, 0, 0]),
        scale: Float32Array.from([r / 0.2, r / 0.2, r / 0.2, r / 0.1, r / 0.1, r / 0.1]),
        rotation: Float32Array.from([...identity3, ...identity3]),
      },
    );
    expect(reseedDeadPrimitive(flow, inside)).toBe(1);
    expect(implicitValues(flow, Float32Array.from([0.3, 0, 0]))[1]).toBeLessThan(0);
  });

  it('leaves a fit alone when every primitive holds its share', () => {
    const flow = new ConditionalFlow(
      { primitives: 2, codeSize: 4, hidden: 8, layers: 3, radius: r },
      new Rng(1),
      {
        translation: Float32Array.from([-0.3, 0, 0, 0.3, 0, 0]),
        scale: Float32Array.from([r / 0.2, r / 0.2, r / 0.2, r / 0.12, r / 0.12, r / 0.12]),
        rotation: Float32Array.from([...identity3, ...identity3]),
      },
    );
    const anchors = Float32Array.from(flow.anchorTranslation.data);
    expect(reseedDeadPrimitive(flow, inside)).toBe(-1);
    expect(Array.from(flow.anchorTranslation.data)).toEqual(Array.from(anchors));
  });

  it('finds the largest connected missed region, ignoring a thinly missed rim', () => {
    // a dense row of 10 missed points 0.02 apart (one region at cell 0.06); 6 missed points far
    // away; and a cell where 1 of 5 points is missed (a rim the union nearly covers): not a region
    const row = Array.from({ length: 10 }, (_, i) => [i * 0.02, 0, 0]).flat();
    const far = Array.from({ length: 6 }, (_, i) => [0.9 + i * 0.005, 0.9, 0.9]).flat();
    const rim = Array.from({ length: 5 }, (_, i) => [-0.5 + i * 0.005, 0.5, 0.5]).flat();
    const points = Float32Array.from([...far, ...row, ...rim]);
    const missed = Uint8Array.from({ length: 21 }, (_, i) => (i < 17 ? 1 : 0));
    const region = largestMissedRegion(points, missed, 0.06);
    expect(region.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => 6 + i));
    const rimOnly = Uint8Array.from({ length: 21 }, (_, i) => (i === 16 ? 1 : 0));
    expect(largestMissedRegion(points, rimOnly, 0.06)).toEqual([]);
  });
});

describe('splitting a primitive that straddles the body', () => {
  // two small balls (the hands) joined through a big one (the chest) by thin bars, along x
  const inShape = (x: number, y: number, z: number): boolean =>
    Math.hypot(x + 0.35, y, z) <= 0.1 ||
    Math.hypot(x - 0.35, y, z) <= 0.1 ||
    Math.hypot(x, y, z) <= 0.2 ||
    (Math.abs(x) <= 0.3 && Math.hypot(y, z) <= 0.03);
  const rng = new Rng(5);
  const pts: number[] = [];
  while (pts.length < 3 * 6000) {
    const p = [rng.next() - 0.5, rng.next() * 0.5 - 0.25, rng.next() * 0.5 - 0.25] as const;
    if (inShape(...p)) pts.push(...p);
  }
  const graph = new BodyGraph(Float32Array.from(pts), new Rng(6), { nodes: 800, insideAt: inShape });
  /** 0: a long ellipsoid through both small balls and the chest; 1: the chest; 2: a tiny one hidden in the chest */
  const straddling = (long = 0.45): ConditionalFlow =>
    new ConditionalFlow({ primitives: 3, codeSize: 4, hidden: 8, layers: 3, radius: r }, new Rng(1), {
      translation: Float32Array.from([long === 0.45 ? 0 : -0.35, 0, 0, 0, 0, 0, 0, 0.1, 0]),
      scale: Float32Array.from([
        r / long,
        r / 0.1,
        r / 0.1,
        r / 0.21,
        r / 0.21,
        r / 0.21,
        r / 0.02,
        r / 0.02,
        r / 0.02,
      ]),
      rotation: Float32Array.from([...identity3, ...identity3, ...identity3]),
    });
  const probes = Float32Array.from([-0.35, 0, 0, 0.35, 0, 0, 0, 0, 0]);

  it('moves the straddling primitive onto one small ball and the weakest onto the other', () => {
    const flow = straddling();
    const before = implicitValues(flow, probes); // [3·3]: primitive m at 3m…3m+2
    expect(before[0]).toBeLessThan(0); // primitive 0 holds both small balls
    expect(before[1]).toBeLessThan(0);
    expect(splitStraddlingPrimitive(flow, graph)).toEqual({ split: 0, moved: 2 });
    const after = implicitValues(flow, probes);
    const inside = (m: number, probe: number): boolean => after[3 * m + probe]! < 0;
    // each small ball now in exactly one of primitives 0 and 2, a different one each
    expect(inside(0, 0) !== inside(0, 1)).toBe(true);
    expect(inside(2, 0) !== inside(2, 1)).toBe(true);
    expect(inside(0, 0) !== inside(2, 0)).toBe(true);
    // neither reaches the chest's centre any more; the chest's primitive is untouched
    expect(inside(0, 2) || inside(2, 2)).toBe(false);
    for (let i = 0; i < 3; i++) expect(after[3 + i]).toBeCloseTo(before[3 + i]!, 6);
  });

  it('leaves a primitive alone when what it alone holds is one piece', () => {
    const flow = straddling(0.12); // primitive 0 on the left ball only
    expect(splitStraddlingPrimitive(flow, graph)).toBeNull();
  });
});

describe('re-seeding during a fit', () => {
  it('calls the given rule once at each budget fraction and records what it moved', async () => {
    const flow = new ConditionalFlow(
      { primitives: 2, codeSize: 4, hidden: 8, layers: 2, radius: r },
      new Rng(3),
    );
    const rng = new Rng(4);
    const surface = Float32Array.from(ball(200, 0.2, [0, 0, 0], rng));
    const volume = Float32Array.from(ball(200, 0.4, [0, 0, 0], rng));
    const data = {
      surfacePoints: surface,
      surfaceNormals: surface.map((v) => v / 0.2),
      volumePoints: volume,
      volumeLabels: Uint8Array.from({ length: 200 }, (_, i) =>
        Math.hypot(volume[3 * i]!, volume[3 * i + 1]!, volume[3 * i + 2]!) < 0.2 ? 1 : 0,
      ),
    };
    const calls: number[] = [];
    const result = await fitParts(flow, data, {
      steps: 8,
      seconds: 0,
      volumeBatch: 64,
      surfaceBatch: 64,
      spherePoints: 32,
      normalBatch: 16,
      reseedAt: [0.25, 0.75],
      reseed: (f) => {
        expect(f).toBe(flow);
        calls.push(calls.length);
        return calls.length === 1 ? 1 : -1; // moves primitive 1 the first time, nothing the second
      },
    });
    expect(calls).toHaveLength(2);
    expect(result.reseeded).toEqual([{ step: 2, primitive: 1 }]);
  });
});
