import {
  TextureInfo,
  type Accessor,
  type JSONDocument,
  type Material,
  type Node,
  type Primitive,
} from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { MeshoptDecoder } from 'meshoptimizer/decoder';
import { BufferAttribute, BufferGeometry } from 'three';
import { FACE_ATTRIBUTES_KEY } from '../mesh/attributeInfo';
import type { Mesh, MeshAttribute } from '../mesh/Mesh';
import { geometryToMesh, SEAM_SOURCE_KEY } from '../mesh/threeGeometry';
import { FileError } from './FileError';
import { EXTRAS_KEY, InMemoryGltfIO, type PrimitiveExtras } from './gltfIO';
import {
  MATERIAL_FACE_ATTRIBUTE,
  baseName,
  extensionOf,
  type FileResolver,
  type InputFile,
  type MaterialData,
  type ModelData,
  type ModelNode,
} from './ModelData';
import { tooManyTriangles, validateMesh } from './validateMesh';
import { flipV } from './writeGltf';

const SEMANTIC_NAMES: Record<string, string> = {
  POSITION: 'position',
  NORMAL: 'normal',
  TEXCOORD_0: 'uv',
  TEXCOORD_1: 'uv1',
  COLOR_0: 'color',
};
const TRIANGLES = 4;
const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/**
 * Reads glTF 2.0 (.gltf with embedded data: URIs or external .bin/.png through the resolver, and
 * .glb) with glTF-Transform. Every triangle primitive becomes a mesh in index order (vertex order
 * kept); the nodes keep their names, transforms and extras (→ userData); what writeGlb stores
 * (face attributes, custom vertex attributes, seam sources, geometry userData) is restored.
 * The default scene is read; a scene with one top-level node gives that node as the root.
 */
