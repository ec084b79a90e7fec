/** Binary classification scores with "inside" as the positive class. */
export interface OccupancyScores {
  /** 2TP / (2TP + FP + FN) */
  f1: number;
  /** TP / (TP + FP + FN) */
  iou: number;
  /** fraction of points classified the same way */
  accuracy: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/**
 * Occupancy F1 / IoU as in the SDF reference: a point is inside iff its value is < 0 (signed
 * distances, negative inside). predicted and truth: #N. With no positives at all, F1 = IoU = 1.
 */
export function occupancyScores(predicted: ArrayLike<number>, truth: ArrayLike<number>): OccupancyScores {
  if (predicted.length !== truth.length) throw new Error('occupancy scores need equally long arrays');
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (let i = 0; i < truth.length; i++) {
    const p = predicted[i]! < 0;
    const g = truth[i]! < 0;
    if (p && g) tp++;
    else if (p) fp++;
    else if (g) fn++;
    else tn++;
  }
  const wrong = fp + fn;
  return {
    f1: 2 * tp + wrong > 0 ? (2 * tp) / (2 * tp + wrong) : 1,
    iou: tp + wrong > 0 ? tp / (tp + wrong) : 1,
    accuracy: truth.length ? (tp + tn) / truth.length : 1,
    tp,
    fp,
    fn,
    tn,
  };
}
