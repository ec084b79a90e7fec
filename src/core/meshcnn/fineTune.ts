import { Adam } from './adam';
import { DEFAULT_AUGMENT } from './augment';
import { transferFaceLabels } from './labelTransfer';
import type { MeshcnnModelInfo, SegmentClass } from './modelFile';
import { buildMeshLevel, edgeCountOf } from './meshTopology';
import { MeshUNet, mulberry32, type MeshUNetConfig } from './meshUNet';
import { prepareInput } from './prepareInput';
import { DEFAULT_EDGE_BUDGET } from './segmentMesh';
import { featureStatistics, type SegmentationSample } from './segmentation';
import { simplifyMesh } from './simplifyMesh';
import { trainStep } from './train';

/** A mesh with labels a user painted on some of its faces (0 = not painted, 1… = class). */
export interface PaintedMesh {
  /** #V×3 */
  positions: ArrayLike<number>;
  /** #F×3 */
  indices: ArrayLike<number>;
  /** #F */
  faceLabels: ArrayLike<number>;
}

export interface FineTuneOptions {
  /** The classes the user paints with; when their number differs from the base model's, the classifier starts anew. */
  classes: SegmentClass[];
  steps: number;
  learningRate?: number;
  seed?: number;
  name: string;
  /** Network size when training from scratch (default: the shipped human model's). */
  scratchConfig?: Omit<MeshUNetConfig, 'classCount'>;
  /** Called after each step (awaited, so a host can yield for a cancel message); throw from it to cancel. */
  onStep?: (step: number, loss: number, accuracy: number) => void | Promise<void>;
}

/**
 * "Learn from my labels": trains a model on meshes a user painted. Each mesh is repaired and simplified to
 * the network's edge budget; the painted face labels move onto the simplified faces (nearest face), and each
 * edge takes the label of its painted face(s) (edges between two unpainted faces, or two faces painted
 * differently, are ignored by the loss). Starts from `base` (all layers kept when the classes match, all but the classifier otherwise) or
 * from scratch. @returns the new model's info and network
 */
export async function fineTune(
  meshes: readonly PaintedMesh[],
  base: { info: MeshcnnModelInfo; net: MeshUNet } | null,
  options: FineTuneOptions,
): Promise<{ info: MeshcnnModelInfo; net: MeshUNet; finalLoss: number }> {
  if (meshes.length === 0) throw new Error('paint labels on at least one mesh first');
  const classCount = options.classes.length;
  // the resolution the base model was trained at (a new model: human_seg's)
  const budget = base?.info.inputEdges ?? DEFAULT_EDGE_BUDGET;
  const samples: SegmentationSample[] = [];
  for (const [i, mesh] of meshes.entries()) {
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
    if (painted > 0) samples.push({ name: `mesh ${i + 1}`, level, labels });
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
  const adam = new Adam(options.learningRate ?? (base ? 3e-4 : 1e-3));
  const random = mulberry32(options.seed ?? 1);
  let finalLoss = NaN;
  for (let step = 0; step < options.steps; step++) {
    const { loss, accuracy } = trainStep(
      net,
      adam,
      samples[step % samples.length]!,
      stats,
      DEFAULT_AUGMENT,
      random,
    );
    finalLoss = loss;
    await options.onStep?.(step + 1, loss, accuracy);
  }
  const info: MeshcnnModelInfo = {
    name: options.name,
    config,
    classes: options.classes,
    featureMean: [...stats.mean],
    featureStd: [...stats.std],
    inputEdges: budget,
    training: {
      fineTunedFrom: base?.info.name ?? null,
      meshes: samples.length,
      steps: options.steps,
      finalLoss,
    },
  };
  return { info, net, finalLoss };
}
