import type { SerializedError } from './protocol';

/**
 * A job failed in its worker. `errorName` and `message` are the original error's (`stack` too when the
 * host sent one). Problems with the user's input arrive as `InputError` instead (see runJob), so callers
 * can tell "your mesh is open" from "the job has a bug".
 */
export class JobError extends Error {
  readonly errorName: string;
  readonly remoteStack?: string;

  constructor(
    readonly job: string,
    error: SerializedError,
  ) {
    super(error.message);
    this.name = 'JobError';
    this.errorName = error.name;
    this.remoteStack = error.stack;
  }
}

/** Why a worker went away while it held a job. */
export interface WorkerExit {
  /** Exit code when the host knows it (Node worker_threads, Electron utility process), else null. */
  code: number | null;
  /** What the host said about it (an uncaught error's message, a kill signal…), if anything. */
  detail?: string;
}

/** The worker running a job died before answering. Nothing the job did reached the caller. */
export class WorkerCrashedError extends Error {
  constructor(
    readonly job: string,
    readonly exit: WorkerExit,
  ) {
    const how = exit.code !== null ? ` (exit code ${exit.code})` : '';
    const detail = exit.detail ? `: ${exit.detail}` : '';
    super(`the job's worker crashed${how}${detail} — nothing was changed`);
    this.name = 'WorkerCrashedError';
  }
}
