import type { SphereGridLookup } from './sphereGridLookup';

/** Decoded RGBA8 image, rows top to bottom (as PNG decoders deliver it). */
export interface RgbaImage {
  width: number;
  height: number;
  /** #width×height×channels bytes; channels 3 (RGB) or 4 (RGBA). */
  data: Uint8Array | Uint8ClampedArray;
  channels: 3 | 4;
}

/**
 * Resamples a texture onto the SH grid through the mesh's UVs: every grid point's UV is the
 * barycentric blend of its face's corner UVs, and the texture is sampled bilinearly there (UV
 * v = 0 at the image's bottom row, the OBJ/glTF-in-three.js convention; wraps like REPEAT).
 * Colours are converted from sRGB to linear, the space mesh colours live in.
 *
 * `cornerUvs`: #F×3×2 (per face corner, so UV seams are kept) — or per-vertex uvs #V×2 with
 * `indices` when the mesh has no seams. Writes 3 channels into `grid` at `channelOffset`.
 */
export function sampleTextureOnGrid(
  lookup: SphereGridLookup,
  texture: RgbaImage,
  uvs: { cornerUvs: ArrayLike<number> } | { vertexUvs: ArrayLike<number>; indices: Uint32Array },
  grid: Float64Array,
  channelOffset: number,
): void {
  const G = lookup.triangle.length;
  const { width, height, data, channels } = texture;
  if (data.length < width * height * channels)
    throw new Error(`texture data holds ${data.length} bytes, expected ${width}×${height}×${channels}`);
  const linear = new Float64Array(256);
  for (let i = 0; i < 256; i++) {
    const s = i / 255;
    linear[i] = s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }
  const rgb = [0, 0, 0];
  for (let g = 0; g < G; g++) {
    const f = lookup.triangle[g];
    let u = 0;
    let v = 0;
    for (let k = 0; k < 3; k++) {
      const w = lookup.bary[3 * g + k];
      let src: ArrayLike<number>;
      let at: number;
      if ('cornerUvs' in uvs) {
        src = uvs.cornerUvs;
        at = 2 * (3 * f + k);
      } else {
        src = uvs.vertexUvs;
        at = 2 * uvs.indices[3 * f + k];
      }
      u += w * src[at];
      v += w * src[at + 1];
    }
    // Texel centres at (i + 0.5)/width; bilinear with wrap-around.
    const x = (u - Math.floor(u)) * width - 0.5;
    const y = (1 - (v - Math.floor(v))) * height - 0.5;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    rgb[0] = rgb[1] = rgb[2] = 0;
    for (let dy = 0; dy <= 1; dy++) {
      const row = (((y0 + dy) % height) + height) % height;
      const wy = dy ? fy : 1 - fy;
      for (let dx = 0; dx <= 1; dx++) {
        const col = (((x0 + dx) % width) + width) % width;
        const w = wy * (dx ? fx : 1 - fx);
        const p = (row * width + col) * channels;
        rgb[0] += w * linear[data[p]];
        rgb[1] += w * linear[data[p + 1]];
        rgb[2] += w * linear[data[p + 2]];
      }
    }
    for (let c = 0; c < 3; c++) grid[(channelOffset + c) * G + g] = rgb[c];
  }
}
