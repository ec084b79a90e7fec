import type { IpcMain, IpcMainInvokeEvent, MessagePortMain, WebContents } from 'electron';
import type { JobLease } from '../../core/jobs/JobHost';
import type { WorkerPool } from '../../core/jobs/WorkerPool';
import { JOB_IPC } from './jobBridge';

/**
 * Wires the renderer's ElectronJobHost to a UtilityProcessPool in main: on request it leases a
 * worker, posts the caller's port to the requesting page, forwards worker deaths, and releases or
 * kills workers when asked or when the page goes away. Requests from frames that fail
 * `isTrustedSender` (anything but our own page) are refused.
 */
export function registerJobIpc(
  ipcMain: IpcMain,
  pool: WorkerPool<MessagePortMain, MessagePortMain>,
  isTrustedSender: (event: IpcMainInvokeEvent | Electron.IpcMainEvent) => boolean,
): void {
  const leases = new Map<WebContents, Map<number, JobLease<MessagePortMain>>>();
  const leasesOf = (sender: WebContents): Map<number, JobLease<MessagePortMain>> => {
    let map = leases.get(sender);
    if (!map) {
      const created = new Map<number, JobLease<MessagePortMain>>();
      leases.set(sender, created);
      sender.once('destroyed', () => {
        for (const lease of created.values()) lease.terminate();
        leases.delete(sender);
      });
      map = created;
    }
    return map;
  };

  ipcMain.handle(JOB_IPC.request, async (event, id: unknown) => {
    if (!isTrustedSender(event) || typeof id !== 'number') throw new Error('job request refused');
    const lease = await pool.lease();
    const sender = event.sender;
    if (sender.isDestroyed()) return lease.release();
    leasesOf(sender).set(id, lease);
    lease.onCrash((exit) => {
      leases.get(sender)?.delete(id);
      if (!sender.isDestroyed()) sender.send(JOB_IPC.exit, { id, exit });
    });
    sender.postMessage(JOB_IPC.port, { id }, [lease.port]);
  });
  const end = (how: 'release' | 'terminate') => (event: Electron.IpcMainEvent, id: unknown) => {
    if (!isTrustedSender(event) || typeof id !== 'number') return;
    const map = leases.get(event.sender);
    const lease = map?.get(id);
    map?.delete(id);
    lease?.[how]();
  };
  ipcMain.on(JOB_IPC.release, end('release'));
  ipcMain.on(JOB_IPC.terminate, end('terminate'));
}
