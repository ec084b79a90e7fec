import {
  Document,
  TextureInfo,
  VertexLayout,
  type Material,
  type mat4,
  type Node,
  type Primitive,
} from '@gltf-transform/core';
import type { BufferAttribute } from 'three';
import { FACE_ATTRIBUTES_KEY } from '../mesh/attributeInfo';
import type { Mesh, MeshAttribute } from '../mesh/Mesh';
import { meshToGeometry, SEAM_SOURCE_KEY } from '../mesh/threeGeometry';
import { EXTRAS_KEY, InMemoryGltfIO, type PrimitiveExtras, type StoredArray } from './gltfIO';
import { MATERIAL_FACE_ATTRIBUTE, type MaterialData, type ModelData, type ModelNode } from './ModelData';

const STANDARD_SEMANTICS: Record<string, string> = {
  position: 'POSITION',
  normal: 'NORMAL',
  uv: 'TEXCOORD_0',
  uv1: 'TEXCOORD_1',
  color: 'COLOR_0',
};
const ACCESSOR_TYPES = ['SCALAR', 'VEC2', 'VEC3', 'VEC4'] as const;

/**
 * Writes a model as GLB with glTF-Transform. Besides what every glTF viewer shows (positions,
 * normals, UVs with seams split, colours, PBR material and texture, node transforms), it keeps
 * everything our plugins add, so that readGltf(writeGlb(x)) gives x back:
 * - custom vertex attributes as glTF '_NAME' attributes (float32, uint8/16/32, 1–4 components);
 *   others (int32, float64, more components) as stored arrays (below);
 * - face attributes, and the UV seam sources, as stored arrays: accessors that no primitive
 *   attribute uses, named, and listed in the primitive's `extras.homeomorph` (see gltfIO.ts);
 * - morph targets as glTF primitive targets (POSITION displacements), their names in the mesh's
 *   `extras.targetNames` and the node's current weights as the mesh's default weights (the
 *   convention three.js's GLTFLoader reads);
 * - the second UV set as TEXCOORD_1, and which set the base colour texture reads as its texCoord;
 * - geometry userData (attributeInfo…) as the primitive's extras, object userData as the node's
 *   extras (three.js's GLTFLoader puts them back in the same places).
 * glTF positions are float32: float64 positions are rounded.
 */
