import type { Job } from '../../core/plugin/Job';
import { buildLod, type HarmonicLod } from './lod';

/** Input of the LOD rebuild: the saved coefficients (C×(L+1)², geometry [and colour] channels first) and sphere points. */
export interface HarmonicLodInput {
  coefficients: Float32Array;
  /** Channels to tabulate: 3 (x, y, z) or 6 (with r, g, b). */
  channels: number;
  /** #V×3 */
  spherePoints: Float32Array;
}

/**
 * Rebuilds a Harmonic Compress result's level-of-detail table off the UI thread (after a reload,
 * where only the coefficients and `_SH_SPHERE` were saved): O(V·L²), seconds for 30k vertices at
 * L = 128. The editor attaches the result with `setHarmonicLod(object, lod)`.
 */
export const harmonicLodJob: Job<HarmonicLodInput, Record<string, never>, HarmonicLod> = async (
  input,
  _props,
  ctx,
) => {
  const lod = buildLod(
    input.coefficients,
    input.channels,
    input.spherePoints,
    undefined,
    (fraction) => ctx.progress(fraction, 'level-of-detail table'),
    ctx.signal,
  );
  return { output: lod, transfer: [lod.table.buffer as ArrayBuffer, lod.degrees.buffer as ArrayBuffer] };
};
