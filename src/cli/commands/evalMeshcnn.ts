import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadModel } from '../../core/meshcnn/modelFile';
import { evaluateSplit } from '../../core/meshcnn/train';
import type { CliCommand } from '../CliContext';
import { repoRoot } from '../repoRoot';
import { loadSegmentationSplit } from './meshcnnDataset';
import { segmentationScores } from '../format';
import {
  defaultPassesOf,
  ENSEMBLE_SEED,
  isEnsemblePassCount,
  MAX_ENSEMBLE_PASSES,
} from '../../core/meshcnn/ensemble';

export const evalMeshcnnUsage = `homeomorph eval meshcnn --model NAME|FILE --dataset DIR [--split test|train] [--limit N] [--passes N] [--ensemble-seed N] [--json]
  NAME is a shipped model (resources/models/NAME.hmcn), FILE a .hmcn file (e.g. from train meshcnn).
  Prints MeshCNN's soft-label edge accuracy (area-weighted, the published metric), plain hard-label edge
  accuracy and face accuracy (face label = majority of its edges' labels), averaged over the split's meshes,
  for the segment operator's ensemble of --passes network passes (default: the model's own default, as the
  operator uses it; 8 unless the model names another) and for one pass (MeshCNN's own protocol).
  --ensemble-seed draws other perturbed copies than the operator's (default ${ENSEMBLE_SEED}), to see how much the ensemble's figure depends on the draw.`;

/** Resolves a shipped model name or a file path to a .hmcn path. */
export function modelPath(nameOrPath: string, cwd: string): string {
  if (/^[a-z0-9_-]+$/.test(nameOrPath)) {
    const shipped = join(repoRoot(), 'resources', 'models', `${nameOrPath}.hmcn`);
    if (existsSync(shipped)) return shipped;
  }
  const path = resolve(cwd, nameOrPath);
  if (!existsSync(path))
    throw new Error(
      `no MeshCNN model "${nameOrPath}" (neither resources/models/${nameOrPath}.hmcn nor a file)`,
    );
  return path;
}

export const evalMeshcnnCommand: Pick<CliCommand, 'summary' | 'help' | 'run'> = {
  summary: 'measure a MeshCNN model on a dataset split (soft-label edge, hard edge and face accuracy)',
  help: () => evalMeshcnnUsage,
  async run(argv, ctx) {
    const { values } = parseArgs({
      args: argv,
      options: {
        model: { type: 'string' },
        dataset: { type: 'string' },
        split: { type: 'string', default: 'test' },
        limit: { type: 'string' },
        passes: { type: 'string' },
        'ensemble-seed': { type: 'string', default: String(ENSEMBLE_SEED) },
        json: { type: 'boolean', default: false },
      },
    });
    if (!values.model || !values.dataset) {
      ctx.stderr.write(`${evalMeshcnnUsage}\n`);
      return 2;
    }
    const askedPasses = values.passes === undefined ? undefined : Number(values.passes);
    if (askedPasses !== undefined && !isEnsemblePassCount(askedPasses)) {
      ctx.stderr.write(`--passes must be a whole number from 1 to ${MAX_ENSEMBLE_PASSES}\n`);
      return 2;
    }
    const seed = Number(values['ensemble-seed']);
    if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
      ctx.stderr.write('--ensemble-seed must be a whole number from 0 to 2³²−1\n');
      return 2;
    }
    if (values.split !== 'test' && values.split !== 'train') {
      ctx.stderr.write('--split must be test or train\n');
      return 2;
    }
    const { info, net } = loadModel(new Uint8Array(readFileSync(modelPath(values.model, ctx.cwd))));
    const passes = askedPasses ?? defaultPassesOf(info);
    const datasetDir = resolve(ctx.cwd, values.dataset);
    const samples = loadSegmentationSplit(
      datasetDir,
      values.split,
      values.limit ? Number(values.limit) : Infinity,
    );
    const maxLabel = Math.max(...samples.map((s) => Math.max(...s.labels))) + 1;
    if (maxLabel > info.config.classCount)
      throw new Error(`the dataset has ${maxLabel} classes, the model ${info.config.classCount}`);
    const stats = { mean: info.featureMean, std: info.featureStd };
    const start = performance.now();
    const scores = evaluateSplit(net, samples, stats, passes, seed);
    const msPerMesh = (performance.now() - start) / samples.length;
    const onePass = scores.onePass ?? scores;
    const result = {
      model: info.name,
      dataset: basename(datasetDir),
      split: values.split,
      passes,
      ensembleSeed: seed,
      ...scores,
      msPerMesh,
      onePass: {
        softEdgeAccuracy: onePass.softEdgeAccuracy,
        hardEdgeAccuracy: onePass.hardEdgeAccuracy,
        faceAccuracy: onePass.faceAccuracy,
      },
      classes: info.classes.map((c) => c.name),
    };
    if (values.json) ctx.stdout.write(`${JSON.stringify(result)}\n`);
    else
      ctx.stdout.write(
        `${info.name} on ${result.dataset}/${result.split} (${scores.meshes} meshes), ${passes} passes: ${segmentationScores(scores)}\n` +
          (passes === 1 ? '' : `  one pass (MeshCNN's protocol): ${segmentationScores(onePass)}\n`),
      );
    return 0;
  },
};
