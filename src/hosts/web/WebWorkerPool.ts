import type { JobPort } from '../../core/jobs/JobPort';
import { NEW_JOB_CHANNEL } from '../../core/jobs/protocol';
import { WorkerPool, type PoolWorker } from '../../core/jobs/WorkerPool';
import { domPort } from './domPort';

export interface WebWorkerPoolOptions {
  /** Default: webPoolSize(). */
  size?: number;
  /** Default: the bundled src/hosts/webWorker.ts as a module worker. */
  createWorker?: () => Worker;
}

/** Bundlers (Vite) see this `new URL(…, import.meta.url)` inside `new Worker` and emit the worker. */
function createDefaultWorker(): Worker {
  return new Worker(new URL('../webWorker.ts', import.meta.url), { type: 'module', name: 'homeomorph-jobs' });
}

/** The web editor's worker count: one per core but one (the page itself needs a core), at most 4. */
export function webPoolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(4, cores - 1));
}

/**
 * The Web Worker host (web editor): a pool of module workers, one job per worker at a time, one
 * MessageChannel per job. Browsers do not end a worker on an uncaught error, so an 'error' event
 * from a worker (a script that failed to load, a job's stray async throw) is treated like a crash:
 * the worker is terminated, its job fails with WorkerCrashedError and the next job gets a new worker.
 */
export function createWebWorkerPool(options: WebWorkerPoolOptions = {}): WorkerPool<JobPort, MessagePort> {
  const create = options.createWorker ?? createDefaultWorker;
  return new WorkerPool<JobPort, MessagePort>({
    size: options.size ?? webPoolSize(),
    spawn: () => spawnWebWorker(create),
    createChannel: () => {
      const channel = new MessageChannel();
      return { caller: domPort(channel.port1), worker: channel.port2 };
    },
  });
}

function spawnWebWorker(create: () => Worker): PoolWorker<MessagePort> {
  const worker = create();
  let exitListener: ((exit: { code: number | null; detail?: string }) => void) | null = null;
  let gone = false;
  const end = (detail?: string): void => {
    if (gone) return;
    gone = true;
    worker.terminate();
    exitListener?.({ code: null, detail });
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    end(event.message || 'the worker failed to load or threw an uncaught error');
  });
  worker.addEventListener('messageerror', () => end('a message to the worker could not be decoded'));
  return {
    sendJobChannel: (port) => worker.postMessage(NEW_JOB_CHANNEL, [port]),
    terminate: () => end('terminated'),
    onExit: (listener) => {
      exitListener = listener;
    },
  };
}
