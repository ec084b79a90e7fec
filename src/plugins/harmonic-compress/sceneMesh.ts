import { Box3, type BufferGeometry, type Material, Mesh as ThreeMesh, type Object3D, Vector3 } from 'three';
import type { ImageFile } from '../../core/io/ModelData';
import { IMAGE_FILE_KEY } from '../../core/io/modelToThree';
import { CORNER_UVS, geometryToMesh } from '../../core/mesh/threeGeometry';
import type { Mesh } from '../../core/mesh/Mesh';
import type { HarmonicCompressInput } from './types';

/** The three.js mesh an operator acts on, or null when the object is not a mesh with positions. */
export function triangleMeshOf(object: Object3D | null): ThreeMesh | null {
  if (!(object instanceof ThreeMesh)) return null;
  const geometry = object.geometry as BufferGeometry;
  if (!geometry.getAttribute('position')) return null;
  return object;
}

/** The object's geometry as our Mesh (shares the scene's arrays: copy before transferring). */
export function meshOfObject(object: ThreeMesh): Mesh {
  return geometryToMesh(object.geometry as BufferGeometry);
}

/**
 * The job input, copied out of the scene (never the scene's own buffers: they are transferred to
 * the worker and would be detached from the live geometry). UVs travel per face corner when the
 * mesh has seams (CORNER_UVS), per vertex otherwise; the texture travels as its encoded PNG bytes and
 * is decoded in the job.
 */
export function inputFromObject(object: ThreeMesh): HarmonicCompressInput {
  const mesh = meshOfObject(object);
  const input: HarmonicCompressInput = {
    positions:
      mesh.positions instanceof Float64Array
        ? Float64Array.from(mesh.positions)
        : Float32Array.from(mesh.positions),
    indices: Uint32Array.from(mesh.indices),
  };
  if (mesh.colors) {
    input.colors = Float32Array.from(mesh.colors);
    input.colorSize = mesh.colorSize ?? 3;
  }
  const image = textureFileOf(object.material);
  const corners = mesh.faceAttributes?.[CORNER_UVS];
  if (image && (corners || mesh.uvs)) {
    input.textureFile = { mime: image.mime, bytes: Uint8Array.from(image.bytes) };
    if (corners) input.cornerUvs = Float32Array.from(corners.array);
    else if (mesh.uvs) input.uvs = Float32Array.from(mesh.uvs);
  }
  return input;
}

/** The encoded image behind the material's colour texture (the io readers keep it on the texture). */
function textureFileOf(material: Material | Material[]): ImageFile | undefined {
  const m = Array.isArray(material) ? material[0] : material;
  const map = (m as { map?: { userData?: Record<string, unknown> } | null } | undefined)?.map;
  const file = map?.userData?.[IMAGE_FILE_KEY] as ImageFile | undefined;
  return file && file.bytes instanceof Uint8Array ? file : undefined;
}

/** World-space width of an object along x, to place a result beside it. */
export function widthOf(object: Object3D): number {
  const box = new Box3().setFromObject(object);
  return box.isEmpty() ? 1 : box.getSize(new Vector3()).x;
}
