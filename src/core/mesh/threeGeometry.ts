import { BufferAttribute, BufferGeometry, type InterleavedBufferAttribute, type TypedArray } from 'three';
import { FACE_ATTRIBUTES_KEY } from './attributeInfo';
import type { Mesh, MeshAttribute, MorphTarget } from './Mesh';

/**
 * Conversion between our indexed Mesh and a three.js BufferGeometry, sharing typed arrays wherever
 * three.js can use them as they are.
 *
 * - positions: Float32 is shared; Float64 is copied to Float32 (WebGL has no doubles) and the Float64
 *   source is kept in `userData.positionsF64`, used again by geometryToMesh while the Float32 copy is
 *   unchanged, so a round trip through the scene loses no precision.
 * - indices: Uint32 is shared; a non-indexed geometry gets an identity index (every 3 vertices a face).
 * - colors ↔ 'color', uvs ↔ 'uv', uvs1 ↔ 'uv1', normals ↔ 'normal'.
 * - morphTargets ↔ morphAttributes.position (names on the attributes; absolute positions, so
 *   geometryToMesh adds the base to relative ones); the weights live on the three.js Mesh object.
 * - vertexAttributes ↔ attributes whose name starts with '_' (a name without '_' gets one, the glTF rule
 *   for custom attributes). Float64 vertex attributes are copied to Float32.
 * - faceAttributes ↔ `userData.faceAttributes` (shared; see attributeInfo.ts).
 * - UV seams: a texture seam gives one geometric vertex several UVs. The Mesh keeps the geometric
 *   vertices (topology, genus, MeshCNN edge order depend on them) and holds the UVs per face corner in
 *   `faceAttributes[CORNER_UVS]` (#F×6). The geometry, which can only draw one UV per vertex, gets the
 *   seam vertices duplicated *at the end* (vertices 0…V−1 stay the mesh's) and `userData.seamSource`
 *   (#S, the mesh vertex each copy came from); geometryToMesh merges the copies back.
 */

/** Face attribute holding per-corner texture coordinates: #F×6 (u0 v0 u1 v1 u2 v2). */
export const CORNER_UVS = '_CORNER_UVS';
/** userData keys this module owns (not plugin data). */
export const POSITIONS_F64_KEY = 'positionsF64';
export const SEAM_SOURCE_KEY = 'seamSource';
/** Set (true) by whoever computes display normals for a mesh that had none: geometryToMesh then leaves them out. */
export const NORMALS_COMPUTED_KEY = 'normalsComputed';
export const GEOMETRY_USERDATA_KEYS: readonly string[] = [
  FACE_ATTRIBUTES_KEY,
  POSITIONS_F64_KEY,
  SEAM_SOURCE_KEY,
  NORMALS_COMPUTED_KEY,
];

type AnyTypedArray = MeshAttribute['array'] | Float32Array;

/** A geometry that wraps the mesh's arrays (copies only Float64 data and seam-split data). */
export function meshToGeometry(mesh: Mesh): BufferGeometry {
  const corner = mesh.faceAttributes?.[CORNER_UVS];
  if (corner && !mesh.uvs && corner.itemSize === 6 && corner.array.length === mesh.indices.length * 2) {
    return seamSplitGeometry(mesh, corner.array);
  }
  const geometry = new BufferGeometry();
  setPositions(geometry, mesh.positions);
  geometry.setIndex(new BufferAttribute(mesh.indices, 1));
  if (mesh.normals) geometry.setAttribute('normal', new BufferAttribute(mesh.normals, 3));
  if (mesh.uvs) geometry.setAttribute('uv', new BufferAttribute(mesh.uvs, 2));
  if (mesh.uvs1) geometry.setAttribute('uv1', new BufferAttribute(mesh.uvs1, 2));
  setMorphTargets(geometry, mesh.morphTargets, (a) => a);
  if (mesh.colors) geometry.setAttribute('color', new BufferAttribute(mesh.colors, mesh.colorSize ?? 3));
  for (const [name, attribute] of Object.entries(mesh.vertexAttributes ?? {})) {
    geometry.setAttribute(
      customName(name),
      new BufferAttribute(webglArray(attribute.array), attribute.itemSize),
    );
  }
  if (mesh.faceAttributes && Object.keys(mesh.faceAttributes).length > 0) {
    geometry.userData[FACE_ATTRIBUTES_KEY] = { ...mesh.faceAttributes };
  }
  return geometry;
}

