import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import { registerJobIpc } from './registerJobIpc';
import { createUtilityProcessPool } from './UtilityProcessPool';

/**
 * Everything main does for jobs, in one call after app 'ready': a pool of utility processes running
 * `modulePath` (the built utilityWorker.ts; with electron-vite,
 * `import workerPath from '../hosts/electron/utilityWorker?modulePath'`) and the IPC that hands job
 * ports to trusted pages. Returns the pool so main can dispose it on quit.
 */
export function startUtilityJobHost(
  modulePath: string,
  isTrustedSender: (event: IpcMainInvokeEvent | IpcMainEvent) => boolean,
) {
  const pool = createUtilityProcessPool(modulePath);
  registerJobIpc(ipcMain, pool, isTrustedSender);
  return pool;
}
