import { fromHalf, toHalf } from './float16';
import { shCount } from './shIndex';

/**
 * The Homeomorph SH coefficient file (.hshc), version 1; all numbers little-endian. Described for
 * users in docs/harmonic.md.
 *
 *   0   4  magic "HSHC"
 *   4   2  u16 version (1)
 *   6   2  u16 degree L
 *   8   2  u16 channel count C
 *   10  1  u8 precision: 0 = float32, 1 = float16
 *   11  1  u8 flags: bit 0 = a connectivity block follows the payload
 *   12  1  u8 suggested icosphere level for rebuilding without connectivity
 *   13  3  reserved (0)
 *   16     C channel names: u8 byte length + UTF-8 ('x', 'y', 'z', 'r', 'g', 'b', …)
 *          zero padding to a multiple of 4
 *          C × f32 channel scales (stored value × scale = coefficient; 1 for float32)
 *          payload: C × (L+1)² values, channel-major, index l² + l + m (m = −l..l), float32 or float16
 *          zero padding to a multiple of 4
 *   connectivity (flag bit 0): u32 V, u32 F, f32 sphere positions #V×3, u32 indices #F×3
 */
export interface CoefficientFile {
  degree: number;
  channelNames: string[];
  /** C×(L+1)², as stored (float16 values already dequantised). */
  coefficients: Float64Array;
  precision: 'float32' | 'float16';
  icosphereLevel: number;
  /** The sphere-mapped mesh whose vertices the expansion is evaluated at to rebuild the original connectivity. */
  connectivity?: { sphere: Float32Array; indices: Uint32Array };
}

const MAGIC = 0x43485348; // "HSHC" read as little-endian u32
export const COEFFICIENT_FILE_VERSION = 1;

export function writeCoefficientFile(file: CoefficientFile): Uint8Array {
  const { degree, channelNames, coefficients, precision, connectivity } = file;
  const C = channelNames.length;
  const count = shCount(degree);
  if (coefficients.length !== C * count)
    throw new Error(`expected ${C}×${count} coefficients, got ${coefficients.length}`);
  if (degree > 0xffff || C > 0xffff || C === 0)
    throw new Error('degree and channel count must fit in 16 bits (and C ≥ 1)');
  const encoder = new TextEncoder();
  const names = channelNames.map((name) => {
    const bytes = encoder.encode(name);
    if (bytes.length > 255) throw new Error(`channel name too long: ${name}`);
    return bytes;
  });
  let size = 16 + names.reduce((s, b) => s + 1 + b.length, 0);
  size = align4(size);
  const scalesAt = size;
  size += 4 * C;
  const payloadAt = size;
  const bytesPerValue = precision === 'float16' ? 2 : 4;
  size = align4(size + C * count * bytesPerValue);
  const connectivityAt = size;
  if (connectivity) size += 8 + connectivity.sphere.length * 4 + connectivity.indices.length * 4;
  const buffer = new ArrayBuffer(size);
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint16(4, COEFFICIENT_FILE_VERSION, true);
  view.setUint16(6, degree, true);
  view.setUint16(8, C, true);
  view.setUint8(10, precision === 'float16' ? 1 : 0);
  view.setUint8(11, connectivity ? 1 : 0);
  view.setUint8(12, file.icosphereLevel);
  let at = 16;
  for (const name of names) {
    bytes[at++] = name.length;
    bytes.set(name, at);
    at += name.length;
  }
  for (let c = 0; c < C; c++) {
    let scale = 1;
    if (precision === 'float16') {
      // Scale each channel so its largest coefficient is 1: half precision then keeps ~3 digits
      // relative to it for every coefficient down to ~6e−5 and degrades gracefully below.
      let max = 0;
      for (let i = 0; i < count; i++) max = Math.max(max, Math.abs(coefficients[c * count + i]));
      scale = max > 0 ? max : 1;
      scale = Math.fround(scale);
    }
    view.setFloat32(scalesAt + 4 * c, scale, true);
    for (let i = 0; i < count; i++) {
      const value = coefficients[c * count + i];
      const p = payloadAt + (c * count + i) * bytesPerValue;
      if (precision === 'float16') view.setUint16(p, toHalf(value / scale), true);
      else view.setFloat32(p, value, true);
    }
  }
  if (connectivity) {
    const V = connectivity.sphere.length / 3;
    const F = connectivity.indices.length / 3;
    view.setUint32(connectivityAt, V, true);
    view.setUint32(connectivityAt + 4, F, true);
    let p = connectivityAt + 8;
    for (let i = 0; i < connectivity.sphere.length; i++, p += 4)
      view.setFloat32(p, connectivity.sphere[i], true);
    for (let i = 0; i < connectivity.indices.length; i++, p += 4)
      view.setUint32(p, connectivity.indices[i], true);
  }
  return bytes;
}