/** The mesh a geometry holds, sharing its arrays where they have the Mesh's types. */
export function geometryToMesh(geometry: BufferGeometry): Mesh {
  const position = geometry.getAttribute('position') as
    BufferAttribute | InterleavedBufferAttribute | undefined;
  if (!position || position.itemSize !== 3) throw new Error('geometry has no 3D position attribute');
  const total = position.count;
  const seamSource = geometry.userData[SEAM_SOURCE_KEY] as unknown;
  const seams = seamSource instanceof Uint32Array && seamSource.length < total ? seamSource : undefined;
  const vertexTotal = total - (seams?.length ?? 0);
  const head = <T extends AnyTypedArray>(array: T, itemSize: number): T =>
    seams ? (array.subarray(0, vertexTotal * itemSize) as T) : array;

  const positions32 = floatArray(position);
  const f64 = geometry.userData[POSITIONS_F64_KEY] as unknown;
  const positions = f64 instanceof Float64Array && sameAsFloat32(f64, positions32) ? f64 : positions32;
  const mesh: Mesh = { positions: head(positions, 3), indices: geometryIndices(geometry, total) };

  const normal = geometry.getAttribute('normal') as BufferAttribute | InterleavedBufferAttribute | undefined;
  if (normal && normal.itemSize === 3 && geometry.userData[NORMALS_COMPUTED_KEY] !== true)
    mesh.normals = head(floatArray(normal), 3);
  const color = geometry.getAttribute('color') as BufferAttribute | InterleavedBufferAttribute | undefined;
  if (color && (color.itemSize === 3 || color.itemSize === 4)) {
    mesh.colors = head(floatArray(color), color.itemSize);
    mesh.colorSize = color.itemSize;
  }
  const uv1 = geometry.getAttribute('uv1') as BufferAttribute | InterleavedBufferAttribute | undefined;
  if (uv1 && uv1.itemSize === 2) mesh.uvs1 = head(floatArray(uv1), 2);
  const morphTargets = morphTargetsOf(geometry, positions32);
  if (morphTargets) mesh.morphTargets = morphTargets.map((t) => ({ ...t, positions: head(t.positions, 3) }));
  const uv = geometry.getAttribute('uv') as BufferAttribute | InterleavedBufferAttribute | undefined;
  const uvs = uv && uv.itemSize === 2 ? floatArray(uv) : undefined;
  for (const [name, attribute] of Object.entries(geometry.attributes)) {
    if (!name.startsWith('_')) continue;
    mesh.vertexAttributes ??= {};
    mesh.vertexAttributes[name] = {
      array: head(rawArray(attribute), attribute.itemSize),
      itemSize: attribute.itemSize,
    };
  }
  const faceAttributes = geometry.userData[FACE_ATTRIBUTES_KEY] as Record<string, MeshAttribute> | undefined;
  if (faceAttributes && typeof faceAttributes === 'object') {
    for (const [name, attribute] of Object.entries(faceAttributes)) {
      if (!isMeshAttribute(attribute)) continue;
      mesh.faceAttributes ??= {};
      mesh.faceAttributes[name] = attribute;
    }
  }
  if (seams) {
    // Corner UVs from the split index, then the split index mapped back to the mesh's vertices.
    const split = mesh.indices;
    const indices = new Uint32Array(split.length);
    for (let i = 0; i < split.length; i++) {
      const v = split[i]!;
      indices[i] = v < vertexTotal ? v : seams[v - vertexTotal]!;
    }
    mesh.indices = indices;
    if (uvs) {
      const corners = new Float32Array(split.length * 2);
      for (let i = 0; i < split.length; i++) {
        corners[2 * i] = uvs[2 * split[i]!]!;
        corners[2 * i + 1] = uvs[2 * split[i]! + 1]!;
      }
      mesh.faceAttributes = { ...mesh.faceAttributes, [CORNER_UVS]: { array: corners, itemSize: 6 } };
    }
  } else if (uvs) {
    mesh.uvs = uvs;
  }
  return mesh;
}

/**
 * Duplicates the vertices whose faces give them different UVs.
 * @returns indices: #F×3 into the split vertices; source: #S, the mesh vertex of split vertex V+s;
 *          uvs: (#V+#S)×2.
 */
