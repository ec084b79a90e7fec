// `npm run bench -- meshcnn [--quick]`: MeshCNN figures — test-split accuracy of each shipped model
// (MeshCNN's soft-label edge metric, hard edge and face accuracy), inference ms per 2,250-edge mesh,
// training step per mesh and peak memory (shipped config and MeshCNN's own config), and a 100k-face mesh
// labelled end to end (repair, simplify, network, transfer, smoothing). Reference: the original MeshCNN on
// this CPU (../shared/docs/anchors.md): forward 425 ms, training step 1.65 s per mesh, 4.3 GB peak.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadSegmentationSplit } from '../../src/cli/commands/meshcnnDataset';
import { Adam } from '../../src/core/meshcnn/adam';
import { DEFAULT_AUGMENT } from '../../src/core/meshcnn/augment';
import { loadModel } from '../../src/core/meshcnn/modelFile';
import { MeshUNet, mulberry32, type MeshUNetConfig } from '../../src/core/meshcnn/meshUNet';
import {
  createMeshcnnSessions,
  exportMeshcnnSegments,
  forwardOnnx,
} from '../../src/core/meshcnn/onnxSegments';
import { featureStatistics, normalizedFeatures, predictEdges } from '../../src/core/meshcnn/segmentation';
import { createNodeOnnxRuntime } from '../../src/hosts/onnx/nodeOnnxRuntime';
import { segmentMesh } from '../../src/core/meshcnn/segmentMesh';
import { evaluateSplit, trainStep } from '../../src/core/meshcnn/train';
import {
  parallelTrainStep,
  type GradientRequest,
  type GradientResult,
} from '../../src/core/meshcnn/parallelTrain';
import { runJob } from '../../src/core/jobs/runJob';
import { createNodeWorkerPool } from '../../src/hosts/node/NodeWorkerPool';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { cliDir, ensureCliBuilt } from '../../scripts/build-cli.mjs';
import { datasetPath, hasShared, loadSharedMesh } from '../helpers/shared';
import { machineLine } from './machine';
import { defaultPassesOf } from '../../src/core/meshcnn/ensemble';

if (!hasShared) {
  console.log('meshcnn benchmark skipped: ../shared/datasets not found');
  process.exit(0);
}
const quick = process.argv.includes('--quick');
const root = join(import.meta.dirname, '..', '..');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log('MeshCNN benchmark');
console.log(machineLine());
console.log(
  `load average at start: ${load()} (2 cores shared with other work: figures under load are upper bounds)`,
);

// 1. Accuracy of each shipped model on its dataset's test split.
const modelDir = join(root, 'resources', 'models');
const models = existsSync(modelDir) ? readdirSync(modelDir).filter((f) => f.endsWith('.hmcn')) : [];
// One pass is MeshCNN's protocol; the segment operator averages the model's default number of passes
// (core/meshcnn/ensemble.ts).
console.log(
  `\n| model | network | dataset | test meshes | soft-label edge acc. (MeshCNN metric), 1 pass | hard edge, 1 pass | face, 1 pass | operator default passes | soft-label edge, default passes | hard edge, default passes | face, default passes | epochs trained |`,
);
console.log('|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const file of models) {
  const { info, net } = loadModel(new Uint8Array(readFileSync(join(modelDir, file))));
  const dataset = (info.training?.dataset as string | undefined) ?? 'human_seg';
  const test = loadSegmentationSplit(datasetPath(dataset), 'test');
  const featureStats = { mean: info.featureMean, std: info.featureStd };
  const passes = defaultPassesOf(info);
  const e = evaluateSplit(net, test, featureStats, passes);
  const s = { ...e.onePass!, meshes: e.meshes };
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  console.log(
    `| ${info.name} | ${describeNetwork(info.config)} | ${dataset} | ${s.meshes} | ${pct(s.softEdgeAccuracy)} | ${pct(s.hardEdgeAccuracy)} | ${pct(s.faceAccuracy)} | ${passes} | ${pct(e.softEdgeAccuracy)} | ${pct(e.hardEdgeAccuracy)} | ${pct(e.faceAccuracy)} | ${info.training?.epoch ?? '?'} |`,
  );
}
if (models.length === 0) console.log('| (no shipped models in resources/models) | | | | | | | | | | | |');

