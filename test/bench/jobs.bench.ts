// `npm run bench -- jobs`: what running a job on the Node worker_threads host costs — the round trip
// of an empty job, and moving a large mesh-sized buffer to a worker and back transferred (the
// protocol's way) versus copied (what JSON or structured cloning would cost).
import { loadavg } from 'node:os';
import { runJob } from '../../src/core/jobs/runJob';
import { createNodeWorkerPool } from '../../src/hosts/node/NodeWorkerPool';
import { fixtureWorkerUrl } from '../hosts/node/fixtureWorker';
import { machineLine } from './machine';

const pool = createNodeWorkerPool({ workerUrl: await fixtureWorkerUrl(), size: 1 });
console.log('job host cost, Node worker_threads (one worker)');
console.log(machineLine());
console.log(
  `load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (other work on the machine slows these figures)`,
);

// Warm up: spawn the worker and load the job module.
await runJob(pool, 'test.scale', { values: new Float64Array(1) }, { factor: 1 }, []);

const rounds = 500;
let started = performance.now();
for (let i = 0; i < rounds; i++)
  await runJob(pool, 'test.scale', { values: new Float64Array(1) }, { factor: 1 }, []);
const roundTripMs = (performance.now() - started) / rounds;
console.log(
  `| measure | figure |\n|---|--:|\n| empty job round trip (lease, channel, run, done), mean of ${rounds} | ${(roundTripMs * 1000).toFixed(0)} µs |`,
);

// 3M float64 = 24 MB, the positions of a 1M-vertex mesh in double precision.
const length = 3_000_000;
for (const mode of ['transferred both ways', 'copied to the worker, transferred back'] as const) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const values = new Float64Array(length).fill(1);
    started = performance.now();
    const out = await runJob<{ values: Float64Array; sum: number }>(
      pool,
      'test.scale',
      { values },
      { factor: 1 },
      mode === 'transferred both ways' ? [values.buffer] : [],
    );
    times.push(performance.now() - started);
    if (out.sum !== length) throw new Error('wrong result');
  }
  times.sort((a, b) => a - b);
  console.log(
    `| 24 MB Float64Array to the worker and back, ${mode} (median of 5, includes the job's pass over it) | ${times[2]!.toFixed(1)} ms |`,
  );
}
await pool.dispose();
