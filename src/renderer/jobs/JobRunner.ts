/** One progress report of a running job (see src/core/jobs/protocol.ts). */
export interface JobProgress {
  fraction: number;
  message?: string;
  preview?: unknown;
}

export interface JobRunOptions {
  /** Aborting cancels the job: the promise rejects with CancelledError and nothing is returned. */
  signal?: AbortSignal;
  onProgress?(progress: JobProgress): void;
}

/**
 * Where the editor runs plugin jobs: Web Workers in the browser, Electron utility processes on the
 * desktop. `transfer` lists the buffers inside `input` to move (not copy) to the worker.
 * Rejects with InputError (a message for the user), CancelledError, or another Error.
 */
export interface JobRunner {
  /** How many jobs run at once (the host's workers); more wait for a free worker. */
  readonly concurrency: number;
  run<O = unknown>(
    job: string,
    input: unknown,
    props: Record<string, unknown>,
    transfer: ArrayBuffer[],
    options?: JobRunOptions,
  ): Promise<O>;
}
