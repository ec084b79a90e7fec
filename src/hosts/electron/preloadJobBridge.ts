import type { IpcRenderer } from 'electron';
import type { WorkerExit } from '../../core/jobs/errors';
import { JOB_IPC, type JobBridge, type JobPortWindowMessage } from './jobBridge';

/**
 * Builds the JobBridge in the preload (which exposes it with contextBridge.exposeInMainWorld) and
 * forwards job ports from main to the page with window.postMessage, the way Electron's MessagePort
 * guide does for context-isolated pages.
 */
export function createPreloadJobBridge(ipcRenderer: IpcRenderer, target: Window): JobBridge {
  ipcRenderer.on(JOB_IPC.port, (event, data: { id: number }) => {
    const message: JobPortWindowMessage = { type: JOB_IPC.port, id: data.id };
    target.postMessage(message, '*', event.ports);
  });
  return {
    requestJobChannel: (id) => ipcRenderer.invoke(JOB_IPC.request, id),
    releaseJob: (id) => ipcRenderer.send(JOB_IPC.release, id),
    terminateJob: (id) => ipcRenderer.send(JOB_IPC.terminate, id),
    onJobExit: (listener) => {
      ipcRenderer.on(JOB_IPC.exit, (_event, data: { id: number; exit: WorkerExit }) =>
        listener(data.id, data.exit),
      );
    },
  };
}
