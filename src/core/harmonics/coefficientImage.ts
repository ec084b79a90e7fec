import { encode } from 'fast-png';
import { shCount, shIndex } from './shIndex';

/** An RGBA8 image, rows top to bottom (what a canvas ImageData or a PNG encoder takes). */
export interface RgbaPixels {
  width: number;
  height: number;
  /** #width×height×4 */
  data: Uint8ClampedArray;
}

/**
 * Pixel (row, col) of mesh2sh's triangular layout for degree L: an (L+1)×(L+1) square with
 * m = 0 on the diagonal, orders m > 0 below it (row l, column l − m) and m < 0 above it
 * (row l − |m|, column l). Every coefficient has exactly one pixel.
 */
export function coefficientPixel(l: number, m: number): [row: number, col: number] {
  return m >= 0 ? [l, l - m] : [l + m, l];
}

/** Inverse of coefficientPixel. */
export function pixelCoefficient(row: number, col: number): [l: number, m: number] {
  return col <= row ? [row, row - col] : [col, row - col];
}

/**
 * One channel (or three, as RGB) of an expansion as an image in the triangular layout. Values are
 * shown on a signed logarithmic scale over `decades` decades below the channel's largest magnitude
 * (SH spectra decay by orders of magnitude, a linear scale would show only the first degrees):
 * - one channel: red for positive, blue for negative, brightness = log magnitude;
 * - three channels: R, G, B = log magnitude of each (black means zero). Signs are left out here:
 *   with them, mid-grey ± a sign per coefficient reads as noise, while the magnitudes show what
 *   matters — how the spectrum decays with the degree (the .hshc file keeps the signed values).
 *
 * `coefficients`: C×(L+1)²; `channels`: indices of the 1 or 3 channels to show.
 */
export function coefficientImage(
  coefficients: Float64Array | Float32Array,
  channelCount: number,
  degree: number,
  channels: number[],
  decades = 6,
): RgbaPixels {
  if (channels.length !== 1 && channels.length !== 3)
    throw new Error('a coefficient image shows 1 or 3 channels');
  const count = shCount(degree);
  if (coefficients.length !== channelCount * count)
    throw new Error(`expected ${channelCount}×${count} coefficients`);
  const size = degree + 1;
  const data = new Uint8ClampedArray(size * size * 4);
  const scaled = (c: number, i: number, max: number): number => {
    const v = coefficients[c * count + i];
    if (v === 0 || max === 0) return 0;
    const t = 1 + Math.log10(Math.abs(v) / max) / decades;
    return Math.sign(v) * Math.max(0, Math.min(1, t));
  };
  const maxes = channels.map((c) => {
    let max = 0;
    for (let i = 0; i < count; i++) max = Math.max(max, Math.abs(coefficients[c * count + i]));
    return max;
  });
  for (let l = 0; l <= degree; l++) {
    for (let m = -l; m <= l; m++) {
      const [row, col] = coefficientPixel(l, m);
      const p = 4 * (row * size + col);
      const i = shIndex(l, m);
      if (channels.length === 1) {
        const s = scaled(channels[0], i, maxes[0]);
        data[p] = s > 0 ? 255 * s : 0;
        data[p + 1] = 255 * Math.abs(s) * 0.35;
        data[p + 2] = s < 0 ? -255 * s : 0;
      } else {
        for (let k = 0; k < 3; k++) data[p + k] = 255 * Math.abs(scaled(channels[k], i, maxes[k]));
      }
      data[p + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}

/** PNG bytes of an RGBA image (fast-png: pure JavaScript, no DOM, works in every job host). */
export function encodePngRgba(image: RgbaPixels): Uint8Array {
  return encode({
    width: image.width,
    height: image.height,
    data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    channels: 4,
    depth: 8,
  });
}