// 2. Speed per 2,250-edge human_seg mesh: inference and a training step, for the shipped configuration and
// for MeshCNN's published one (ncf 32 64 128 256, 3 res blocks — speed only, untrained weights).
const train = loadSegmentationSplit(datasetPath('human_seg'), 'train', quick ? 6 : 12);
const stats = featureStatistics(train.map((s) => s.level));
const shippedHuman = join(modelDir, 'human.hmcn');
// The human model's own network (it differs from the other shipped models'), read from its file.
const humanConfig = existsSync(shippedHuman)
  ? loadModel(new Uint8Array(readFileSync(shippedHuman))).info.config
  : undefined;
const smallConfig: MeshUNetConfig = {
  channels: [16, 32, 64, 128],
  poolEdges: [1800, 1350, 600],
  resBlocks: 1,
  classCount: 8,
};
/** A network timed below: its label, config, and how many meshes (the first two warm the JIT up). */
type TimedNetwork = [label: string, config: MeshUNetConfig, meshes: number];
// The shipped networks, also timed for data-parallel training below.
const shippedConfigs: TimedNetwork[] = [
  [`shipped vases, chairs, aliens (${describeNetwork(smallConfig)})`, smallConfig, quick ? 6 : 12],
];
if (humanConfig)
  shippedConfigs.push([`shipped human (${describeNetwork(humanConfig)})`, humanConfig, quick ? 4 : 8]);
