import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseObjMesh } from '../../../src/core/io/parseObjMesh';
import { computeEdgeFeatures } from '../../../src/core/meshcnn/edgeFeatures';
import { loadModel } from '../../../src/core/meshcnn/modelFile';
import { buildMeshLevel } from '../../../src/core/meshcnn/meshTopology';
import { InputError, type JobContext } from '../../../src/core/plugin/Job';
import { jobs } from '../../../src/plugins/jobs';
import { trainFineTune, type FineTunePlan } from '../../../src/core/meshcnn/fineTune';
import { saveModel } from '../../../src/core/meshcnn/modelFile';
import type { GradientRequest } from '../../../src/core/meshcnn/parallelTrain';
import { meshcnnGradientJob } from '../../../src/plugins/segment-meshcnn/gradientJob';
import {
  prepareFineTuneJob,
  type FineTuneJobInput,
} from '../../../src/plugins/segment-meshcnn/prepareFineTuneJob';
import { segmentMeshcnnJob } from '../../../src/plugins/segment-meshcnn/job';
import { defaultProps } from '../../../src/core/plugin/PropSpec';
import { segmentProps } from '../../../src/plugins/segment-meshcnn/props';
import { datasetPath, hasShared } from '../../helpers/shared';

const jobContext = (): JobContext => ({
  signal: new AbortController().signal,
  progress: () => {},
  onnx: undefined as never,
});

/** The gradient job run in this thread, as a worker would run it (the request crosses no thread here). */
const gradientHere = async (request: GradientRequest) =>
  (await meshcnnGradientJob(request, {}, jobContext())).output;

/** Prepares in the job, trains with `meshesPerStep` gradient jobs a step, returns the model bytes. */
async function learn(
  input: FineTuneJobInput,
  steps: number,
  meshesPerStep: number,
  charts: unknown[],
): Promise<{ plan: FineTunePlan; modelBytes: Uint8Array }> {
  const { output: plan } = await prepareFineTuneJob(input, {}, jobContext());
  const result = await trainFineTune(plan, {
    steps,
    learningRate: 1e-2,
    runGradient: gradientHere,
    meshesPerStep,
    onStep: (_step, loss, accuracy) => void charts.push({ chart: { loss, accuracy } }),
  });
  return { plan, modelBytes: saveModel(result.info, result.net) };
}

describe.skipIf(!hasShared)(
  'learn from painted labels (mesh.meshcnn_finetune_prepare + mesh.meshcnn_gradient)',
  () => {
    it('is registered', async () => {
      expect(await jobs['mesh.meshcnn_finetune_prepare']!()).toBe(prepareFineTuneJob);
    });

    // A label the edge features can see (creased vs smooth faces) keeps the test fast with a small network;
    // the loss must fall and the new model must reproduce the painted rule on the faces nobody painted.
    it('trains a two-part model from labels painted on half of a mesh and labels the whole mesh', async () => {
      const mesh = parseObjMesh(readFileSync(datasetPath('human_seg', 'test', 'shrec__10.obj'), 'utf8'));
      const F = mesh.indices.length / 3;
      const level = buildMeshLevel(mesh.positions, mesh.indices);
      const features = computeEdgeFeatures(level);
      const crease = Float64Array.from({ length: F }, (_, f) =>
        Math.min(...[0, 1, 2].map((k) => features[5 * level.faceEdges[3 * f + k]!]!)),
      );
      const median = [...crease].sort((a, b) => a - b)[Math.floor(F / 2)]!;
      const truth = Int32Array.from(crease, (c) => (c < median ? 1 : 2));
      const painted = Int32Array.from(truth, (l, f) => (f % 2 === 0 ? l : 0));
      const charts: unknown[] = [];
      const classes = [
        { name: 'creased', color: '#ff0000' },
        { name: 'smooth', color: '#0000ff' },
      ];
      const { plan, modelBytes } = await learn(
        {
          meshes: [{ positions: mesh.positions, indices: mesh.indices, faceLabels: painted }],
          classes,
          name: 'mine',
          scratchConfig: { channels: [8, 16], poolEdges: [1800], resBlocks: 0 },
        },
        30,
        2, // two workers' gradients a step: the same mesh, augmented differently
        charts,
      );
      expect(charts.length).toBe(30);
      // every edge with a painted face is labelled, the others are left out of the loss
      const labels = plan.samples[0]!.labels;
      expect(labels.some((l) => l === -1) && labels.some((l) => l === 0) && labels.some((l) => l === 1)).toBe(
        true,
      );
      const model = loadModel(modelBytes);
      expect(model.info).toMatchObject({ name: 'mine', classes, training: { steps: 30, meshesPerStep: 2 } });
      const result = await segmentMeshcnnJob(
        { positions: mesh.positions, indices: mesh.indices, modelBytes },
        { ...defaultProps(segmentProps), smoothBoundaries: false },
        jobContext(),
      );
      const losses = (charts as { chart: { loss: number } }[]).map((c) => c.chart.loss);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean(losses.slice(-5))).toBeLessThan(0.8 * mean(losses.slice(0, 5)));
      expect(result.output.faceLabels.length).toBe(F);
      expect(result.output.faceLabels.every((l) => l === 1 || l === 2)).toBe(true);
      expect(result.output.classes).toEqual(classes);
      let correct = 0;
      let unpainted = 0;
      for (let f = 1; f < F; f += 2) {
        unpainted++;
        if (result.output.faceLabels[f] === truth[f]) correct++;
      }
      expect(correct / unpainted).toBeGreaterThan(0.65); // 50 % by chance; seeded, so deterministic
    });

    it('refuses meshes with nothing painted', async () => {
      const mesh = parseObjMesh(readFileSync(datasetPath('human_seg', 'test', 'shrec__10.obj'), 'utf8'));
      const input = {
        meshes: [
          {
            positions: mesh.positions,
            indices: mesh.indices,
            faceLabels: new Int32Array(mesh.indices.length / 3),
          },
        ],
        classes: [
          { name: 'a', color: '#000000' },
          { name: 'b', color: '#ffffff' },
        ],
        name: 'x',
      };
      await expect(prepareFineTuneJob(input, {}, jobContext())).rejects.toThrow(InputError);
    });
  },
);
