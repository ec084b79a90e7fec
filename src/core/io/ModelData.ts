import { meshBuffers, type Mesh } from '../mesh/Mesh';

/**
 * A scene as plain data: no DOM, no three.js, nothing that cannot be posted to a worker. Readers
 * produce it, writers consume it, and modelToThree/threeToModel convert it to and from the editor's
 * scene graph. Meshes keep the file's vertex and face order.
 */

/** One file handed to a reader. `name` may contain folders ('tex/a.png'); its extension picks the reader. */
export interface InputFile {
  name: string;
  data: Uint8Array;
}

/**
 * Finds a file beside the main one (MTL, textures, external .bin buffers) by its path relative to
 * the main file's folder, as written in the file ('textures/wood.png'). Returns undefined when absent.
 */
export type FileResolver = (relativePath: string) => Uint8Array | undefined | Promise<Uint8Array | undefined>;

/** An encoded image (PNG, JPEG, …) kept as bytes; the renderer decodes it, Node keeps it for re-export. */
export interface ImageFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

/** The few material properties the readers and writers carry (a PBR metallic-roughness subset). */
export interface MaterialData {
  name?: string;
  /** Linear RGB in [0, 1]. */
  color?: [number, number, number];
  opacity?: number;
  roughness?: number;
  metalness?: number;
  /** Base colour texture, read through the mesh's UVs. */
  map?: ImageFile;
  /** Which UV set the map reads: 0 = `uvs` (default), 1 = `uvs1` (three.js texture.channel, glTF texCoord). */
  mapChannel?: number;
  /** Nearest-pixel sampling for the map (a checkerboard or other pixel-art texture); default linear. */
  mapNearest?: boolean;
}

/** Face attribute (#F, uint16/uint32) naming each face's entry in `ModelNode.materials`. */
export const MATERIAL_FACE_ATTRIBUTE = '_MATERIAL';

export interface ModelNode {
  name: string;
  mesh?: Mesh;
  /** The mesh's material (with several: the first of `materials`). */
  material?: MaterialData;
  /**
   * Several materials on one mesh (an OBJ with several 'usemtl'): face f uses
   * `materials[mesh.faceAttributes[MATERIAL_FACE_ATTRIBUTE].array[f]]`. The mesh stays one mesh, so its
   * topology and vertex order are untouched.
   */
  materials?: MaterialData[];
  /**
   * The current weight of each of `mesh.morphTargets` (three.js morphTargetInfluences, glTF mesh
   * weights); absent = all 0.
   */
  morphWeights?: number[];
  /** Local transform, 16 numbers, column-major (three.js Matrix4.elements order). Absent = identity. */
  matrix?: number[];
  /** The object's own data (plugin results: { plugin, props, version, metrics }). JSON-compatible. */
  userData?: Record<string, unknown>;
  /** false for a hidden object (three.js `visible`); absent = shown. glTF has no visibility: GLB keeps it in the node's extras. */
  visible?: false;
  /**
   * The mesh's own data that is not an array (e.g. `attributeInfo`), i.e. three.js geometry.userData
   * without `faceAttributes` (those live in `mesh.faceAttributes`). JSON-compatible.
   */
  meshUserData?: Record<string, unknown>;
  children: ModelNode[];
}

export interface ModelData {
  name: string;
  root: ModelNode;
  /** Things the reader dropped or changed, worded for the user ('3 materials: only the first is used'). */
  warnings: string[];
}

/** Every ArrayBuffer the model refers to (meshes and image bytes), each once, for transfer lists. */
export function modelBuffers(model: ModelData): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const node of modelNodes(model.root)) {
    if (node.mesh) for (const buffer of meshBuffers(node.mesh)) buffers.add(buffer);
    // Image bytes often view a larger buffer (a Node Buffer pool, a whole GLB): transfer only whole buffers.
    const bytes = node.material?.map?.bytes;
    if (
      bytes &&
      bytes.buffer instanceof ArrayBuffer &&
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength
    ) {
      buffers.add(bytes.buffer);
    }
  }
  return [...buffers];
}

/** The node and all its descendants, depth first, parents before children. */
export function* modelNodes(root: ModelNode): Generator<ModelNode> {
  const stack: ModelNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** The nodes that carry a mesh, in depth-first order. */
export function modelMeshNodes(model: ModelData): (ModelNode & { mesh: Mesh })[] {
  const result: (ModelNode & { mesh: Mesh })[] = [];
  for (const node of modelNodes(model.root)) if (node.mesh) result.push(node as ModelNode & { mesh: Mesh });
  return result;
}

/** The file name without folders and without its last extension: 'models/spot.obj' → 'spot'. */
export function baseName(path: string): string {
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

/** The lower-case extension without the dot: 'Spot.OBJ' → 'obj'; '' when there is none. */
export function extensionOf(path: string): string {
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(dot + 1).toLowerCase() : '';
}
