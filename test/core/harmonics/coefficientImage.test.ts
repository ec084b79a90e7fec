import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import {
  coefficientImage,
  coefficientPixel,
  encodePngRgba,
  pixelCoefficient,
} from '../../../src/core/harmonics/coefficientImage';
import { shCount, shIndex } from '../../../src/core/harmonics/shIndex';

describe('coefficient images (mesh2sh triangular layout)', () => {
  it('maps every (l, m) to its own pixel, m = 0 on the diagonal', () => {
    const L = 9;
    const seen = new Set<number>();
    for (let l = 0; l <= L; l++) {
      for (let m = -l; m <= l; m++) {
        const [row, col] = coefficientPixel(l, m);
        if (m === 0) expect(row).toBe(col);
        expect(pixelCoefficient(row, col)).toEqual([l, m || 0]); // m = −0 at l = 0
        seen.add(row * (L + 1) + col);
      }
    }
    expect(seen.size).toBe((L + 1) ** 2);
  });

  it('draws signs and magnitudes and encodes a PNG that decodes back', () => {
    const L = 4;
    const a = new Float64Array(shCount(L));
    a[shIndex(0, 0)] = 2;
    a[shIndex(3, -2)] = -2;
    a[shIndex(4, 4)] = 2e-9; // below 6 decades: black
    const image = coefficientImage(a, 1, L, [0]);
    const at = (l: number, m: number): number[] => {
      const [row, col] = coefficientPixel(l, m);
      return Array.from(image.data.subarray(4 * (row * 5 + col), 4 * (row * 5 + col) + 4));
    };
    expect(at(0, 0)[0]).toBe(255);
    expect(at(3, -2)[2]).toBe(255);
    expect(at(4, 4).slice(0, 3)).toEqual([0, 0, 0]);
    const png = encodePngRgba(image);
    const decoded = decode(png);
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([5, 5, 4]);
    expect(Array.from(decoded.data)).toEqual(Array.from(image.data));
  });

  it('draws three channels as RGB log magnitudes: black for zero, the same for either sign', () => {
    const L = 2;
    const count = shCount(L);
    const a = new Float64Array(3 * count);
    a[shIndex(0, 0)] = 1; // x: largest at l = 0
    a[count + shIndex(1, 1)] = -1; // y: largest at (1, 1), negative
    a[count + shIndex(1, -1)] = 1e-3; // half the 6 decades below
    a[2 * count + shIndex(2, 0)] = 5;
    const image = coefficientImage(a, 3, L, [0, 1, 2]);
    const at = (l: number, m: number): number[] => {
      const [row, col] = coefficientPixel(l, m);
      return Array.from(image.data.subarray(4 * (row * 3 + col), 4 * (row * 3 + col) + 3));
    };
    expect(at(0, 0)).toEqual([255, 0, 0]);
    expect(at(1, 1)).toEqual([0, 255, 0]);
    expect(at(1, -1)).toEqual([0, 128, 0]); // 127.5, rounded by Uint8ClampedArray
    expect(at(2, 0)).toEqual([0, 0, 255]);
    expect(at(2, -2)).toEqual([0, 0, 0]);
  });
});
