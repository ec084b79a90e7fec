// `npm run bench -- NAME [ARGS…]` runs test/bench/NAME.bench.ts with vite-node (TypeScript, no build step).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'test', 'bench');
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME [ARGS…]\n  NAME: ${available.join(', ')}`);
  process.exit(2);
}
const file = join(benchDir, `${name}.bench.ts`);
if (!existsSync(file)) process.exit(2);
const viteNode = join(root, 'node_modules', 'vite-node', 'vite-node.mjs');
const result = spawnSync(process.execPath, ['--max-old-space-size=8192', viteNode, file, '--', ...args], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(result.status ?? 1);
