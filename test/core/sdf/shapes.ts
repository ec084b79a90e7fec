import { BoxGeometry, IcosahedronGeometry, type BufferGeometry } from 'three';
import { mergeVertices } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { Mesh } from '../../../src/core/mesh/Mesh';

/** An indexed, closed mesh from a three.js geometry (duplicate vertices welded). */
export function meshFromGeometry(geometry: BufferGeometry): Mesh {
  geometry.deleteAttribute('normal');
  geometry.deleteAttribute('uv');
  const merged = mergeVertices(geometry, 1e-6);
  return {
    positions: Float32Array.from(merged.getAttribute('position').array as ArrayLike<number>),
    indices: Uint32Array.from(merged.getIndex()!.array as ArrayLike<number>),
  };
}

/** Icosphere of the given radius (detail 5: 20,480 faces, vertices on the sphere). */
export function icosphere(radius: number, detail = 5): Mesh {
  return meshFromGeometry(new IcosahedronGeometry(radius, detail));
}

/** Axis-aligned box centred at the origin with the given side lengths. */
export function box(sx: number, sy: number, sz: number): Mesh {
  return meshFromGeometry(new BoxGeometry(sx, sy, sz));
}

/** Exact signed distance to an axis-aligned box of half sizes h centred at the origin. */
export function boxSdf(x: number, y: number, z: number, hx: number, hy: number, hz: number): number {
  const qx = Math.abs(x) - hx,
    qy = Math.abs(y) - hy,
    qz = Math.abs(z) - hz;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0), Math.max(qz, 0));
  return outside + Math.min(Math.max(qx, qy, qz), 0);
}
