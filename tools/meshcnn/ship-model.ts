// Copies a trained model into resources/models/NAME.hmcn for shipping: sets its name and the dataset's
// class names and colours, drops optimiser state, and records its accuracy on the dataset's test split
// measured now (a checkpoint's own figure may come from an older metric). Usage:
//   node node_modules/vite-node/vite-node.mjs tools/meshcnn/ship-model.ts -- IN.hmcn NAME [--passes N]
// --passes N records N as the model's default ensemble size (a larger network gets fewer passes, so the
// segment operator's default stays within its 200 ms budget; `npm run bench -- meshcnn` measures it).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSegmentationSplit } from '../../src/cli/commands/meshcnnDataset';
import { classesFor } from '../../src/core/meshcnn/datasetClasses';
import { evaluateSplit } from '../../src/core/meshcnn/train';
import { loadModel, saveModel } from '../../src/core/meshcnn/modelFile';
import { defaultPassesOf, isEnsemblePassCount, MAX_ENSEMBLE_PASSES } from '../../src/core/meshcnn/ensemble';

const args = process.argv.slice(2).filter((a) => a !== '--');
const passesAt = args.indexOf('--passes');
const askedPasses = passesAt >= 0 ? Number(args.splice(passesAt, 2)[1]) : undefined;
const [input, name] = args;
if (!input || !name || (askedPasses !== undefined && !isEnsemblePassCount(askedPasses))) {
  console.error(`usage: ship-model.ts IN.hmcn NAME [--passes N (1–${MAX_ENSEMBLE_PASSES})]`);
  process.exit(2);
}
const { info, net } = loadModel(new Uint8Array(readFileSync(input)));
const ensemblePasses = askedPasses ?? defaultPassesOf(info);
const dataset = (info.training?.dataset as string | undefined) ?? name;
// the edge count of the training meshes (older checkpoints lack it): the dataset's first label file has a line per edge
const datasetSeg = join(import.meta.dirname, '..', '..', '..', 'shared', 'datasets', dataset, 'seg');
const firstLabels = existsSync(datasetSeg)
  ? readdirSync(datasetSeg)
      .filter((f) => f.endsWith('.eseg'))
      .sort()[0]
  : undefined;
const inputEdges =
  info.inputEdges ??
  (firstLabels ? readFileSync(join(datasetSeg, firstLabels), 'utf8').trim().split('\n').length : undefined);
const datasetDir = join(datasetSeg, '..');
// One pass (MeshCNN's protocol) and the segment operator's default ensemble (core/meshcnn/ensemble.ts).
const testSplit = existsSync(join(datasetDir, 'test'))
  ? loadSegmentationSplit(datasetDir, 'test')
  : undefined;
const stats = { mean: info.featureMean, std: info.featureStd };
const evaluated = testSplit ? evaluateSplit(net, testSplit, stats, ensemblePasses) : undefined;
const test = evaluated ? { ...evaluated.onePass!, meshes: evaluated.meshes } : info.training?.test;
const testEnsemble = evaluated
  ? {
      passes: ensemblePasses,
      softEdgeAccuracy: evaluated.softEdgeAccuracy,
      hardEdgeAccuracy: evaluated.hardEdgeAccuracy,
      faceAccuracy: evaluated.faceAccuracy,
      meshes: evaluated.meshes,
    }
  : info.training?.testEnsemble;
const shipped = {
  ...info,
  training: { ...info.training, test, testEnsemble },
  name,
  classes: classesFor(dataset, info.config.classCount),
  ...(inputEdges ? { inputEdges } : {}),
  ...(askedPasses !== undefined ? { ensemblePasses: askedPasses } : {}),
};
const out = join(import.meta.dirname, '..', '..', 'resources', 'models', `${name}.hmcn`);
writeFileSync(out, saveModel(shipped, net));
console.log(
  `${out}: ${dataset}, ${inputEdges ?? 2250} input edges, ${info.config.classCount} classes (${shipped.classes.map((c) => c.name).join(', ')}), test ${JSON.stringify(test)}, ${ensemblePasses} passes ${JSON.stringify(testEnsemble)}`,
);
