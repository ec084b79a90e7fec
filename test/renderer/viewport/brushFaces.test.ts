import { PerspectiveCamera, SphereGeometry, Triangle, Vector3 } from 'three';
import { computeBoundsTree, type MeshBVH } from 'three-mesh-bvh';
import { describe, expect, it } from 'vitest';
import { facesInSphere, strokeSamples, worldPerPixel } from '../../../src/renderer/viewport/brushFaces';

describe('the label brush’s face search', () => {
  it('finds exactly the faces touching the ball, in the mesh’s own face numbering, without reordering it', () => {
    const geometry = new SphereGeometry(1, 48, 32);
    const indexBefore = (geometry.index!.array as Uint16Array | Uint32Array).slice();
    geometry.computeBoundsTree = computeBoundsTree;
    geometry.computeBoundsTree({ indirect: true });
    expect(Array.from(geometry.index!.array)).toEqual(Array.from(indexBefore)); // face order is data
    const bvh = geometry.boundsTree as MeshBVH;
    const center = new Vector3(0.3, 0.9, 0.2);
    const radius = 0.35;
    const found = facesInSphere(bvh, center, radius).sort((a, b) => a - b);

    // Brute force: the closest point of each triangle to the centre lies within the radius.
    const position = geometry.getAttribute('position');
    const index = geometry.index!;
    const triangle = new Triangle();
    const closest = new Vector3();
    const expected: number[] = [];
    for (let f = 0; f < index.count / 3; f++) {
      triangle.a.fromBufferAttribute(position, index.getX(3 * f));
      triangle.b.fromBufferAttribute(position, index.getX(3 * f + 1));
      triangle.c.fromBufferAttribute(position, index.getX(3 * f + 2));
      if (triangle.getArea() === 0) continue; // the poles' degenerate triangles
      triangle.closestPointToPoint(center, closest);
      if (closest.distanceTo(center) <= radius) expected.push(f);
    }
    expect(expected.length).toBeGreaterThan(20);
    expect(found.filter((f) => expected.includes(f))).toEqual(expected);
    // Only degenerate faces may be reported besides (three-mesh-bvh tests their edges).
    for (const f of found.filter((g) => !expected.includes(g))) {
      triangle.a.fromBufferAttribute(position, index.getX(3 * f));
      triangle.b.fromBufferAttribute(position, index.getX(3 * f + 1));
      triangle.c.fromBufferAttribute(position, index.getX(3 * f + 2));
      expect(triangle.getArea()).toBe(0);
    }
  });

  it('turns screen pixels into world units at the brush’s depth', () => {
    const camera = new PerspectiveCamera(90, 1, 0.1, 100);
    camera.position.set(0, 0, 5);
    camera.lookAt(0, 0, 0);
    camera.updateMatrixWorld();
    // At depth 5 a 90° view is 10 units tall: 500 pixels → 0.02 units per pixel.
    expect(worldPerPixel(camera, new Vector3(0, 0, 0), 500)).toBeCloseTo(0.02, 10);
    expect(worldPerPixel(camera, new Vector3(1, 1, 2.5), 500)).toBeCloseTo(0.01, 10);
  });

  it('fills the gap between two far-apart pointer events with points at most `spacing` apart', () => {
    const points = strokeSamples(0, 0, 10, 0, 3);
    expect(points).toEqual([2.5, 0, 5, 0, 7.5, 0, 10, 0]);
    expect(strokeSamples(0, 0, 1, 1, 5)).toEqual([1, 1]);
  });
});
