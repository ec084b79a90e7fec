import { describe, expect, it } from 'vitest';
import {
  quantizeCoefficients,
  readCoefficientFile,
  writeCoefficientFile,
} from '../../../src/core/harmonics/coefficientFile';
import { fromHalf, toHalf } from '../../../src/core/harmonics/float16';
import { shCount } from '../../../src/core/harmonics/shIndex';

function coefficients(channels: number, L: number): Float64Array {
  const a = new Float64Array(channels * shCount(L));
  for (let i = 0; i < a.length; i++) a[i] = Math.sin(1.7 * i + 0.3) / (1 + i / 10);
  return a;
}

describe('float16 conversion', () => {
  it('round-trips representable values exactly and rounds to nearest even', () => {
    for (const v of [0, 1, -2, 0.5, 65504, -65504, 2 ** -14, 2 ** -24, 1 + 2 ** -10])
      expect(fromHalf(toHalf(v))).toBe(v);
    expect(fromHalf(toHalf(1 + 2 ** -11))).toBe(1); // tie → even
    expect(fromHalf(toHalf(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
    expect(fromHalf(toHalf(1e6))).toBe(Infinity);
    expect(fromHalf(toHalf(1e-9))).toBe(0);
    expect(Number.isNaN(fromHalf(toHalf(NaN)))).toBe(true);
    // Relative error ≤ 2^-11 in the normal range.
    for (let v = 6.2e-5; v < 6e4; v *= 1.37)
      expect(Math.abs(fromHalf(toHalf(v)) - v) / v).toBeLessThanOrEqual(2 ** -11);
  });
});

describe('coefficient file (.hshc)', () => {
  it('round-trips float32 coefficients, names and connectivity exactly', () => {
    const a = coefficients(3, 10);
    const sphere = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1, -1, 0, 0]);
    const indices = new Uint32Array([0, 1, 2, 0, 2, 3, 0, 3, 1, 1, 3, 2]);
    const bytes = writeCoefficientFile({
      degree: 10,
      channelNames: ['x', 'y', 'z'],
      coefficients: a,
      precision: 'float32',
      icosphereLevel: 5,
      connectivity: { sphere, indices },
    });
    expect(bytes.byteLength % 4).toBe(0);
    const file = readCoefficientFile(bytes);
    expect(file.degree).toBe(10);
    expect(file.channelNames).toEqual(['x', 'y', 'z']);
    expect(file.precision).toBe('float32');
    expect(file.icosphereLevel).toBe(5);
    expect(Array.from(file.coefficients)).toEqual(Array.from(a, Math.fround));
    expect(file.connectivity?.sphere).toEqual(sphere);
    expect(file.connectivity?.indices).toEqual(indices);
  });

  it('stores float16 in half the payload and reads back what quantizeCoefficients predicts', () => {
    const a = coefficients(2, 20);
    const f32 = writeCoefficientFile({
      degree: 20,
      channelNames: ['r', 'vertexDensity'],
      coefficients: a,
      precision: 'float32',
      icosphereLevel: 0,
    });
    const f16 = writeCoefficientFile({
      degree: 20,
      channelNames: ['r', 'vertexDensity'],
      coefficients: a,
      precision: 'float16',
      icosphereLevel: 0,
    });
    expect(f32.byteLength - f16.byteLength).toBeGreaterThanOrEqual(2 * 2 * shCount(20) - 4);
    const file = readCoefficientFile(f16);
    expect(Array.from(file.coefficients)).toEqual(Array.from(quantizeCoefficients(a, 2, 'float16')));
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(file.coefficients[i] - a[i]));
    expect(worst).toBeLessThan(1e-3); // |a| ≤ 1: half precision keeps ~3 digits
  });

  it('rejects foreign, truncated, future-version and inconsistent files with clear messages', () => {
    const bytes = writeCoefficientFile({
      degree: 3,
      channelNames: ['x'],
      coefficients: coefficients(1, 3),
      precision: 'float32',
      icosphereLevel: 0,
    });
    expect(() => readCoefficientFile(new TextEncoder().encode('solid cube'))).toThrow(/truncated|magic/);
    expect(() => readCoefficientFile(new Uint8Array(32))).toThrow(/magic/);
    expect(() => readCoefficientFile(bytes.subarray(0, bytes.length - 4))).toThrow(/truncated/);
    const future = bytes.slice();
    future[4] = 9;
    expect(() => readCoefficientFile(future)).toThrow(/version 9 is not supported/);
    expect(() =>
      writeCoefficientFile({
        degree: 3,
        channelNames: ['x', 'y'],
        coefficients: coefficients(1, 3),
        precision: 'float32',
        icosphereLevel: 0,
      }),
    ).toThrow(/expected 2×16/);
    const badFace = writeCoefficientFile({
      degree: 1,
      channelNames: ['x'],
      coefficients: coefficients(1, 1),
      precision: 'float32',
      icosphereLevel: 0,
      connectivity: { sphere: new Float32Array(9), indices: new Uint32Array([0, 1, 7]) },
    });
    expect(() => readCoefficientFile(badFace)).toThrow(/refers to vertex 7 of 3/);
  });
});
