import type { Mesh, MeshAttribute } from './Mesh';

/**
 * Low-level mesh rebuilding shared by the repairs. The input is never modified; arrays that do not
 * change are shared with the result.
 */

type AttributeArray = MeshAttribute['array'];

/**
 * Face attributes that hold one value set per face corner (#F×3k, corner by corner), which must follow
 * the corners when a face is flipped or built. '_CORNER_UVS' is the one threeGeometry.ts uses for UV seams.
 */
export const CORNER_ATTRIBUTES: readonly string[] = ['_CORNER_UVS'];

function isCornerAttribute(name: string, attribute: MeshAttribute): boolean {
  return CORNER_ATTRIBUTES.includes(name) && attribute.itemSize % 3 === 0;
}

/** Rows `rows[i]` of a row-major array with `width` values per row, as a new array of the same type. */
export function gatherRows<T extends AttributeArray>(array: T, width: number, rows: ArrayLike<number>): T {
  const out = new (array.constructor as new (n: number) => T)(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i]! * width;
    for (let k = 0; k < width; k++) out[i * width + k] = array[from + k]!;
  }
  return out;
}

function gatherAttributes(
  group: Record<string, MeshAttribute> | undefined,
  rows: ArrayLike<number>,
): Record<string, MeshAttribute> | undefined {
  if (!group) return undefined;
  const out: Record<string, MeshAttribute> = {};
  for (const [name, attribute] of Object.entries(group)) {
    out[name] = {
      array: gatherRows(attribute.array, attribute.itemSize, rows),
      itemSize: attribute.itemSize,
    };
  }
  return out;
}

/**
 * A mesh whose vertex i is the input's vertex `sourceVertex[i]` (positions, colours, both UV sets,
 * normals, morph target rows and vertex attributes follow), with the given face indices (already in the new numbering).
 * Face attributes are kept as they are: the faces must be the same, in the same order.
 */
export function withVertices(mesh: Mesh, sourceVertex: ArrayLike<number>, indices: Uint32Array): Mesh {
  const out: Mesh = { ...mesh, positions: gatherRows(mesh.positions, 3, sourceVertex), indices };
  if (mesh.colors) out.colors = gatherRows(mesh.colors, mesh.colorSize ?? 3, sourceVertex);
  if (mesh.uvs) out.uvs = gatherRows(mesh.uvs, 2, sourceVertex);
  if (mesh.uvs1) out.uvs1 = gatherRows(mesh.uvs1, 2, sourceVertex);
  if (mesh.morphTargets)
    out.morphTargets = mesh.morphTargets.map((t) => ({
      ...t,
      positions: gatherRows(t.positions, 3, sourceVertex),
    }));
  if (mesh.normals) out.normals = gatherRows(mesh.normals, 3, sourceVertex);
  if (mesh.vertexAttributes) out.vertexAttributes = gatherAttributes(mesh.vertexAttributes, sourceVertex);
  return out;
}

/** The mesh with only the faces `keptFaces` (ascending face ids); face attributes follow. Vertices are kept. */
export function withFaces(mesh: Mesh, keptFaces: ArrayLike<number>): Mesh {
  const out: Mesh = { ...mesh, indices: gatherRows(mesh.indices, 3, keptFaces) };
  if (mesh.faceAttributes) out.faceAttributes = gatherAttributes(mesh.faceAttributes, keptFaces);
  return out;
}

/** Face ids whose flag is 0 (the ones to keep), ascending. */
export function facesWithout(faceTotal: number, removed: Uint8Array): Uint32Array {
  let count = 0;
  for (let f = 0; f < faceTotal; f++) if (!removed[f]) count++;
  const kept = new Uint32Array(count);
  let n = 0;
  for (let f = 0; f < faceTotal; f++) if (!removed[f]) kept[n++] = f;
  return kept;
}

/**
 * The mesh with faces appended (#N×3 `added`, in the current numbering). Face attributes get zero rows
 * for the new faces (a new face has no label or value yet), except corner attributes: a new corner takes
 * the values of an existing corner at the same vertex (so a hole patch gets its neighbours' UVs).
 */
