import type { JobHost } from '../core/jobs/JobHost';
import { ElectronJobHost } from './electron/ElectronJobHost';
import type { JobBridge } from './electron/jobBridge';
import { createWebWorkerPool } from './web/WebWorkerPool';

/**
 * The renderer's job host: Electron utility processes when the preload exposed the job bridge
 * (`window.homeomorph.jobs`, see preloadJobBridge.ts), else Web Workers (the web editor).
 */
export function createJobHost(bridge: JobBridge | undefined = findBridge()): JobHost {
  return bridge ? new ElectronJobHost(bridge) : createWebWorkerPool();
}

function findBridge(): JobBridge | undefined {
  const api = (globalThis as { homeomorph?: { jobs?: JobBridge } }).homeomorph;
  return api?.jobs;
}
