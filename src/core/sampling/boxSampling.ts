import type { Rng } from './Rng';

/**
 * `count` points uniform in the axis-aligned box [lo, hi]³ (a cube when lo, hi are numbers,
 * else per-axis bounds). Returns points: #count×3.
 */
export function sampleBox(
  count: number,
  rng: Rng,
  lo: number | readonly [number, number, number] = -0.55,
  hi: number | readonly [number, number, number] = 0.55,
): Float32Array {
  const l = typeof lo === 'number' ? [lo, lo, lo] : lo;
  const h = typeof hi === 'number' ? [hi, hi, hi] : hi;
  const out = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < 3; k++) out[3 * i + k] = l[k]! + (h[k]! - l[k]!) * rng.next();
  }
  return out;
}
