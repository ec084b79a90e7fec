import type { Adam } from './adam';
import { augmentLevel, type AugmentOptions } from './augment';
import { averagePredictions, ENSEMBLE_SEED, ensembleLevels } from './ensemble';
import type { MeshUNet } from './meshUNet';
import {
  normalizedFeatures,
  predictEdges,
  scoreSegmentation,
  type SegmentationSample,
  type SegmentationScores,
} from './segmentation';
import { softmaxCrossEntropy, Tape } from './tape';

export interface FeatureStats {
  mean: readonly number[];
  std: readonly number[];
}

/** One recording tape per network, so each step reuses the buffers of the last (see Tape.floats). */
const tapes = new WeakMap<MeshUNet, Tape>();
function trainingTape(net: MeshUNet): Tape {
  let tape = tapes.get(net);
  if (!tape) tapes.set(net, (tape = new Tape(true)));
  return tape;
}

/**
 * Forward and backward on one mesh (augmented anew each time: edge flips, slides and scales): leaves the
 * gradient of the cross-entropy against the hard edge labels in `net`'s params.
 * @returns the loss and the training edge accuracy
 */
export function accumulateGradients(
  net: MeshUNet,
  sample: Pick<SegmentationSample, 'level' | 'labels'>,
  stats: FeatureStats,
  augment: AugmentOptions | null,
  random: () => number,
): { loss: number; accuracy: number } {
  const level = augment ? augmentLevel(sample.level, augment, random) : sample.level;
  net.zeroGrad();
  const tape = trainingTape(net);
  try {
    const out = net.forward(tape, level, normalizedFeatures(level, stats.mean, stats.std));
    const loss = softmaxCrossEntropy(out.logits, sample.labels);
    tape.backward();
    const { rows, cols, data } = out.logits;
    let correct = 0;
    let labelled = 0;
    for (let r = 0; r < rows; r++) {
      if (sample.labels[r]! < 0) continue; // unlabelled edges (painted data) count nowhere
      labelled++;
      let best = 0;
      for (let c = 1; c < cols; c++) if (data[r * cols + c]! > data[r * cols + best]!) best = c;
      if (best === sample.labels[r]) correct++;
    }
    return { loss, accuracy: correct / Math.max(1, labelled) };
  } finally {
    tape.recycle(); // also after a throw, so the next step starts clean
  }
}

/** One optimisation step on one mesh: gradients (see accumulateGradients), then Adam. */
export function trainStep(
  net: MeshUNet,
  adam: Adam,
  sample: Pick<SegmentationSample, 'level' | 'labels'>,
  stats: FeatureStats,
  augment: AugmentOptions | null,
  random: () => number,
): { loss: number; accuracy: number } {
  const result = accumulateGradients(net, sample, stats, augment, random);
  adam.update(net.params);
  return result;
}

/** Every parameter's values (or gradients) in one flat array, in `net.params` order: #parameterCount. */
export function flatParams(
  net: MeshUNet,
  field: 'data' | 'grad',
  out = new Float32Array(net.parameterCount()),
): Float32Array {
  let at = 0;
  for (const p of net.params) {
    out.set(p[field], at);
    at += p[field].length;
  }
  return out;
}

/** Sets every parameter's values (or gradients) from a flat array made by flatParams. */
export function setFlatParams(net: MeshUNet, field: 'data' | 'grad', flat: Float32Array): void {
  if (flat.length !== net.parameterCount())
    throw new Error(`expected ${net.parameterCount()} values, got ${flat.length}`);
  let at = 0;
  for (const p of net.params) {
    p[field].set(flat.subarray(at, at + p[field].length));
    at += p[field].length;
  }
}

/**
 * Mean scores over a split (each mesh counts once, as in MeshCNN's test loop); `passes` as in segmentMesh,
 * `seed` the ensemble's perturbations (default: the operator's).
 * With several passes, `onePass` scores the first pass alone (the mesh itself: MeshCNN's protocol), from the
 * same predictions.
 */
export function evaluateSplit(
  net: MeshUNet,
  samples: readonly SegmentationSample[],
  stats: FeatureStats,
  passes = 1,
  seed = ENSEMBLE_SEED,
): SegmentationScores & { meshes: number; onePass?: SegmentationScores } {
  const total = { softEdgeAccuracy: 0, hardEdgeAccuracy: 0, faceAccuracy: 0 };
  const onePass = { softEdgeAccuracy: 0, hardEdgeAccuracy: 0, faceAccuracy: 0 };
  const classCount = net.config.classCount;
  for (const sample of samples) {
    const predictions = ensembleLevels(sample.level, passes, seed).map((level) =>
      predictEdges(net, level, stats.mean, stats.std),
    );
    const scores = scoreSegmentation(sample, averagePredictions(predictions, classCount), classCount);
    const first = passes === 1 ? scores : scoreSegmentation(sample, predictions[0]!, classCount);
    for (const key of SCORE_KEYS) {
      total[key] += scores[key];
      onePass[key] += first[key];
    }
  }
  const n = Math.max(1, samples.length);
  for (const key of SCORE_KEYS) {
    total[key] /= n;
    onePass[key] /= n;
  }
  return passes === 1 ? { ...total, meshes: samples.length } : { ...total, meshes: samples.length, onePass };
}

const SCORE_KEYS = ['softEdgeAccuracy', 'hardEdgeAccuracy', 'faceAccuracy'] as const;

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
