import { marchingTetrahedra } from '../../core/meshing/marchingTetrahedra';
import { removeSmallPieces } from '../../core/meshing/removeSmallPieces';
import { sampleGrid } from '../../core/meshing/sampleGrid';
import { inspectMesh } from '../../core/mesh/inspect';
import type { Mesh } from '../../core/mesh/Mesh';
import { meshDistances } from '../../core/metrics/meshDistances';
import { occupancyScores } from '../../core/metrics/occupancy';
import { hashGridLevels } from '../../core/nn/hashGrid';
import { exportSdfNetwork } from '../../core/nn/onnx/exportSdfNetwork';
import { runPointModel, runPointModelChunked } from '../../core/nn/onnx/evaluatePoints';
import { SdfNetwork } from '../../core/nn/SdfNetwork';
import { checkCancelled, InputError, yieldToHost, type Job } from '../../core/plugin/Job';
import { Rng } from '../../core/sampling/Rng';
import { solidMeshRefusal } from '../../core/mesh/solidMeshRefusal';
import { normaliseMesh } from '../../core/sdf/normaliseMesh';
import { BOX_HALF, concatSamples, sampleSdf } from '../../core/sdf/sdfSamples';
import { SignedDistanceField } from '../../core/sdf/signedDistance';
import { trainSdf } from '../../core/sdf/trainSdf';
import type { FitSdfProps } from './props';
import type { FieldSlice, FitSdfInput, FitSdfOutput } from './types';

export const FIT_SDF_VERSION = 1;
/** Seed of the evaluation samples, fixed as in the reference (so runs are scored alike). */
export const EVAL_SEED = 1000003;
const SLICE_SIZE = 256;

/** Why a mesh cannot be fitted, or null. Shared by the operator's poll and the job. */
export function fitSdfRefusal(mesh: Mesh): string | null {
  return solidMeshRefusal(mesh, 'a signed distance needs an inside');
}

/** Warnings for meshes that can be fitted but whose inside is only defined by the winding number. */
export function fitSdfWarnings(mesh: Mesh): string[] {
  const t = inspectMesh(mesh);
  const out: string[] = [];
  if (t.boundaryEdges > 0)
    out.push(
      `the mesh is open (${t.boundaryEdges} boundary edges in ${t.boundaryLoops} holes): inside/outside comes from the generalised winding number`,
    );
  if (t.nonManifoldEdges > 0 || t.nonManifoldVertices > 0)
    out.push(
      `the mesh is not manifold (${t.nonManifoldEdges} edges, ${t.nonManifoldVertices} vertices): inside/outside comes from the generalised winding number`,
    );
  if (t.inconsistentEdges > 0)
    out.push(
      `${t.inconsistentEdges} edges join faces of opposite orientation: the sign may be wrong near them`,
    );
  return out;
}

/**
 * Fits a neural signed distance field (hash grid + MLP, our own kernels) to a mesh, exports it to
 * ONNX, and runs every evaluation through onnxruntime: occupancy metrics, a slice, and the
 * marching-tetrahedra mesh at the chosen resolution.
 */
