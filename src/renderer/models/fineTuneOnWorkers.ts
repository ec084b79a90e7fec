import { trainFineTune, type FineTunePlan } from '../../core/meshcnn/fineTune';
import { saveModel } from '../../core/meshcnn/modelFile';
import type { GradientRequest, GradientResult } from '../../core/meshcnn/parallelTrain';
import { CancelledError, InputError } from '../../core/plugin/Job';
import type { FineTuneJobInput } from '../../plugins/segment-meshcnn/prepareFineTuneJob';
import type { JobProgress, JobRunner } from '../jobs/JobRunner';

export interface FineTuneOnWorkersOptions {
  steps: number;
  /** Adam's step size (default 3e-4 from a base model, 1e-3 from scratch). */
  learningRate?: number;
  signal: AbortSignal;
  /** Preparation, then one report per step with `preview.chart = { loss, accuracy }`. */
  onProgress(progress: JobProgress): void;
}

/**
 * Learns a model from painted meshes on the editor's workers and returns the model file's bytes. One job
 * prepares the meshes (repair, simplify, paint → edge labels); then each step sends the weights and one
 * mesh to each worker (job `mesh.meshcnn_gradient`, as `homeomorph train meshcnn` does) and averages
 * their gradients into one Adam update here — one pass over the weights, a few milliseconds, so the
 * page stays responsive while every core trains. Cancelling rejects with CancelledError.
 */
export async function fineTuneOnWorkers(
  runner: JobRunner,
  input: FineTuneJobInput,
  transfer: ArrayBuffer[],
  options: FineTuneOnWorkersOptions,
): Promise<{ modelBytes: Uint8Array; finalLoss: number; meshesPerStep: number }> {
  const { signal, onProgress, steps } = options;
  if (!Number.isInteger(steps) || steps < 1) throw new InputError('steps must be a positive integer');
  const plan = await runner.run<FineTunePlan>('mesh.meshcnn_finetune_prepare', input, {}, transfer, {
    signal,
    onProgress: (p) => onProgress({ fraction: 0, message: p.message }),
  });
  const meshesPerStep = runner.concurrency;
  const runGradient = (request: GradientRequest) =>
    runner.run<GradientResult>(
      'mesh.meshcnn_gradient',
      request,
      {},
      [request.weights.buffer as ArrayBuffer],
      {
        signal,
      },
    );
  const result = await trainFineTune(plan, {
    steps,
    learningRate: options.learningRate,
    runGradient,
    meshesPerStep,
    onStep: (step, loss, accuracy) => {
      if (signal.aborted) throw new CancelledError();
      onProgress({
        fraction: step / steps,
        message: `step ${step}/${steps} (${meshesPerStep} mesh${meshesPerStep === 1 ? '' : 'es'} a step)`,
        preview: { chart: { loss, accuracy } },
      });
    },
  });
  return { modelBytes: saveModel(result.info, result.net), finalLoss: result.finalLoss, meshesPerStep };
}
