import { smoothFaceLabels, transferFaceLabels } from './labelTransfer';
import type { MeshcnnModelInfo } from './modelFile';
import { buildMeshLevel, edgeCountOf, TopologyError, type MeshLevel } from './meshTopology';
import type { MeshUNet } from './meshUNet';
import { prepareInput, wasUnchanged, type PreparedMesh } from './prepareInput';
import type { PoolRecord } from './meshPool';
import { averagePredictions, ensembleLevels } from './ensemble';
import {
  faceLabelsFromEdges,
  normalizedFeatures,
  predictEdges,
  predictionFromLogits,
  type EdgePrediction,
} from './segmentation';
import { simplifyMesh } from './simplifyMesh';

export interface SegmentOptions {
  /** Majority-smooth part boundaries on the full-resolution mesh. */
  smoothBoundaries: boolean;
  /** Edge count the network runs at (default: the model's training resolution, 2,250 for human_seg). */
  edgeBudget?: number;
  /** Network passes averaged (1 = the mesh alone; more: perturbed copies too, see ensemble.ts). Default 1. */
  passes?: number;
  /** Runs the network (e.g. onnxruntime segments); default: our own kernels. */
  network?: NetworkRunner;
  /** Called between stages; throw from it to cancel. */
  onStage?: (fraction: number, message: string) => void;
}

/** A mesh the network worked on (simplified input or a pooled level), for display. */
export interface LevelMesh {
  /** #V×3 */
  positions: Float32Array;
  /** #F×3 */
  indices: Uint32Array;
}

/** Logits #E×K of the network on a level with normalised features #E×5, and its pooling records. */
export type NetworkRunner = (
  level: MeshLevel,
  features: Float32Array,
  poolEdges: number[],
) => Promise<{ logits: Float32Array; pools: PoolRecord[] }>;

export interface SegmentResult {
  /** #F of the input mesh, 1-based labels (0 = a face removed by repair and not reachable). */
  faceLabels: Int32Array;
  /** One label per edge of the input mesh in MeshCNN edge order, 1-based: the network's predictions when it ran
   *  on the input itself, else each edge's first face label. */
  edgeLabels: Int32Array;
  /** The mesh the network ran on and its face labels (1-based). */
  network: LevelMesh & { faceLabels: Int32Array };
  /** The network's pooled meshes, finest first. */
  pooled: LevelMesh[];
  /** Whether the network ran on the input itself (edgeLabels are then the network's own predictions). */
  direct: boolean;
  repairs: PreparedMesh['repairs'];
  timings: Record<string, number>;
}

/** The training resolution of human_seg (2,250 edges), for models that do not state their own `inputEdges`. */
export const DEFAULT_EDGE_BUDGET = 2250;

/**
 * Segments any triangle mesh: repair → simplify to the network's edge budget (only when larger) → network →
 * labels back onto every input face (nearest face) → optional boundary smoothing.
 * @throws TopologyError when nothing usable is left after repair.
 */