const configs: TimedNetwork[] = [
  ...shippedConfigs,
  [
    "MeshCNN's (32 64 128 256, 3 res blocks)",
    { channels: [32, 64, 128, 256], poolEdges: [1800, 1350, 600], resBlocks: 3, classCount: 8 },
    quick ? 4 : 6,
  ],
];
const onnx = createNodeOnnxRuntime();
console.log(`\nonnxruntime provider: ${onnx.provider}`);
console.log(
  '| network | parameters | inference ms / mesh, onnxruntime + TS pooling (shipped path) | inference ms / mesh, our kernels | training step ms / mesh (with augmentation) | peak RSS MiB while training | load |',
);
console.log('|---|--:|--:|--:|--:|--:|---|');
for (const [label, config, count] of configs) {
  const net = new MeshUNet(config, 1);
  const meshes = train.slice(0, count);
  const inference: number[] = [];
  for (const sample of meshes) {
    const t = performance.now();
    predictEdges(net, sample.level, stats.mean, stats.std);
    inference.push(performance.now() - t);
  }
  const sessions = await createMeshcnnSessions(onnx, exportMeshcnnSegments(net));
  const viaOnnx: number[] = [];
  for (const sample of meshes) {
    const t = performance.now();
    await forwardOnnx(
      onnx,
      sessions,
      net,
      sample.level,
      normalizedFeatures(sample.level, stats.mean, stats.std),
    );
    viaOnnx.push(performance.now() - t);
  }
  await sessions.release();
  const adam = new Adam(1e-3);
  const random = mulberry32(1);
  const steps: number[] = [];
  let peak = process.memoryUsage().rss;
  for (const sample of meshes) {
    const t = performance.now();
    trainStep(net, adam, sample, stats, DEFAULT_AUGMENT, random);
    steps.push(performance.now() - t);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  // The first two runs warm the JIT up.
  console.log(
    `| ${label} | ${net.parameterCount()} | ${median(viaOnnx.slice(2)).toFixed(0)} | ${median(inference.slice(2)).toFixed(0)} | ${median(steps.slice(2)).toFixed(0)} | ${(peak / 2 ** 20).toFixed(0)} | ${load()} |`,
  );
}
console.log(
  'original MeshCNN here: inference 425 ms, training step 1,650 ms per mesh, 4.3 GB peak (PyTorch CPU, 2 threads)',
);

// 2a. The segment operator's default on a 2,250-edge mesh: the shipped human model's default ensemble through
// onnxruntime (the network stage of segmentMesh: perturbed copies, features, passes, average).
if (existsSync(shippedHuman)) {
  const model = loadModel(new Uint8Array(readFileSync(shippedHuman)));
  const passes = defaultPassesOf(model.info);
  const sessions = await createMeshcnnSessions(onnx, exportMeshcnnSegments(model.net));
  const meshes = train.slice(0, quick ? 4 : 8);
  const network: number[] = [];
  for (const sample of meshes) {
    const result = await segmentMesh(sample.level.positions, sample.level.faces, model, {
      smoothBoundaries: false,
      passes,
      network: (level, features, poolEdges) =>
        forwardOnnx(onnx, sessions, model.net, level, features, poolEdges),
    });
    network.push(result.timings.network! * 1000);
  }
  await sessions.release();
  console.log(
    `segment operator's default, ${passes}-pass ensemble (onnxruntime, shipped human model, ${describeNetwork(model.info.config)}): ${median(network.slice(2)).toFixed(0)} ms per 2,250-edge mesh (network stage, median of ${network.length - 2} after 2 warm-up meshes; load ${load()})`,
  );
}

// 2b. Data-parallel training as `homeomorph train meshcnn` runs it: K worker threads (the CLI's own
// worker bundle), one mesh each per step, gradients averaged. Time per mesh = step time / K. For the two
// shipped networks.
{
  await ensureCliBuilt({ quiet: true });
  const K = availableParallelism();
  const pool = createNodeWorkerPool({ workerUrl: pathToFileURL(join(cliDir, 'worker.mjs')), size: K });
  const run = (request: GradientRequest) =>
    runJob<GradientResult>(pool, 'mesh.meshcnn_gradient', request, {});
  for (const [label, config] of shippedConfigs) {
    const net = new MeshUNet(config, 1);
    const adam = new Adam(1e-3);
    const random = mulberry32(1);
    const perMesh: number[] = [];
    const meshes = train.slice(0, quick ? 6 : 12);
    for (let at = 0; at + K <= meshes.length; at += K) {
      const t = performance.now();
      await parallelTrainStep(run, net, adam, meshes.slice(at, at + K), stats, DEFAULT_AUGMENT, random);
      perMesh.push((performance.now() - t) / K);
    }
    console.log(
      `data-parallel training (${label}, ${K} worker threads, ${K} meshes per step): ${median(perMesh.slice(1)).toFixed(0)} ms per mesh (median over ${perMesh.length - 1} steps after the first; load ${load()}); peak memory is ${K} workers × the single-thread figure above, plus the main thread`,
    );
  }
  await pool.dispose();
}

// 3. A ~100k-face mesh end to end: armadillo (29k faces) subdivided once (4 faces per face), through
// onnxruntime as the job runs it (sessions created once, as the job host keeps them).
if (existsSync(shippedHuman)) {
  const model = loadModel(new Uint8Array(readFileSync(shippedHuman)));
  const passes = defaultPassesOf(model.info);
  const sessions = await createMeshcnnSessions(onnx, exportMeshcnnSegments(model.net));
  const mesh = subdivide(loadSharedMesh('armadillo.obj'));
  const F = mesh.indices.length / 3;
  const times: number[] = [];
  let timings: Record<string, number> = {};
  for (let run = 0; run < (quick ? 1 : 3); run++) {
    const t = performance.now();
    const result = await segmentMesh(mesh.positions, mesh.indices, model, {
      smoothBoundaries: true,
      passes,
      network: (level, features, poolEdges) =>
        forwardOnnx(onnx, sessions, model.net, level, features, poolEdges),
    });
    times.push(performance.now() - t);
    timings = result.timings;
  }
  console.log(
    `\n${F.toLocaleString('en')}-face mesh (armadillo ×4) labelled end to end (human model, ${passes}-pass ensemble): ${(median(times) / 1000).toFixed(2)} s (median of ${times.length}; stages of the last run: ${Object.entries(
      timings,
    )
      .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
      .join(', ')}; load ${load()})`,
  );
} else {
  console.log('\n100k-face end-to-end timing skipped: resources/models/human.hmcn missing');
}

/** "16 32 64 128, 1 res block" */
function describeNetwork(config: MeshUNetConfig): string {
  return `${config.channels.join(' ')}, ${config.resBlocks} res block${config.resBlocks === 1 ? '' : 's'}`;
}

/** Midpoint subdivision (each triangle → 4). */
function subdivide(mesh: { positions: ArrayLike<number>; indices: ArrayLike<number> }): {
  positions: Float64Array;
  indices: Uint32Array;
} {
  const positions = Array.from(mesh.positions);
  const mid = new Map<number, number>();
  const V0 = positions.length / 3;
  const midpoint = (a: number, b: number) => {
    const key = a < b ? a * V0 + b : b * V0 + a;
    let m = mid.get(key);
    if (m === undefined) {
      m = positions.length / 3;
      for (let c = 0; c < 3; c++) positions.push((positions[3 * a + c]! + positions[3 * b + c]!) / 2);
      mid.set(key, m);
    }
    return m;
  };
  const indices: number[] = [];
  for (let f = 0; f < mesh.indices.length; f += 3) {
    const a = mesh.indices[f]!,
      b = mesh.indices[f + 1]!,
      c = mesh.indices[f + 2]!;
    const ab = midpoint(a, b),
      bc = midpoint(b, c),
      ca = midpoint(c, a);
    indices.push(a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca);
  }
  return { positions: Float64Array.from(positions), indices: Uint32Array.from(indices) };
}
