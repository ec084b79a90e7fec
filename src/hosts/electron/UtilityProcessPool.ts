import { MessageChannelMain, utilityProcess, type MessagePortMain } from 'electron';
import { availableParallelism } from 'node:os';
import { NEW_JOB_CHANNEL } from '../../core/jobs/protocol';
import { WorkerPool, type PoolWorker } from '../../core/jobs/WorkerPool';

/**
 * Main-process side of the Electron host: a pool of utility processes running utilityWorker.ts
 * (`modulePath`: the built entry, e.g. imported in src/main with electron-vite's `?modulePath`).
 * A lease's port is the caller's end of the job channel, to be posted to the renderer; a process
 * that exits while it holds a job is reported and replaced. Call only after app 'ready'.
 */
export function createUtilityProcessPool(modulePath: string, size = Math.max(1, availableParallelism() - 1)) {
  return new WorkerPool<MessagePortMain, MessagePortMain>({
    size,
    spawn: () => spawnUtilityWorker(modulePath),
    createChannel: () => {
      const { port1, port2 } = new MessageChannelMain();
      return { caller: port1, worker: port2 };
    },
  });
}

function spawnUtilityWorker(modulePath: string): PoolWorker<MessagePortMain> {
  const child = utilityProcess.fork(modulePath, [], { serviceName: 'Homeomorph jobs', stdio: 'inherit' });
  let detail: string | undefined;
  let exitListener: ((exit: { code: number | null; detail?: string }) => void) | null = null;
  child.on('error', (type, location) => {
    detail = `${type} at ${location}`;
  });
  child.on('exit', (code) => exitListener?.({ code, detail }));
  return {
    sendJobChannel: (port) => child.postMessage(NEW_JOB_CHANNEL, [port]),
    terminate: () => void child.kill(),
    onExit: (listener) => {
      exitListener = listener;
    },
  };
}