export async function readGltf(
  file: InputFile,
  resolve: FileResolver | undefined,
  options: { maxTriangles: number },
): Promise<ModelData> {
  if (file.data.length === 0) throw new FileError(file.name, 'the file is empty');
  if (extensionOf(file.name) === 'glb' && !isGlb(file.data))
    throw new FileError(file.name, 'not a GLB file: it does not start with "glTF"');
  const warnings: string[] = [];
  // Khronos and EXT extensions are read (quantized and meshopt-compressed files, material extensions
  // are ignored beyond the base colour); Draco needs a decoder we do not ship (see below).
  const io = new InMemoryGltfIO(file.name, file.data, resolve, warnings)
    .setStrictResources(false)
    .registerExtensions(ALL_EXTENSIONS);
  let jsonDoc: JSONDocument;
  try {
    jsonDoc = await io.readAsJSON(InMemoryGltfIO.MAIN);
  } catch (error) {
    throw asFileError(file.name, error, isGlb(file.data) ? 'not a valid GLB file' : 'not a valid glTF file');
  }
  checkTriangleCount(jsonDoc, file.name, options.maxTriangles);
  const used = jsonDoc.json.extensionsUsed ?? [];
  if (used.includes('KHR_draco_mesh_compression')) {
    throw new FileError(
      file.name,
      'the meshes are Draco-compressed, which Homeomorph does not read; export the file without Draco compression (or with meshopt)',
    );
  }
  if (used.includes('EXT_meshopt_compression')) {
    await MeshoptDecoder.ready;
    io.registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
  }
  let doc;
  try {
    doc = await io.readJSON(jsonDoc);
  } catch (error) {
    throw asFileError(file.name, error, 'the glTF data is corrupt');
  }
  const root = doc.getRoot();
  const scene = root.getDefaultScene() ?? root.listScenes()[0];
  const topNodes = scene ? scene.listChildren() : root.listNodes().filter((n) => !n.getParentNode());
  if (root.listScenes().length > 1)
    warnings.push(`only the default scene of ${root.listScenes().length} was read`);
  if (root.listAnimations().length > 0) warnings.push('animations were ignored');
  if (root.listSkins().length > 0) warnings.push('skins were ignored (meshes are read in their bind pose)');

  const storedArrays = new Map<string, Accessor>();
  for (const accessor of root.listAccessors())
    if (accessor.getName().startsWith(`${EXTRAS_KEY}/`)) storedArrays.set(accessor.getName(), accessor);
  const materials = new Map<Material, MaterialData>();
  let meshTotal = 0;
  let skipped = 0;

  const convertNode = (node: Node): ModelNode => {
    const out: ModelNode = { name: node.getName(), children: [] };
    const matrix = Array.from(node.getMatrix());
    if (matrix.some((x, i) => x !== IDENTITY[i])) out.matrix = matrix;
    const extras = { ...(node.getExtras() ?? {}) } as Record<string, unknown>;
    if ((extras[EXTRAS_KEY] as { visible?: unknown } | undefined)?.visible === false) out.visible = false;
    delete extras[EXTRAS_KEY];
    if (Object.keys(extras).length > 0) out.userData = extras;
    const primitives = (node.getMesh()?.listPrimitives() ?? []).filter((p) => {
      if (p.getMode() === TRIANGLES && p.getAttribute('POSITION')) return true;
      skipped++;
      return false;
    });
    const meshName = node.getMesh()?.getName() ?? '';
    if (!out.name) out.name = meshName || `node ${meshTotal}`;
    const gltfMesh = node.getMesh();
    const targetNames = (gltfMesh?.getExtras() as { targetNames?: unknown } | undefined)?.targetNames;
    const morph: MorphInfo = {
      names: Array.isArray(targetNames) ? targetNames.map(String) : [],
      weights: node.getWeights().length > 0 ? node.getWeights() : (gltfMesh?.getWeights() ?? []),
    };
    if (primitives.length > 1 && sharesVertices(primitives)) {
      // One mesh drawn with several materials: merged back into one mesh (see writeGltf).
      convertPrimitive(primitives[0]!, out, out.name, morph, primitives);
    } else {
      primitives.forEach((primitive, i) => {
        const target: ModelNode = primitives.length === 1 ? out : { name: `${out.name}.${i}`, children: [] };
        convertPrimitive(
          primitive,
          target,
          `${out.name}${primitives.length > 1 ? ` primitive ${i}` : ''}`,
          morph,
        );
        if (target !== out) out.children.push(target);
      });
    }
    for (const child of node.listChildren()) out.children.push(convertNode(child));
    return out;
  };

  /** `parts`: all the primitives of a mesh that share `primitive`'s vertices, one per material. */
  const convertPrimitive = (
    primitive: Primitive,
    target: ModelNode,
    label: string,
    morph: MorphInfo,
    parts?: Primitive[],
  ): void => {
    const geometry = new BufferGeometry();
    for (const semantic of primitive.listSemantics()) {
      const name = SEMANTIC_NAMES[semantic] ?? (semantic.startsWith('_') ? semantic : undefined);
      const accessor = primitive.getAttribute(semantic);
      const array = accessor?.getArray();
      if (!name || !accessor || !array) continue;
      const attribute = new BufferAttribute(array, accessor.getElementSize(), accessor.getNormalized());
      // glTF's UV origin is the top-left corner, ours (OBJ's, three.js's default) the bottom-left.
      geometry.setAttribute(
        name,
        name === 'uv' || name === 'uv1' ? new BufferAttribute(flipV(floatValues(attribute)), 2) : attribute,
      );
    }
    setMorphTargets(primitive, geometry, morph.names);
    const indices = primitive.getIndices()?.getArray();
    if (indices) geometry.setIndex(new BufferAttribute(indices, 1));
    const extras = { ...(primitive.getExtras() ?? {}) } as Record<string, unknown>;
    const ours = extras[EXTRAS_KEY] as PrimitiveExtras | undefined;
    delete extras[EXTRAS_KEY];
    const faceAttributes: Record<string, MeshAttribute> = {};
    for (const stored of Array.isArray(ours?.arrays) ? ours.arrays : []) {
      const accessor = storedArrays.get(stored.accessor);
      const array = accessor ? typedArray(accessor, stored.type) : undefined;
      if (!array || !(stored.itemSize >= 1)) {
        warnings.push(`${label}: the stored array "${stored.name}" is missing or damaged and was ignored`);
        continue;
      }
      if (stored.role === 'face') faceAttributes[stored.name] = { array, itemSize: stored.itemSize };
      else if (stored.role === 'vertex')
        geometry.setAttribute(stored.name, new BufferAttribute(array, stored.itemSize));
      else if (stored.role === 'seamSource' && array instanceof Uint32Array)
        geometry.userData[SEAM_SOURCE_KEY] = array;
    }
    if (parts) {
      const merged = mergeParts(parts, faceAttributes[MATERIAL_FACE_ATTRIBUTE]?.array);
      if (!merged) throw new FileError(file.name, `${label}: its material parts do not add up to its faces`);
      geometry.setIndex(new BufferAttribute(merged.indices, 1));
      faceAttributes[MATERIAL_FACE_ATTRIBUTE] = { array: merged.faceParts, itemSize: 1 };
    }
    if (Object.keys(faceAttributes).length > 0) geometry.userData[FACE_ATTRIBUTES_KEY] = faceAttributes;
    let mesh: Mesh;
    try {
      mesh = geometryToMesh(geometry);
    } catch (error) {
      throw new FileError(file.name, `${label}: ${(error as Error).message}`);
    }
    validateMesh(mesh, file.name, label);
    target.mesh = mesh;
    const targetCount = mesh.morphTargets?.length ?? 0;
    if (targetCount > 0 && morph.weights.some((w) => w !== 0))
      target.morphWeights = Array.from({ length: targetCount }, (_, i) => morph.weights[i] ?? 0);
    meshTotal++;
    if (Object.keys(extras).length > 0) target.meshUserData = extras;
    if (parts) {
      target.materials = parts.map((part) => {
        const material = part.getMaterial();
        return material ? convertMaterial(material) : {};
      });
      target.material = target.materials[0];
      return;
    }
    const material = primitive.getMaterial();
    if (material) target.material = convertMaterial(material);
  };

  const convertMaterial = (material: Material): MaterialData => {
    const known = materials.get(material);
    if (known) return known;
    const [r, g, b, a] = material.getBaseColorFactor();
    const data: MaterialData = {
      color: [r, g, b],
      opacity: a,
      roughness: material.getRoughnessFactor(),
      metalness: material.getMetallicFactor(),
    };
    if (material.getName()) data.name = material.getName();
    const texture = material.getBaseColorTexture();
    const image = texture?.getImage();
    if (texture && image) {
      data.map = {
        name: texture.getURI() || texture.getName() || 'texture',
        mime: texture.getMimeType() || 'image/png',
        bytes: image,
      };
      const info = material.getBaseColorTextureInfo();
      if (info && info.getTexCoord() > 0) data.mapChannel = info.getTexCoord();
      if (info?.getMagFilter() === TextureInfo.MagFilter.NEAREST) data.mapNearest = true;
    }
    materials.set(material, data);
    return data;
  };

  const children = topNodes.map(convertNode);
  if (skipped > 0)
    warnings.push(`${skipped} primitives that are not triangles (points, lines, strips) were skipped`);
  if (meshTotal === 0) throw new FileError(file.name, 'no triangle meshes in the file');
  const name = baseName(file.name);
  const rootNode: ModelNode =
    children.length === 1 ? children[0]! : { name: scene?.getName() || name, children };
  if (children.length !== 1 && scene && Object.keys(scene.getExtras()).length > 0)
    rootNode.userData = { ...scene.getExtras() };
  return { name, root: rootNode, warnings };
}

