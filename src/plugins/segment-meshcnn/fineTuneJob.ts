import { fineTune, type PaintedMesh } from '../../core/meshcnn/fineTune';
import { loadModel, saveModel, type SegmentClass } from '../../core/meshcnn/modelFile';
import type { MeshUNetConfig } from '../../core/meshcnn/meshUNet';
import { InputError, yieldToHost, type Job } from '../../core/plugin/Job';
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

export interface FineTuneJobProps {
  steps: number;
  /** Adam's step size (default 3e-4 from a base model, 1e-3 from scratch). */
  learningRate?: number;
}

export interface FineTuneJobOutput {
  /** The new model (.hmcn bytes), to save under its name and use with Segment with MeshCNN (modelBytes). */
  modelBytes: Uint8Array;
  finalLoss: number;
}

/**
 * "Learn from my labels": trains or fine-tunes a MeshCNN model on meshes with painted face labels, with
 * augmentation, progress (loss and accuracy as a live chart) and cancel. The editor's Paint labels & learn
 * panel (src/renderer/panels/LabelPanel.ts) runs it on the scene's painted meshes and saves the model.
 */
export const fineTuneJob: Job<FineTuneJobInput, FineTuneJobProps, FineTuneJobOutput> = async (
  input,
  props,
  ctx,
) => {
  if (input.classes.length < 2) throw new InputError('name at least two classes');
  if (!Number.isInteger(props.steps) || props.steps < 1)
    throw new InputError('steps must be a positive integer');
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
  let result;
  try {
    result = await fineTune(meshes, base, {
      classes: input.classes,
      steps: props.steps,
      learningRate: props.learningRate,
      name: input.name,
      scratchConfig: input.scratchConfig,
      onStep: async (step, loss, accuracy) => {
        ctx.progress(step / props.steps, `step ${step}/${props.steps}`, { chart: { loss, accuracy } });
        if (step % 4 === 0) await yieldToHost(ctx); // lets a cancel message in
      },
    });
  } catch (error) {
    if (error instanceof Error && /paint/.test(error.message)) throw new InputError(error.message);
    throw error;
  }
  const modelBytes = saveModel(result.info, result.net);
  return {
    output: { modelBytes, finalLoss: result.finalLoss },
    transfer: [modelBytes.buffer as ArrayBuffer],
  };
};
