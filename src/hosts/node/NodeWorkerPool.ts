import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { JobPort } from '../../core/jobs/JobPort';
import { NEW_JOB_CHANNEL } from '../../core/jobs/protocol';
import { WorkerPool, type PoolWorker } from '../../core/jobs/WorkerPool';
import { nodePort } from './nodePort';

export interface NodeWorkerPoolOptions {
  /** The built worker script (an ES module calling serveNodeWorker), e.g. out/cli/worker.mjs. */
  workerUrl: URL;
  /** Default: the number of cores. */
  size?: number;
  /** Passed to each Worker (e.g. resourceLimits); stdout/stderr are the parent's. */
  workerOptions?: ConstructorParameters<typeof Worker>[1];
}

/**
 * The Node worker_threads host (CLI, tests, benchmarks): a pool of worker threads, one job at a time
 * each. Typed arrays are transferred both ways. A worker that exits or throws an uncaught error
 * fails its job with WorkerCrashedError and is replaced for the next job. Idle workers do not keep
 * the process alive; call `dispose()` to end them.
 */
export function createNodeWorkerPool(options: NodeWorkerPoolOptions): WorkerPool<JobPort, MessagePort> {
  return new WorkerPool<JobPort, MessagePort>({
    size: options.size ?? availableParallelism(),
    spawn: () => spawnNodeWorker(options),
    createChannel: () => {
      const { port1, port2 } = new MessageChannel();
      return { caller: nodePort(port1), worker: port2 };
    },
  });
}

function spawnNodeWorker(options: NodeWorkerPoolOptions): PoolWorker<MessagePort> {
  const worker = new Worker(options.workerUrl, options.workerOptions);
  worker.unref();
  let lastError: string | undefined;
  let exitListener: ((exit: { code: number | null; detail?: string }) => void) | null = null;
  // An uncaught exception ends the worker: 'error' comes first, then 'exit' with code 1.
  worker.on('error', (error) => {
    lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  });
  worker.on('exit', (code) => exitListener?.({ code, detail: lastError }));
  return {
    sendJobChannel: (port) => worker.postMessage({ ...NEW_JOB_CHANNEL, port }, [port]),
    terminate: () => void worker.terminate(),
    onExit: (listener) => {
      exitListener = listener;
    },
  };
}
