// `npm start`: the desktop editor when Electron's binary is installed, else the web editor.
// Electron's binary is downloaded by its install script, which cannot run on machines without
// network access to GitHub; the same editor then runs in the browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron'); // the binary's path, or throws when it was never downloaded
    return typeof path === 'string' && existsSync(path) ? { path } : { reason: `${path} does not exist` };
  } catch (error) {
    return { reason: String(error?.message ?? error).split('\n')[0] };
  }
}

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const electron = electronBinary();
if (electron.path && !process.env.HOMEOMORPH_WEB) {
  run(npm, ['exec', '--', 'electron-vite', 'build']);
  const child = spawn(electron.path, [root], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!process.env.HOMEOMORPH_WEB) {
    console.log(
      `homeomorph: Electron's binary is not installed (${electron.reason}); opening the web editor instead.`,
    );
  }
  run(npm, ['run', 'build:web']);
  const { preview } = await import('vite');
  const server = await preview({
    configFile: join(root, 'vite.web.config.ts'),
    preview: { port: Number(process.env.PORT) || 5174, host: '127.0.0.1', strictPort: false, open: false },
  });
  const url = server.resolvedUrls.local[0];
  const hasDisplay =
    process.platform === 'darwin' ||
    process.platform === 'win32' ||
    Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  console.log(`homeomorph: the web editor is at ${url}  (Ctrl+C stops it)`);
  if (hasDisplay) {
    const opener =
      process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log(`homeomorph: could not start ${opener}; open ${url} in a browser.`));
    child.unref();
  } else {
    console.log('homeomorph: no display found; open that address in a browser.');
  }
}
