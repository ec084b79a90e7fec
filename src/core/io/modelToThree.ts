import {
  BufferAttribute,
  Color,
  Group,
  LinearSRGBColorSpace,
  Mesh as ThreeMesh,
  NearestFilter,
  MeshStandardMaterial,
  SRGBColorSpace,
  Texture,
  type Object3D,
} from 'three';
import { meshToGeometry, NORMALS_COMPUTED_KEY, SEAM_SOURCE_KEY } from '../mesh/threeGeometry';
import { displayNormals } from './displayNormals';
import {
  MATERIAL_FACE_ATTRIBUTE,
  type ImageFile,
  type MaterialData,
  type ModelData,
  type ModelNode,
} from './ModelData';

/** userData key under which a texture keeps the encoded image it was made from (for re-export). */
export const IMAGE_FILE_KEY = 'imageFile';

export interface ModelToThreeOptions {
  /**
   * Makes a texture from image bytes. The renderer passes one that decodes them (e.g. through
   * createImageBitmap); in Node and workers, leave it out: the texture then has no image, only
   * `userData.imageFile`, which threeToModel writes back unchanged. Whatever this returns also gets
   * `userData.imageFile`. UVs follow three.js's default convention (flipY = true textures, as OBJ):
   * with an ImageBitmap, which ignores flipY, decode with `{ imageOrientation: 'flipY' }`.
   */
  loadTexture?: (image: ImageFile) => Texture | undefined;
}

/**
 * The model as a three.js scene graph: a Mesh (indexed BufferGeometry sharing the model's arrays,
 * MeshStandardMaterial) for each node with a mesh, a Group for the others; names, transforms and
 * userData kept; `meshUserData` (attributeInfo…) goes to geometry.userData. Materials shared between
 * nodes stay shared.
 */
export function modelToThree(model: ModelData, options: ModelToThreeOptions = {}): Object3D {
  const materials = new Map<MaterialData | undefined, Map<boolean, MeshStandardMaterial>>();
  const textures = new Map<string, Texture>();

  const convert = (node: ModelNode): Object3D => {
    let object: Object3D;
    if (node.mesh) {
      const geometry = meshToGeometry(node.mesh);
      if (node.meshUserData) Object.assign(geometry.userData, structuredCloneJson(node.meshUserData));
      if (!node.mesh.normals) {
        // The viewport needs normals; flagged so that threeToModel does not export them as data.
        // From the geometric mesh, so normals stay smooth across UV seams; seam copies get their original's.
        const normals = expandToSeamCopies(
          displayNormals(node.mesh.positions, node.mesh.indices),
          geometry.userData[SEAM_SOURCE_KEY],
        );
        geometry.setAttribute('normal', new BufferAttribute(normals, 3));
        geometry.userData[NORMALS_COMPUTED_KEY] = true;
      }
      const colors = Boolean(node.mesh.colors);
      const faceMaterials = node.mesh.faceAttributes?.[MATERIAL_FACE_ATTRIBUTE]?.array;
      if (
        node.materials &&
        node.materials.length > 1 &&
        faceMaterials?.length === node.mesh.indices.length / 3
      ) {
        // One draw group per run of faces with the same material (faces stay in file order).
        for (let start = 0; start < faceMaterials.length;) {
          let end = start + 1;
          while (end < faceMaterials.length && faceMaterials[end] === faceMaterials[start]) end++;
          geometry.addGroup(3 * start, 3 * (end - start), faceMaterials[start]!);
          start = end;
        }
        object = new ThreeMesh(
          geometry,
          node.materials.map((m) => material(m, colors)),
        );
      } else {
        object = new ThreeMesh(geometry, material(node.material, colors));
      }
    } else {
      object = new Group();
    }
    const influences = (object as ThreeMesh).morphTargetInfluences;
    if (influences && node.morphWeights)
      for (let i = 0; i < influences.length; i++) influences[i] = node.morphWeights[i] ?? 0;
    object.name = node.name;
    if (node.matrix && node.matrix.length === 16) {
      object.matrix.fromArray(node.matrix);
      object.matrix.decompose(object.position, object.quaternion, object.scale);
    }
    if (node.userData) object.userData = structuredCloneJson(node.userData);
    if (node.visible === false) object.visible = false;
    for (const child of node.children) object.add(convert(child));
    return object;
  };

  const material = (data: MaterialData | undefined, vertexColors: boolean): MeshStandardMaterial => {
    let byColors = materials.get(data);
    if (!byColors) materials.set(data, (byColors = new Map()));
    const known = byColors.get(vertexColors);
    if (known) return known;
    const result = new MeshStandardMaterial({
      color: data?.color ? new Color().setRGB(...data.color, LinearSRGBColorSpace) : 0xffffff,
      roughness: data?.roughness ?? 0.8,
      metalness: data?.metalness ?? 0,
      opacity: data?.opacity ?? 1,
      transparent: (data?.opacity ?? 1) < 1,
      vertexColors,
    });
    if (data?.name) result.name = data.name;
    if (data?.map) result.map = texture(data.map, data.mapChannel ?? 0, data.mapNearest ?? false);
    byColors.set(vertexColors, result);
    return result;
  };

  const imageIds = new Map<ImageFile, number>();
  const texture = (image: ImageFile, channel: number, nearest: boolean): Texture => {
    if (!imageIds.has(image)) imageIds.set(image, imageIds.size);
    const key = `${imageIds.get(image)}/${channel}/${nearest}`;
    const known = textures.get(key);
    if (known) return known;
    const result = options.loadTexture?.(image) ?? new Texture();
    result.name ||= image.name;
    result.channel = channel;
    if (nearest) {
      result.magFilter = NearestFilter;
      result.minFilter = NearestFilter;
    }
    result.colorSpace = SRGBColorSpace;
    result.userData[IMAGE_FILE_KEY] = image;
    textures.set(key, result);
    return result;
  };

  return convert(model.root);
}

/** #V×3 rows, then one copied row per seam copy (see threeGeometry.ts). */
function expandToSeamCopies(normals: Float32Array, seamSource: unknown): Float32Array {
  if (!(seamSource instanceof Uint32Array) || seamSource.length === 0) return normals;
  const vertexTotal = normals.length / 3;
  const out = new Float32Array((vertexTotal + seamSource.length) * 3);
  out.set(normals);
  for (let s = 0; s < seamSource.length; s++)
    out.set(normals.subarray(3 * seamSource[s]!, 3 * seamSource[s]! + 3), 3 * (vertexTotal + s));
  return out;
}

/** A copy of JSON-like data, so the scene and the model do not share mutable objects. */
function structuredCloneJson(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