export function withAddedFaces(mesh: Mesh, added: Uint32Array): Mesh {
  const indices = new Uint32Array(mesh.indices.length + added.length);
  indices.set(mesh.indices);
  indices.set(added, mesh.indices.length);
  const out: Mesh = { ...mesh, indices };
  if (mesh.faceAttributes) {
    const group: Record<string, MeshAttribute> = {};
    const newFaces = added.length / 3;
    for (const [name, attribute] of Object.entries(mesh.faceAttributes)) {
      const array = new (attribute.array.constructor as new (n: number) => AttributeArray)(
        attribute.array.length + newFaces * attribute.itemSize,
      );
      array.set(attribute.array);
      if (isCornerAttribute(name, attribute))
        fillNewCorners(mesh.indices, added, array, attribute.itemSize / 3);
      group[name] = { array, itemSize: attribute.itemSize };
    }
    out.faceAttributes = group;
  }
  return out;
}

/** For each corner of the appended faces, copies `width` values from the first old corner at its vertex. */
function fillNewCorners(
  indices: Uint32Array,
  added: Uint32Array,
  array: AttributeArray,
  width: number,
): void {
  const firstCorner = new Map<number, number>();
  for (const v of added) firstCorner.set(v, -1);
  for (let c = 0; c < indices.length; c++) {
    const v = indices[c]!;
    if (firstCorner.get(v) === -1) firstCorner.set(v, c);
  }
  for (let i = 0; i < added.length; i++) {
    const from = firstCorner.get(added[i]!)!;
    if (from < 0) continue;
    const to = indices.length + i;
    for (let k = 0; k < width; k++) array[to * width + k] = array[from * width + k]!;
  }
}

/** The mesh with the faces flagged in `flip` (#F) reversed (2nd and 3rd corner swapped, corner attributes too). */
export function withFlippedFaces(mesh: Mesh, flip: Uint8Array): Mesh {
  const indices = new Uint32Array(mesh.indices);
  const faceTotal = indices.length / 3;
  for (let f = 0; f < faceTotal; f++) {
    if (!flip[f]) continue;
    indices[3 * f + 1] = mesh.indices[3 * f + 2]!;
    indices[3 * f + 2] = mesh.indices[3 * f + 1]!;
  }
  const out: Mesh = { ...mesh, indices };
  if (mesh.faceAttributes) {
    const group: Record<string, MeshAttribute> = { ...mesh.faceAttributes };
    for (const [name, attribute] of Object.entries(mesh.faceAttributes)) {
      if (!isCornerAttribute(name, attribute)) continue;
      const width = attribute.itemSize / 3;
      const array = attribute.array.slice();
      for (let f = 0; f < faceTotal; f++) {
        if (!flip[f]) continue;
        const base = f * attribute.itemSize;
        for (let k = 0; k < width; k++) {
          array[base + width + k] = attribute.array[base + 2 * width + k]!;
          array[base + 2 * width + k] = attribute.array[base + width + k]!;
        }
      }
      group[name] = { array, itemSize: attribute.itemSize };
    }
    out.faceAttributes = group;
  }
  return out;
}

/** A deep copy of every array (for sending to a job by transfer without detaching the scene's arrays). */
export function copyMesh(mesh: Mesh, options: { skipAttributes?: readonly string[] } = {}): Mesh {
  const skip = options.skipAttributes ?? [];
  const copyGroup = (
    group: Record<string, MeshAttribute> | undefined,
  ): Record<string, MeshAttribute> | undefined => {
    if (!group) return undefined;
    const out: Record<string, MeshAttribute> = {};
    for (const [name, attribute] of Object.entries(group)) {
      if (!skip.includes(name)) out[name] = { array: attribute.array.slice(), itemSize: attribute.itemSize };
    }
    return Object.keys(out).length ? out : undefined;
  };
  const out: Mesh = { positions: mesh.positions.slice(), indices: mesh.indices.slice() };
  if (mesh.colors) {
    out.colors = mesh.colors.slice();
    if (mesh.colorSize) out.colorSize = mesh.colorSize;
  }
  if (mesh.uvs) out.uvs = mesh.uvs.slice();
  if (mesh.uvs1) out.uvs1 = mesh.uvs1.slice();
  if (mesh.morphTargets)
    out.morphTargets = mesh.morphTargets.map((t) => ({ name: t.name, positions: t.positions.slice() }));
  if (mesh.normals) out.normals = mesh.normals.slice();
  const vertexAttributes = copyGroup(mesh.vertexAttributes);
  if (vertexAttributes) out.vertexAttributes = vertexAttributes;
  const faceAttributes = copyGroup(mesh.faceAttributes);
  if (faceAttributes) out.faceAttributes = faceAttributes;
  return out;
}