/** Reads a coefficient file; throws a clear error on anything malformed (wrong magic, version, truncation). */
export function readCoefficientFile(data: Uint8Array): CoefficientFile {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const need = (end: number, what: string): void => {
    if (end > data.byteLength)
      throw new Error(
        `coefficient file is truncated (${what} needs ${end} bytes, file has ${data.byteLength})`,
      );
  };
  need(16, 'the header');
  if (view.getUint32(0, true) !== MAGIC)
    throw new Error('not a Homeomorph coefficient file (magic "HSHC" missing)');
  const version = view.getUint16(4, true);
  if (version !== COEFFICIENT_FILE_VERSION)
    throw new Error(
      `coefficient file version ${version} is not supported (this build reads version ${COEFFICIENT_FILE_VERSION})`,
    );
  const degree = view.getUint16(6, true);
  const C = view.getUint16(8, true);
  const precisionCode = view.getUint8(10);
  if (precisionCode > 1) throw new Error(`unknown coefficient precision code ${precisionCode}`);
  if (C === 0) throw new Error('coefficient file has no channels');
  const precision = precisionCode === 1 ? 'float16' : 'float32';
  const flags = view.getUint8(11);
  const icosphereLevel = view.getUint8(12);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let at = 16;
  const channelNames: string[] = [];
  for (let c = 0; c < C; c++) {
    need(at + 1, 'a channel name');
    const length = data[at++];
    need(at + length, 'a channel name');
    channelNames.push(decoder.decode(data.subarray(at, at + length)));
    at += length;
  }
  at = align4(at);
  const count = shCount(degree);
  const bytesPerValue = precision === 'float16' ? 2 : 4;
  need(at + 4 * C + C * count * bytesPerValue, 'the coefficients');
  const scales = new Float64Array(C);
  for (let c = 0; c < C; c++) scales[c] = view.getFloat32(at + 4 * c, true);
  at += 4 * C;
  const coefficients = new Float64Array(C * count);
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < count; i++) {
      const p = at + (c * count + i) * bytesPerValue;
      coefficients[c * count + i] =
        precision === 'float16' ? fromHalf(view.getUint16(p, true)) * scales[c] : view.getFloat32(p, true);
    }
  }
  at = align4(at + C * count * bytesPerValue);
  let connectivity: CoefficientFile['connectivity'];
  if (flags & 1) {
    need(at + 8, 'the connectivity header');
    const V = view.getUint32(at, true);
    const F = view.getUint32(at + 4, true);
    at += 8;
    need(at + 12 * V + 12 * F, 'the connectivity');
    const sphere = new Float32Array(3 * V);
    for (let i = 0; i < 3 * V; i++, at += 4) sphere[i] = view.getFloat32(at, true);
    const indices = new Uint32Array(3 * F);
    for (let i = 0; i < 3 * F; i++, at += 4) {
      indices[i] = view.getUint32(at, true);
      if (indices[i] >= V)
        throw new Error(`coefficient file face ${Math.floor(i / 3)} refers to vertex ${indices[i]} of ${V}`);
    }
    connectivity = { sphere, indices };
  }
  return { degree, channelNames, coefficients, precision, icosphereLevel, connectivity };
}

/** Coefficients as they will be after a write/read round trip at `precision` (for honest metrics). */
export function quantizeCoefficients(
  coefficients: Float64Array,
  channels: number,
  precision: 'float32' | 'float16',
): Float64Array {
  const count = coefficients.length / channels;
  const out = new Float64Array(coefficients.length);
  for (let c = 0; c < channels; c++) {
    let max = 0;
    for (let i = 0; i < count; i++) max = Math.max(max, Math.abs(coefficients[c * count + i]));
    const scale = Math.fround(max > 0 ? max : 1);
    for (let i = 0; i < count; i++) {
      const v = coefficients[c * count + i];
      out[c * count + i] = precision === 'float16' ? fromHalf(toHalf(v / scale)) * scale : Math.fround(v);
    }
  }
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
