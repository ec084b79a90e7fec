import { computeEdgeFeatures, EDGE_FEATURE_COUNT } from './edgeFeatures';
import type { PoolRecord } from './meshPool';
import { buildMeshLevel, edgeCountOf, type MeshLevel } from './meshTopology';
import type { MeshUNet } from './meshUNet';
import { Tape } from './tape';

/** A labelled mesh from a MeshCNN dataset. */
export interface SegmentationSample {
  name: string;
  level: MeshLevel;
  /** #E hard labels, 0-based (the files are 1-based). */
  labels: Int32Array;
  /**
   * #E×K, 1 where the soft label is non-zero (MeshCNN binarises .seseg); test split only. K is the file's
   * column count, which can exceed the class count (COSEG chairs: 3 classes, 4 columns).
   */
  softLabels?: Uint8Array;
  /** K, the columns per edge of `softLabels`. */
  softColumns?: number;
}

/** Parses one dataset entry (OBJ text, .eseg text, optional .seseg text); checks the counts agree. */
export function parseSample(
  name: string,
  positions: ArrayLike<number>,
  indices: ArrayLike<number>,
  eseg: string,
  seseg?: string,
): SegmentationSample {
  const level = buildMeshLevel(positions, indices);
  const E = edgeCountOf(level);
  const rows = eseg.trim().split(/\r?\n/);
  if (rows.length !== E) throw new Error(`${name}: ${rows.length} edge labels for ${E} edges`);
  const labels = Int32Array.from(rows, (r) => parseInt(r, 10) - 1);
  let softLabels: Uint8Array | undefined;
  if (seseg) {
    const softRows = seseg.trim().split(/\r?\n/);
    if (softRows.length !== E) throw new Error(`${name}: ${softRows.length} soft-label rows for ${E} edges`);
    const K = softRows[0]!.trim().split(/\s+/).length;
    softLabels = new Uint8Array(E * K);
    softRows.forEach((r, e) =>
      r
        .trim()
        .split(/\s+/)
        .forEach((v, k) => (softLabels![e * K + k] = Number(v) > 0 ? 1 : 0)),
    );
    return { name, level, labels, softLabels, softColumns: K };
  }
  return { name, level, labels };
}

/** Per-feature mean and standard deviation over samples (MeshCNN normalises inputs by dataset statistics). */
export function featureStatistics(levels: readonly MeshLevel[]): { mean: number[]; std: number[] } {
  const sum = new Float64Array(EDGE_FEATURE_COUNT);
  const sum2 = new Float64Array(EDGE_FEATURE_COUNT);
  let n = 0;
  for (const level of levels) {
    const f = computeEdgeFeatures(level);
    for (let i = 0; i < f.length; i++) {
      sum[i % EDGE_FEATURE_COUNT]! += f[i]!;
      sum2[i % EDGE_FEATURE_COUNT]! += f[i]! * f[i]!;
    }
    n += f.length / EDGE_FEATURE_COUNT;
  }
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sum2, (s, i) => Math.sqrt(Math.max(s / n - mean[i]! ** 2, 1e-12)));
  return { mean, std };
}

export function normalizedFeatures(
  level: MeshLevel,
  mean: readonly number[],
  std: readonly number[],
): Float32Array {
  const f = computeEdgeFeatures(level);
  for (let i = 0; i < f.length; i++)
    f[i] = (f[i]! - mean[i % EDGE_FEATURE_COUNT]!) / std[i % EDGE_FEATURE_COUNT]!;
  return f;
}

export interface EdgePrediction {
  /** #E predicted class, 0-based. */
  labels: Int32Array;
  /** #E×K softmax probabilities. */
  probabilities: Float32Array;
  pools: PoolRecord[];
}

/** Runs the network on one mesh level (no gradients) with our own kernels. */
export function predictEdges(
  net: MeshUNet,
  level: MeshLevel,
  mean: readonly number[],
  std: readonly number[],
  poolEdges?: number[],
): EdgePrediction {
  const out = net.forward(new Tape(false), level, normalizedFeatures(level, mean, std), undefined, poolEdges);
  return predictionFromLogits(out.logits.data, out.logits.cols, out.pools);
}

