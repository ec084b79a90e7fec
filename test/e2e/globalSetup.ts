import { build } from 'vite';
import { join } from 'node:path';
import { hasChromium, repoRoot } from './browser';

/** Builds the web editor once for all browser tests (they run against the production build). */
export default async function setup(): Promise<void> {
  if (!hasChromium) {
    console.warn(
      'Chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH): browser tests are skipped',
    );
    return;
  }
  if (process.env.HOMEOMORPH_E2E_SKIP_BUILD) return;
  await build({ configFile: join(repoRoot, 'vite.web.config.ts'), logLevel: 'warn' });
}
