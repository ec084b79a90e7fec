import { icosphere } from '../../core/harmonics/icosphere';
import type { Mesh } from '../../core/mesh/Mesh';
import { splitByLabel } from '../../core/meshcnn/splitByLabel';
import { occupancyScores } from '../../core/metrics/occupancy';
import { pointSetDistances } from '../../core/metrics/pointSetDistances';
import { Tape } from '../../core/nn/Tape';
import { Tensor } from '../../core/nn/Tensor';
import { bestEllipsoidAnchors } from '../../core/parts/anchors';
import { assignFaces, faceCentroids } from '../../core/parts/assignFaces';
import { BodyGraph } from '../../core/parts/geodesicClusters';
import { blockPrimitives, ConditionalFlow } from '../../core/parts/ConditionalFlow';
import { exportPrimitives, runPrimitives } from '../../core/parts/exportPrimitives';
import { fitParts, implicitValues, unionValues } from '../../core/parts/fitParts';
import { insideLabels, insideSamples, PARTS_BOX_HALF, partsTrainingData } from '../../core/parts/partsData';
import { checkCancelled, InputError, yieldToHost, type Job } from '../../core/plugin/Job';
import { sampleBox } from '../../core/sampling/boxSampling';
import { Rng } from '../../core/sampling/Rng';
import { cumulativeFaceAreas, sampleSurface } from '../../core/sampling/surfaceSampling';
import { solidMeshRefusal } from '../../core/mesh/solidMeshRefusal';
import { meshSignedVolume, normaliseMesh } from '../../core/sdf/normaliseMesh';
import { TriangleTree } from '../../core/sdf/TriangleTree';
import { cpuClock } from './cpuClock';
import type { NeuralPartsProps } from './props';
import type {
  InputPart,
  NeuralPartsInput,
  NeuralPartsOutput,
  NeuralPartsPreview,
  PrimitiveMesh,
} from './types';

export const NEURAL_PARTS_VERSION = 3;
/** Seed of the evaluation samples, fixed so runs are scored alike. */
export const EVAL_SEED = 1000003;
const TRAIN_SAMPLES = { surface: 20_000, volume: 20_000 };
const CHAMFER_SAMPLES = 30_000;
/** bounding-box samples for the starting ellipsoids (a tenth to a half land inside) */
const ANCHOR_SAMPLES = 20_000;
/** clusterings (k-means or k-medoids seedings) tried for the starting ellipsoids (the best by IoU on the training samples) */
const ANCHOR_RESTARTS = 10;
/**
 * The learning rate falls along a half cosine to this fraction of `lr` over the budget: late steps
 * refine instead of jittering (human_man in 5 parts at 150 CPU-s: IoU 0.701 → 0.718).
 */
const LR_FINAL = 0.1;
/**
 * Fractions of the budget where a dead primitive would be moved onto what the union misses: none.
 * Measured on human_man in 5 parts at 150 CPU-s, re-seeding at 10…60 % gave IoU 0.58–0.75 and
 * Chamfer-L1 0.01–0.17 over four variants (a primitive moved onto a missed limb tends to die again
 * or turn into a spike), without it 0.721 / 0.009; see docs/parts.md.
 */
const RESEED_AT: number[] = [];
/**
 * The radius the source sphere has as the coupling networks read it (their inputs are scaled by
 * this / r): with the sphere's own coordinates (±0.25) the first layers' units are on or off over
 * the whole sphere and the primitives stay near-ellipsoids. Human_man / armadillo in 5 parts at
 * 150 CPU-s, mean IoU of seeds 0–2: radius 0.25 (unscaled) 0.824 / 0.778, 1: 0.867 / 0.887,
 * 2: 0.897 / 0.903; seed 0 at radius 4: 0.900 / 0.903 (docs/parts.md).
 */
const COUPLING_SPHERE_RADIUS = 2;
/** points per primitive sphere per step (the authors: 200; the union mask costs M²·this per step) */
const SPHERE_POINTS = 100;
/** icosphere level of the live preview (162 vertices per primitive) */
const PREVIEW_LEVEL = 2;

