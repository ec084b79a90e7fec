import { loadModel } from '../../core/meshcnn/modelFile';
import { segmentMesh } from '../../core/meshcnn/segmentMesh';
import { defaultPassesOf } from '../../core/meshcnn/ensemble';
import { TopologyError } from '../../core/meshcnn/meshTopology';
import { checkCancelled, InputError, type Job } from '../../core/plugin/Job';
import type { OnnxRuntime } from '../../core/onnx/OnnxRuntime';
import type { MeshUNet } from '../../core/meshcnn/meshUNet';
import {
  createMeshcnnSessions,
  exportMeshcnnSegments,
  forwardOnnx,
  type MeshcnnOnnxSessions,
} from '../../core/meshcnn/onnxSegments';
import { shippedModel } from './models';
import type { SegmentJobInput, SegmentJobOutput, SegmentProps } from './props';

/** Segments a mesh with a MeshCNN model: repair, simplify, network, labels back on every face. */
export const segmentMeshcnnJob: Job<SegmentJobInput, SegmentProps, SegmentJobOutput> = async (
  input,
  props,
  ctx,
) => {
  const start = performance.now();
  if (input.indices.length === 0) throw new InputError('the mesh has no faces');
  ctx.progress(0, 'loading the model');
  const model = input.modelBytes ? loadModel(input.modelBytes) : await shippedModel(props.model);
  checkCancelled(ctx);
  // onnxruntime for the dense layers where the host has it (native, GPU where present); our kernels otherwise.
  const sessions = ctx.onnx
    ? await onnxSessionsFor(ctx.onnx, input.modelBytes ? null : props.model, model.net)
    : null;
  const passes = props.passes > 0 ? props.passes : defaultPassesOf(model.info);
  let result;
  try {
    result = await segmentMesh(input.positions, input.indices, model, {
      smoothBoundaries: props.smoothBoundaries,
      passes,
      network: sessions
        ? (level, features, poolEdges) =>
            forwardOnnx(ctx.onnx, sessions, model.net, level, features, poolEdges)
        : undefined,
      onStage: (fraction, message) => {
        checkCancelled(ctx);
        ctx.progress(fraction, message);
      },
    });
  } catch (error) {
    if (error instanceof TopologyError)
      throw new InputError(`MeshCNN cannot segment this mesh: ${error.message}`);
    throw error;
  } finally {
    if (sessions && input.modelBytes) await sessions.release();
  }
  const seconds = (performance.now() - start) / 1000;
  const counts = new Array<number>(model.info.classes.length).fill(0);
  for (const l of result.faceLabels) if (l >= 1) counts[l - 1]!++;
  const output: SegmentJobOutput = {
    model: model.info.name,
    classes: model.info.classes,
    faceLabels: result.faceLabels,
    edgeLabels: result.edgeLabels,
    network: result.network,
    pooled: result.pooled,
    metrics: {
      seconds,
      faces: result.faceLabels.length,
      networkFaces: result.network.indices.length / 3,
      networkEdges: Math.round((result.network.indices.length / 3) * 1.5),
      pooledEdges: result.pooled.map((p) => Math.round((p.indices.length / 3) * 1.5)),
      direct: result.direct,
      passes,
      engine: sessions ? `onnxruntime (${ctx.onnx.provider}) + TypeScript pooling` : 'TypeScript kernels',
      repairs: result.repairs,
      timings: result.timings,
      facesPerClass: Object.fromEntries(model.info.classes.map((c, i) => [c.name, counts[i]])),
      modelAccuracy: model.info.training?.test ?? null,
      modelAccuracyEnsemble: model.info.training?.testEnsemble ?? null,
    },
  };
  const buffers = [
    output.faceLabels,
    output.edgeLabels,
    output.network.positions,
    output.network.indices,
    output.network.faceLabels,
    ...output.pooled.flatMap((p) => [p.positions, p.indices]),
  ].map((a) => a.buffer as ArrayBuffer);
  return { output, transfer: [...new Set(buffers)] };
};

/** Sessions of shipped models stay open for the life of the host (one per model); others are per call. */
const sessionCache = new Map<string, Promise<MeshcnnOnnxSessions>>();

function onnxSessionsFor(
  onnx: OnnxRuntime,
  shippedName: string | null,
  net: MeshUNet,
): Promise<MeshcnnOnnxSessions> {
  if (!shippedName) return createMeshcnnSessions(onnx, exportMeshcnnSegments(net));
  let entry = sessionCache.get(shippedName);
  if (!entry) {
    entry = createMeshcnnSessions(onnx, exportMeshcnnSegments(net));
    entry.catch(() => sessionCache.delete(shippedName));
    sessionCache.set(shippedName, entry);
  }
  return entry;
}
