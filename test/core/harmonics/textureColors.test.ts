import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { encode as encodeJpeg } from 'jpeg-js';
import { decodePngTexture, decodeTexture } from '../../../src/core/harmonics/decodeTexture';
import { icosphere } from '../../../src/core/harmonics/icosphere';
import { ShTransform } from '../../../src/core/harmonics/shTransform';
import { locateGridPoints } from '../../../src/core/harmonics/sphereGridLookup';
import { sampleTextureOnGrid } from '../../../src/core/harmonics/textureColors';

describe('texture colour channels', () => {
  it('decodes RGB, grey and 16-bit PNGs to RGBA8 without a DOM, and refuses non-PNG bytes', () => {
    const rgb = decodePngTexture(
      encode({ width: 2, height: 1, data: new Uint8Array([255, 0, 0, 0, 128, 255]), channels: 3, depth: 8 }),
    );
    expect(Array.from(rgb.data)).toEqual([255, 0, 0, 255, 0, 128, 255, 255]);
    const grey = decodePngTexture(
      encode({ width: 1, height: 1, data: new Uint8Array([77]), channels: 1, depth: 8 }),
    );
    expect(Array.from(grey.data)).toEqual([77, 77, 77, 255]);
    const deep = decodePngTexture(
      encode({
        width: 1,
        height: 1,
        data: new Uint16Array([65535, 0, 32768, 65535]),
        channels: 4,
        depth: 16,
      }),
    );
    expect(Array.from(deep.data)).toEqual([255, 0, 128, 255]);
    expect(() => decodePngTexture(new Uint8Array([0xff, 0xd8, 0xff, 0]))).toThrow(/not a PNG/);
  });

  it('decodes JPEG textures too, and says which formats it knows for anything else', () => {
    // 16×8: left half red, right half blue (JPEG is lossy: compare with a tolerance away from the edge)
    const data = new Uint8Array(16 * 8 * 4);
    for (let i = 0; i < 16 * 8; i++) data.set(i % 16 < 8 ? [255, 0, 0, 255] : [0, 0, 255, 255], 4 * i);
    const jpeg = new Uint8Array(encodeJpeg({ width: 16, height: 8, data }, 95).data);
    const image = decodeTexture(jpeg);
    expect([image.width, image.height, image.channels]).toEqual([16, 8, 4]);
    const pixel = (x: number, y: number) =>
      Array.from(image.data.subarray(4 * (y * 16 + x), 4 * (y * 16 + x) + 4));
    for (const [got, want] of [
      [pixel(1, 4), [255, 0, 0, 255]],
      [pixel(14, 4), [0, 0, 255, 255]],
    ] as const)
      got.forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThan(12));
    const png = encode({ width: 1, height: 1, data: new Uint8Array([1, 2, 3]), channels: 3, depth: 8 });
    expect(Array.from(decodeTexture(png).data)).toEqual([1, 2, 3, 255]);
    expect(() => decodeTexture(new Uint8Array([0x47, 0x49, 0x46, 0x38]))).toThrow(/neither PNG nor JPEG/);
  });

  it('samples the texture through per-corner UVs onto the grid, in linear colour', () => {
    // Left half red, right half blue; faces whose corners all sit at u = 0.25 read pure red.
    const texture = { width: 4, height: 2, channels: 4 as const, data: new Uint8Array(4 * 4 * 2) };
    for (let y = 0; y < 2; y++) {
      for (let x = 0; x < 4; x++)
        texture.data.set(x < 2 ? [255, 0, 0, 255] : [0, 0, 255, 255], 4 * (y * 4 + x));
    }
    const { positions, indices } = icosphere(2);
    const F = indices.length / 3;
    const cornerUvs = new Float32Array(6 * F);
    for (let f = 0; f < F; f++) {
      // Faces in the northern hemisphere (by centroid) get u = 0.25, the others u = 0.75.
      const z =
        (positions[3 * indices[3 * f] + 2] +
          positions[3 * indices[3 * f + 1] + 2] +
          positions[3 * indices[3 * f + 2] + 2]) /
        3;
      for (let k = 0; k < 3; k++) cornerUvs.set([z > 0 ? 0.25 : 0.75, 0.5], 6 * f + 2 * k);
    }
    const t = new ShTransform(8);
    const lookup = locateGridPoints(positions, indices, t);
    const grid = new Float64Array(3 * t.gridSize);
    sampleTextureOnGrid(lookup, texture, { cornerUvs }, grid, 0);
    const G = t.gridSize;
    // First ring (near the north pole) red, last ring blue; sRGB 255 → linear 1.
    expect([grid[0], grid[G], grid[2 * G]]).toEqual([1, 0, 0]);
    expect([grid[G - 1], grid[2 * G - 1], grid[3 * G - 1]]).toEqual([0, 0, 1]);
  });
});
