import { convertIndexedToRgb, decode } from 'fast-png';
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
