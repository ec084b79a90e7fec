import type { OnnxRuntime } from '../onnx/OnnxRuntime';

/**
 * What a job sees of its host. Identical in the Electron utility process, a Web Worker and Node
 * worker_threads, so one pure job function runs in all three.
 */
export interface JobContext {
  /** Aborted when the user cancels; long loops check it between steps (or call `checkCancelled`). */
  readonly signal: AbortSignal;
  /**
   * Reports progress in [0, 1] with an optional message and a small preview payload (a loss value,
   * a radial deviation, preview positions…). The host throttles delivery to about one per 10 ms;
   * `transfer` lists buffers inside `preview` to transfer rather than copy.
   */
  progress(fraction: number, message?: string, preview?: unknown, transfer?: ArrayBuffer[]): void;
  /** onnxruntime as the host provides it (onnxruntime-node natively, onnxruntime-web in browsers). */
  readonly onnx: OnnxRuntime;
}

/** A job's result: the output and the buffers inside it to transfer back (not copy). */
export interface JobResult<O> {
  output: O;
  transfer: ArrayBuffer[];
}

/** The pure compute half of a plugin operator. Must not touch the DOM, Electron or Node APIs. */
export type Job<I, P, O> = (input: I, props: P, ctx: JobContext) => Promise<JobResult<O>>;

/** Thrown (or reported) when a job stops because it was cancelled. */
export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** A problem with the user's input: reported to the user as-is (CLI exit code 1). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Throws CancelledError if the job was cancelled. Call it between steps of long loops. */
export function checkCancelled(ctx: Pick<JobContext, 'signal'>): void {
  if (ctx.signal.aborted) throw new CancelledError();
}

/** Yields to the host's event loop so a cancel message can arrive, then checks for cancellation. */
export async function yieldToHost(ctx: Pick<JobContext, 'signal'>): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  checkCancelled(ctx);
}

/**
 * A yieldToHost for loops of many short steps: it yields at most every `intervalMs`. A setTimeout(0)
 * costs about 1 ms in Node and 4 ms in a browser worker once timers nest, which is as long as a small
 * mesh's whole flow step (docs/spherical.md). A cancel is still noticed within the interval plus one step.
 */
export function throttledYield(ctx: Pick<JobContext, 'signal'>, intervalMs = 25): () => Promise<void> {
  let last = -Infinity;
  return async () => {
    if (performance.now() - last < intervalMs) return;
    await yieldToHost(ctx);
    last = performance.now();
  };
}
