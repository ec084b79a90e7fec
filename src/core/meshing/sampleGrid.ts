import type { GridField } from './marchingTetrahedra';

/** Evaluates a field at points: #N×3 → #N. */
export type PointEvaluator = (points: Float32Array) => Promise<Float32Array>;

export interface SampleGridOptions {
  /** cells per axis (the grid has resolution + 1 points per axis) */
  resolution: number;
  /** the cube [−half, half]³ */
  half: number;
  /** points per evaluator call (default 65,536: see runPointModelChunked) */
  chunk?: number;
  /**
   * Narrow band: evaluate a coarse grid (resolution / coarseFactor) first and the fine points only in
   * coarse cells that may hold the surface; elsewhere the coarse values are interpolated (their sign
   * is all marching needs). 1 = evaluate every point. Default 4.
   */
  coarseFactor?: number;
  /**
   * a coarse cell is refined if the field changes sign on its corners or |f| < margin × its
   * diagonal at any corner (a signed distance changes by at most the distance; 1.5 allows for an
   * imperfect fit). Default 1.5.
   */
  margin?: number;
  /** called with the fraction done; may throw to cancel */
  onProgress?: (fraction: number) => void | Promise<void>;
}

export interface SampledGrid extends GridField {
  /** points actually evaluated (the rest interpolated) */
  evaluated: number;
}

/** Samples a field on a regular grid over a cube, optionally in a narrow band (see options). */
export async function sampleGrid(evaluate: PointEvaluator, options: SampleGridOptions): Promise<SampledGrid> {
  const R = options.resolution;
  const n = R + 1;
  const h = (2 * options.half) / R;
  const chunk = options.chunk ?? 65_536;
  const factor = options.coarseFactor ?? 4;
  const values = new Float32Array(n * n * n);
  const grid: SampledGrid = {
    values,
    dims: [n, n, n],
    origin: [-options.half, -options.half, -options.half],
    spacing: [h, h, h],
    evaluated: 0,
  };
  if (factor <= 1 || R % factor !== 0 || R / factor < 2) {
    await evaluateIndices(evaluate, null, values, n, h, options.half, chunk, options.onProgress, 0, 1);
    grid.evaluated = values.length;
    return grid;
  }
  // coarse pass
  const Rc = R / factor,
    nc = Rc + 1,
    hc = h * factor;
  const coarse = new Float32Array(nc * nc * nc);
  await evaluateIndices(evaluate, null, coarse, nc, hc, options.half, chunk, options.onProgress, 0, 0.2);
  const threshold = (options.margin ?? 1.5) * hc * Math.sqrt(3);
  // fine values: interpolate everywhere, mark the fine points of active coarse cells
  const active = new Uint8Array(n * n * n);
  for (let kc = 0; kc < Rc; kc++) {
    for (let jc = 0; jc < Rc; jc++) {
      for (let ic = 0; ic < Rc; ic++) {
        let pos = false,
          neg = false,
          near = false;
        for (let c = 0; c < 8; c++) {
          const v = coarse[ic + (c & 1) + nc * (jc + ((c >> 1) & 1) + nc * (kc + ((c >> 2) & 1)))]!;
          if (v < 0) neg = true;
          else pos = true;
          if (Math.abs(v) < threshold) near = true;
        }
        const refine = (pos && neg) || near;
        for (let dk = 0; dk <= factor; dk++) {
          for (let dj = 0; dj <= factor; dj++) {
            for (let di = 0; di <= factor; di++) {
              const i = ic * factor + di,
                j = jc * factor + dj,
                k = kc * factor + dk;
              const idx = i + n * (j + n * k);
              if (refine) active[idx] = 1;
              const fx = di / factor,
                fy = dj / factor,
                fz = dk / factor;
              let v = 0;
              for (let c = 0; c < 8; c++) {
                const w = (c & 1 ? fx : 1 - fx) * ((c >> 1) & 1 ? fy : 1 - fy) * ((c >> 2) & 1 ? fz : 1 - fz);
                if (w)
                  v += w * coarse[ic + (c & 1) + nc * (jc + ((c >> 1) & 1) + nc * (kc + ((c >> 2) & 1)))]!;
              }
              values[idx] = v;
            }
          }
        }
      }
    }
  }
  let count = 0;
  for (let i = 0; i < active.length; i++) count += active[i]!;
  const indices = new Uint32Array(count);
  for (let i = 0, o = 0; i < active.length; i++) if (active[i]) indices[o++] = i;
  await evaluateIndices(evaluate, indices, values, n, h, options.half, chunk, options.onProgress, 0.2, 1);
  grid.evaluated = coarse.length + count;
  return grid;
}

/**
 * Evaluates the grid points `indices` (i + n·(j + n·k)), or every point in order when `indices` is null
 * (then without an index array: 17M of them at 256³), chunk by chunk into `out`.
 */
async function evaluateIndices(
  evaluate: PointEvaluator,
  indices: Uint32Array | null,
  out: Float32Array,
  n: number,
  h: number,
  half: number,
  chunk: number,
  onProgress: SampleGridOptions['onProgress'],
  from: number,
  to: number,
): Promise<void> {
  const total = indices ? indices.length : n * n * n;
  const points = new Float32Array(3 * Math.min(chunk, total));
  let i = 0,
    j = 0,
    k = 0; // the grid point of the next index when evaluating all
  for (let s = 0; s < total; s += chunk) {
    const e = Math.min(total, s + chunk);
    const batch = points.subarray(0, 3 * (e - s));
    for (let q = s; q < e; q++) {
      if (indices) {
        const idx = indices[q]!;
        i = idx % n;
        j = Math.floor(idx / n) % n;
        k = Math.floor(idx / (n * n));
      }
      batch[3 * (q - s)] = -half + i * h;
      batch[3 * (q - s) + 1] = -half + j * h;
      batch[3 * (q - s) + 2] = -half + k * h;
      if (!indices && ++i === n) {
        i = 0;
        if (++j === n) {
          j = 0;
          k++;
        }
      }
    }
    const v = await evaluate(batch);
    if (indices) for (let q = s; q < e; q++) out[indices[q]!] = v[q - s]!;
    else out.set(v.subarray(0, e - s), s);
    await onProgress?.(from + ((to - from) * e) / total);
  }
}
