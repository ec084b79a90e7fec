import { KdTree } from './KdTree';

/** Distances between two point sets, each direction and combined. */
export interface PointSetDistances {
  /** mean over A of the distance to the nearest point of B */
  meanAtoB: number;
  meanBtoA: number;
  /** Chamfer-L1 (Occupancy Networks' definition): ½(mean‖a−NN_B(a)‖ + mean‖b−NN_A(b)‖) */
  chamferL1: number;
  /** Chamfer-L2: ½(mean‖a−NN_B(a)‖² + mean‖b−NN_A(b)‖²) */
  chamferL2: number;
  /** symmetric Hausdorff distance: max of the two directed maxima */
  hausdorff: number;
}

/** Per-point nearest distances from `points` (#N×3) to the set indexed by `tree`, #N. */
export function nearestDistances(points: ArrayLike<number>, tree: KdTree): Float64Array {
  const n = Math.floor(points.length / 3);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = Math.sqrt(tree.nearestSquared(points[3 * i]!, points[3 * i + 1]!, points[3 * i + 2]!));
  return out;
}

/** Chamfer-L1/L2 and Hausdorff distance between point sets a: #A×3 and b: #B×3 (both non-empty). */
export function pointSetDistances(a: ArrayLike<number>, b: ArrayLike<number>): PointSetDistances {
  if (a.length < 3 || b.length < 3) throw new Error('point-set distances need two non-empty point sets');
  const ab = nearestDistances(a, new KdTree(b));
  const ba = nearestDistances(b, new KdTree(a));
  const sa = summarise(ab);
  const sb = summarise(ba);
  return {
    meanAtoB: sa.mean,
    meanBtoA: sb.mean,
    chamferL1: 0.5 * (sa.mean + sb.mean),
    chamferL2: 0.5 * (sa.meanSquared + sb.meanSquared),
    hausdorff: Math.max(sa.max, sb.max),
  };
}

function summarise(d: Float64Array): { mean: number; meanSquared: number; max: number } {
  let sum = 0,
    sum2 = 0,
    max = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    sum += v;
    sum2 += v * v;
    if (v > max) max = v;
  }
  return { mean: sum / d.length, meanSquared: sum2 / d.length, max };
}
