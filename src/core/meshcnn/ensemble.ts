import { augmentLevel, DEFAULT_AUGMENT } from './augment';
import type { MeshLevel } from './meshTopology';
import { mulberry32 } from './meshUNet';
import type { EdgePrediction } from './segmentation';

/**
 * Test-time ensembling. The network's pooling decisions are discrete: a slightly different triangulation of
 * the same surface collapses other edges and labels some edges differently. Averaging the class
 * probabilities over a few copies of the mesh perturbed like the training meshes (edge flips, vertex slides,
 * anisotropic scaling — MeshCNN's augmentations, which keep every edge's id) removes most of those
 * per-pass errors: on the test splits, 4–8 passes raise the soft-label edge accuracy by 2–5 points.
 */

/** Passes averaged when a model names no number of its own: most of the gain of 32 passes at 8. */
export const DEFAULT_ENSEMBLE_PASSES = 8;

/** The most passes an ensemble may be asked for (the operator's prop, eval meshcnn, ship-model). */
export const MAX_ENSEMBLE_PASSES = 32;

/** Whether n is an ensemble size one may ask for: a whole number from 1 to MAX_ENSEMBLE_PASSES. */
export function isEnsemblePassCount(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_ENSEMBLE_PASSES;
}

/**
 * A model's default ensemble size: its own `ensemblePasses` (set when it is shipped, so that a larger
 * network's ensemble stays within the inference budget), else DEFAULT_ENSEMBLE_PASSES.
 */
export function defaultPassesOf(info: { ensemblePasses?: number }): number {
  return isEnsemblePassCount(info.ensemblePasses) ? info.ensemblePasses : DEFAULT_ENSEMBLE_PASSES;
}

/** Fixed seed, so a mesh always gets the same labels (chosen before any measurement). */
export const ENSEMBLE_SEED = 0x4d43;

/**
 * The meshes one ensemble runs on: the mesh itself, then `passes − 1` perturbed copies (same edge count and
 * edge ids, so per-edge outputs line up). Deterministic for a seed; other seeds measure how much the result
 * depends on the draw (`eval meshcnn --ensemble-seed`).
 */
export function ensembleLevels(level: MeshLevel, passes: number, seed = ENSEMBLE_SEED): MeshLevel[] {
  const random = mulberry32(seed);
  const levels = [level];
  for (let k = 1; k < passes; k++) levels.push(augmentLevel(level, DEFAULT_AUGMENT, random));
  return levels;
}

/**
 * Averages the passes' probabilities (#E×K each) and takes each edge's most probable class. The pooling
 * records are the first pass's (the mesh itself), for display.
 */
export function averagePredictions(
  predictions: readonly EdgePrediction[],
  classCount: number,
): EdgePrediction {
  const first = predictions[0];
  if (!first) throw new Error('averagePredictions: no predictions');
  if (predictions.length === 1) return first;
  const probabilities = new Float32Array(first.probabilities.length);
  const weight = 1 / predictions.length;
  for (const p of predictions) {
    if (p.probabilities.length !== probabilities.length)
      throw new Error('averagePredictions: passes of different edge counts');
    for (let i = 0; i < probabilities.length; i++) probabilities[i]! += weight * p.probabilities[i]!;
  }
  const rows = probabilities.length / classCount;
  const labels = new Int32Array(rows);
  for (let e = 0; e < rows; e++) {
    let best = 0;
    for (let c = 1; c < classCount; c++)
      if (probabilities[e * classCount + c]! > probabilities[e * classCount + best]!) best = c;
    labels[e] = best;
  }
  return { labels, probabilities, pools: first.pools };
}
