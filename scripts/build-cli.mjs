// Bundles the `homeomorph` CLI and its worker_threads job worker with esbuild:
//   src/cli/main.ts   → out/cli/homeomorph.mjs
//   src/cli/worker.ts → out/cli/worker.mjs
// (ESM, platform node, code splitting so a worker loads only the jobs it runs). Native and large
// packages stay external and load from node_modules at run time.
// `node scripts/build-cli.mjs` builds; bin/homeomorph.mjs calls ensureCliBuilt() to rebuild when stale.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cliDir = join(root, 'out', 'cli');
const stampFile = join(cliDir, '.built');

/** Packages that must not be bundled: native bindings, wasm with sibling files, Electron. */
export const nodeExternals = [
  'onnxruntime-node',
  'onnxruntime-web',
  'onnxruntime-common',
  'electron',
  '@tensorflow/*',
  'playwright-core',
  'esbuild',
  'vite',
  'vite-node',
];

/**
 * Bundles `entryPoints` ({ outName: sourcePath }) into `outdir` for Node. Builds into a fresh folder
 * first and swaps it in, so a concurrent reader never sees a half-written bundle.
 */
export async function bundleForNode(entryPoints, outdir) {
  const { build } = await import('esbuild');
  const started = new Date();
  const staging = `${outdir}.tmp-${process.pid}-${Date.now()}`;
  await build({
    entryPoints,
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    external: nodeExternals,
    // Bundled CommonJS dependencies may call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __homeomorphRequire } from 'node:module'; const require = __homeomorphRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  // Stamped with the build's start, so a source saved during the build still counts as newer.
  writeFileSync(join(staging, '.built'), started.toISOString());
  utimesSync(join(staging, '.built'), started, started);
  const old = `${outdir}.old-${process.pid}-${Date.now()}`;
  if (existsSync(outdir)) renameSync(outdir, old);
  try {
    renameSync(staging, outdir);
  } catch (error) {
    // Another process swapped in its build at the same moment: theirs is as good as ours.
    if (!existsSync(outdir)) throw error;
    rmSync(staging, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
}

export async function buildCli() {
  await bundleForNode(
    { homeomorph: join(root, 'src', 'cli', 'main.ts'), worker: join(root, 'src', 'cli', 'worker.ts') },
    cliDir,
  );
}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when out/cli is missing or older than any source file, package.json or this script. */
export function cliIsStale() {
  if (!existsSync(stampFile) || !existsSync(join(cliDir, 'homeomorph.mjs'))) return true;
  const built = statSync(stampFile).mtimeMs;
  const inputs = [join(root, 'src'), join(root, 'package.json'), fileURLToPath(import.meta.url)];
  return inputs.some((path) => existsSync(path) && newestMtime(path) > built);
}

/**
 * Builds out/cli if it is stale. Concurrent callers (parallel test files, two shells) take turns
 * through a lock folder, so one builds and the others find it fresh.
 */
export async function ensureCliBuilt({ quiet = false } = {}) {
  if (!cliIsStale()) return;
  mkdirSync(join(root, 'out'), { recursive: true });
  const lock = join(root, 'out', '.cli-build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than a minute was left by a killed build.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 60_000)
        rmSync(lock, { recursive: true, force: true });
      await sleep(100);
    }
  }
  try {
    if (!cliIsStale()) return;
    if (!quiet) process.stderr.write('homeomorph: building the CLI (out/cli)…\n');
    await buildCli();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  await buildCli();
  console.log(`built out/cli in ${Date.now() - started} ms`);
}
