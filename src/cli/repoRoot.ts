import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project folder (with package.json named homeomorph), from src/cli or from the bundle in out/cli. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'homeomorph'
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the homeomorph project folder');
    dir = parent;
  }
}

/** The CLI's worker_threads entry: out/cli/worker.mjs (built by scripts/build-cli.mjs). */
export function cliWorkerUrl(): URL {
  return pathToFileURL(join(repoRoot(), 'out', 'cli', 'worker.mjs'));
}