export function splitUvSeams(
  indices: Uint32Array,
  cornerUvs: ArrayLike<number>,
  vertexTotal: number,
): { indices: Uint32Array; source: Uint32Array; uvs: Float32Array } {
  const splitIndices = new Uint32Array(indices.length);
  const uvs: number[] = new Array<number>(vertexTotal * 2).fill(0);
  const assigned = new Uint8Array(vertexTotal);
  const firstCopy = new Int32Array(vertexTotal).fill(-1);
  const nextCopy: number[] = [];
  const source: number[] = [];
  for (let i = 0; i < indices.length; i++) {
    const v = indices[i]!;
    const u = cornerUvs[2 * i]!;
    const w = cornerUvs[2 * i + 1]!;
    if (!assigned[v]) {
      assigned[v] = 1;
      uvs[2 * v] = u;
      uvs[2 * v + 1] = w;
      splitIndices[i] = v;
      continue;
    }
    if (uvs[2 * v] === u && uvs[2 * v + 1] === w) {
      splitIndices[i] = v;
      continue;
    }
    let copy = firstCopy[v]!;
    while (copy >= 0 && !(uvs[2 * (vertexTotal + copy)] === u && uvs[2 * (vertexTotal + copy) + 1] === w)) {
      copy = nextCopy[copy]!;
    }
    if (copy < 0) {
      copy = source.length;
      source.push(v);
      nextCopy.push(firstCopy[v]!);
      firstCopy[v] = copy;
      uvs.push(u, w);
    }
    splitIndices[i] = vertexTotal + copy;
  }
  return { indices: splitIndices, source: Uint32Array.from(source), uvs: Float32Array.from(uvs) };
}

function seamSplitGeometry(mesh: Mesh, cornerUvs: ArrayLike<number>): BufferGeometry {
  const vertexTotal = mesh.positions.length / 3;
  const split = splitUvSeams(mesh.indices, cornerUvs, vertexTotal);
  const grow = <T extends AnyTypedArray>(array: T, itemSize: number): T =>
    expandRows(array, itemSize, split.source, vertexTotal);
  const geometry = new BufferGeometry();
  const positions32 =
    mesh.positions instanceof Float32Array ? mesh.positions : Float32Array.from(mesh.positions);
  geometry.setAttribute('position', new BufferAttribute(grow(positions32, 3), 3));
  if (mesh.positions instanceof Float64Array) {
    // Keep the float64 source for geometryToMesh; it only needs the first #V rows.
    geometry.userData[POSITIONS_F64_KEY] = grow(mesh.positions, 3);
  }
  geometry.setIndex(new BufferAttribute(split.indices, 1));
  geometry.setAttribute('uv', new BufferAttribute(split.uvs, 2));
  if (mesh.uvs1) geometry.setAttribute('uv1', new BufferAttribute(grow(mesh.uvs1, 2), 2));
  setMorphTargets(geometry, mesh.morphTargets, (a) => grow(a, 3));
  if (mesh.normals) geometry.setAttribute('normal', new BufferAttribute(grow(mesh.normals, 3), 3));
  if (mesh.colors) {
    const size = mesh.colorSize ?? 3;
    geometry.setAttribute('color', new BufferAttribute(grow(mesh.colors, size), size));
  }
  for (const [name, attribute] of Object.entries(mesh.vertexAttributes ?? {})) {
    const array = grow(webglArray(attribute.array), attribute.itemSize);
    geometry.setAttribute(customName(name), new BufferAttribute(array, attribute.itemSize));
  }
  const faceAttributes = { ...mesh.faceAttributes };
  delete faceAttributes[CORNER_UVS];
  if (Object.keys(faceAttributes).length > 0) geometry.userData[FACE_ATTRIBUTES_KEY] = faceAttributes;
  geometry.userData[SEAM_SOURCE_KEY] = split.source;
  return geometry;
}

function setMorphTargets(
  geometry: BufferGeometry,
  targets: MorphTarget[] | undefined,
  rows: (positions: Float32Array) => Float32Array,
): void {
  if (!targets || targets.length === 0) return;
  geometry.morphAttributes.position = targets.map((target) => {
    const attribute = new BufferAttribute(rows(target.positions), 3);
    attribute.name = target.name;
    return attribute;
  });
  geometry.morphTargetsRelative = false;
}

