import { describe, expect, it } from 'vitest';
import { loadSegmentationSplit } from '../../../src/cli/commands/meshcnnDataset';
import { Adam } from '../../../src/core/meshcnn/adam';
import { MeshUNet } from '../../../src/core/meshcnn/meshUNet';
import {
  parallelTrainStep,
  type GradientRequest,
  type GradientResult,
} from '../../../src/core/meshcnn/parallelTrain';
import { accumulateGradients, flatParams, setFlatParams } from '../../../src/core/meshcnn/train';
import type { JobContext } from '../../../src/core/plugin/Job';
import { meshcnnGradientJob } from '../../../src/plugins/segment-meshcnn/gradientJob';
import { datasetPath, hasShared } from '../../helpers/shared';

describe.skipIf(!hasShared)('data-parallel MeshCNN training', () => {
  const samples = loadSegmentationSplit(datasetPath('human_seg'), 'test', 2);
  const config = { channels: [4, 8], poolEdges: [1800], resBlocks: 0, classCount: 8 };
  const stats = { mean: [2.5, 0.8, 1.2, 0.5, 0.9], std: [0.5, 0.3, 0.3, 0.2, 0.3] };

  it('flattens and restores parameters and gradients in a stable order', () => {
    const net = new MeshUNet(config, 3);
    const flat = flatParams(net, 'data');
    expect(flat.length).toBe(net.parameterCount());
    const other = new MeshUNet(config, 4);
    setFlatParams(other, 'data', flat);
    expect(flatParams(other, 'data')).toEqual(flat);
    expect(() => setFlatParams(other, 'data', flat.subarray(1))).toThrow(/expected/);
  });

  it('one step over K meshes is Adam on the mean of their gradients, computed by the gradient job', async () => {
    const parallel = new MeshUNet(config, 3);
    const serial = new MeshUNet(config, 3);
    const run = async (request: GradientRequest): Promise<GradientResult> =>
      (await meshcnnGradientJob(request, {}, {} as JobContext)).output;
    const results = await parallelTrainStep(run, parallel, new Adam(1e-2), samples, stats, null, () => 0.5);
    expect(results).toHaveLength(2);

    const sum = new Float32Array(serial.parameterCount());
    for (const sample of samples) {
      accumulateGradients(serial, sample, stats, null, () => 0.5);
      const g = flatParams(serial, 'grad');
      for (let i = 0; i < sum.length; i++) sum[i]! += g[i]! / samples.length;
    }
    setFlatParams(serial, 'grad', sum);
    new Adam(1e-2).update(serial.params);

    const a = flatParams(parallel, 'data'),
      b = flatParams(serial, 'data'),
      before = flatParams(new MeshUNet(config, 3), 'data');
    let moved = 0;
    for (let i = 0; i < a.length; i++) {
      expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-6);
      if (Math.abs(a[i]! - before[i]!) > 1e-4) moved++;
    }
    expect(moved).toBeGreaterThan(a.length / 2);
    for (const r of results) expect(r.loss).toBeGreaterThan(0);
  });
});
