import { Box3, type BufferGeometry, type Material, Mesh as ThreeMesh, type Object3D, Vector3 } from 'three';
import type { RgbaImage } from '../../core/harmonics/textureColors';
import type { HarmonicCompressInput } from './types';

/** The three.js mesh an operator acts on, or null when the object is not an indexed triangle mesh. */
export function triangleMeshOf(object: Object3D | null): ThreeMesh | null {
  if (!(object instanceof ThreeMesh)) return null;
  const geometry = object.geometry as BufferGeometry;
  if (!geometry.getAttribute('position')) return null;
  return object;
}

/**
 * Copies the job input out of the scene (copies, never the scene's own buffers: they are transferred
 * to the worker and would be detached from the live geometry). Non-indexed geometry is taken as a
 * triangle soup (one vertex per corner), which the topology check then refuses as open.
 */
export function inputFromObject(object: ThreeMesh): HarmonicCompressInput {
  const geometry = object.geometry as BufferGeometry;
  const position = geometry.getAttribute('position');
  const V = position.count;
  const positions = new Float32Array(3 * V);
  for (let v = 0; v < V; v++) {
    positions[3 * v] = position.getX(v);
    positions[3 * v + 1] = position.getY(v);
    positions[3 * v + 2] = position.getZ(v);
  }
  const indices = geometry.index ? Uint32Array.from(geometry.index.array) : Uint32Array.from({ length: V }, (_, i) => i);
  const input: HarmonicCompressInput = { positions, indices };
  const color = geometry.getAttribute('color');
  if (color && (color.itemSize === 3 || color.itemSize === 4)) {
    const size = color.itemSize as 3 | 4;
    input.colors = new Float32Array(size * V);
    for (let v = 0; v < V; v++) for (let c = 0; c < size; c++) input.colors[size * v + c] = color.getComponent(v, c);
    input.colorSize = size;
  }
  const uv = geometry.getAttribute('uv');
  const texture = textureOf(object.material);
  if (uv && texture) {
    input.uvs = new Float32Array(2 * V);
    for (let v = 0; v < V; v++) {
      input.uvs[2 * v] = uv.getX(v);
      input.uvs[2 * v + 1] = uv.getY(v);
    }
    input.texture = texture;
  }
  return input;
}

/**
 * The colour texture's pixels when they are at hand without a DOM (DataTexture-like images with
 * `data`, `width`, `height`, as the headless loaders produce), or through an OffscreenCanvas
 * where one exists (the editor). Null otherwise: colour then falls back to vertex colours.
 */
function textureOf(material: Material | Material[]): RgbaImage | undefined {
  const m = Array.isArray(material) ? material[0] : material;
  const image = (m as { map?: { image?: unknown } | null }).map?.image as
    | { data?: ArrayLike<number>; width?: number; height?: number }
    | undefined;
  if (!image || !image.width || !image.height) return undefined;
  const { width, height } = image;
  if (image.data && image.data.length >= width * height * 3) {
    const channels = image.data.length >= width * height * 4 ? 4 : 3;
    return { width, height, channels, data: Uint8Array.from(image.data) };
  }
  const Offscreen = (globalThis as { OffscreenCanvas?: new (w: number, h: number) => { getContext(kind: '2d'): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null } }).OffscreenCanvas;
  if (!Offscreen) return undefined;
  const context = new Offscreen(width, height).getContext('2d');
  if (!context) return undefined;
  context.drawImage(image, 0, 0);
  return { width, height, channels: 4, data: new Uint8Array(context.getImageData(0, 0, width, height).data.buffer) };
}

/** World-space width of an object along x, to place a result beside it. */
export function widthOf(object: Object3D): number {
  const box = new Box3().setFromObject(object);
  return box.isEmpty() ? 1 : box.getSize(new Vector3()).x;
}
