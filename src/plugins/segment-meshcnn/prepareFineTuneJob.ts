import { planFineTune, type FineTunePlan, type PaintedMesh } from '../../core/meshcnn/fineTune';
import { loadModel, type SegmentClass } from '../../core/meshcnn/modelFile';
import type { MeshUNetConfig } from '../../core/meshcnn/meshUNet';
import { InputError, type Job } from '../../core/plugin/Job';
import { shippedModel } from './models';

export interface FineTuneJobInput {
  meshes: {
    positions: Float32Array | Float64Array;
    indices: Uint32Array;
    faceLabels: Uint8Array | Int32Array;
  }[];
  classes: SegmentClass[];
  /** Name of the new model. */
  name: string;
  /** Start from a shipped model (by name) or a model file's bytes; neither = from scratch. */
  baseModel?: string;
  baseModelBytes?: Uint8Array;
  /** Network size when starting from scratch. */
  scratchConfig?: Omit<MeshUNetConfig, 'classCount'>;
}

/**
 * "Learn from my labels", the worker's first half: repairs and simplifies the painted meshes, moves the
 * paint onto their edges and sets up the network (from a base model or from scratch). The training loop
 * (core/meshcnn/fineTune.ts trainFineTune) then sends the plan's meshes and weights to the workers one
 * step at a time (job `mesh.meshcnn_gradient`); the editor's Paint labels & learn panel drives it
 * (src/renderer/models/fineTuneOnWorkers.ts).
 */
export const prepareFineTuneJob: Job<FineTuneJobInput, Record<string, never>, FineTunePlan> = async (
  input,
  _props,
  ctx,
) => {
  if (input.classes.length < 2) throw new InputError('name at least two classes');
  ctx.progress(0, 'preparing the painted meshes');
  const base = input.baseModelBytes
    ? loadModel(input.baseModelBytes)
    : input.baseModel
      ? await shippedModel(input.baseModel)
      : null;
  const meshes: PaintedMesh[] = input.meshes.map((m) => {
    if (m.faceLabels.length * 3 !== m.indices.length)
      throw new InputError('painted labels do not match the mesh faces');
    return m;
  });
  let plan: FineTunePlan;
  try {
    plan = await planFineTune(meshes, base, {
      classes: input.classes,
      name: input.name,
      scratchConfig: input.scratchConfig,
    });
  } catch (error) {
    if (error instanceof Error && /paint/.test(error.message)) throw new InputError(error.message);
    throw error;
  }
  const transfer: ArrayBuffer[] = [plan.weights.buffer as ArrayBuffer];
  for (const { level, labels } of plan.samples)
    for (const array of [
      level.positions,
      level.faces,
      level.faceEdges,
      level.edges,
      level.edgeFaces,
      level.gemm,
      labels,
    ])
      transfer.push(array.buffer as ArrayBuffer);
  return { output: plan, transfer };
};