export async function writeGlb(model: ModelData): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const materials = new Map<MaterialData, Material>();
  let arrayCounter = 0;

  const scene = doc.createScene(model.name);
  scene.addChild(convertNode(model.root));
  doc.getRoot().setDefaultScene(scene);
  // One buffer view per attribute (not interleaved): readers can then use the arrays in place.
  return new InMemoryGltfIO(model.name).setVertexLayout(VertexLayout.SEPARATE).writeBinary(doc);

  function convertNode(node: ModelNode): Node {
    const out = doc.createNode(node.name);
    if (node.matrix && node.matrix.length === 16) out.setMatrix(node.matrix as unknown as mat4);
    // the node's extras are its userData, plus our own key for what glTF cannot say (visibility)
    const nodeExtras: Record<string, unknown> = node.userData ? jsonSafe(node.userData) : {};
    if (node.visible === false) nodeExtras[EXTRAS_KEY] = { visible: false };
    if (Object.keys(nodeExtras).length > 0) out.setExtras(nodeExtras);
    if (node.mesh) {
      const gltfMesh = doc.createMesh(node.name);
      for (const primitive of convertMesh(
        node.mesh,
        node.meshUserData,
        node.materials ?? [],
        node.material,
      )) {
        gltfMesh.addPrimitive(primitive);
      }
      const targets = node.mesh.morphTargets ?? [];
      if (targets.length > 0) {
        gltfMesh.setWeights(targets.map((_, i) => node.morphWeights?.[i] ?? 0));
        gltfMesh.setExtras({ targetNames: targets.map((t) => t.name) });
      }
      out.setMesh(gltfMesh);
    }
    for (const child of node.children) out.addChild(convertNode(child));
    return out;
  }

  /**
   * One primitive, or with several materials one primitive per material that has faces, all sharing
   * the same vertex accessors (the mesh stays one mesh; readGltf merges them back in face order).
   */
  function convertMesh(
    mesh: Mesh,
    meshUserData: Record<string, unknown> | undefined,
    materialList: MaterialData[],
    material: MaterialData | undefined,
  ): Primitive[] {
    const split = materialSplit(mesh, materialList);
    if (split)
      mesh = {
        ...mesh,
        faceAttributes: {
          ...mesh.faceAttributes,
          [MATERIAL_FACE_ATTRIBUTE]: { array: split.compactIds, itemSize: 1 },
        },
      };
    const geometry = meshToGeometry(mesh);
    const primitive = doc.createPrimitive();
    const stored: StoredArray[] = [];
    const store = (
      role: StoredArray['role'],
      name: string,
      array: MeshAttribute['array'],
      itemSize: number,
    ): void => {
      if (array.length === 0) return;
      const accessorName = `${EXTRAS_KEY}/${arrayCounter++}/${role}/${name}`;
      const native =
        array instanceof Float32Array ||
        array instanceof Uint32Array ||
        array instanceof Uint16Array ||
        array instanceof Uint8Array;
      const data = native ? array : new Uint8Array(array.buffer, array.byteOffset, array.byteLength).slice();
      doc.createAccessor(accessorName, buffer).setType('SCALAR').setArray(data);
      stored.push({ role, name, accessor: accessorName, type: array.constructor.name, itemSize });
    };

    for (const [name, attribute] of Object.entries(geometry.attributes) as [string, BufferAttribute][]) {
      const array = attribute.array as MeshAttribute['array'];
      const semantic = STANDARD_SEMANTICS[name] ?? (name.startsWith('_') ? name : undefined);
      if (!semantic) continue;
      const gltfReady =
        attribute.itemSize >= 1 &&
        attribute.itemSize <= 4 &&
        (array instanceof Float32Array ||
          array instanceof Uint8Array ||
          array instanceof Uint16Array ||
          array instanceof Uint32Array);
      if (gltfReady) {
        // glTF's UV origin is the top-left corner, ours (OBJ's, three.js's default) the bottom-left.
        const data = name === 'uv' || name === 'uv1' ? flipV(floatArray(attribute)) : array;
        const accessor = doc
          .createAccessor(semantic, buffer)
          .setType(ACCESSOR_TYPES[attribute.itemSize - 1]!)
          .setArray(data);
        primitive.setAttribute(semantic, accessor);
      } else if (name.startsWith('_')) {
        store('vertex', name, array, attribute.itemSize);
      }
    }
    // glTF morph targets hold displacements from the base positions; ours are absolute.
    const base = geometry.getAttribute('position').array as Float32Array;
    const targetAccessors = (geometry.morphAttributes.position ?? []).map((attribute) => {
      const shape = floatArray(attribute as BufferAttribute);
      const delta = new Float32Array(shape.length);
      for (let k = 0; k < delta.length; k++) delta[k] = shape[k]! - base[k]!;
      return doc.createAccessor(attribute.name, buffer).setType('VEC3').setArray(delta);
    });
    const addTargets = (to: Primitive): void => {
      for (const accessor of targetAccessors)
        to.addTarget(doc.createPrimitiveTarget(accessor.getName()).setAttribute('POSITION', accessor));
    };
    addTargets(primitive);
    const index = geometry.getIndex()!.array as Uint32Array;
    primitive.setIndices(
      doc
        .createAccessor('indices', buffer)
        .setType('SCALAR')
        .setArray(split ? facesOf(index, split.compactIds, 0) : index),
    );
    const faceAttributes = geometry.userData[FACE_ATTRIBUTES_KEY] as
      Record<string, MeshAttribute> | undefined;
    for (const [name, attribute] of Object.entries(faceAttributes ?? {}))
      store('face', name, attribute.array, attribute.itemSize);
    const seamSource = geometry.userData[SEAM_SOURCE_KEY] as Uint32Array | undefined;
    if (seamSource) store('seamSource', SEAM_SOURCE_KEY, seamSource, 1);

    const extras: Record<string, unknown> = meshUserData ? jsonSafe(meshUserData) : {};
    if (stored.length > 0 || split) {
      extras[EXTRAS_KEY] = {
        version: 1,
        arrays: stored,
        ...(split ? { splitByMaterial: true } : {}),
      } satisfies PrimitiveExtras;
    }
    if (Object.keys(extras).length > 0) primitive.setExtras(extras);
    if (!split) {
      if (material) primitive.setMaterial(convertMaterial(material));
      return [primitive];
    }
    primitive.setMaterial(convertMaterial(split.used[0]!));
    const primitives = [primitive];
    for (let k = 1; k < split.used.length; k++) {
      const part = doc.createPrimitive().setMaterial(convertMaterial(split.used[k]!));
      addTargets(part); // glTF: every primitive of a mesh has the same targets
      for (const semantic of primitive.listSemantics())
        part.setAttribute(semantic, primitive.getAttribute(semantic));
      part.setIndices(
        doc
          .createAccessor('indices', buffer)
          .setType('SCALAR')
          .setArray(facesOf(index, split.compactIds, k)),
      );
      primitives.push(part);
    }
    return primitives;
  }

  function convertMaterial(data: MaterialData): Material {
    const known = materials.get(data);
    if (known) return known;
    const material = doc.createMaterial(data.name ?? '');
    const [r, g, b] = data.color ?? [1, 1, 1];
    const opacity = data.opacity ?? 1;
    material.setBaseColorFactor([r, g, b, opacity]);
    if (opacity < 1) material.setAlphaMode('BLEND');
    material.setRoughnessFactor(data.roughness ?? 1);
    material.setMetallicFactor(data.metalness ?? 0);
    if (data.map) {
      const texture = doc
        .createTexture(data.map.name)
        .setImage(copyBytes(data.map.bytes))
        .setMimeType(data.map.mime)
        .setURI(data.map.name);
      material.setBaseColorTexture(texture);
      const info = material.getBaseColorTextureInfo()!;
      if (data.mapChannel) info.setTexCoord(data.mapChannel);
      if (data.mapNearest)
        info.setMagFilter(TextureInfo.MagFilter.NEAREST).setMinFilter(TextureInfo.MinFilter.NEAREST);
    }
    materials.set(data, material);
    return material;
  }
}

