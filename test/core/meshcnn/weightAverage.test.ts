import { describe, expect, it } from 'vitest';
import { loadModel, saveModel } from '../../../src/core/meshcnn/modelFile';
import { MeshUNet } from '../../../src/core/meshcnn/meshUNet';
import { WeightAverage } from '../../../src/core/meshcnn/weightAverage';

const config = { channels: [4, 8], poolEdges: [20], resBlocks: 1, classCount: 3 };
const info = { name: 't', config, classes: [], featureMean: [0, 0, 0, 0, 0], featureStd: [1, 1, 1, 1, 1] };

describe('WeightAverage', () => {
  it('holds the mean of the snapshots it was given, parameter by parameter', () => {
    const nets = [1, 2, 3].map((seed) => new MeshUNet(config, seed));
    const average = new WeightAverage();
    for (const net of nets) average.add(net);
    expect(average.count).toBe(3);
    const mean = average.network(nets[0]!);
    for (const [i, p] of mean.params.entries()) {
      const values = nets.map((n) => n.params[i]!.data);
      for (let j = 0; j < p.data.length; j += 7)
        expect(p.data[j]).toBeCloseTo((values[0]![j]! + values[1]![j]! + values[2]![j]!) / 3, 6);
    }
    // The snapshots themselves are untouched.
    expect(nets[0]!.params[0]!.data).toEqual(new MeshUNet(config, 1).params[0]!.data);
  });

  it('survives a checkpoint: restored, it goes on averaging as if never stopped', () => {
    const [a, b, c] = [4, 5, 6].map((seed) => new MeshUNet(config, seed)) as [MeshUNet, MeshUNet, MeshUNet];
    const straight = new WeightAverage();
    for (const net of [a, b, c]) straight.add(net);

    const before = new WeightAverage();
    before.add(a);
    before.add(b);
    const file = loadModel(saveModel(info, a, before.toExtras()));
    const restored = WeightAverage.fromExtras(file.extra, before.count);
    restored.add(c);
    expect(restored.count).toBe(3);
    const x = restored.network(a).params,
      y = straight.network(a).params;
    for (let i = 0; i < x.length; i++) expect(x[i]!.data).toEqual(y[i]!.data);
  });

  it('refuses to make a network before any snapshot', () => {
    expect(() => new WeightAverage().network(new MeshUNet(config))).toThrow(/no snapshot/);
    expect(WeightAverage.fromExtras(new Map(), 5).count).toBe(0);
  });
});
