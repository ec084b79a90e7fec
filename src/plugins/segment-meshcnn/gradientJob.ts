import { MeshUNet, mulberry32 } from '../../core/meshcnn/meshUNet';
import type { GradientRequest, GradientResult } from '../../core/meshcnn/parallelTrain';
import { accumulateGradients, flatParams, setFlatParams } from '../../core/meshcnn/train';
import type { Job } from '../../core/plugin/Job';

/** The worker's network, kept between steps of one training (only the weights change). */
let cached: { key: string; net: MeshUNet } | null = null;

/**
 * One mesh's gradient for data-parallel MeshCNN training (see parallelTrainStep): loads the weights,
 * augments the mesh with the given seed, runs forward and backward. The gradient is transferred back.
 */
export const meshcnnGradientJob: Job<GradientRequest, Record<string, never>, GradientResult> = async (
  input,
) => {
  const key = JSON.stringify(input.config);
  if (!cached || cached.key !== key) cached = { key, net: new MeshUNet(input.config) };
  const net = cached.net;
  setFlatParams(net, 'data', input.weights);
  const { loss, accuracy } = accumulateGradients(
    net,
    input,
    input.stats,
    input.augment,
    mulberry32(input.seed),
  );
  const gradients = flatParams(net, 'grad');
  return { output: { gradients, loss, accuracy }, transfer: [gradients.buffer as ArrayBuffer] };
};
