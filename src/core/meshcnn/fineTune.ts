import { Adam } from './adam';
import { DEFAULT_AUGMENT } from './augment';
import { transferFaceLabels } from './labelTransfer';
import type { MeshcnnModelInfo, SegmentClass } from './modelFile';
import { buildMeshLevel, edgeCountOf, type MeshLevel } from './meshTopology';
import { MeshUNet, mulberry32, type MeshUNetConfig } from './meshUNet';
import { parallelTrainStep, type GradientRunner } from './parallelTrain';
import { prepareInput } from './prepareInput';
import { DEFAULT_EDGE_BUDGET } from './segmentMesh';
import { featureStatistics } from './segmentation';
import { simplifyMesh } from './simplifyMesh';
import { flatParams, setFlatParams } from './train';

/** A mesh with labels a user painted on some of its faces (0 = not painted, 1… = class). */
export interface PaintedMesh {
  /** #V×3 */
  positions: ArrayLike<number>;
  /** #F×3 */
  indices: ArrayLike<number>;
  /** #F */
  faceLabels: ArrayLike<number>;
}

/** A painted mesh at the network's resolution. */
export interface FineTuneSample {
  level: MeshLevel;
  /** #E labels, 0-based; −1 = not in the loss (no painted face, or two faces painted differently). */
  labels: Int32Array;
}

/**
 * Everything a fine-tune needs once the painted meshes are prepared (the slow part, done in a worker):
 * plain data and typed arrays, so it can travel to wherever the training loop runs.
 */
export interface FineTunePlan {
  samples: FineTuneSample[];
  /** The new model's header: network size, classes, feature normalisation, input resolution. */
  info: MeshcnnModelInfo;
  /** The starting weights, flat (see flatParams): #parameterCount. */
  weights: Float32Array;
  /** The base model's name, or null when training from scratch. */
  base: string | null;
}

export interface FineTuneOptions {
  steps: number;
  /** Adam's step size (default 3e-4 from a base model, 1e-3 from scratch). */
  learningRate?: number;
  seed?: number;
  /** Computes one mesh's gradient on a worker (job `mesh.meshcnn_gradient`). */
  runGradient: GradientRunner;
  /** Gradients computed at once and averaged into one step: the number of workers. */
  meshesPerStep: number;
  /** Called after each step (awaited, so a host can yield for a cancel message); throw from it to cancel. */
  onStep?: (step: number, loss: number, accuracy: number) => void | Promise<void>;
}

/**
 * "Learn from my labels", first half: each painted mesh is repaired and simplified to the network's edge
 * budget; the painted face labels move onto the simplified faces (nearest face), and each edge takes the
 * label of its painted face(s). The network starts from `base` (all layers kept when the classes match,
 * all but the classifier otherwise) or from scratch (`scratchConfig`, default: 1 residual block).
 */
export async function planFineTune(
  meshes: readonly PaintedMesh[],
  base: { info: MeshcnnModelInfo; net: MeshUNet } | null,
  options: {
    classes: SegmentClass[];
    name: string;
    seed?: number;
    scratchConfig?: Omit<MeshUNetConfig, 'classCount'>;
  },
): Promise<FineTunePlan> {
  if (meshes.length === 0) throw new Error('paint labels on at least one mesh first');
  const classCount = options.classes.length;
  // the resolution the base model was trained at (a new model: human_seg's)
  const budget = base?.info.inputEdges ?? DEFAULT_EDGE_BUDGET;
  const samples: FineTuneSample[] = [];
  for (const mesh of meshes) {
    const sample = await paintedSample(mesh, budget, classCount);
    if (sample) samples.push(sample);
  }
  if (samples.length === 0) throw new Error('no painted faces: paint at least one part');

  const config = base
    ? { ...base.info.config, classCount }
    : {
        ...(options.scratchConfig ?? {
          channels: [16, 32, 64, 128],
          poolEdges: [1800, 1350, 600],
          resBlocks: 1,
        }),
        classCount,
      };
  const net = new MeshUNet(config, options.seed ?? 1);
  if (base) {
    const keepClassifier = base.info.config.classCount === classCount;
    for (const p of net.params)
      if (keepClassifier || !p.name.startsWith('classifier.')) p.data.set(base.net.param(p.name).data);
  }
  const stats = base
    ? { mean: base.info.featureMean, std: base.info.featureStd }
    : featureStatistics(samples.map((s) => s.level));
  return {
    samples,
    info: {
      name: options.name,
      config,
      classes: options.classes,
      featureMean: [...stats.mean],
      featureStd: [...stats.std],
      inputEdges: budget,
    },
    weights: flatParams(net, 'data'),
    base: base?.info.name ?? null,
  };
}

