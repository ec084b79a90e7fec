import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobError, WorkerCrashedError } from '../../../src/core/jobs/errors';
import { runJob, type JobProgress } from '../../../src/core/jobs/runJob';
import type { WorkerPool } from '../../../src/core/jobs/WorkerPool';
import { CancelledError, InputError } from '../../../src/core/plugin/Job';
import { createNodeWorkerPool } from '../../../src/hosts/node/NodeWorkerPool';
import { fixtureWorkerUrl } from './fixtureWorker';

describe('Node worker_threads host', () => {
  let pool: WorkerPool;

  beforeAll(async () => {
    pool = createNodeWorkerPool({ workerUrl: await fixtureWorkerUrl(), size: 2 }) as unknown as WorkerPool;
  });
  afterAll(() => pool.dispose());

  it('runs a job and transfers typed arrays both ways (the sender’s buffer is detached)', async () => {
    const values = Float64Array.from([1, 2, 3, 4]);
    const output = await runJob<{ values: Float64Array; sum: number }>(
      pool,
      'test.scale',
      { values },
      { factor: 2 },
      [values.buffer],
    );
    expect(values.buffer.byteLength).toBe(0);
    expect(output.values.buffer).not.toBe(values.buffer);
    expect(Array.from(output.values)).toEqual([2, 4, 6, 8]);
    expect(output.sum).toBe(20);
  });

  it('reports progress in order, ending at the final step', async () => {
    const seen: JobProgress[] = [];
    const steps = await runJob<number>(pool, 'test.progress', null, { steps: 5, sleepMs: 15 }, [], {
      onProgress: (p) => seen.push(p),
    });
    expect(steps).toBe(5);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual({ type: 'progress', fraction: 1, message: 'step 5', preview: { step: 5 } });
  });

  it('cancels a running job: CancelledError, no output, the worker stays usable', async () => {
    const controller = new AbortController();
    const pending = runJob(pool, 'test.untilCancelled', null, {}, [], {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    const values = Float64Array.from([1]);
    expect((await runJob<{ sum: number }>(pool, 'test.scale', { values }, { factor: 3 })).sum).toBe(3);
  });

  it('kills and replaces a worker whose job ignores cancel past the grace period', async () => {
    const controller = new AbortController();
    const pending = runJob(pool, 'test.ignoresCancel', null, { ms: 5000 }, [], {
      signal: controller.signal,
      cancelGraceMs: 100,
    });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(
      (await runJob<{ sum: number }>(pool, 'test.scale', { values: Float64Array.from([2]) }, { factor: 2 }))
        .sum,
    ).toBe(4);
  });

  it('cancels a job still waiting for a worker at once, without running it', async () => {
    const busy = [0, 1].map(() => runJob(pool, 'test.progress', null, { steps: 2, sleepMs: 60 }));
    const controller = new AbortController();
    const queued = runJob(pool, 'test.exits', null, { code: 3 }, [], { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const started = Date.now();
    await expect(queued).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(100);
    expect(await Promise.all(busy)).toEqual([2, 2]);
    // Had the queued job run, it would have ended its worker with code 3; both workers are still there.
    expect(pool.liveWorkers).toBe(2);
  });

  it('reports a throwing job as JobError with the original name and message', async () => {
    const error = await runJob(pool, 'test.throws', null, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobError);
    expect(error).toMatchObject({
      job: 'test.throws',
      errorName: 'TypeError',
      message: 'boom: the job has a bug',
    });
  });

  it('keeps InputError distinguishable', async () => {
    const error = await runJob(pool, 'test.inputError', null, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe('the mesh is open (223 boundary edges)');
  });

  it('survives process.exit inside a worker and replaces the worker', async () => {
    const error = await runJob(pool, 'test.exits', null, { code: 134 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as Error).message).toBe("the job's worker crashed (exit code 134) — nothing was changed");
    const results = await Promise.all(
      [1, 2, 3].map((x) =>
        runJob<{ sum: number }>(pool, 'test.scale', { values: Float64Array.from([x]) }, { factor: 10 }),
      ),
    );
    expect(results.map((r) => r.sum)).toEqual([10, 20, 30]);
    expect(pool.liveWorkers).toBeLessThanOrEqual(2);
  });

  it('survives an uncaught exception that kills the worker, and says what it was', async () => {
    const error = await runJob(pool, 'test.crashesAsync', null, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as Error).message).toContain('exit code 1');
    expect((error as Error).message).toContain('RangeError: stray async failure');
    expect(
      (await runJob<{ sum: number }>(pool, 'test.scale', { values: Float64Array.from([5]) }, { factor: 1 }))
        .sum,
    ).toBe(5);
  });

  it('reports an output that cannot be sent, and an unknown job', async () => {
    await expect(runJob(pool, 'test.unsendableOutput', null, {})).rejects.toThrow(/output could not be sent/);
    await expect(runJob(pool, 'no.such_job', null, {})).rejects.toThrow('unknown job "no.such_job"');
  });

  it('never runs two jobs on one worker at the same time, and never more workers than its size', async () => {
    type Run = { worker: string; start: number; end: number };
    const runs = await Promise.all(
      Array.from({ length: 6 }, () => runJob<Run>(pool, 'test.occupy', null, { ms: 40 })),
    );
    const workers = new Set(runs.map((r) => r.worker));
    expect(workers.size).toBeLessThanOrEqual(2);
    for (const a of runs)
      for (const b of runs)
        if (a !== b && a.worker === b.worker) expect(a.end <= b.start || b.end <= a.start).toBe(true);
  });

  it('queues more jobs than workers and runs them all', async () => {
    const sums = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        runJob<{ sum: number }>(pool, 'test.scale', { values: Float64Array.from([i, i]) }, { factor: 1 }),
      ),
    );
    expect(sums.map((s) => s.sum)).toEqual([0, 2, 4, 6, 8, 10, 12]);
  });

  it('runs an ONNX model through ctx.onnx in the worker and gets the right numbers', async () => {
    const a = Float32Array.from([1, 2, 3]);
    const b = Float32Array.from([10, 20, 30]);
    const out = await runJob<{ provider: string; y: Float32Array }>(pool, 'test.onnx', { a, b }, {}, [
      a.buffer,
      b.buffer,
    ]);
    expect(Array.from(out.y)).toEqual([11, 44, 99]);
    expect(out.provider).toBe('cpu');
  });
});
