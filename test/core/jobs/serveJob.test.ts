import { describe, expect, it } from 'vitest';
import { runJob, type JobProgress } from '../../../src/core/jobs/runJob';
import { serveJob, type JobRegistry } from '../../../src/core/jobs/serveJob';
import { WorkerPool } from '../../../src/core/jobs/WorkerPool';
import type { HostMessage } from '../../../src/core/jobs/protocol';
import { CancelledError, checkCancelled, type Job } from '../../../src/core/plugin/Job';
import { domPort } from '../../../src/hosts/web/domPort';
import { fixtureJobs } from '../../fixtures/jobs/fixtureJobs';

/**
 * serveJob and runJob on one thread, over the platform's MessageChannel with the Web Worker host's
 * DOM-port adapter: the protocol logic that all three hosts share, without a worker in between.
 */
function inThreadHost(registry: JobRegistry): WorkerPool {
  return new WorkerPool({
    size: 1,
    spawn: () => ({
      sendJobChannel: (port: MessagePort) => void serveJob(domPort(port), registry),
      terminate: () => {},
      onExit: () => {},
    }),
    createChannel: () => {
      const channel = new MessageChannel();
      return { caller: domPort(channel.port1), worker: channel.port2 };
    },
  });
}

/** Runs one job by hand and collects every message the host sends. */
async function messagesOf(
  registry: JobRegistry,
  job: string,
  cancelAfterMs?: number,
): Promise<HostMessage[]> {
  const channel = new MessageChannel();
  const messages: HostMessage[] = [];
  const served = serveJob(domPort(channel.port2), registry, { progressIntervalMs: 10 });
  const caller = domPort(channel.port1);
  caller.onMessage((data) => messages.push(data as HostMessage));
  caller.postMessage({ type: 'run', job, input: null, props: {} });
  if (cancelAfterMs !== undefined) setTimeout(() => caller.postMessage({ type: 'cancel' }), cancelAfterMs);
  await served;
  await new Promise((resolve) => setTimeout(resolve, 20));
  caller.close();
  return messages;
}

describe('serveJob / runJob (shared protocol logic)', () => {
  it('throttles progress to about one per 10 ms and always delivers the latest', async () => {
    const burst: Job<null, Record<string, never>, number> = async (_i, _p, ctx) => {
      const start = performance.now();
      let n = 0;
      while (performance.now() - start < 60) ctx.progress(Math.min(1, ++n / 1e6), `n=${n}`);
      await new Promise((resolve) => setTimeout(resolve, 30)); // lets the trailing report go out
      ctx.progress(1, 'last');
      return { output: n, transfer: [] };
    };
    const messages = await messagesOf({ burst: async () => burst }, 'burst');
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(12);
    expect(progress.at(-1)).toMatchObject({ fraction: 1, message: 'last' });
    expect(messages.at(-1)?.type).toBe('done');
  });

  it('answers exactly once: a job that finishes after cancel reports cancelled, not done', async () => {
    const late: Job<null, Record<string, never>, string> = async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      return { output: 'too late', transfer: [] };
    };
    const messages = await messagesOf({ late: async () => late }, 'late', 5);
    expect(messages.filter((m) => m.type !== 'progress')).toEqual([{ type: 'cancelled' }]);
  });

  it('turns a job that throws CancelledError itself into cancelled', async () => {
    const selfCancel: Job<null, Record<string, never>, never> = async (_i, _p, ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      checkCancelled(ctx);
      throw new Error('not reached');
    };
    const messages = await messagesOf({ selfCancel: async () => selfCancel }, 'selfCancel', 1);
    expect(messages).toEqual([{ type: 'cancelled' }]);
  });

  it('reports a registry entry that fails to load as an error, not a hang', async () => {
    const messages = await messagesOf(
      { broken: () => Promise.reject(new SyntaxError('bad chunk')) },
      'broken',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      type: 'error',
      error: { name: 'SyntaxError', message: 'bad chunk' },
    });
  });

  it('runJob: transfer detaches the input, progress arrives, output resolves', async () => {
    const host = inThreadHost(fixtureJobs);
    const values = Float64Array.from([1, 2]);
    const seen: JobProgress[] = [];
    const out = await runJob<{ sum: number }>(
      host,
      'test.scale',
      { values },
      { factor: 4 },
      [values.buffer],
      {
        onProgress: (p) => seen.push(p),
      },
    );
    expect(out.sum).toBe(12);
    expect(values.byteLength).toBe(0);
    const steps = await runJob(host, 'test.progress', null, { steps: 3, sleepMs: 12 }, [], {
      onProgress: (p) => seen.push(p),
    });
    expect(steps).toBe(3);
    expect(seen.at(-1)?.message).toBe('step 3');
  });

  it('runJob: an already aborted signal rejects without running anything', async () => {
    const controller = new AbortController();
    controller.abort();
    let leased = false;
    const host = inThreadHost(fixtureJobs);
    const lease = host.lease.bind(host);
    host.lease = () => ((leased = true), lease());
    await expect(
      runJob(host, 'test.scale', { values: new Float64Array(1) }, { factor: 1 }, [], {
        signal: controller.signal,
      }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(leased).toBe(false);
  });

  it('runJob: an input that cannot be sent rejects and frees the worker', async () => {
    const host = inThreadHost(fixtureJobs);
    await expect(runJob(host, 'test.scale', { values: () => 1 }, { factor: 1 })).rejects.toThrow();
    expect(
      (await runJob<{ sum: number }>(host, 'test.scale', { values: Float64Array.from([7]) }, { factor: 1 }))
        .sum,
    ).toBe(7);
  });

  it('WorkerPool: one job per worker, never more workers than its size, waiting leases served in order', async () => {
    const host = inThreadHost(fixtureJobs);
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        runJob(host, 'test.progress', null, { steps: 1, sleepMs: 5 }).then(() => order.push(i)),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3]);
    expect(host.liveWorkers).toBe(1);
    await host.dispose();
    await expect(host.lease()).rejects.toThrow('shut down');
  });
});
