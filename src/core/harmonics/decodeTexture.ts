import { convertIndexedToRgb, decode } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';
import type { RgbaImage } from './textureColors';

/**
 * Decodes a PNG texture to 8-bit RGB(A) without a DOM (fast-png: pure JavaScript, so it runs in
 * every job host — Web Worker, Node worker thread, Electron utility process). Grey, grey+alpha,
 * 16-bit and palette images are converted. Throws a clear error for anything that is not a PNG.
 */
export function decodePngTexture(bytes: Uint8Array): RgbaImage {
  if (!(bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)) {
    throw new Error('the texture is not a PNG (only PNG textures can be decoded off the UI thread)');
  }
  const png = decode(bytes);
  const { width, height } = png;
  let data: ArrayLike<number> = png.data;
  let channels = png.channels;
  if (png.palette) {
    data = convertIndexedToRgb(png);
    channels = png.palette[0]?.length ?? 3;
  }
  const shift = png.depth === 16 ? 8 : 0;
  const out = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const at = i * channels;
    const grey = channels <= 2;
    const r = data[at] >> shift;
    out[4 * i] = r;
    out[4 * i + 1] = grey ? r : data[at + 1] >> shift;
    out[4 * i + 2] = grey ? r : data[at + 2] >> shift;
    out[4 * i + 3] = channels === 2 || channels === 4 ? data[at + channels - 1] >> shift : 255;
  }
  return { width, height, channels: 4, data: out };
}

/** Largest texture decoded (megapixels): a 16k × 16k map is 256 MP, far beyond what colour sampling needs. */
const MAX_TEXTURE_MEGAPIXELS = 100;

/**
 * Decodes a PNG or JPEG texture to 8-bit RGBA without a DOM (fast-png and jpeg-js: pure JavaScript,
 * so it runs in every job host). Throws a clear error for anything else.
 */
export function decodeTexture(bytes: Uint8Array): RgbaImage {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return decodePngTexture(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const jpeg = decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_TEXTURE_MEGAPIXELS,
      maxMemoryUsageInMB: 1024,
    });
    return { width: jpeg.width, height: jpeg.height, channels: 4, data: jpeg.data };
  }
  throw new Error('the texture is neither PNG nor JPEG (only those can be decoded off the UI thread)');
}