/**
 * With several materials: the materials that have faces (in index order) and each face's index among
 * them. Undefined when the mesh has one material (or no valid face → material attribute).
 */
function materialSplit(
  mesh: Mesh,
  materialList: MaterialData[],
): { used: MaterialData[]; compactIds: Uint32Array } | undefined {
  const ids = mesh.faceAttributes?.[MATERIAL_FACE_ATTRIBUTE]?.array;
  const faceTotal = mesh.indices.length / 3;
  if (materialList.length < 2 || !ids || ids.length !== faceTotal) return undefined;
  const compact = new Int32Array(materialList.length).fill(-1);
  for (let f = 0; f < faceTotal; f++) if (ids[f]! < materialList.length) compact[ids[f]!] = 0;
  const used: MaterialData[] = [];
  for (let m = 0; m < materialList.length; m++)
    if (compact[m] === 0) compact[m] = used.push(materialList[m]!) - 1;
  if (used.length < 2) return undefined;
  const compactIds = new Uint32Array(faceTotal);
  for (let f = 0; f < faceTotal; f++) compactIds[f] = Math.max(0, compact[ids[f]!] ?? 0);
  return { used, compactIds };
}

/** The triangles (3 indices each, in face order) of the faces whose id is `id`. */
function facesOf(index: Uint32Array, ids: Uint32Array, id: number): Uint32Array {
  let count = 0;
  for (let f = 0; f < ids.length; f++) if (ids[f] === id) count++;
  const out = new Uint32Array(3 * count);
  let o = 0;
  for (let f = 0; f < ids.length; f++) {
    if (ids[f] !== id) continue;
    out[o++] = index[3 * f]!;
    out[o++] = index[3 * f + 1]!;
    out[o++] = index[3 * f + 2]!;
  }
  return out;
}

/** (u, v) → (u, 1 − v), a new array. */
export function flipV(uvs: Float32Array): Float32Array {
  const out = new Float32Array(uvs.length);
  for (let i = 0; i < uvs.length; i += 2) {
    out[i] = uvs[i]!;
    out[i + 1] = 1 - uvs[i + 1]!;
  }
  return out;
}

/** The attribute's values as float32 (shared when they already are). */
function floatArray(attribute: BufferAttribute): Float32Array {
  if (attribute.array instanceof Float32Array && !attribute.normalized) return attribute.array;
  const out = new Float32Array(attribute.count * attribute.itemSize);
  for (let i = 0; i < attribute.count; i++)
    for (let k = 0; k < attribute.itemSize; k++)
      out[i * attribute.itemSize + k] = attribute.getComponent(i, k);
  return out;
}

function copyBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

/** userData as plain JSON (typed arrays become objects, functions and cycles are dropped by JSON). */
function jsonSafe(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
