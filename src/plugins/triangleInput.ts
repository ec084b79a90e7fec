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

/**
 * The poll of an operator whose job takes the active mesh's triangles: refuses a missing mesh or
 * positions, then asks `refusal` (the job's own input check) about the triangles.
 */
export function pollTriangleInput(
  object: Object3D | null,
  refusal: (input: { positions: Float32Array; indices: Uint32Array }) => string | null,
): { reason: string } | null {
  const mesh = meshOf(object);
  if (!mesh) return { reason: 'select a mesh object' };
  if (!(mesh.geometry as BufferGeometry).getAttribute('position'))
    return { reason: 'the mesh has no vertex positions' };
  const reason = refusal(triangleInput(mesh));
  return reason ? { reason } : null;
}

/** The prepare of such an operator: the active mesh's triangles, with their buffers to transfer. */
export function prepareTriangleInput(object: Object3D | null): {
  input: { positions: Float32Array; indices: Uint32Array };
  transfer: ArrayBuffer[];
} {
  const mesh = meshOf(object);
  if (!mesh) throw new Error('select a mesh object');
  const input = triangleInput(mesh);
  return { input, transfer: [input.positions.buffer, input.indices.buffer] as ArrayBuffer[] };
}