/** Why a mesh cannot be decomposed, or null. Shared by the operator's poll and the job. */
export function neuralPartsRefusal(mesh: Mesh): string | null {
  return solidMeshRefusal(mesh, 'parts need an inside');
}

/** The training volume samples labelled inside: #n×3. */
function insidePoints(data: { volumePoints: Float32Array; volumeLabels: Uint8Array }): Float32Array {
  const out: number[] = [];
  data.volumeLabels.forEach((l, i) => {
    if (l) out.push(data.volumePoints[3 * i]!, data.volumePoints[3 * i + 1]!, data.volumePoints[3 * i + 2]!);
  });
  return Float32Array.from(out);
}

/** Points of a normalised-space array moved back to the input's coordinates (in place). */
function denormalise(
  points: Float32Array,
  norm: { centre: [number, number, number]; scale: number },
): Float32Array {
  for (let i = 0; i < points.length; i++) points[i] = points[i]! / norm.scale + norm.centre[i % 3]!;
  return points;
}

/**
 * Decomposes a mesh into Neural Parts: fits N primitives (spheres deformed by one conditional
 * invertible network) to it, meshes each primitive through the exported ONNX model, scores the
 * union (IoU, Chamfer-L1) and splits the input's faces by primitive.
 */
export const neuralPartsJob: Job<NeuralPartsInput, NeuralPartsProps, NeuralPartsOutput> = async (
  input,
  props,
  ctx,
) => {
  const started = performance.now();
  const cpu = cpuClock();
  const cpuStarted = cpu ? cpu() : NaN;
  if (props.clock === 'cpu' && !cpu) throw new InputError('this host has no CPU clock: use the wall clock');
  const mesh: Mesh = { positions: input.positions, indices: input.indices };
  const refusal = neuralPartsRefusal(mesh);
  if (refusal) throw new InputError(refusal);
  const M = props.parts;
  if (!(Number.isInteger(M) && M >= 1 && M <= 16))
    throw new InputError(`parts must be a whole number from 1 to 16, not ${M}`);
  const warnings: string[] = [];
  const norm = normaliseMesh(mesh);

  // 1. samples: surface points with normals, labelled volume points, evaluation points
  ctx.progress(0, 'sampling the shape (winding numbers)');
  const tree = new TriangleTree(norm.mesh);
  const data = partsTrainingData(norm.mesh, tree, TRAIN_SAMPLES, props.seed, () => checkCancelled(ctx));
  await yieldToHost(ctx);
  const evalPoints = sampleBox(props.evalSamples, new Rng(EVAL_SEED), -PARTS_BOX_HALF, PARTS_BOX_HALF);
  const evalLabels = insideLabels(tree, evalPoints, () => checkCancelled(ctx));
  let insideCount = 0;
  for (const l of data.volumeLabels) insideCount += l;
  if (insideCount === 0)
    throw new InputError(
      'no sample point is inside the mesh: is it a closed surface? (the winding number is 0 everywhere)',
    );
  await yieldToHost(ctx);

  // 2. fitting, with a live view of the primitives
  let inside = insideSamples(norm.mesh, tree, ANCHOR_SAMPLES, new Rng(props.seed + 3));
  if (inside.length < 3 * 4 * M) inside = insidePoints(data); // a very thin shape: the near-surface inside points
  const graph = props.start === 'body' ? bodyGraph(inside, tree, new Rng(props.seed + 8)) : null;
  const { anchors } = bestEllipsoidAnchors(
    inside,
    M,
    props.radius,
    { points: data.volumePoints, labels: data.volumeLabels },
    ANCHOR_RESTARTS,
    new Rng(props.seed + 4),
    graph ? (r) => graph.clusters(M, r) : undefined,
  );
  const flow = new ConditionalFlow(
    {
      primitives: M,
      codeSize: props.codeSize,
      affine: props.affine === 'free' ? 'free' : 'predicted',
      hidden: props.hidden,
      layers: props.layers,
      radius: props.radius,
      pointScale: COUPLING_SPHERE_RADIUS / props.radius,
    },
    new Rng(props.seed),
    anchors,
  );
  const preview = icosphere(PREVIEW_LEVEL);
  const previewSphere = Float32Array.from(preview.positions, (v) => v * props.radius);
  const fitWallStarted = performance.now();
  const fitCpuStarted = cpu ? cpu() : NaN;
  const result = await fitParts(flow, data, {
    steps: props.steps,
    seconds: props.steps > 0 ? 0 : props.seconds,
    clock: props.clock === 'cpu' ? cpu! : undefined,
    inside,
    reseedAt: RESEED_AT,
    lr: props.lr,
    lrFinal: LR_FINAL,
    volumeBatch: props.batch,
    spherePoints: SPHERE_POINTS,
    surfaceBatch: props.batch,
    normalBatch: Math.max(16, Math.round(props.batch / 5)),
    seed: props.seed + 17,
    reportSeconds: 1,
    onReport: async (r) => {
      const positions = denormalise(mapSphere(flow, previewSphere), norm);
      const view: NeuralPartsPreview = {
        chart: { loss: r.loss.total, iou: r.batchIou },
        positions,
        indices: Uint32Array.from(preview.indices),
        primitives: M,
      };
      ctx.progress(
        0.1 + 0.7 * r.fraction,
        `fitting: step ${r.steps}, loss ${r.loss.total.toFixed(3)}`,
        view,
        [positions.buffer as ArrayBuffer, view.indices.buffer as ArrayBuffer],
      );
      await yieldToHost(ctx);
    },
  });
  const fitWallSeconds = (performance.now() - fitWallStarted) / 1000;
  const fitCpuSeconds = cpu ? cpu() - fitCpuStarted : NaN;
  checkCancelled(ctx);

  // 3. primitive meshes through onnxruntime
  ctx.progress(0.8, 'meshing the primitives (ONNX)');
  const onnx = exportPrimitives(flow, { centre: JSON.stringify(norm.centre), scale: String(norm.scale) });
  const sphere = icosphere(props.meshDetail);
  const spherePoints = Float32Array.from(sphere.positions, (v) => v * props.radius);
  const mapped = await runPrimitives(ctx.onnx, onnx, spherePoints, M); // normalised coordinates
  await yieldToHost(ctx);

  // 4. scores: IoU on uniform samples, Chamfer-L1 between the union's surface and the input
  ctx.progress(0.85, 'scoring the fit');
  const predicted = unionValues(implicitValues(flow, evalPoints), evalLabels.length);
  const truth = Float32Array.from(evalLabels, (l) => (l ? -1 : 1));
  const scores = occupancyScores(predicted, truth);
  const iou = scores.iou;
  const truthInside = Math.max(1, scores.tp + scores.fn);
  await yieldToHost(ctx);
  const unionSurface = unionSurfacePoints(
    flow,
    mapped,
    sphere.indices,
    CHAMFER_SAMPLES,
    new Rng(props.seed + 5),
  );
  const inputSurface = sampleSurface(norm.mesh, CHAMFER_SAMPLES, new Rng(props.seed + 6)).points;
  let chamferL1 = NaN;
  if (unionSurface.length >= 3) chamferL1 = pointSetDistances(unionSurface, inputSurface).chamferL1;
  else warnings.push('every primitive lies inside another: the union has no surface to compare');
  await yieldToHost(ctx);

  // 5. the input's faces by primitive
  ctx.progress(0.92, 'splitting the mesh into parts');
  const faceParts = assignFaces(norm.mesh, implicitValues(flow, faceCentroids(norm.mesh)), mapped);
  const labels = Int32Array.from(faceParts, (m) => m + 1);
  const parts: InputPart[] = splitByLabel(input.positions, input.indices, labels).map((p) => ({
    primitive: p.label - 1,
    positions: p.positions,
    indices: p.indices,
  }));
  const faceCounts = new Array<number>(M).fill(0);
  for (const m of faceParts) faceCounts[m]!++;
  if (faceCounts.some((c) => c === 0))
    warnings.push(`${faceCounts.filter((c) => c === 0).length} primitive(s) got no faces of the input`);

  const primitives: PrimitiveMesh[] = mapped.map((p) => ({
    positions: denormalise(Float32Array.from(p), norm),
    indices: Uint32Array.from(sphere.indices),
  }));
  const perPart = mapped.map((p, m) => ({
    primitive: m,
    volume: meshSignedVolume(p, sphere.indices) / norm.scale ** 3,
    faces: faceCounts[m]!,
  }));
  const output: NeuralPartsOutput = {
    primitives,
    faceParts,
    parts,
    onnx,
    normalisation: { centre: norm.centre, scale: norm.scale },
    lossCurve: Float32Array.from(result.losses),
    metrics: {
      parts: M,
      iou,
      falseInside: scores.fp / truthInside,
      falseOutside: scores.fn / truthInside,
      chamferL1,
      seconds: fitWallSeconds,
      cpuSeconds: fitCpuSeconds,
      clock: props.clock,
      totalSeconds: (performance.now() - started) / 1000,
      totalCpuSeconds: cpu ? cpu() - cpuStarted : NaN,
      steps: result.steps,
      reseeded: result.reseeded,
      parameters: flow.parameterCount,
      finalLoss: result.loss.total,
      perPart,
      onnxProvider: ctx.onnx.provider,
      warnings,
    },
  };
  ctx.progress(1, 'done');
  const transfer = [
    ...primitives.flatMap((p) => [p.positions.buffer, p.indices.buffer]),
    ...parts.flatMap((p) => [p.positions.buffer, p.indices.buffer]),
    faceParts.buffer,
    onnx.buffer,
    output.lossCurve.buffer,
  ] as ArrayBuffer[];
  return { output, transfer };
};

