import {
  LinearSRGBColorSpace,
  Matrix4,
  NearestFilter,
  type BufferGeometry,
  type Color,
  type Material,
  type Object3D,
  type Texture,
} from 'three';
import { GEOMETRY_USERDATA_KEYS, geometryToMesh } from '../mesh/threeGeometry';
import { dataTextureImage } from './dataTextureImage';
import { IMAGE_FILE_KEY } from './modelToThree';
import {
  MATERIAL_FACE_ATTRIBUTE,
  type ImageFile,
  type MaterialData,
  type ModelData,
  type ModelNode,
} from './ModelData';

export interface ThreeToModelOptions {
  /**
   * Encodes a texture that did not come from a file (no `userData.imageFile`), e.g. one painted in
   * the editor; the renderer can pass one that draws it to a canvas and encodes PNG. 8-bit RGBA
   * DataTextures (our generated ones, e.g. the checkerboard) are encoded as PNG without it; other
   * textures without an encoder are dropped with a warning.
   */
  encodeImage?: (texture: Texture) => ImageFile | undefined;
}

/**
 * The model a three.js object and its descendants hold (for export and for sending to jobs): each
 * Mesh's geometry via geometryToMesh (arrays shared, not copied), its first material's colour,
 * opacity, roughness, metalness and map, names, local transforms and userData. Lights, cameras,
 * lines and points are skipped with a warning.
 */
export function threeToModel(object: Object3D, options: ThreeToModelOptions = {}): ModelData {
  const warnings: string[] = [];
  const skipped = new Map<string, number>();
  const materials = new Map<Material, MaterialData>();
  const identity = new Matrix4();

  const convert = (source: Object3D): ModelNode => {
    const node: ModelNode = { name: source.name, children: [] };
    if (source.matrixAutoUpdate) source.updateMatrix(); // else its matrix was set directly and is the truth
    if (!source.matrix.equals(identity)) node.matrix = Array.from(source.matrix.elements);
    if (Object.keys(source.userData).length > 0) node.userData = jsonCopy(source.userData);
    if (!source.visible) node.visible = false;
    const mesh = source as Object3D & {
      isMesh?: boolean;
      geometry?: BufferGeometry;
      material?: Material | Material[];
      morphTargetInfluences?: number[];
      morphTargetDictionary?: Record<string, number>;
    };
    if (mesh.isMesh && mesh.geometry) {
      node.mesh = geometryToMesh(mesh.geometry);
      if (node.mesh.morphTargets) {
        // Names the targets by the object's dictionary where the attributes have none.
        const names = Object.entries(mesh.morphTargetDictionary ?? {});
        node.mesh.morphTargets = node.mesh.morphTargets.map((target, i) => {
          const named = mesh.geometry!.morphAttributes.position?.[i]?.name;
          const fromDictionary = names.find(([, index]) => index === i)?.[0];
          return named || !fromDictionary ? target : { ...target, name: fromDictionary };
        });
        const weights = node.mesh.morphTargets.map((_, i) => mesh.morphTargetInfluences?.[i] ?? 0);
        if (weights.some((w) => w !== 0)) node.morphWeights = weights;
      }
      const rest = Object.fromEntries(
        Object.entries(mesh.geometry.userData).filter(([key]) => !GEOMETRY_USERDATA_KEYS.includes(key)),
      );
      if (Object.keys(rest).length > 0) node.meshUserData = jsonCopy(rest);
      const materialList = Array.isArray(mesh.material)
        ? mesh.material
        : mesh.material
          ? [mesh.material]
          : [];
      if (materialList.length > 1) {
        node.materials = materialList.map(material);
        node.mesh.faceAttributes = {
          ...node.mesh.faceAttributes,
          [MATERIAL_FACE_ATTRIBUTE]: {
            array: faceMaterials(mesh.geometry, materialList.length),
            itemSize: 1,
          },
        };
      }
      if (materialList[0]) node.material = material(materialList[0]);
    }
    for (const child of source.children) {
      const kind = skippedKind(child);
      if (kind) skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
      else node.children.push(convert(child));
    }
    return node;
  };

  const material = (source: Material): MaterialData => {
    const known = materials.get(source);
    if (known) return known;
    const m = source as Material & {
      color?: Color;
      roughness?: number;
      metalness?: number;
      map?: Texture | null;
    };
    const data: MaterialData = {};
    if (source.name) data.name = source.name;
    if (m.color) {
      const rgb = { r: 0, g: 0, b: 0 };
      m.color.getRGB(rgb, LinearSRGBColorSpace);
      data.color = [rgb.r, rgb.g, rgb.b];
    }
    if (source.transparent || source.opacity < 1) data.opacity = source.opacity;
    if (typeof m.roughness === 'number') data.roughness = m.roughness;
    if (typeof m.metalness === 'number') data.metalness = m.metalness;
    if (m.map) {
      const image =
        (m.map.userData[IMAGE_FILE_KEY] as ImageFile | undefined) ??
        dataTextureImage(m.map) ??
        options.encodeImage?.(m.map);
      if (image) {
        data.map = image;
        if (m.map.channel) data.mapChannel = m.map.channel;
        if (m.map.magFilter === NearestFilter) data.mapNearest = true;
      } else
        warnings.push(
          `the texture of material "${source.name || 'unnamed'}" has no encoded image and was not kept`,
        );
    }
    materials.set(source, data);
    return data;
  };

  const root = convert(object);
  for (const [kind, count] of skipped)
    warnings.push(`${count} ${kind} skipped (only meshes and groups are kept)`);
  return { name: object.name || 'scene', root, warnings };
}

/** #F: each face's material index from the geometry's draw groups (faces in no group get 0). */
function faceMaterials(geometry: BufferGeometry, materialTotal: number): Uint16Array | Uint32Array {
  const faceTotal = (geometry.getIndex()?.count ?? geometry.getAttribute('position').count) / 3;
  const ids = materialTotal <= 65536 ? new Uint16Array(faceTotal) : new Uint32Array(faceTotal);
  for (const group of geometry.groups) {
    const first = Math.floor(group.start / 3);
    const last = Math.min(faceTotal, first + Math.floor(group.count / 3));
    ids.fill(Math.min(group.materialIndex ?? 0, materialTotal - 1), first, last);
  }
  return ids;
}

function skippedKind(object: Object3D): string | undefined {
  const o = object as Object3D & {
    isLight?: boolean;
    isCamera?: boolean;
    isLine?: boolean;
    isPoints?: boolean;
    isSprite?: boolean;
  };
  if (o.isLight) return 'lights';
  if (o.isCamera) return 'cameras';
  if (o.isLine) return 'lines';
  if (o.isPoints) return 'point clouds';
  if (o.isSprite) return 'sprites';
  return undefined;
}

/** userData as JSON-compatible data (what GLB extras can hold). */
function jsonCopy(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
