import { encode } from 'fast-png';
import { RGBAFormat, UnsignedByteType, type Texture } from 'three';
import type { ImageFile } from './ModelData';

/**
 * PNG bytes of a texture whose pixels we generated ourselves (a three.js DataTexture of 8-bit RGBA,
 * e.g. the sphere map's checkerboard), so that it can be exported without a DOM canvas (fast-png is
 * pure JavaScript: it works in Node, workers and the renderer). Undefined for any other texture.
 *
 * PNG rows run top to bottom, and we read image files with v = 1 at the top (three.js flipY). A
 * DataTexture uploads row 0 at v = 0 unless flipY is set, so its rows are reversed into the PNG.
 */
export function dataTextureImage(texture: Texture): ImageFile | undefined {
  const image = texture.image as { data?: unknown; width?: unknown; height?: unknown } | null | undefined;
  if (!(texture as Texture & { isDataTexture?: boolean }).isDataTexture || !image) return undefined;
  const { data, width, height } = image;
  if (
    texture.format !== RGBAFormat ||
    texture.type !== UnsignedByteType ||
    !(data instanceof Uint8Array || data instanceof Uint8ClampedArray) ||
    typeof width !== 'number' ||
    typeof height !== 'number' ||
    width < 1 ||
    height < 1 ||
    data.length !== width * height * 4
  ) {
    return undefined;
  }
  const rowLength = width * 4;
  const pixels = new Uint8Array(data.length);
  for (let row = 0; row < height; row++) {
    const from = (texture.flipY ? row : height - 1 - row) * rowLength;
    pixels.set(data.subarray(from, from + rowLength), row * rowLength);
  }
  const bytes = encode({ width, height, data: pixels, channels: 4, depth: 8 });
  const name = `${(texture.name || 'texture').replace(/[^\w.-]+/g, '_')}.png`;
  return { name, mime: 'image/png', bytes };
}
