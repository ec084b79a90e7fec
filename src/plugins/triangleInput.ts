import type { BufferAttribute, BufferGeometry, InterleavedBufferAttribute, Mesh, Object3D } from 'three';

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
 * The active mesh's triangles for a poll, without copying where the buffers already have the job's
 * types (a float32 position attribute that is not interleaved, a Uint32 index). Read only.
 */
function triangleView(mesh: Mesh): { positions: Float32Array; indices: Uint32Array } {
  const geometry = mesh.geometry as BufferGeometry;
  const position = geometry.getAttribute('position');
  const index = geometry.getIndex();
  const plain =
    !('isInterleavedBufferAttribute' in position) &&
    position.itemSize === 3 &&
    position.array instanceof Float32Array;
  if (plain && (!index || index.array instanceof Uint32Array)) {
    const positions = (position.array as Float32Array).subarray(0, 3 * position.count);
    const indices = index
      ? (index.array as Uint32Array)
      : Uint32Array.from({ length: position.count - (position.count % 3) }, (_, i) => i);
    return { positions, indices };
  }
  return triangleInput(mesh);
}

type Refusal = (input: { positions: Float32Array; indices: Uint32Array }) => string | null;

/** Poll answers per refusal check and geometry, valid while the position and index versions hold. */
const pollCache = new WeakMap<Refusal, WeakMap<BufferGeometry, { key: unknown[]; reason: string | null }>>();

/** What a poll answer depends on: the attribute objects, their versions and counts. */
function geometryKey(geometry: BufferGeometry): unknown[] {
  const version = (a: BufferAttribute | InterleavedBufferAttribute): number =>
    'isInterleavedBufferAttribute' in a ? a.data.version : a.version;
  const position = geometry.getAttribute('position');
  const index = geometry.getIndex();
  return [
    position,
    version(position),
    position.count,
    index,
    index ? index.version : 0,
    index ? index.count : 0,
  ];
}

/**
 * The poll of an operator whose job takes the active mesh's triangles: refuses a missing mesh or
 * positions, then asks `refusal` (the job's own input check) about the triangles. The answer is cached
 * per geometry until its positions or index change: the editor polls on every panel refresh, and the
 * check walks every triangle.
 */
export function pollTriangleInput(object: Object3D | null, refusal: Refusal): { reason: string } | null {
  const mesh = meshOf(object);
  if (!mesh) return { reason: 'select a mesh object' };
  const geometry = mesh.geometry as BufferGeometry;
  const position = geometry.getAttribute('position');
  if (!position) return { reason: 'the mesh has no vertex positions' };
  const key = geometryKey(geometry);
  let cache = pollCache.get(refusal);
  if (!cache) pollCache.set(refusal, (cache = new WeakMap()));
  let entry = cache.get(geometry);
  if (!entry || entry.key.some((k, i) => k !== key[i]))
    cache.set(geometry, (entry = { key, reason: refusal(triangleView(mesh)) }));
  return entry.reason ? { reason: entry.reason } : null;
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
