import { CancelledError, InputError } from '../plugin/Job';
import { JobError, WorkerCrashedError } from './errors';
import type { JobHost, JobLease } from './JobHost';
import type { CallerMessage, HostMessage } from './protocol';

export interface JobProgress {
  fraction: number;
  message?: string;
  preview?: unknown;
}

export interface RunJobOptions {
  onProgress?(progress: JobProgress): void;
  /** Aborting it cancels the job: runJob rejects with CancelledError and no output is returned. */
  signal?: AbortSignal;
  /**
   * How long a cancelled job may take to stop on its own (it notices at its next `checkCancelled`)
   * before its worker is killed and replaced. Default 2000 ms.
   */
  cancelGraceMs?: number;
}

/**
 * The caller side of the job protocol: runs job `name` on a worker of `host` and resolves with its
 * output. `transfer` lists the buffers inside `input` to move to the worker (they are detached here
 * afterwards). Rejects with
 * - InputError when the job reported a problem with the user's input (its message is for the user),
 * - JobError (with the original error's name, message and stack) for any other failure,
 * - CancelledError when `signal` aborted (even if the output arrived meanwhile: cancel means no change),
 * - WorkerCrashedError when the worker died, e.g. "the job's worker crashed (exit code 134) — nothing
 *   was changed".
 */
export async function runJob<O = unknown>(
  host: JobHost,
  name: string,
  input: unknown,
  props: Record<string, unknown>,
  transfer: ArrayBuffer[] = [],
  options: RunJobOptions = {},
): Promise<O> {
  const { signal, onProgress, cancelGraceMs = 2000 } = options;
  const lease = await leaseUnlessCancelled(host, signal);
  return new Promise<O>((resolve, reject) => {
    let settled = false;
    let graceTimer: unknown = null;

    const settle = (outcome: () => void, workerUsable: boolean): void => {
      if (settled) return;
      settled = true;
      if (graceTimer !== null) clearTimeout(graceTimer);
      signal?.removeEventListener('abort', onAbort);
      lease.port.close();
      if (workerUsable) lease.release();
      else lease.terminate();
      outcome();
    };

    const onAbort = (): void => {
      post({ type: 'cancel' });
      graceTimer = setTimeout(() => settle(() => reject(new CancelledError()), false), cancelGraceMs);
    };

    const post = (message: CallerMessage, list?: ArrayBuffer[]): void =>
      lease.port.postMessage(message, list);

    lease.port.onMessage((data) => {
      const message = data as HostMessage;
      switch (message?.type) {
        case 'progress':
          if (!settled && !signal?.aborted) onProgress?.(message);
          break;
        case 'done':
          settle(() => (signal?.aborted ? reject(new CancelledError()) : resolve(message.output as O)), true);
          break;
        case 'cancelled':
          settle(() => reject(new CancelledError()), true);
          break;
        case 'error':
          settle(() => {
            if (signal?.aborted) reject(new CancelledError());
            else if (message.error.name === 'InputError') reject(new InputError(message.error.message));
            else reject(new JobError(name, message.error));
          }, true);
          break;
      }
    });
    // The pool has already dropped the dead worker, so releasing is all that is left to do.
    lease.onCrash((exit) => settle(() => reject(new WorkerCrashedError(name, exit)), true));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      post({ type: 'run', job: name, input, props }, transfer);
    } catch (error) {
      // The input could not be sent (not cloneable, or a buffer already detached): nothing ran.
      settle(() => reject(error), true);
    }
  });
}

/**
 * Waits for a worker, but a cancel while the job is still queued rejects at once (the lease, when it
 * comes, is given straight back).
 */
function leaseUnlessCancelled(host: JobHost, signal: AbortSignal | undefined): Promise<JobLease> {
  if (signal?.aborted) return Promise.reject(new CancelledError());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError());
    signal?.addEventListener('abort', onAbort, { once: true });
    host.lease().then(
      (lease) => {
        signal?.removeEventListener('abort', onAbort);
        if (!signal?.aborted) return resolve(lease);
        lease.port.close();
        lease.release();
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
