import type { BufferGeometry, Mesh, Object3D } from 'three';

/** The object as a three.js mesh, or null when it is not one. */
export function meshOf(object: Object3D | null): Mesh | null {
  return object && (object as Mesh).isMesh ? (object as Mesh) : null;
}

/**
 * A mesh's triangles as job input: positions #V×3 (float32) and indices #F×3, copied so the scene keeps
 * its own buffers while these are transferred. Non-indexed geometry gets the identity index.
 */
export function triangleInput(mesh: Mesh): { positions: Float32Array; indices: Uint32Array } {
  const geometry = mesh.geometry as BufferGeometry;
  const position = geometry.getAttribute('position');
  const positions = new Float32Array(position.count * 3);
  for (let i = 0; i < position.count; i++) {
    positions[3 * i] = position.getX(i);
    positions[3 * i + 1] = position.getY(i);
    positions[3 * i + 2] = position.getZ(i);
  }
  const index = geometry.getIndex();
  const indices = index
    ? Uint32Array.from(index.array as ArrayLike<number>)
    : Uint32Array.from({ length: position.count - (position.count % 3) }, (_, i) => i);
  return { positions, indices };
}
