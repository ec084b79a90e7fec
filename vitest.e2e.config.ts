import { defineConfig } from 'vitest/config';

/**
 * Browser tests (`npm run test:e2e`): a production build of the web editor, served by `vite preview`,
 * driven in Debian's Chromium by playwright-core. One file at a time: a browser per file is plenty
 * for a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    // The UI answers within frames, but the machine may be shared and busy: poll patiently.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
