import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSegmentationSplit } from '../../../src/cli/commands/meshcnnDataset';
import { parseObjMesh } from '../../../src/core/io/parseObjMesh';
import { averagePredictions, defaultPassesOf, ensembleLevels } from '../../../src/core/meshcnn/ensemble';
import { loadModel } from '../../../src/core/meshcnn/modelFile';
import { buildMeshLevel, edgeCountOf } from '../../../src/core/meshcnn/meshTopology';
import type { EdgePrediction } from '../../../src/core/meshcnn/segmentation';
import { segmentMesh } from '../../../src/core/meshcnn/segmentMesh';
import { evaluateSplit } from '../../../src/core/meshcnn/train';
import { datasetPath, hasShared } from '../../helpers/shared';

const prediction = (probabilities: number[]): EdgePrediction => ({
  labels: new Int32Array(probabilities.length / 2),
  probabilities: Float32Array.from(probabilities),
  pools: [],
});

describe('averagePredictions', () => {
  it('returns a single pass as it is', () => {
    const only = prediction([0.9, 0.1]);
    expect(averagePredictions([only], 2)).toBe(only);
  });

  it('averages the probabilities and takes the most probable class per edge', () => {
    // Edge 0: (0.9 + 0.2) / 2 = 0.55 for class 0; edge 1: (0.4 + 0.2) / 2 = 0.3 for class 0 → class 1.
    const mean = averagePredictions([prediction([0.9, 0.1, 0.4, 0.6]), prediction([0.2, 0.8, 0.2, 0.8])], 2);
    [0.55, 0.45, 0.3, 0.7].forEach((p, i) => expect(mean.probabilities[i]).toBeCloseTo(p, 6));
    expect(Array.from(mean.labels)).toEqual([0, 1]);
  });

  it('refuses passes of different edge counts', () => {
    expect(() => averagePredictions([prediction([1, 0]), prediction([1, 0, 0, 1])], 2)).toThrow(
      /edge counts/,
    );
  });
});

describe.skipIf(!hasShared)('MeshCNN test-time ensemble', () => {
  const mesh = parseObjMesh(readFileSync(datasetPath('human_seg', 'test', 'shrec__10.obj'), 'utf8'));
  const human = loadModel(
    new Uint8Array(readFileSync(join(import.meta.dirname, '../../../resources/models/human.hmcn'))),
  );

  it('runs on the mesh itself first, then on perturbed copies with the same edges, the same every time', () => {
    const level = buildMeshLevel(mesh.positions, mesh.indices);
    const levels = ensembleLevels(level, 4);
    expect(levels.length).toBe(4);
    expect(levels[0]).toBe(level);
    for (const copy of levels.slice(1)) {
      expect(edgeCountOf(copy)).toBe(2250);
      expect(Array.from(copy.positions)).not.toEqual(Array.from(level.positions));
    }
    const again = ensembleLevels(level, 4);
    expect(Array.from(again[3]!.positions)).toEqual(Array.from(levels[3]!.positions));
    expect(Array.from(again[3]!.edges)).toEqual(Array.from(levels[3]!.edges));
    // Another seed draws other copies; the first pass is still the mesh itself.
    const other = ensembleLevels(level, 4, 7);
    expect(other[0]).toBe(level);
    expect(Array.from(other[3]!.positions)).not.toEqual(Array.from(levels[3]!.positions));
  });

  it('segmentMesh with several passes labels every face and edge, deterministically', async () => {
    const run = () =>
      segmentMesh(mesh.positions, mesh.indices, human, { smoothBoundaries: false, passes: 4 });
    const [a, b] = [await run(), await run()];
    expect(a.direct).toBe(true);
    expect(a.edgeLabels.length).toBe(2250);
    expect(a.edgeLabels.every((l) => l >= 1 && l <= 8)).toBe(true);
    expect(Array.from(a.edgeLabels)).toEqual(Array.from(b.edgeLabels));
    expect(a.pooled.length).toBe(3);
  });

  it('is more accurate than one pass with the shipped human model and its default passes (first six test meshes)', () => {
    const samples = loadSegmentationSplit(datasetPath('human_seg'), 'test', 6);
    const stats = { mean: human.info.featureMean, std: human.info.featureStd };
    const passes = defaultPassesOf(human.info);
    expect(passes).toBeGreaterThan(1);
    const { onePass: one, ...ensemble } = evaluateSplit(human.net, samples, stats, passes);
    expect(ensemble.hardEdgeAccuracy).toBeGreaterThan(one!.hardEdgeAccuracy);
    expect(ensemble.softEdgeAccuracy).toBeGreaterThan(one!.softEdgeAccuracy);
  });
});
