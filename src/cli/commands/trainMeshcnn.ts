import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Adam } from '../../core/meshcnn/adam';
import { DEFAULT_AUGMENT } from '../../core/meshcnn/augment';
import { classesFor } from '../../core/meshcnn/datasetClasses';
import { loadModel, saveModel, type MeshcnnModelInfo } from '../../core/meshcnn/modelFile';
import { edgeCountOf } from '../../core/meshcnn/meshTopology';
import { MeshUNet, mulberry32 } from '../../core/meshcnn/meshUNet';
import { featureStatistics } from '../../core/meshcnn/segmentation';
import {
  parallelTrainStep,
  type GradientRequest,
  type GradientResult,
} from '../../core/meshcnn/parallelTrain';
import { evaluateSplit, shuffle, trainStep } from '../../core/meshcnn/train';
import { WeightAverage } from '../../core/meshcnn/weightAverage';
import type { JobHost } from '../../core/jobs/JobHost';
import { runJob } from '../../core/jobs/runJob';
import type { CliCommand } from '../CliContext';
import { segmentationScores } from '../format';
import { datasetClassCount, loadSegmentationSplit } from './meshcnnDataset';

export const trainMeshcnnUsage = `homeomorph train meshcnn --dataset DIR [options]
  --name NAME          model name (default: dataset folder name)
  --out DIR            checkpoint folder (default .meshcnn-runs/NAME): checkpoint.hmcn (weights + Adam state), log.jsonl
  --save FILE          where to write the best model (default OUT/NAME.hmcn)
  --resume             continue from OUT/checkpoint.hmcn
  --epochs N           epochs to run in total (default 20)
  --minutes M          stop after M minutes (checkpoint kept; --resume continues)
  --lr X               Adam learning rate (default 0.001, cosine-decayed to a tenth over the epochs)
  --channels 16,32,64,128  --pool 1800,1350,600  --res-blocks 1
  --no-augment         no edge flips / vertex slides / scaling
  --limit N            use at most N meshes per split (quick runs)
  --workers K          meshes trained at once on K worker threads, gradients averaged (default: the
                       number of cores; 1 = one mesh per step on this thread)
  --average-from N     from epoch N on, also keep the mean of the weights at each epoch's end (stochastic
                       weight averaging); it is scored every epoch and written to OUT/NAME-averaged.hmcn
  --seed N`;

/** `homeomorph train meshcnn` in the CLI's command table (src/cli/commands/trainers.ts). */
export const trainMeshcnnCommand: Pick<CliCommand, 'summary' | 'help' | 'run'> = {
  summary: 'train a MeshCNN segmentation model on a MeshCNN dataset (checkpoints, --resume, log.jsonl)',
  help: () => trainMeshcnnUsage,
  run: (argv, ctx) => trainMeshcnn(argv, (line) => ctx.stderr.write(`${line}\n`), ctx.cwd, ctx.pool),
};