/** One painted mesh at `budget` edges with its edge labels, or null when none of its edges is labelled. */
async function paintedSample(
  mesh: PaintedMesh,
  budget: number,
  classCount: number,
): Promise<FineTuneSample | null> {
  const prepared = prepareInput(mesh.positions, mesh.indices);
  const preparedLabels = Int32Array.from(prepared.faceSource, (f) => mesh.faceLabels[f]!);
  let positions: ArrayLike<number> = prepared.positions;
  let indices: ArrayLike<number> = prepared.indices;
  let faceLabels: Int32Array = preparedLabels;
  if ((prepared.indices.length / 3) * 1.5 > 1.1 * budget) {
    const simplified = await simplifyMesh(prepared.positions, prepared.indices, Math.round(budget / 1.5));
    const again = prepareInput(simplified.positions, simplified.indices);
    positions = again.positions;
    indices = again.indices;
    faceLabels = transferFaceLabels(
      { positions: prepared.positions, indices: prepared.indices },
      preparedLabels,
      { positions, indices },
    );
  }
  const level = buildMeshLevel(positions, indices);
  const labels = new Int32Array(edgeCountOf(level)).fill(-1);
  let painted = 0;
  for (let e = 0; e < labels.length; e++) {
    const f1 = level.edgeFaces[2 * e]!,
      f2 = level.edgeFaces[2 * e + 1]!;
    const a = faceLabels[f1]!,
      b = f2 >= 0 ? faceLabels[f2]! : 0;
    // An edge takes the label of its painted face(s); painted faces that disagree leave it out.
    const label = a > 0 && b > 0 && a !== b ? 0 : Math.max(a, b);
    if (label > 0 && label <= classCount) {
      labels[e] = label - 1;
      painted++;
    }
  }
  return painted > 0 ? { level, labels } : null;
}

/**
 * "Learn from my labels", second half: trains the planned network with MeshCNN's augmentations,
 * `meshesPerStep` meshes a step, each on a worker (the samples taken in turn; with fewer meshes than
 * workers a mesh appears several times in a step, each copy augmented differently). Cheap on the calling
 * thread: averaging the gradients and one Adam update.
 * @returns the trained model's info and network
 */
export async function trainFineTune(
  plan: FineTunePlan,
  options: FineTuneOptions,
): Promise<{ info: MeshcnnModelInfo; net: MeshUNet; finalLoss: number }> {
  const { samples, info } = plan;
  const net = new MeshUNet(info.config);
  setFlatParams(net, 'data', plan.weights);
  const stats = { mean: info.featureMean, std: info.featureStd };
  const adam = new Adam(options.learningRate ?? (plan.base ? 3e-4 : 1e-3));
  const random = mulberry32(options.seed ?? 1);
  const perStep = Math.max(1, Math.floor(options.meshesPerStep));
  let finalLoss = NaN;
  let next = 0;
  for (let step = 0; step < options.steps; step++) {
    const batch = Array.from({ length: perStep }, () => samples[next++ % samples.length]!);
    const results = await parallelTrainStep(
      options.runGradient,
      net,
      adam,
      batch,
      stats,
      DEFAULT_AUGMENT,
      random,
    );
    const loss = results.reduce((s, r) => s + r.loss, 0) / results.length;
    const accuracy = results.reduce((s, r) => s + r.accuracy, 0) / results.length;
    finalLoss = loss;
    await options.onStep?.(step + 1, loss, accuracy);
  }
  return {
    info: {
      ...info,
      training: {
        fineTunedFrom: plan.base,
        meshes: samples.length,
        steps: options.steps,
        meshesPerStep: perStep,
        finalLoss,
      },
    },
    net,
    finalLoss,
  };
}
