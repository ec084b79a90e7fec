import type { OnnxRuntime } from '../onnx/OnnxRuntime';
import { CancelledError, type Job, type JobContext } from '../plugin/Job';
import type { JobPort } from './JobPort';
import { serializeError, type CallerMessage, type HostMessage } from './protocol';
import { createProgressThrottle } from './progressThrottle';

// AbortController exists in every runtime the core runs in; declared here (module-local) because the
// core is compiled without DOM or Node typings.
declare const AbortController: new () => { readonly signal: AbortSignal; abort(reason?: unknown): void };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJob = Job<any, any, any>;

/** Job name → lazy import of the job function (src/plugins/jobs.ts, or a test registry). */
export type JobRegistry = Record<string, () => Promise<AnyJob>>;

export interface ServeJobOptions {
  /** Gives jobs their onnxruntime (`ctx.onnx`); called only when a job first touches `ctx.onnx`. */
  onnx?: () => OnnxRuntime;
  /** Minimum time between two delivered progress messages (ms). Default 10. */
  progressIntervalMs?: number;
}

/**
 * The worker side of the job protocol: serves the one job sent on `port`. Waits for `run`, looks the
 * job up in `jobs`, runs it with a JobContext (abort signal, throttled progress, onnx) and answers
 * exactly once with done, error or cancelled. Never throws and never rejects: whatever the job does
 * (throw, return something that cannot be sent, get cancelled) becomes a message to the caller.
 * Resolves once the answer is sent.
 */
export function serveJob(port: JobPort, jobs: JobRegistry, options: ServeJobOptions = {}): Promise<void> {
  return new Promise((resolveServed) => {
    const controller = new AbortController();
    let started = false;
    let answered = false;

    const send = (message: HostMessage, transfer?: ArrayBuffer[]): void =>
      port.postMessage(message, transfer);
    const progress = createProgressThrottle(options.progressIntervalMs ?? 10, (message, transfer) => {
      if (answered) return;
      try {
        send(message, transfer);
      } catch (error) {
        // A preview that cannot be cloned must not kill the job: drop it and say why once.
        console.warn(`job progress could not be sent: ${serializeError(error).message}`);
      }
    });

    /** Sends the one final answer; later calls are ignored. */
    const answer = (message: HostMessage, transfer?: ArrayBuffer[]): void => {
      if (answered) return;
      progress.cancel();
      answered = true;
      try {
        send(message, transfer);
      } catch (error) {
        // e.g. the output holds a function, or a transfer list names a buffer twice.
        const reason = serializeError(error);
        try {
          send({
            type: 'error',
            error: { ...reason, message: `the job's output could not be sent: ${reason.message}` },
          });
        } catch {
          // The port itself is gone (the caller went away): nobody is left to tell.
        }
      }
      port.close();
      resolveServed();
    };

    const run = async (message: Extract<CallerMessage, { type: 'run' }>): Promise<void> => {
      const load = Object.prototype.hasOwnProperty.call(jobs, message.job) ? jobs[message.job] : undefined;
      if (!load) {
        answer({ type: 'error', error: { name: 'Error', message: `unknown job "${message.job}"` } });
        return;
      }
      let onnx: OnnxRuntime | undefined;
      const ctx: JobContext = {
        signal: controller.signal,
        progress: (fraction, text, preview, transfer) => progress.report(fraction, text, preview, transfer),
        get onnx(): OnnxRuntime {
          if (!options.onnx) throw new Error('this host provides no onnxruntime');
          onnx ??= options.onnx();
          return onnx;
        },
      };
      const job = await load();
      const result = await job(message.input, message.props, ctx);
      if (controller.signal.aborted) answer({ type: 'cancelled' });
      else answer({ type: 'done', output: result.output }, result.transfer);
    };

    port.onMessage((data) => {
      const message = data as CallerMessage;
      if (message?.type === 'cancel') {
        if (!started) answer({ type: 'cancelled' });
        else controller.abort(new CancelledError());
      } else if (message?.type === 'run' && !started) {
        started = true;
        run(message).catch((error: unknown) => {
          if (controller.signal.aborted || error instanceof CancelledError) answer({ type: 'cancelled' });
          else answer({ type: 'error', error: serializeError(error) });
        });
      }
    });
  });
}
