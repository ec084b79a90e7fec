#!/usr/bin/env node
// `homeomorph` / `npx homeomorph`: runs the bundled CLI, building it first when out/cli is missing
// or older than the sources (a fresh clone after `npm install`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildScript = join(root, 'scripts', 'build-cli.mjs');
// A packaged install ships out/cli without the sources or esbuild: run what is there.
if (existsSync(join(root, 'src', 'cli')) && existsSync(buildScript)) {
  const { ensureCliBuilt } = await import(pathToFileURL(buildScript).href);
  try {
    await ensureCliBuilt();
  } catch (error) {
    const first = (error?.errors?.[0]?.text ?? error?.message ?? String(error)).split('\n')[0];
    console.error(`homeomorph: could not build the CLI: ${first}`);
    console.error('homeomorph: is everything installed? Run `npm install` in the project folder.');
    process.exit(1);
  }
}
const { main } = await import(pathToFileURL(join(root, 'out', 'cli', 'homeomorph.mjs')).href);
process.exitCode = await main(process.argv.slice(2));
