import type { Adam } from './adam';
import type { AugmentOptions } from './augment';
import type { MeshLevel } from './meshTopology';
import type { MeshUNet, MeshUNetConfig } from './meshUNet';
import { flatParams, setFlatParams, type FeatureStats } from './train';

/** What one worker needs to compute one mesh's gradient (job `mesh.meshcnn_gradient`). */
export interface GradientRequest {
  config: MeshUNetConfig;
  /** The current weights, flat (see flatParams): #parameterCount. */
  weights: Float32Array;
  level: MeshLevel;
  /** #E hard labels, 0-based; −1 = not in the loss. */
  labels: Int32Array;
  stats: FeatureStats;
  augment: AugmentOptions | null;
  /** Seeds this mesh's augmentation. */
  seed: number;
}

export interface GradientResult {
  /** Flat gradient: #parameterCount. */
  gradients: Float32Array;
  loss: number;
  accuracy: number;
}

/** Computes one mesh's gradient somewhere (a worker); several run at once. */
export type GradientRunner = (request: GradientRequest) => Promise<GradientResult>;

/**
 * One data-parallel step: the gradients of `samples` (one per worker) are computed concurrently by `run`,
 * averaged, and applied with one Adam update — a batch of samples.length meshes, each augmented anew in
 * its worker. On K cores a step costs about one mesh's time, so each mesh costs ~1/K of it.
 * @returns each sample's loss and training accuracy
 */
export async function parallelTrainStep(
  run: GradientRunner,
  net: MeshUNet,
  adam: Adam,
  samples: readonly { level: MeshLevel; labels: Int32Array }[],
  stats: FeatureStats,
  augment: AugmentOptions | null,
  random: () => number,
): Promise<{ loss: number; accuracy: number }[]> {
  const weights = flatParams(net, 'data');
  const results = await Promise.all(
    samples.map((sample) =>
      run({
        config: net.config,
        weights: weights.slice(), // each worker gets its own copy (the request's arrays travel)
        level: sample.level,
        labels: sample.labels,
        stats,
        augment,
        seed: Math.floor(random() * 2 ** 32),
      }),
    ),
  );
  const mean = new Float32Array(weights.length);
  for (const r of results) for (let i = 0; i < mean.length; i++) mean[i]! += r.gradients[i]!;
  for (let i = 0; i < mean.length; i++) mean[i]! /= results.length;
  setFlatParams(net, 'grad', mean);
  adam.update(net.params);
  return results.map(({ loss, accuracy }) => ({ loss, accuracy }));
}
