import type { WorkerExit } from '../../core/jobs/errors';
import type { JobHost, JobLease } from '../../core/jobs/JobHost';
import { domPort } from '../web/domPort';
import { JOB_IPC, type JobBridge, type JobPortWindowMessage } from './jobBridge';

/**
 * The renderer side of the Electron utility-process host: a JobHost whose leases are job channels
 * main opened to a utility process. The page talks to the worker directly over the port; main only
 * tells it when a worker dies.
 */
export class ElectronJobHost implements JobHost {
  private nextId = 1;
  private readonly waitingPorts = new Map<number, (port: MessagePort) => void>();
  private readonly crashListeners = new Map<number, (exit: WorkerExit) => void>();
  private disposed = false;

  constructor(
    private readonly bridge: JobBridge,
    target: Window = window,
  ) {
    target.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as Partial<JobPortWindowMessage> | null;
      if (event.source !== target || data?.type !== JOB_IPC.port || typeof data.id !== 'number') return;
      const port = event.ports[0];
      const resolve = this.waitingPorts.get(data.id);
      if (!port || !resolve) return;
      this.waitingPorts.delete(data.id);
      resolve(port);
    });
    bridge.onJobExit((id, exit) => {
      const listener = this.crashListeners.get(id);
      this.crashListeners.delete(id);
      listener?.(exit);
    });
  }

  async lease(): Promise<JobLease> {
    if (this.disposed) throw new Error('the job host was shut down');
    const id = this.nextId++;
    const portArrived = new Promise<MessagePort>((resolve) => this.waitingPorts.set(id, resolve));
    try {
      await this.bridge.requestJobChannel(id);
    } catch (error) {
      this.waitingPorts.delete(id);
      throw error;
    }
    const port = await portArrived;
    let open = true;
    const close = (): void => {
      open = false;
      this.crashListeners.delete(id);
    };
    return {
      port: domPort(port),
      onCrash: (listener) => void this.crashListeners.set(id, listener),
      release: () => {
        if (!open) return;
        close();
        this.bridge.releaseJob(id);
      },
      terminate: () => {
        if (!open) return;
        close();
        this.bridge.terminateJob(id);
      },
    };
  }

  async dispose(): Promise<void> {
    // The workers belong to main; it ends them when the window closes.
    this.disposed = true;
  }
}
