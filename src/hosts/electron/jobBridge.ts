import type { WorkerExit } from '../../core/jobs/errors';

/** IPC channel names between the renderer (through the preload) and main for job channels. */
export const JOB_IPC = {
  /** renderer → main (invoke, id): lease a worker; main answers by posting the port (JOB_PORT). */
  request: 'homeomorph:job-request',
  /** main → renderer (postMessage with one port, { id }): the caller's end of job `id`. */
  port: 'homeomorph:job-port',
  /** main → renderer ({ id, exit }): the worker running job `id` died. */
  exit: 'homeomorph:job-exit',
  /** renderer → main (id): job `id` answered; its worker is free. */
  release: 'homeomorph:job-release',
  /** renderer → main (id): kill job `id`'s worker (it ignored cancel). */
  terminate: 'homeomorph:job-terminate',
} as const;

/** The window message the preload uses to hand a job port to the page (contextBridge cannot pass ports). */
export interface JobPortWindowMessage {
  type: typeof JOB_IPC.port;
  id: number;
}

/** What the preload exposes to the page (via contextBridge) for ElectronJobHost. */
export interface JobBridge {
  /** Asks main for a job channel; the port arrives as a JobPortWindowMessage on `window`. */
  requestJobChannel(id: number): Promise<void>;
  releaseJob(id: number): void;
  terminateJob(id: number): void;
  onJobExit(listener: (id: number, exit: WorkerExit) => void): void;
}
