import { BufferAttribute, BufferGeometry, Vector3 } from 'three';
import { MeshBVH } from 'three-mesh-bvh';
import { describe, expect, it } from 'vitest';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import { Rng } from '../../../src/core/sampling/Rng';
import { sampleBox } from '../../../src/core/sampling/boxSampling';
import { normaliseMesh } from '../../../src/core/sdf/normaliseMesh';
import { SignedDistanceField } from '../../../src/core/sdf/signedDistance';
import { box, boxSdf, icosphere } from './shapes';

describe('normaliseMesh', () => {
  it('centres the bounding box, scales the longest side to 1 and flips inward meshes', () => {
    const m = box(2, 4, 1);
    for (let i = 0; i < m.positions.length; i += 3) m.positions[i] = m.positions[i]! + 10;
    const inward: Mesh = {
      positions: m.positions,
      indices: m.indices.map((_v, i) => m.indices[i - (i % 3) + [0, 2, 1][i % 3]!]!),
    };
    const n = normaliseMesh(inward);
    expect(n.scale).toBeCloseTo(0.25, 12);
    expect(n.centre[0]).toBeCloseTo(10, 6);
    expect(n.flipped).toBe(true);
    expect(n.signedVolume).toBeCloseTo(-(0.5 * 1 * 0.25), 6);
    const again = normaliseMesh(n.mesh);
    expect(again.flipped).toBe(false);
    expect(again.signedVolume).toBeCloseTo(0.125, 6);
  });
});

describe('SignedDistanceField', () => {
  it('matches the analytic sphere (up to the facets) with the right sign everywhere', () => {
    const r = 0.4;
    const field = new SignedDistanceField(icosphere(r));
    const pts = sampleBox(3000, new Rng(1));
    // detail-5 icosphere: its flat facets sit up to ~3e-3 inside the true sphere
    for (let i = 0; i < 3000; i++) {
      const x = pts[3 * i]!,
        y = pts[3 * i + 1]!,
        z = pts[3 * i + 2]!;
      const exact = Math.hypot(x, y, z) - r;
      const d = field.signedDistance(x, y, z);
      expect(Math.abs(d - exact)).toBeLessThan(4e-3);
      if (Math.abs(exact) > 4e-3) expect(Math.sign(d)).toBe(Math.sign(exact));
    }
  });

  it('matches the analytic box exactly, inside and outside', () => {
    const field = new SignedDistanceField(box(0.6, 0.4, 0.8));
    const pts = sampleBox(3000, new Rng(2));
    const { sdf, winding } = field.evaluate(pts);
    for (let i = 0; i < 3000; i++) {
      const exact = boxSdf(pts[3 * i]!, pts[3 * i + 1]!, pts[3 * i + 2]!, 0.3, 0.2, 0.4);
      expect(sdf[i]).toBeCloseTo(exact, 5);
      expect(Math.abs(winding[i]! - (exact < 0 ? 1 : 0))).toBeLessThan(0.05);
    }
  });

  it('agrees with three-mesh-bvh closest-point distances', () => {
    const mesh = icosphere(0.3, 3);
    for (let i = 0; i < mesh.positions.length; i += 3) mesh.positions[i] = mesh.positions[i]! * 1.5; // an ellipsoid
    const field = new SignedDistanceField(mesh);
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(Float32Array.from(mesh.positions), 3));
    geometry.setIndex(new BufferAttribute(mesh.indices, 1));
    const bvh = new MeshBVH(geometry);
    const pts = sampleBox(2000, new Rng(3));
    const target = { point: new Vector3(), distance: 0, faceIndex: 0 };
    for (let i = 0; i < 2000; i++) {
      const q = new Vector3(pts[3 * i]!, pts[3 * i + 1]!, pts[3 * i + 2]!);
      bvh.closestPointToPoint(q, target);
      expect(field.tree.distance(q.x, q.y, q.z)).toBeCloseTo(target.distance, 5);
    }
  });

  // second-order far field at β = 2 (as the reference); the sign only needs w on the right side of ½
  it('far-field winding numbers stay close to the exact sum', () => {
    const field = new SignedDistanceField(icosphere(0.4, 4));
    const pts = sampleBox(500, new Rng(4));
    for (let i = 0; i < 500; i++) {
      const x = pts[3 * i]!,
        y = pts[3 * i + 1]!,
        z = pts[3 * i + 2]!;
      expect(
        Math.abs(field.tree.windingNumber(x, y, z) - field.tree.windingNumberExact(x, y, z)),
      ).toBeLessThan(0.08);
    }
  });

  it('keeps the sign right on an open mesh away from the hole', () => {
    const sphere = icosphere(0.4, 4);
    // cut a hole: drop the cap of faces with centroid z > 0.36 (a hole of radius ~0.17)
    const kept: number[] = [];
    const p = sphere.positions;
    for (let t = 0; t < sphere.indices.length; t += 3) {
      const cz =
        (p[3 * sphere.indices[t]! + 2]! +
          p[3 * sphere.indices[t + 1]! + 2]! +
          p[3 * sphere.indices[t + 2]! + 2]!) /
        3;
      if (cz <= 0.36) kept.push(sphere.indices[t]!, sphere.indices[t + 1]!, sphere.indices[t + 2]!);
    }
    expect(kept.length).toBeLessThan(sphere.indices.length);
    const field = new SignedDistanceField({ positions: sphere.positions, indices: new Uint32Array(kept) });
    const pts = sampleBox(3000, new Rng(5));
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const x = pts[3 * i]!,
        y = pts[3 * i + 1]!,
        z = pts[3 * i + 2]!;
      const r = Math.hypot(x, y, z);
      const nearHole = Math.hypot(x, y, z - 0.4) < 0.3;
      if (nearHole || Math.abs(r - 0.4) < 0.01) continue;
      expect(field.signedDistance(x, y, z) < 0).toBe(r < 0.4);
      checked++;
    }
    expect(checked).toBeGreaterThan(2000);
  });
});
