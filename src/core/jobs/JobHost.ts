import type { WorkerExit } from './errors';
import type { JobPort } from './JobPort';

/**
 * A worker reserved for one job, with the caller's end of that job's channel. Given out by a JobHost;
 * the caller gives it back with `release` once the job answered.
 */
export interface JobLease<Port = JobPort> {
  /** The caller's end of this job's channel (the other end is already in the worker). */
  readonly port: Port;
  /** Called at most once if the worker dies while the lease is held. */
  onCrash(listener: (exit: WorkerExit) => void): void;
  /** The job answered: the worker may take another job. */
  release(): void;
  /** Kills the worker (a job that ignores cancel); the host replaces it. */
  terminate(): void;
}

/** Where jobs run: a pool of Node worker threads, Web Workers or Electron utility processes. */
export interface JobHost<Port = JobPort> {
  /** Waits for a free worker and opens a job channel to it. */
  lease(): Promise<JobLease<Port>>;
  /** Terminates every worker; pending and later leases are refused. */
  dispose(): Promise<void>;
}
