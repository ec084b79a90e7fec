/**
 * The indexed triangle mesh every plugin shares. Plain typed arrays, so it can be transferred
 * between threads without copies and wrapped by a three.js BufferGeometry without copies.
 *
 * Shapes (row-major, one row per vertex or face):
 * - positions: #V×3
 * - indices:   #F×3 vertex indices, counter-clockwise seen from outside
 * - colors:    #V×colorSize (3 = RGB, 4 = RGBA), linear, in [0, 1]
 * - uvs:       #V×2
 * - normals:   #V×3
 * - vertexAttributes / faceAttributes: named per-vertex / per-face arrays (#V×itemSize / #F×itemSize)
 */
export interface Mesh {
  positions: Float32Array | Float64Array;
  indices: Uint32Array;
  colors?: Float32Array;
  colorSize?: 3 | 4;
  uvs?: Float32Array;
  normals?: Float32Array;
  vertexAttributes?: Record<string, MeshAttribute>;
  faceAttributes?: Record<string, MeshAttribute>;
}

/** A named attribute: `array` holds count×itemSize values. */
export interface MeshAttribute {
  array: Float32Array | Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
  itemSize: number;
}

export function vertexCount(mesh: Mesh): number {
  return mesh.positions.length / 3;
}

export function faceCount(mesh: Mesh): number {
  return mesh.indices.length / 3;
}

/** Every ArrayBuffer the mesh refers to, for transfer lists (each buffer once). */
export function meshBuffers(mesh: Mesh): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [mesh.positions, mesh.indices];
  if (mesh.colors) arrays.push(mesh.colors);
  if (mesh.uvs) arrays.push(mesh.uvs);
  if (mesh.normals) arrays.push(mesh.normals);
  for (const group of [mesh.vertexAttributes, mesh.faceAttributes]) {
    if (group) for (const attribute of Object.values(group)) arrays.push(attribute.array);
  }
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}

/** Positions as float64, copying only when they are float32. */
export function positionsF64(mesh: Mesh): Float64Array {
  return mesh.positions instanceof Float64Array ? mesh.positions : Float64Array.from(mesh.positions);
}
