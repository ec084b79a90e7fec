// `npm run bench -- convert [WORKERS…]`: the CLI's conversion throughput, files per second, on the
// human_seg training meshes (381 OBJ files) → GLB, through `bin/homeomorph.mjs convert` exactly as a
// user runs it (process start-up included), once per worker count (default: 1 and all cores), and the
// same reads and writes in-process on one thread as a baseline.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBuilt, root } from '../../scripts/build-cli.mjs';
import { readModelFile, writeModelFile } from '../../src/cli/modelFiles';
import { datasetPath, hasShared } from '../helpers/shared';
import { machineLine } from './machine';

const folder = datasetPath('human_seg', 'train');
if (!hasShared) {
  console.log('convert benchmark skipped: ../shared/datasets not found');
  process.exit(0);
}
await ensureCliBuilt();
const files = readdirSync(folder).filter((f) => f.endsWith('.obj'));
const megabytes = files.reduce((sum, f) => sum + statSync(join(folder, f)).size, 0) / 2 ** 20;
const counts = process.argv
  .slice(2)
  .filter((a) => /^\d+$/.test(a))
  .map(Number);
const workerCounts = counts.length ? counts : [...new Set([1, availableParallelism()])];

console.log(
  `homeomorph convert: ${files.length} human_seg training OBJ files (${megabytes.toFixed(1)} MiB) → GLB`,
);
console.log(machineLine());
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (other work on the machine slows these figures)`,
);
console.log('| workers | wall s (incl. start-up) | files/s | CLI summary |');
console.log('|--:|--:|--:|---|');
for (const workers of workerCounts) {
  const out = mkdtempSync(join(tmpdir(), 'homeomorph-convert-'));
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(root, 'bin', 'homeomorph.mjs'), 'convert', join(folder, '*.obj'), '-o', out, '--format', 'glb'],
    {
      encoding: 'utf8',
      env: { ...process.env, HOMEOMORPH_WORKERS: String(workers) },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const written = readdirSync(out).length;
  rmSync(out, { recursive: true, force: true });
  if (result.status !== 0 || written !== files.length) {
    console.log(
      `workers ${workers}: failed (exit ${result.status}, ${written} files written)\n${result.stderr}`,
    );
    process.exitCode = 1;
    continue;
  }
  console.log(
    `| ${workers} | ${seconds.toFixed(2)} | ${(files.length / seconds).toFixed(1)} | ${result.stdout.trim()} |`,
  );
}
// Baseline: the same reads and writes on this thread, no workers, no process start-up.
{
  const out = mkdtempSync(join(tmpdir(), 'homeomorph-convert-'));
  const started = performance.now();
  for (const file of files) {
    const model = await readModelFile(join(folder, file));
    await writeModelFile(model, join(out, file.replace(/\.obj$/, '.glb')), 'glb');
  }
  const seconds = (performance.now() - started) / 1000;
  rmSync(out, { recursive: true, force: true });
  console.log(
    `| in-process, no workers | ${seconds.toFixed(2)} | ${(files.length / seconds).toFixed(1)} | readModel + writeModel only (baseline) |`,
  );
}
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
