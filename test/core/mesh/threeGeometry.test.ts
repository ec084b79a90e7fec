import { BufferAttribute, BufferGeometry } from 'three';
import { describe, expect, it } from 'vitest';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import {
  CORNER_UVS,
  geometryToMesh,
  meshToGeometry,
  SEAM_SOURCE_KEY,
} from '../../../src/core/mesh/threeGeometry';

/** A unit square made of two triangles, four vertices. */
function square(): Mesh {
  return {
    positions: new Float32Array([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0]),
    indices: new Uint32Array([0, 1, 2, 0, 2, 3]),
  };
}

describe('meshToGeometry / geometryToMesh', () => {
  it('shares float32 positions, uint32 indices and attributes without copying', () => {
    const mesh: Mesh = {
      ...square(),
      normals: new Float32Array(12).fill(1),
      uvs: new Float32Array(8),
      colors: new Float32Array(16),
      colorSize: 4,
      vertexAttributes: { _SEGMENT: { array: new Int32Array([1, 2, 3, 4]), itemSize: 1 } },
      faceAttributes: { _LABEL: { array: new Uint8Array([5, 6]), itemSize: 1 } },
    };
    const geometry = meshToGeometry(mesh);
    expect(geometry.getAttribute('position').array).toBe(mesh.positions);
    expect(geometry.getIndex()!.array).toBe(mesh.indices);
    expect(geometry.getAttribute('color').itemSize).toBe(4);
    expect(geometry.getAttribute('_SEGMENT').array).toBe(mesh.vertexAttributes!._SEGMENT!.array);
    const back = geometryToMesh(geometry);
    expect(back.positions).toBe(mesh.positions);
    expect(back.indices).toBe(mesh.indices);
    expect(back.normals).toBe(mesh.normals);
    expect(back.uvs).toBe(mesh.uvs);
    expect(back.colors).toBe(mesh.colors);
    expect(back.colorSize).toBe(4);
    expect(back.vertexAttributes!._SEGMENT!.array).toBe(mesh.vertexAttributes!._SEGMENT!.array);
    expect(back.faceAttributes!._LABEL!.array).toBe(mesh.faceAttributes!._LABEL!.array);
  });

  it('copies float64 positions to float32 for three.js and restores the float64 values while unchanged', () => {
    const positions = new Float64Array([0.1, 0.2, 0.3, 1.000000001, 0, 0, 0, 1, 0]);
    const geometry = meshToGeometry({ positions, indices: new Uint32Array([0, 1, 2]) });
    expect(geometry.getAttribute('position').array).toBeInstanceOf(Float32Array);
    expect(geometryToMesh(geometry).positions).toBe(positions);
    // An edit of the float32 copy wins over the stale float64 source.
    const attribute = geometry.getAttribute('position') as BufferAttribute;
    attribute.setX(0, 5);
    const edited = geometryToMesh(geometry);
    expect(edited.positions).toBeInstanceOf(Float32Array);
    expect(edited.positions[0]).toBe(5);
  });

  it('gives a non-indexed geometry an identity index and rejects a partial triangle', () => {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(18), 3));
    expect(Array.from(geometryToMesh(geometry).indices)).toEqual([0, 1, 2, 3, 4, 5]);
    const broken = new BufferGeometry();
    broken.setAttribute('position', new BufferAttribute(new Float32Array(12), 3));
    expect(() => geometryToMesh(broken)).toThrow(/not a multiple of 3/);
  });

  it('converts uint16 indices and normalised colours', () => {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(9), 3));
    geometry.setIndex(new BufferAttribute(new Uint16Array([2, 1, 0]), 1));
    geometry.setAttribute(
      'color',
      new BufferAttribute(new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255]), 3, true),
    );
    const mesh = geometryToMesh(geometry);
    expect(mesh.indices).toEqual(new Uint32Array([2, 1, 0]));
    expect(Array.from(mesh.colors!)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('prefixes custom vertex attribute names with an underscore', () => {
    const geometry = meshToGeometry({
      ...square(),
      vertexAttributes: { weight: { array: new Float64Array(4), itemSize: 1 } },
    });
    expect(geometry.getAttribute('_weight').array).toBeInstanceOf(Float32Array);
  });

  it('splits UV seams only in the geometry and merges them back into the geometric mesh', () => {
    // Face 0 sees vertex 2 at uv (1,1); face 1 sees it at (0.5,0.5): one seam copy of vertex 2.
    const corners = new Float32Array([0, 0, 1, 0, 1, 1, 0, 0, 0.5, 0.5, 0, 1]);
    const mesh: Mesh = { ...square(), faceAttributes: { [CORNER_UVS]: { array: corners, itemSize: 6 } } };
    const geometry = meshToGeometry(mesh);
    expect(geometry.getAttribute('position').count).toBe(5);
    expect(Array.from(geometry.getIndex()!.array)).toEqual([0, 1, 2, 0, 4, 3]);
    expect(Array.from(geometry.userData[SEAM_SOURCE_KEY] as Uint32Array)).toEqual([2]);
    expect(Array.from(geometry.getAttribute('uv').array).slice(8)).toEqual([0.5, 0.5]);
    expect(Array.from(geometry.getAttribute('position').array).slice(12)).toEqual([1, 1, 0]);
    const back = geometryToMesh(geometry);
    expect(back.positions.length).toBe(12);
    expect(Array.from(back.indices)).toEqual([0, 1, 2, 0, 2, 3]);
    expect(back.uvs).toBeUndefined();
    expect(Array.from(back.faceAttributes![CORNER_UVS]!.array)).toEqual(Array.from(corners));
  });
});
