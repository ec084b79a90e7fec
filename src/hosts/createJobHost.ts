import type { JobHost } from '../core/jobs/JobHost';
import { runJob, type RunJobOptions } from '../core/jobs/runJob';
import { ElectronJobHost } from './electron/ElectronJobHost';
import type { JobBridge } from './electron/jobBridge';
import { createWebWorkerPool } from './web/WebWorkerPool';

/**
 * The renderer's job host: Electron utility processes when the preload exposed the job bridge
 * (`window.homeomorphDesktop.jobs`, built with createPreloadJobBridge), else Web Workers (web editor).
 */
export function createJobHost(bridge: JobBridge | undefined = findBridge()): JobHost {
  return bridge ? new ElectronJobHost(bridge) : createWebWorkerPool();
}

/** What the editor's panels call (src/renderer/jobs/JobRunner.ts has the same shape). */
export interface HostJobRunner {
  readonly host: JobHost;
  run<O = unknown>(
    job: string,
    input: unknown,
    props: Record<string, unknown>,
    transfer: ArrayBuffer[],
    options?: RunJobOptions,
  ): Promise<O>;
}

/** A job runner over `host` (default: createJobHost()). */
export function createJobRunner(host: JobHost = createJobHost()): HostJobRunner {
  return {
    host,
    run: (job, input, props, transfer, options) => runJob(host, job, input, props, transfer, options),
  };
}

function findBridge(): JobBridge | undefined {
  return (globalThis as { homeomorphDesktop?: { jobs?: JobBridge } }).homeomorphDesktop?.jobs;
}