export const fitSdfJob: Job<FitSdfInput, FitSdfProps, FitSdfOutput> = async (input, props, ctx) => {
  const started = performance.now();
  const mesh: Mesh = { positions: input.positions, indices: input.indices };
  const refusal = fitSdfRefusal(mesh);
  if (refusal) throw new InputError(refusal);
  const warnings = fitSdfWarnings(mesh);
  const norm = normaliseMesh(mesh);

  // 1. ground truth: training and (independent) evaluation samples
  ctx.progress(0, 'ground truth: building the triangle tree');
  const t0 = performance.now();
  const field = new SignedDistanceField(norm.mesh);
  const trainCount = props.trainSamples;
  const evalCount = props.evalSamples;
  const totalGt = trainCount + 2 * evalCount;
  let gtDone = 0;
  const gtProgress = async (done: number): Promise<void> => {
    ctx.progress((0.15 * (gtDone + done)) / totalGt, 'ground truth: signed distances');
    await yieldToHost(ctx);
  };
  const train = await sampleSdf(
    field,
    norm.mesh,
    { uniform: Math.floor(trainCount / 2), near: trainCount - Math.floor(trainCount / 2) },
    props.seed,
    gtProgress,
  );
  gtDone = trainCount;
  await yieldToHost(ctx);
  const evaluation = await sampleSdf(
    field,
    norm.mesh,
    { uniform: evalCount, near: evalCount },
    EVAL_SEED,
    gtProgress,
  );
  const groundTruthSeconds = (performance.now() - t0) / 1000;
  await yieldToHost(ctx);

  // 2. training
  const grid = {
    levels: props.levels,
    features: 2,
    log2Size: props.log2TableSize,
    minResolution: 16,
    maxResolution: 512,
    boxHalf: BOX_HALF,
  };
  hashGridLevels(grid); // validates the settings early
  const network = new SdfNetwork(
    { grid, hidden: Array.from({ length: props.hiddenLayers }, () => props.hidden) },
    new Rng(props.seed),
  );
  const result = await trainSdf(network, concatSamples([train.uniform, train.near]), {
    seconds: props.seconds,
    maxSteps: props.steps,
    batch: props.batch,
    lr: props.lr,
    clamp: 0.1,
    seed: props.seed + 17,
    reportSeconds: 0.25,
    onReport: async (r) => {
      ctx.progress(0.15 + 0.6 * r.fraction, `training: step ${r.steps}, loss ${r.loss.toExponential(2)}`, {
        chart: { loss: r.loss },
      });
      await yieldToHost(ctx);
    },
  });

  // 3. everything else through onnxruntime
  ctx.progress(0.75, 'exporting the model to ONNX');
  const onnx = exportSdfNetwork(network, { centre: JSON.stringify(norm.centre), scale: String(norm.scale) });
  const session = await ctx.onnx.createSession(onnx);
  try {
    const evaluate = (points: Float32Array): Promise<Float32Array> =>
      runPointModel(ctx.onnx, session, points);
    const predictedUniform = await runPointModelChunked(ctx.onnx, session, evaluation.uniform.points);
    const predictedNear = await runPointModelChunked(ctx.onnx, session, evaluation.near.points);
    const uniform = occupancyScores(predictedUniform, evaluation.uniform.sdf);
    const near = occupancyScores(predictedNear, evaluation.near.sdf);
    await yieldToHost(ctx);

    const slice = await sliceField(evaluate, props.sliceAxis as FieldSlice['axis'], props.slicePosition);

    ctx.progress(0.8, `sampling the field on a ${props.resolution}³ grid`);
    const tg = performance.now();
    const sampled = await sampleGrid(evaluate, {
      resolution: props.resolution,
      half: BOX_HALF,
      onProgress: async (f) => {
        ctx.progress(0.8 + 0.12 * f, `sampling the field on a ${props.resolution}³ grid`);
        await yieldToHost(ctx);
      },
    });
    const gridSeconds = (performance.now() - tg) / 1000;
    ctx.progress(0.92, 'marching tetrahedra');
    const tm = performance.now();
    const pieces = removeSmallPieces(
      marchingTetrahedra(sampled, { closeBorder: true }),
      props.minPieceFraction,
    );
    const extracted = pieces.mesh;
    const meshSeconds = (performance.now() - tm) / 1000;
    checkCancelled(ctx);
    const inspection = inspectMesh(extracted);
    let chamferL1 = NaN,
      hausdorff = NaN;
    if (extracted.indices.length > 0) {
      ctx.progress(0.95, 'Chamfer distance to the input');
      const d = meshDistances(extracted, norm.mesh, { samples: 100_000, seed: props.seed });
      chamferL1 = d.chamferL1;
      hausdorff = d.hausdorff;
    } else warnings.push('the fitted field has no zero crossing in the box: the extracted mesh is empty');

    // back to the input's coordinates
    const positions = extracted.positions;
    for (let i = 0; i < positions.length; i++)
      positions[i] = positions[i]! / norm.scale + norm.centre[i % 3]!;
    const output: FitSdfOutput = {
      positions,
      indices: extracted.indices,
      slice,
      onnx: props.exportOnnx ? onnx : null,
      normalisation: { centre: norm.centre, scale: norm.scale },
      lossCurve: Float32Array.from(result.losses),
      metrics: {
        f1Uniform: uniform.f1,
        f1Near: near.f1,
        iou: uniform.iou,
        chamferL1,
        hausdorff,
        seconds: result.seconds,
        steps: result.steps,
        parameters: network.parameterCount,
        modelBytes: onnx.byteLength,
        groundTruthSeconds,
        gridSeconds,
        gridPointsEvaluated: sampled.evaluated,
        meshSeconds,
        totalSeconds: (performance.now() - started) / 1000,
        vertices: positions.length / 3,
        faces: extracted.indices.length / 3,
        piecesRemoved: pieces.removedPieces,
        closedManifold:
          inspection.closed &&
          inspection.manifold &&
          inspection.orientable &&
          inspection.inconsistentEdges === 0,
        finalLoss: result.loss,
        onnxProvider: ctx.onnx.provider,
        warnings,
      },
    };
    ctx.progress(1, 'done');
    const transfer = [
      output.positions.buffer,
      output.indices.buffer,
      output.slice.values.buffer,
      output.lossCurve.buffer,
    ] as ArrayBuffer[];
    if (output.onnx) transfer.push(output.onnx.buffer as ArrayBuffer);
    return { output, transfer };
  } finally {
    await session.release();
  }
};

/** Values of the field on a SLICE_SIZE² grid in the plane axis = position, over the padded box. */
async function sliceField(
  evaluate: (p: Float32Array) => Promise<Float32Array>,
  axis: FieldSlice['axis'],
  position: number,
): Promise<FieldSlice> {
  const a = axis === 'x' ? 0 : axis === 'y' ? 1 : 2;
  const u = (a + 1) % 3,
    v = (a + 2) % 3;
  const n = SLICE_SIZE;
  const points = new Float32Array(3 * n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const o = 3 * (r * n + c);
      points[o + a] = position;
      points[o + u] = -BOX_HALF + (2 * BOX_HALF * c) / (n - 1);
      points[o + v] = -BOX_HALF + (2 * BOX_HALF * r) / (n - 1);
    }
  }
  return { values: Float32Array.from(await evaluate(points)), size: n, axis, position, half: BOX_HALF };
}
