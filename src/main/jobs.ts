import { ipcMain } from 'electron';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { createUtilityProcessPool } from '../hosts/electron/UtilityProcessPool';
import { registerJobIpc } from '../hosts/electron/registerJobIpc';
import utilityWorkerPath from '../hosts/electron/utilityWorker?modulePath';

/**
 * Starts the utility-process job host: a pool of utility processes running the plugin jobs, and the
 * IPC that hands the renderer one MessagePort per job (data then flows page ↔ worker directly).
 */
export function startJobHost(isTrustedSender: (event: IpcMainInvokeEvent | IpcMainEvent) => boolean): void {
  const pool = createUtilityProcessPool(utilityWorkerPath);
  registerJobIpc(ipcMain, pool, isTrustedSender);
}