/** A glTF mesh's morph target names (mesh.extras.targetNames) and weights (node's, else mesh's). */
interface MorphInfo {
  names: string[];
  weights: number[];
}

/** The primitive's POSITION targets (glTF: displacements) as absolute morph targets on the geometry. */
function setMorphTargets(primitive: Primitive, geometry: BufferGeometry, names: string[] | undefined): void {
  const targets = primitive.listTargets();
  const position = geometry.getAttribute('position') as BufferAttribute | undefined;
  if (targets.length === 0 || !position) return;
  const base = floatValues(position);
  const attributes: BufferAttribute[] = [];
  targets.forEach((target, t) => {
    const accessor = target.getAttribute('POSITION');
    const array = accessor?.getArray();
    if (!accessor || !array || accessor.getElementSize() !== 3 || accessor.getCount() !== position.count)
      return;
    const delta = floatValues(new BufferAttribute(array, 3, accessor.getNormalized()));
    const absolute = new Float32Array(base.length);
    for (let k = 0; k < absolute.length; k++) absolute[k] = base[k]! + delta[k]!;
    const attribute = new BufferAttribute(absolute, 3);
    attribute.name = names?.[t] ?? (target.getName() || `target ${t}`);
    attributes.push(attribute);
  });
  if (attributes.length === 0) return;
  geometry.morphAttributes.position = attributes;
  geometry.morphTargetsRelative = false;
}

