import type { Command } from '../../core/commands/Command';
import { CancelledError, InputError } from '../../core/plugin/Job';
import { resolveProps } from '../../core/plugin/PropSpec';
import type { AnyOperator } from '../../plugins/Operator';
import type { Editor } from '../editor/Editor';
import type { JobProgress, JobRunner } from './JobRunner';

export interface OperatorRun {
  command: Command;
  metrics: Record<string, unknown>;
  seconds: number;
}

/**
 * Runs an operator end to end as the editor does: poll → prepare (on this thread, buffers copied
 * out of the scene) → job in a worker → apply as ONE command on the undo stack. Whatever goes
 * wrong (poll, a job error, a crashed worker, cancel, apply) the scene is left as it was and no
 * undo entry is made. Live-preview objects are removed in every case.
 */
export async function runOperator(
  editor: Editor,
  runner: JobRunner,
  operator: AnyOperator,
  values: Record<string, unknown>,
  options: { signal?: AbortSignal; onProgress?: (p: JobProgress) => void } = {},
): Promise<OperatorRun> {
  const started = performance.now();
  const ctx = editor.operatorContext();
  const failure = operator.poll(ctx);
  if (failure) throw new InputError(failure.reason);
  const props = resolveProps(operator.props, values);
  const previews = new Set<{ clear(): void }>();
  try {
    performance.mark('homeomorph:prepare');
    const { input, transfer } = operator.prepare(ctx, props);
    performance.mark('homeomorph:job-start');
    const output = await runner.run(operator.job, input, props as Record<string, unknown>, transfer, {
      signal: options.signal,
      onProgress: (progress) => {
        options.onProgress?.(progress);
        if (operator.livePreview && progress.preview !== undefined) {
          const handle = operator.livePreview(ctx, progress.preview);
          if (handle) previews.add(handle);
        }
      },
    });
    performance.mark('homeomorph:job-done');
    if (options.signal?.aborted) throw new CancelledError();
    for (const handle of previews) handle.clear();
    previews.clear();
    const command = operator.apply(ctx, output, props);
    editor.execute(command);
    performance.mark('homeomorph:applied');
    return {
      command,
      metrics: operator.metrics(output, props),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const handle of previews) handle.clear();
  }
}
