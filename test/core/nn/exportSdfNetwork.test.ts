import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { hashGridLevels, type HashGridConfig } from '../../../src/core/nn/hashGrid';
import { exportSdfNetwork, SDF_INPUT, SDF_OUTPUT } from '../../../src/core/nn/onnx/exportSdfNetwork';
import { SdfNetwork } from '../../../src/core/nn/SdfNetwork';
import { Rng } from '../../../src/core/sampling/Rng';
import { sampleBox } from '../../../src/core/sampling/boxSampling';

async function onnxValues(model: Uint8Array, points: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model);
  const out = await session.run({ [SDF_INPUT]: new ort.Tensor('float32', points, [points.length / 3, 3]) });
  await session.release();
  expect(out[SDF_OUTPUT]!.dims).toEqual([points.length / 3, 1]);
  return out[SDF_OUTPUT]!.data as Float32Array;
}

describe('ONNX export of the SDF network', () => {
  it.each([
    [
      'dense and hashed levels, one hidden layer',
      { levels: 6, features: 2, log2Size: 12, minResolution: 4, maxResolution: 64, boxHalf: 0.55 },
      [16],
    ],
    [
      'the reference grid, two hidden layers',
      { levels: 12, features: 2, log2Size: 16, minResolution: 16, maxResolution: 512, boxHalf: 0.55 },
      [64, 64],
    ],
  ] as [string, HashGridConfig, number[]][])(
    'gives the training-time outputs: %s',
    async (_name, grid, hidden) => {
      const levels = hashGridLevels(grid);
      expect(levels.some((l) => l.dense)).toBe(true);
      expect(levels.some((l) => !l.dense)).toBe(true);
      const rng = new Rng(5);
      const network = new SdfNetwork({ grid, hidden }, rng);
      // a table far from its tiny initial values, so every level matters
      for (let i = 0; i < network.table.size; i++) network.table.data[i] = rng.next() - 0.5;
      const points = sampleBox(4000, rng, -0.6, 0.6); // also outside the box (clamped)
      points.set([0.55, -0.55, 0.55, -0.55, 0.55, 0, 0, 0, 0], 0); // corners and faces of the box
      const expected = network.predict(points);
      // one graph, or two halves of the batch in parallel branches: the same values
      for (const branches of [1, 2] as const) {
        const actual = await onnxValues(exportSdfNetwork(network, {}, { branches }), points);
        let maxDiff = 0,
          maxValue = 0;
        for (let i = 0; i < expected.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(actual[i]! - expected[i]!));
          maxValue = Math.max(maxValue, Math.abs(expected[i]!));
        }
        expect(maxValue).toBeGreaterThan(0.05);
        expect(maxDiff).toBeLessThan(1e-4 * Math.max(1, maxValue));
      }
    },
  );
});
