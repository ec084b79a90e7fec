// Runs after `npm install` in this project (root scripts always run; dependency scripts need approval).
// Electron's own install script downloads its binary; we run it ourselves so that a failed download
// (no network, blocked host) leaves a working install: `npm start` then opens the web editor.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);
let installer;
try {
  installer = require.resolve('electron/install.js');
} catch {
  process.exit(0); // production install without devDependencies
}
const result = spawnSync(process.execPath, [installer], {
  stdio: 'pipe',
  timeout: 180_000,
  encoding: 'utf8',
});
const binaryPresent = (() => {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path);
  } catch {
    return false;
  }
})();
if (result.status === 0 && binaryPresent) {
  console.log('homeomorph: Electron binary installed.');
} else {
  const reason =
    (result.stderr || result.error?.message || '').split('\n').find((l) => l.trim()) ?? 'unknown error';
  console.warn(`homeomorph: Electron's binary could not be downloaded (${reason.trim()}).`);
  console.warn('homeomorph: `npm start` will open the web editor instead; the desktop app needs the binary.');
}