/**
 * The body graph of the inside points: distances along the body through a graph whose edges stay
 * inside, nodes weighted by 1/thickness² so k-medoids clusters share the body's length rather than
 * its volume.
 */
function bodyGraph(inside: Float32Array, tree: TriangleTree, rng: Rng): BodyGraph {
  return new BodyGraph(inside, rng, {
    insideAt: (x, y, z) => tree.windingNumber(x, y, z) > 0.5,
    depthAt: (x, y, z) => tree.distance(x, y, z),
  });
}

/** φ applied to sphere points (#N×3) for every primitive with our own kernels → #(M·N)×3, normalised coordinates. */
export function mapSphere(flow: ConditionalFlow, sphere: Float32Array): Float32Array {
  const M = flow.config.primitives,
    N = sphere.length / 3;
  const frozen = flow.frozen();
  const tape = new Tape();
  const cond = frozen.condition(tape);
  const tiled = new Float32Array(3 * M * N);
  for (let m = 0; m < M; m++) tiled.set(sphere, 3 * m * N);
  const out = Float32Array.from(
    frozen.forward(tape, cond, Tensor.constant(tiled, [M * N, 3]), blockPrimitives(M, N)).data,
  );
  tape.reset();
  return out;
}

/**
 * Area-weighted samples on the primitives' meshes that lie on the union's surface (inside no other
 * primitive): the predicted surface for Chamfer-L1. mapped: per primitive #V×3; indices shared.
 */
function unionSurfacePoints(
  flow: ConditionalFlow,
  mapped: Float32Array[],
  indices: Uint32Array,
  count: number,
  rng: Rng,
): Float32Array {
  const M = mapped.length;
  const perPrimitive = mapped.map((positions) => {
    const areas = cumulativeFaceAreas({ positions, indices });
    return { positions, areas, total: areas[areas.length - 1]! };
  });
  const totalArea = perPrimitive.reduce((s, p) => s + p.total, 0);
  const points: number[] = [];
  perPrimitive.forEach((p, m) => {
    const n = Math.round((count * p.total) / totalArea);
    if (n === 0 || !(p.total > 0)) return;
    const samples = sampleSurface({ positions: p.positions, indices }, n, rng, p.areas).points;
    const g = M > 1 ? implicitValues(flow, samples) : null;
    for (let i = 0; i < n; i++) {
      let inside = false;
      if (g) for (let k = 0; k < M && !inside; k++) if (k !== m && g[k * n + i]! < 0) inside = true;
      if (!inside) points.push(samples[3 * i]!, samples[3 * i + 1]!, samples[3 * i + 2]!);
    }
  });
  return Float32Array.from(points);
}
