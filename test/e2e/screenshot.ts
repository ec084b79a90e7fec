// Makes docs/screenshot-editor.png: the editor on Spot after Spherical Parametrize, coloured by
// angle distortion, with the plugin's panel open (its convergence chart included).
// Run: npm run build:web && npx vite-node test/e2e/screenshot.ts
import { join } from 'node:path';
import { openEditor, repoRoot, startServer } from './browser';

const server = await startServer();
const s = await openEditor(server);
const page = s.page;
await page.locator('[data-plugin="Inspect & Repair"] > .lil-title').click(); // fold the long repair list
await page.locator('[data-run="mesh.spherical_parametrize"]').click();
await page.waitForFunction(
  () =>
    document.querySelector('[data-operator="mesh.spherical_parametrize"]')?.getAttribute('data-state') ===
    'done',
  null,
  { timeout: 120_000 },
);
await page.selectOption('[data-role="attribute-view"]', '_ANGLE_DISTORTION');
await page.locator('.properties-gui .lil-title', { hasText: 'Transform' }).click();
await page.evaluate(() => {
  const app = (
    window as unknown as {
      homeomorph: {
        viewport: {
          camera: { position: { set(x: number, y: number, z: number): void } };
          controls: { update(): void };
          frameSelected(): void;
        };
      };
    }
  ).homeomorph;
  app.viewport.camera.position.set(-2.2, 1.5, 2.4);
  app.viewport.frameSelected();
});
await page.waitForTimeout(1500);
await page.screenshot({ path: join(repoRoot, 'docs', 'screenshot-editor.png') });
await s.close();
await server.close();
console.log('docs/screenshot-editor.png written');