/** Class labels and softmax probabilities from logits #E×K. */
export function predictionFromLogits(data: Float32Array, cols: number, pools: PoolRecord[]): EdgePrediction {
  const rows = data.length / cols;
  const labels = new Int32Array(rows);
  const probabilities = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let max = -Infinity;
    for (let c = 0; c < cols; c++) {
      if (data[r * cols + c]! > max) {
        max = data[r * cols + c]!;
        best = c;
      }
    }
    labels[r] = best;
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += probabilities[r * cols + c] = Math.exp(data[r * cols + c]! - max);
    for (let c = 0; c < cols; c++) probabilities[r * cols + c]! /= sum;
  }
  return { labels, probabilities, pools };
}

/**
 * Face labels from edge scores: each face takes the class with the largest summed probability over its three
 * edges. @returns #F 0-based
 */
export function faceLabelsFromEdges(
  level: MeshLevel,
  probabilities: Float32Array,
  classCount: number,
): Int32Array {
  const F = level.faces.length / 3;
  const out = new Int32Array(F);
  const score = new Float64Array(classCount);
  for (let f = 0; f < F; f++) {
    score.fill(0);
    for (let k = 0; k < 3; k++) {
      const e = level.faceEdges[3 * f + k]!;
      for (let c = 0; c < classCount; c++) score[c]! += probabilities[e * classCount + c]!;
    }
    let best = 0;
    for (let c = 1; c < classCount; c++) if (score[c]! > score[best]!) best = c;
    out[f] = best;
  }
  return out;
}

/** Ground-truth face labels from hard edge labels: the majority of the face's three edges (ties: first edge). */
export function faceLabelsFromEdgeLabels(level: MeshLevel, labels: Int32Array): Int32Array {
  const F = level.faces.length / 3;
  const out = new Int32Array(F);
  for (let f = 0; f < F; f++) {
    const a = labels[level.faceEdges[3 * f]!]!,
      b = labels[level.faceEdges[3 * f + 1]!]!,
      c = labels[level.faceEdges[3 * f + 2]!]!;
    out[f] = b === c && a !== b ? b : a;
  }
  return out;
}

export interface SegmentationScores {
  /** MeshCNN's published metric: area-weighted fraction of edges whose predicted class has a non-zero soft label. */
  softEdgeAccuracy: number;
  /** Plain fraction of edges equal to the hard label. */
  hardEdgeAccuracy: number;
  /** Fraction of faces equal to the majority label of their edges. */
  faceAccuracy: number;
}

/** Scores one prediction (accumulate over a split by averaging per mesh, as MeshCNN does). */
export function scoreSegmentation(
  sample: SegmentationSample,
  prediction: EdgePrediction,
  classCount: number,
): SegmentationScores {
  const { level, labels, softLabels } = sample;
  const K = sample.softColumns ?? classCount;
  const E = edgeCountOf(level);
  const P = level.positions;
  const faceArea = new Float64Array(level.faces.length / 3);
  for (let f = 0; f < faceArea.length; f++) {
    const a = 3 * level.faces[3 * f]!,
      b = 3 * level.faces[3 * f + 1]!,
      c = 3 * level.faces[3 * f + 2]!;
    const ux = P[b]! - P[a]!,
      uy = P[b + 1]! - P[a + 1]!,
      uz = P[b + 2]! - P[a + 2]!;
    const vx = P[c]! - P[a]!,
      vy = P[c + 1]! - P[a + 1]!,
      vz = P[c + 2]! - P[a + 2]!;
    faceArea[f] = 0.5 * Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
  }
  let weighted = 0,
    weights = 0,
    hard = 0;
  for (let e = 0; e < E; e++) {
    const pred = prediction.labels[e]!;
    if (pred === labels[e]) hard++;
    let w = 0;
    for (let s = 0; s < 2; s++) {
      const f = level.edgeFaces[2 * e + s]!;
      if (f >= 0) w += faceArea[f]! / 3;
    }
    const correct = softLabels ? softLabels[e * K + pred] === 1 : pred === labels[e];
    weighted += correct ? w : 0;
    weights += w;
  }
  const predictedFaces = faceLabelsFromEdges(level, prediction.probabilities, classCount);
  const trueFaces = faceLabelsFromEdgeLabels(level, labels);
  let faces = 0;
  for (let f = 0; f < trueFaces.length; f++) if (predictedFaces[f] === trueFaces[f]) faces++;
  return {
    softEdgeAccuracy: weighted / weights,
    hardEdgeAccuracy: hard / E,
    faceAccuracy: faces / trueFaces.length,
  };
}
