import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleForNode, root } from '../../../scripts/build-cli.mjs';

const outdir = join(root, 'out', 'test-workers');
const entry = join(root, 'test', 'fixtures', 'jobs', 'worker.ts');

/**
 * The fixture jobs' worker (test/fixtures/jobs/worker.ts) bundled with the CLI's own esbuild setup,
 * rebuilt when a source is newer. Worker threads need JavaScript; the bundle takes well under a second.
 */
export async function fixtureWorkerUrl(): Promise<URL> {
  const built = join(outdir, 'fixtures.mjs');
  const sources = [
    join(root, 'src', 'core'),
    join(root, 'src', 'hosts'),
    join(root, 'test', 'fixtures', 'jobs'),
  ];
  const stale = !existsSync(built) || sources.some((dir) => newest(dir) > statSync(built).mtimeMs);
  if (stale) await bundleForNode({ fixtures: entry }, outdir);
  return pathToFileURL(built);
}

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}