/** `homeomorph train meshcnn …`: trains a segmentation model on a MeshCNN dataset. @returns exit code */
export async function trainMeshcnn(
  argv: string[],
  log: (line: string) => void = console.log,
  cwd = process.cwd(),
  pool?: () => JobHost & { readonly size: number },
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dataset: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      save: { type: 'string' },
      resume: { type: 'boolean', default: false },
      epochs: { type: 'string', default: '20' },
      minutes: { type: 'string' },
      lr: { type: 'string', default: '0.001' },
      channels: { type: 'string', default: '16,32,64,128' },
      pool: { type: 'string', default: '1800,1350,600' },
      'res-blocks': { type: 'string', default: '1' },
      'no-augment': { type: 'boolean', default: false },
      limit: { type: 'string' },
      seed: { type: 'string', default: '1' },
      workers: { type: 'string' },
      'average-from': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.dataset) {
    log(trainMeshcnnUsage);
    return values.help ? 0 : 2;
  }
  const datasetDir = resolve(cwd, values.dataset);
  const name = values.name ?? basename(datasetDir);
  const outDir = resolve(cwd, values.out ?? join('.meshcnn-runs', name));
  const savePath = resolve(cwd, values.save ?? join(outDir, `${name}.hmcn`));
  const checkpointPath = join(outDir, 'checkpoint.hmcn');
  const logPath = join(outDir, 'log.jsonl');
  mkdirSync(outDir, { recursive: true });
  mkdirSync(dirname(savePath), { recursive: true });
  const limit = values.limit ? Number(values.limit) : Infinity;
  const deadline = values.minutes ? Date.now() + Number(values.minutes) * 60_000 : Infinity;
  const epochs = Number(values.epochs);
  const baseLr = Number(values.lr);
  const averageFrom = values['average-from'] === undefined ? Infinity : Number(values['average-from']);
  if (!(averageFrom >= 1)) {
    log('--average-from must be an epoch number from 1');
    return 2;
  }
  const averagedPath = join(outDir, `${name}-averaged.hmcn`);

  const t0 = Date.now();
  const train = loadSegmentationSplit(datasetDir, 'train', limit);
  const test = loadSegmentationSplit(datasetDir, 'test', limit);
  const classCount = datasetClassCount(datasetDir, train);
  log(
    `loaded ${train.length} train / ${test.length} test meshes, ${classCount} classes in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  let net: MeshUNet;
  let info: MeshcnnModelInfo;
  const adam = new Adam(baseLr);
  let startEpoch = 0;
  let best = -1;
  let average = new WeightAverage();
  if (values.resume) {
    if (!existsSync(checkpointPath)) throw new Error(`--resume: no checkpoint at ${checkpointPath}`);
    const loaded = loadModel(new Uint8Array(readFileSync(checkpointPath)));
    net = loaded.net;
    info = loaded.info;
    for (const [key, data] of loaded.extra) {
      if (key.startsWith('adam.m.')) adam.m.set(key.slice(7), data.slice());
      else if (key.startsWith('adam.v.')) adam.v.set(key.slice(7), data.slice());
    }
    const state = info.training as {
      epoch: number;
      adamStep: number;
      best: number;
      averagedEpochs?: number;
    };
    startEpoch = state.epoch;
    adam.step = state.adamStep;
    best = state.best;
    average = WeightAverage.fromExtras(loaded.extra, state.averagedEpochs ?? 0);
    log(`resumed at epoch ${startEpoch} (best soft edge accuracy ${(100 * best).toFixed(1)} %)`);
  } else {
    const config = {
      channels: values.channels.split(',').map(Number),
      poolEdges: values.pool.split(',').map(Number),
      resBlocks: Number(values['res-blocks']),
      classCount,
    };
    net = new MeshUNet(config, Number(values.seed));
    const stats = featureStatistics(train.map((s) => s.level));
    // the training meshes' typical edge count: the segment job simplifies larger inputs to it
    const edgeCounts = train.map((s) => edgeCountOf(s.level)).sort((a, b) => a - b);
    const inputEdges = edgeCounts[Math.floor(edgeCounts.length / 2)]!;
    info = {
      name,
      config,
      classes: classesFor(basename(datasetDir), classCount),
      featureMean: stats.mean,
      featureStd: stats.std,
      inputEdges,
    };
    log(`new network ${JSON.stringify(config)}: ${net.parameterCount()} parameters`);
  }
  const stats = { mean: info.featureMean, std: info.featureStd };
  const augment = values['no-augment'] ? null : DEFAULT_AUGMENT;
  const random = mulberry32(Number(values.seed) * 7919 + startEpoch);
  const workers = pool ? Math.max(1, Math.floor(Number(values.workers ?? pool().size))) : 1;
  const runGradient = (request: GradientRequest): Promise<GradientResult> =>
    runJob<GradientResult>(pool!(), 'mesh.meshcnn_gradient', request, {});
  if (workers > 1)
    log(`data-parallel: ${workers} meshes per step on ${workers} worker threads, gradients averaged`);

  for (let epoch = startEpoch; epoch < epochs; epoch++) {
    // Cosine decay from lr to lr/10 over the planned epochs.
    adam.learningRate = baseLr * (0.1 + 0.9 * 0.5 * (1 + Math.cos((Math.PI * epoch) / Math.max(1, epochs))));
    const order = shuffle(train.slice(), random);
    let lossSum = 0,
      accSum = 0,
      seen = 0;
    const epochStart = Date.now();
    for (let at = 0; at < order.length; at += workers) {
      const batch = order.slice(at, at + workers);
      const results =
        workers > 1
          ? await parallelTrainStep(runGradient, net, adam, batch, stats, augment, random)
          : [trainStep(net, adam, batch[0]!, stats, augment, random)];
      for (const { loss, accuracy } of results) {
        lossSum += loss;
        accSum += accuracy;
        seen++;
        if (seen % 50 === 0)
          log(
            `epoch ${epoch + 1} mesh ${seen}/${order.length} loss ${(lossSum / seen).toFixed(4)} acc ${((100 * accSum) / seen).toFixed(1)} %`,
          );
      }
      if (Date.now() > deadline) break;
    }
    const completed = seen === order.length;
    const secondsPerMesh = (Date.now() - epochStart) / 1000 / Math.max(1, seen);
    const scores = evaluateSplit(net, test, stats);
    // The averaged network is built once per epoch: scored here, saved below.
    let averagedNet: MeshUNet | undefined;
    let averaged: ReturnType<typeof evaluateSplit> | undefined;
    if (completed && epoch + 1 >= averageFrom) {
      average.add(net);
      averagedNet = average.network(net);
      averaged = evaluateSplit(averagedNet, test, stats);
    }
    const entry = {
      epoch: epoch + 1,
      completed,
      meshes: seen,
      lr: adam.learningRate,
      meshesPerStep: workers,
      trainLoss: lossSum / Math.max(1, seen),
      trainAccuracy: accSum / Math.max(1, seen),
      secondsPerMesh,
      test: scores,
      ...(averaged && { averaged: { epochs: average.count, test: averaged } }),
      time: new Date().toISOString(),
    };
    appendFileSync(logPath, JSON.stringify(entry) + '\n');
    log(
      `epoch ${epoch + 1}${completed ? '' : ' (stopped early)'}: loss ${entry.trainLoss.toFixed(4)}, train ${(100 * entry.trainAccuracy).toFixed(1)} %, ` +
        `test ${segmentationScores(scores)}, ${secondsPerMesh.toFixed(2)} s/mesh`,
    );
    if (averaged)
      log(`  mean of the last ${average.count} epochs' weights: test ${segmentationScores(averaged)}`);
    const trainingInfo = {
      dataset: basename(datasetDir),
      epoch: completed ? epoch + 1 : epoch,
      adamStep: adam.step,
      best: Math.max(best, scores.softEdgeAccuracy),
      test: scores,
      augment,
      averagedEpochs: average.count,
    };
    const adamState = net.params.flatMap((p) => [
      { name: `adam.m.${p.name}`, data: adam.m.get(p.name) ?? new Float32Array(p.data.length) },
      { name: `adam.v.${p.name}`, data: adam.v.get(p.name) ?? new Float32Array(p.data.length) },
    ]);
    writeFileSync(
      checkpointPath,
      saveModel({ ...info, training: trainingInfo }, net, [...adamState, ...average.toExtras()]),
    );
    if (averagedNet && averaged) {
      const averagedInfo = {
        ...trainingInfo,
        test: averaged,
        averagedFrom: epoch + 2 - average.count,
      };
      writeFileSync(averagedPath, saveModel({ ...info, training: averagedInfo }, averagedNet));
    }
    if (scores.softEdgeAccuracy > best) {
      best = scores.softEdgeAccuracy;
      writeFileSync(
        savePath,
        saveModel({ ...info, training: { ...trainingInfo, bestEpoch: epoch + 1 } }, net),
      );
      log(`saved best model to ${savePath}`);
    }
    if (!completed || Date.now() > deadline) {
      log(`time limit reached; continue with --resume`);
      break;
    }
  }
  return 0;
}
