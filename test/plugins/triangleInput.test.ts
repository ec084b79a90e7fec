import { BufferAttribute, BufferGeometry, Mesh } from 'three';
import { describe, expect, it } from 'vitest';
import { pollTriangleInput, prepareTriangleInput } from '../../src/plugins/triangleInput';

function tetrahedron(): Mesh {
  const geometry = new BufferGeometry();
  geometry.setAttribute(
    'position',
    new BufferAttribute(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]), 3),
  );
  geometry.setIndex(new BufferAttribute(new Uint32Array([0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]), 1));
  return new Mesh(geometry);
}

const flatRefusal = (input: { positions: Float32Array; indices: Uint32Array }): string | null => {
  let zMax = 0;
  for (let i = 2; i < input.positions.length; i += 3) zMax = Math.max(zMax, Math.abs(input.positions[i]!));
  return zMax === 0 ? 'flat' : null;
};

describe('pollTriangleInput', () => {
  it('refuses a missing mesh and asks the job check about the triangles', () => {
    expect(pollTriangleInput(null, flatRefusal)).toEqual({ reason: 'select a mesh object' });
    expect(pollTriangleInput(tetrahedron(), flatRefusal)).toBeNull();
  });

  it('answers again from the cache, and anew once the positions change', () => {
    const mesh = tetrahedron();
    let calls = 0;
    const counting = (input: { positions: Float32Array; indices: Uint32Array }): string | null => {
      calls++;
      return flatRefusal(input);
    };
    expect(pollTriangleInput(mesh, counting)).toBeNull();
    expect(pollTriangleInput(mesh, counting)).toBeNull();
    expect(calls).toBe(1);
    const position = mesh.geometry.getAttribute('position') as BufferAttribute;
    position.setZ(3, 0);
    position.needsUpdate = true;
    expect(pollTriangleInput(mesh, counting)).toEqual({ reason: 'flat' });
    expect(calls).toBe(2);
    mesh.geometry.setAttribute(
      'position',
      new BufferAttribute(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2]), 3),
    );
    expect(pollTriangleInput(mesh, counting)).toBeNull();
    expect(calls).toBe(3);
  });

  it('reads 16-bit indices and leaves the scene buffers untouched when preparing', () => {
    const mesh = tetrahedron();
    mesh.geometry.setIndex(new BufferAttribute(new Uint16Array([0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]), 1));
    expect(pollTriangleInput(mesh, flatRefusal)).toBeNull();
    const { input, transfer } = prepareTriangleInput(mesh);
    expect(Array.from(input.indices)).toEqual([0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]);
    expect(transfer).toContain(input.positions.buffer);
    expect(input.positions.buffer).not.toBe(
      (mesh.geometry.getAttribute('position') as BufferAttribute).array.buffer,
    );
  });
});