export async function segmentMesh(
  positions: ArrayLike<number>,
  indices: ArrayLike<number>,
  model: { info: MeshcnnModelInfo; net: MeshUNet },
  options: SegmentOptions,
): Promise<SegmentResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (now - t) / 1000;
    t = now;
  };
  const stage = options.onStage ?? (() => {});
  const F = indices.length / 3;
  if (F === 0) throw new TopologyError('the mesh has no faces');
  const budget = options.edgeBudget ?? model.info.inputEdges ?? DEFAULT_EDGE_BUDGET;

  stage(0.05, 'repairing');
  const prepared = prepareInput(positions, indices);
  if (prepared.indices.length < 12)
    throw new TopologyError('nothing usable is left after repair (fewer than 4 manifold faces)');
  lap('repair');

  // Run directly on meshes at most 10 % above the budget (edges ≈ 1.5 × faces on a closed mesh).
  const preparedEdges = Math.round((prepared.indices.length / 3) * 1.5);
  let netPositions: ArrayLike<number> = prepared.positions;
  let netIndices: ArrayLike<number> = prepared.indices;
  let simplified = false;
  if (preparedEdges > 1.1 * budget) {
    stage(0.15, 'simplifying');
    const s = await simplifyMesh(prepared.positions, prepared.indices, Math.round(budget / 1.5));
    // Simplification can pinch the surface; repair again.
    const again = prepareInput(s.positions, s.indices);
    netPositions = again.positions;
    netIndices = again.indices;
    simplified = true;
  }
  lap('simplify');

  stage(0.35, 'running the network');
  const level = buildMeshLevel(netPositions, netIndices);
  const E = edgeCountOf(level);
  const scale = E / budget;
  const poolEdges = model.info.config.poolEdges.map((p) => Math.max(6, Math.round(p * scale)));
  const classCount = model.info.config.classCount;
  const passCount = Math.max(1, Math.round(options.passes ?? 1));
  const passes: EdgePrediction[] = [];
  for (const copy of ensembleLevels(level, passCount)) {
    if (passes.length > 0) stage(0.35 + (0.3 * passes.length) / passCount, 'running the network');
    passes.push(
      options.network
        ? await options
            .network(copy, normalizedFeatures(copy, model.info.featureMean, model.info.featureStd), poolEdges)
            .then((r) => predictionFromLogits(r.logits, classCount, r.pools))
        : predictEdges(model.net, copy, model.info.featureMean, model.info.featureStd, poolEdges),
    );
  }
  const prediction = averagePredictions(passes, classCount);
  lap('network');
  const netFaceLabels = faceLabelsFromEdges(level, prediction.probabilities, classCount);
  for (let i = 0; i < netFaceLabels.length; i++) netFaceLabels[i]!++;

  stage(0.7, 'transferring labels');
  const direct = !simplified && wasUnchanged(prepared);
  let faceLabels: Int32Array;
  if (direct) {
    faceLabels = netFaceLabels.slice();
  } else {
    faceLabels = transferFaceLabels({ positions: netPositions, indices: netIndices }, netFaceLabels, {
      positions,
      indices,
    });
  }
  lap('transfer');
  if (options.smoothBoundaries) {
    stage(0.85, 'smoothing boundaries');
    faceLabels = smoothFaceLabels(indices, faceLabels, 2);
  }
  lap('smooth');

  let edgeLabels: Int32Array;
  if (direct) {
    // At the mesh's own resolution the edge labels are the network's own (smoothing changes faces only).
    edgeLabels = Int32Array.from(prediction.labels, (l) => l + 1);
  } else {
    edgeLabels = edgeLabelsFromFaces(indices, faceLabels);
  }
  return {
    faceLabels,
    edgeLabels,
    network: { ...levelMesh(level), faceLabels: netFaceLabels },
    pooled: prediction.pools.map((p) => levelMesh(p.level)),
    direct,
    repairs: prepared.repairs,
    timings,
  };
}

function levelMesh(level: MeshLevel): LevelMesh {
  return { positions: Float32Array.from(level.positions), indices: Uint32Array.from(level.faces) };
}

/**
 * Edge labels in MeshCNN order from face labels: each edge takes its first face's label. Works on any
 * triangle soup (no manifold requirement). @returns #E 1-based
 */
export function edgeLabelsFromFaces(indices: ArrayLike<number>, faceLabels: Int32Array): Int32Array {
  let V = 0;
  for (let i = 0; i < indices.length; i++) V = Math.max(V, indices[i]! + 1);
  const seen = new Map<number, number>();
  const labels: number[] = [];
  for (let f = 0; f < indices.length / 3; f++) {
    for (let k = 0; k < 3; k++) {
      const a = indices[3 * f + k]!,
        b = indices[3 * f + ((k + 1) % 3)]!;
      const key = a < b ? a * V + b : b * V + a;
      if (!seen.has(key)) {
        seen.set(key, labels.length);
        labels.push(faceLabels[f]!);
      }
    }
  }
  return Int32Array.from(labels);
}
