/**
 * The indexed triangle mesh every plugin shares. Plain typed arrays, so it can be transferred
 * between threads without copies and wrapped by a three.js BufferGeometry without copies.
 *
 * Shapes (row-major, one row per vertex or face):
 * - positions: #V×3
 * - indices:   #F×3 vertex indices, counter-clockwise seen from outside
 * - colors:    #V×colorSize (3 = RGB, 4 = RGBA), linear, in [0, 1]
 * - uvs:       #V×2
 * - uvs1:      #V×2, a second UV set (three.js 'uv1', glTF TEXCOORD_1), e.g. the sphere map's checker UVs
 * - normals:   #V×3
 * - morphTargets: each `positions` #V×3, the whole shape as ABSOLUTE positions (three.js's default,
 *   morphTargetsRelative = false); glTF stores displacements, which the glTF reader/writer convert
 * - vertexAttributes / faceAttributes: named per-vertex / per-face arrays (#V×itemSize / #F×itemSize)
 */
export interface Mesh {
  positions: Float32Array | Float64Array;
  indices: Uint32Array;
  colors?: Float32Array;
  colorSize?: 3 | 4;
  uvs?: Float32Array;
  uvs1?: Float32Array;
  normals?: Float32Array;
  morphTargets?: MorphTarget[];
  vertexAttributes?: Record<string, MeshAttribute>;
  faceAttributes?: Record<string, MeshAttribute>;
}

/** A named blend shape: `positions` #V×3 absolute. How much of it shows is the object's (ModelNode.morphWeights). */
export interface MorphTarget {
  name: string;
  positions: Float32Array;
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
  if (mesh.uvs1) arrays.push(mesh.uvs1);
  for (const target of mesh.morphTargets ?? []) arrays.push(target.positions);
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