/** The geometry's position morph targets as absolute #G×3 positions (G = drawn vertices), named. */
function morphTargetsOf(geometry: BufferGeometry, base: Float32Array): MorphTarget[] | undefined {
  const attributes = geometry.morphAttributes.position as
    (BufferAttribute | InterleavedBufferAttribute)[] | undefined;
  if (!attributes || attributes.length === 0) return undefined;
  return attributes.map((attribute, i) => {
    let positions = floatArray(attribute);
    if (geometry.morphTargetsRelative) {
      const absolute = new Float32Array(positions.length);
      for (let k = 0; k < absolute.length; k++) absolute[k] = base[k]! + positions[k]!;
      positions = absolute;
    }
    return { name: attribute.name || `target ${i}`, positions };
  });
}

/** Rows 0…V−1 unchanged, then one copied row per seam copy. */
function expandRows<T extends AnyTypedArray>(
  array: T,
  itemSize: number,
  source: Uint32Array,
  vertexTotal: number,
): T {
  const Ctor = array.constructor as new (length: number) => T;
  const out = new Ctor((vertexTotal + source.length) * itemSize);
  out.set(array.subarray(0, vertexTotal * itemSize) as ArrayLike<number> as never);
  for (let s = 0; s < source.length; s++) {
    const from = source[s]! * itemSize;
    const to = (vertexTotal + s) * itemSize;
    for (let k = 0; k < itemSize; k++) out[to + k] = array[from + k]!;
  }
  return out;
}

function setPositions(geometry: BufferGeometry, positions: Float32Array | Float64Array): void {
  if (positions instanceof Float32Array) {
    geometry.setAttribute('position', new BufferAttribute(positions, 3));
    return;
  }
  const attribute = new BufferAttribute(Float32Array.from(positions), 3);
  geometry.setAttribute('position', attribute);
  geometry.userData[POSITIONS_F64_KEY] = positions;
}

/** True when `f64` rounds to `f32` everywhere (the float32 copy was not edited since). Costs one pass. */
function sameAsFloat32(f64: Float64Array, f32: Float32Array): boolean {
  if (f64.length < f32.length) return false;
  for (let i = 0; i < f32.length; i++) if (Math.fround(f64[i]!) !== f32[i]) return false;
  return true;
}

function geometryIndices(geometry: BufferGeometry, vertexTotal: number): Uint32Array {
  const index = geometry.getIndex();
  if (!index) {
    if (vertexTotal % 3 !== 0)
      throw new Error(`non-indexed geometry has ${vertexTotal} vertices, not a multiple of 3`);
    const identity = new Uint32Array(vertexTotal);
    for (let i = 0; i < vertexTotal; i++) identity[i] = i;
    return identity;
  }
  return index.array instanceof Uint32Array
    ? index.array
    : Uint32Array.from(index.array as ArrayLike<number>);
}

/** The attribute's values as a Float32Array: shared when it is one, else converted (denormalised). */
function floatArray(attribute: BufferAttribute | InterleavedBufferAttribute): Float32Array {
  if (!('isInterleavedBufferAttribute' in attribute) && attribute.array instanceof Float32Array)
    return attribute.array;
  const out = new Float32Array(attribute.count * attribute.itemSize);
  const getters = [attribute.getX, attribute.getY, attribute.getZ, attribute.getW];
  for (let i = 0; i < attribute.count; i++) {
    for (let k = 0; k < attribute.itemSize; k++)
      out[i * attribute.itemSize + k] = getters[k]!.call(attribute, i);
  }
  return out;
}

/** A custom attribute's array as stored (shared), de-interleaved when needed. */
function rawArray(attribute: BufferAttribute | InterleavedBufferAttribute): MeshAttribute['array'] {
  if ('isInterleavedBufferAttribute' in attribute || attribute.normalized) return floatArray(attribute);
  const array = attribute.array as TypedArray;
  if (
    array instanceof Float32Array ||
    array instanceof Float64Array ||
    array instanceof Int32Array ||
    array instanceof Uint32Array ||
    array instanceof Uint16Array ||
    array instanceof Uint8Array
  ) {
    return array;
  }
  return floatArray(attribute);
}

function webglArray<T extends MeshAttribute['array']>(array: T): Exclude<T, Float64Array> | Float32Array {
  return array instanceof Float64Array ? Float32Array.from(array) : (array as Exclude<T, Float64Array>);
}

function customName(name: string): string {
  return name.startsWith('_') ? name : `_${name}`;
}

function isMeshAttribute(value: unknown): value is MeshAttribute {
  if (!value || typeof value !== 'object') return false;
  const { array, itemSize } = value as Partial<MeshAttribute>;
  return ArrayBuffer.isView(array) && typeof itemSize === 'number' && itemSize > 0;
}