/** True when every primitive draws from the same POSITION accessor (one mesh, several materials). */
function sharesVertices(primitives: Primitive[]): boolean {
  const position = primitives[0]!.getAttribute('POSITION');
  return primitives.every((p) => p.getAttribute('POSITION') === position && p.getIndices());
}

/**
 * The parts' triangles in the mesh's face order: `faceParts[f]` (stored by writeGltf) says which part
 * face f comes from; without it (another tool's file) the parts follow each other. Undefined when the
 * counts do not match.
 */
function mergeParts(
  parts: Primitive[],
  stored: ArrayLike<number> | undefined,
): { indices: Uint32Array; faceParts: Uint16Array | Uint32Array } | undefined {
  const arrays = parts.map((p) => p.getIndices()!.getArray()!);
  const faceTotal = arrays.reduce((n, a) => n + a.length / 3, 0);
  const faceParts = parts.length <= 65536 ? new Uint16Array(faceTotal) : new Uint32Array(faceTotal);
  if (stored && stored.length === faceTotal) {
    for (let f = 0; f < faceTotal; f++) faceParts[f] = stored[f]!;
  } else {
    let f = 0;
    arrays.forEach((a, part) => faceParts.fill(part, f, (f += a.length / 3)));
  }
  const indices = new Uint32Array(3 * faceTotal);
  const cursor = new Array<number>(parts.length).fill(0);
  for (let f = 0; f < faceTotal; f++) {
    const part = faceParts[f]!;
    const source = arrays[part];
    const at = cursor[part]!;
    if (!source || at + 3 > source.length) return undefined;
    indices[3 * f] = source[at]!;
    indices[3 * f + 1] = source[at + 1]!;
    indices[3 * f + 2] = source[at + 2]!;
    cursor[part] = at + 3;
  }
  return { indices, faceParts };
}

/** Counts triangles from the JSON alone (index or position counts), before any buffer is decoded. */
function checkTriangleCount(jsonDoc: JSONDocument, fileName: string, maxTriangles: number): void {
  const json = jsonDoc.json;
  let triangles = 0;
  for (const mesh of json.meshes ?? []) {
    for (const primitive of mesh.primitives ?? []) {
      if ((primitive.mode ?? TRIANGLES) !== TRIANGLES) continue;
      const accessorIndex = primitive.indices ?? primitive.attributes?.POSITION;
      const count = accessorIndex === undefined ? 0 : Number(json.accessors?.[accessorIndex]?.count ?? 0);
      triangles += Math.floor(count / 3);
    }
  }
  if (triangles > maxTriangles) throw new FileError(fileName, tooManyTriangles(triangles, maxTriangles));
}

/** The stored array with its original type (bytes reinterpreted when glTF had no such type). */
function typedArray(accessor: Accessor, type: string): MeshAttribute['array'] | undefined {
  const array = accessor.getArray();
  if (!array) return undefined;
  if (array.constructor.name === type) return array as MeshAttribute['array'];
  const Ctor = (
    { Int32Array, Float64Array, Float32Array, Uint32Array, Uint16Array, Uint8Array } as Record<
      string,
      unknown
    >
  )[type] as
    ((new (buffer: ArrayBuffer) => MeshAttribute['array']) & { BYTES_PER_ELEMENT: number }) | undefined;
  if (!Ctor || !(array instanceof Uint8Array) || array.byteLength % Ctor.BYTES_PER_ELEMENT !== 0)
    return undefined;
  return new Ctor(array.slice().buffer);
}

/** The attribute's values as floats (normalised integers scaled to [0, 1]). */
function floatValues(attribute: BufferAttribute): Float32Array {
  if (attribute.array instanceof Float32Array && !attribute.normalized) return attribute.array;
  const out = new Float32Array(attribute.count * attribute.itemSize);
  for (let i = 0; i < attribute.count; i++) {
    for (let k = 0; k < attribute.itemSize; k++)
      out[i * attribute.itemSize + k] = attribute.getComponent(i, k);
  }
  return out;
}

function isGlb(bytes: Uint8Array): boolean {
  return bytes[0] === 0x67 && bytes[1] === 0x6c && bytes[2] === 0x54 && bytes[3] === 0x46;
}

function asFileError(fileName: string, error: unknown, what: string): FileError {
  if (error instanceof FileError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new FileError(fileName, `${what} (${message})`);
}
