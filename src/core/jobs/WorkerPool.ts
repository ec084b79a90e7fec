import type { WorkerExit } from './errors';
import type { JobHost, JobLease } from './JobHost';
import type { JobPort } from './JobPort';

/**
 * One worker as a pool sees it: a Node Worker, a Web Worker or an Electron utility process, behind
 * a small adapter in src/hosts/.
 */
export interface PoolWorker<WorkerPort> {
  /** Hands the worker its end of a new job channel (transferring it). */
  sendJobChannel(port: WorkerPort): void;
  /** Kills the worker; `onExit` fires afterwards. */
  terminate(): void;
  /** Registers the single listener called once when the worker is gone, for any reason. */
  onExit(listener: (exit: WorkerExit) => void): void;
}

export interface WorkerPoolOptions<CallerPort, WorkerPort> {
  /** At most this many workers run at once (jobs are CPU-bound: about one per core). */
  size: number;
  spawn(): PoolWorker<WorkerPort>;
  /** A fresh channel for one job: the caller keeps one end, the worker gets the other. */
  createChannel(): { caller: CallerPort; worker: WorkerPort };
}

interface Slot<WorkerPort> {
  worker: PoolWorker<WorkerPort>;
  busy: boolean;
  /** Set while a lease is held: tells the lease holder that its worker died. */
  crashListener: ((exit: WorkerExit) => void) | null;
  crashedExit: WorkerExit | null;
}

/**
 * Runs each job on its own worker, at most `size` workers at a time, one job per worker. Workers are
 * spawned on demand and kept for later jobs; a worker that dies is dropped and a fresh one is spawned
 * for the next job, so one crashing job never leaves the pool unusable. The same logic serves all
 * three hosts (only `spawn` and `createChannel` differ), which is why it lives in the core.
 */
export class WorkerPool<CallerPort = JobPort, WorkerPort = unknown> implements JobHost<CallerPort> {
  private readonly slots: Slot<WorkerPort>[] = [];
  private readonly waiting: { resolve: (slot: Slot<WorkerPort>) => void; reject: (e: Error) => void }[] = [];
  private disposed = false;

  constructor(private readonly options: WorkerPoolOptions<CallerPort, WorkerPort>) {
    if (!(options.size >= 1))
      throw new Error(`a worker pool needs at least one worker (size ${options.size})`);
  }

  get size(): number {
    return this.options.size;
  }

  /** Workers alive now (spawned and not dead). */
  get liveWorkers(): number {
    return this.slots.length;
  }

  async lease(): Promise<JobLease<CallerPort>> {
    const slot = await this.acquire();
    slot.crashListener = null;
    slot.crashedExit = null;
    const { caller, worker } = this.options.createChannel();
    slot.worker.sendJobChannel(worker);
    let open = true;
    return {
      port: caller,
      onCrash: (listener) => {
        if (slot.crashedExit) listener(slot.crashedExit);
        else slot.crashListener = listener;
      },
      release: () => {
        if (!open) return;
        open = false;
        slot.crashListener = null;
        if (this.slots.includes(slot)) this.makeIdle(slot);
      },
      terminate: () => {
        if (!open) return;
        open = false;
        slot.crashListener = null;
        slot.worker.terminate();
        this.drop(slot);
      },
    };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error('the job pool was shut down'));
    for (const slot of this.slots.splice(0)) slot.worker.terminate();
  }

  /** A worker for one job, marked busy right away so that concurrent leases never share one. */
  private acquire(): Promise<Slot<WorkerPort>> {
    if (this.disposed) return Promise.reject(new Error('the job pool was shut down'));
    const slot =
      this.slots.find((s) => !s.busy) ?? (this.slots.length < this.options.size ? this.spawn() : null);
    if (!slot) return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
    slot.busy = true;
    return Promise.resolve(slot);
  }

  private spawn(): Slot<WorkerPort> {
    const slot: Slot<WorkerPort> = {
      worker: this.options.spawn(),
      busy: false,
      crashListener: null,
      crashedExit: null,
    };
    this.slots.push(slot);
    slot.worker.onExit((exit) => {
      if (slot.busy) {
        slot.crashedExit = exit;
        slot.crashListener?.(exit);
        slot.crashListener = null;
      }
      this.drop(slot);
    });
    return slot;
  }

  /** Hands a free worker to the next waiting lease, or marks it idle. */
  private makeIdle(slot: Slot<WorkerPort>): void {
    const next = this.waiting.shift();
    if (next) next.resolve(slot);
    else slot.busy = false;
  }

  /** Forgets a dead (or killed) worker; a waiting lease gets a fresh one. */
  private drop(slot: Slot<WorkerPort>): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    if (this.disposed) return;
    const next = this.waiting.shift();
    if (next) {
      try {
        const fresh = this.spawn();
        fresh.busy = true;
        next.resolve(fresh);
      } catch (error) {
        next.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
}
