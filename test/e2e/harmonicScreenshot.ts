// Makes docs/harmonic-editor.png: the editor on Spot (textured, from ../shared) after Harmonic Compress,
// the reconstruction selected with its result view open: LOD slider, coefficient images, error plot, sizes.
// Run: npm run build:web && npx vite-node test/e2e/harmonicScreenshot.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetPath } from '../helpers/shared';
import { dropFiles, openEditor, repoRoot, startServer } from './browser';

const L = 48;
const server = await startServer();
const s = await openEditor(server);
const page = s.page;
await dropFiles(
  page,
  ['spot_color.obj', 'spot_color.mtl', 'spot_texture.png'].map((name) => ({
    name,
    bytes: readFileSync(datasetPath('meshes', name)),
  })),
);
await page.waitForFunction(
  () =>
    (window as unknown as { homeomorph: { editor: { active: { name: string } | null } } }).homeomorph.editor
      .active?.name === 'spot_triangulated',
  null,
  { timeout: 60_000 },
);
// Only the textured Spot and its reconstruction on screen.
await page.evaluate(() => {
  const app = (
    window as unknown as {
      homeomorph: { editor: { scene: { children: { name: string; visible: boolean }[] } } };
    }
  ).homeomorph;
  for (const o of app.editor.scene.children) if (o.name === 'Spot') o.visible = false;
});
// Fold the other plugins' panels.
for (const plugin of await page.locator('[data-plugin]').all())
  if (
    (await plugin.getAttribute('data-plugin')) !== 'Harmonic Compress' &&
    !(await plugin.evaluate((e) => e.classList.contains('lil-closed')))
  )
    await plugin.locator('> .lil-title').click();
const panel = page.locator('[data-operator="mesh.harmonic_compress"]');
const degree = panel
  .locator('.lil-controller', { has: page.locator('.lil-name', { hasText: /^Degree L$/ }) })
  .locator('input')
  .first();
await degree.fill(String(L));
await degree.press('Enter');
await page.locator('[data-run="mesh.harmonic_compress"]').click();
await page.waitForFunction(
  () =>
    document.querySelector('[data-operator="mesh.harmonic_compress"]')?.getAttribute('data-state') === 'done',
  null,
  { timeout: 300_000 },
);
await page
  .locator('.tree-row', { has: page.locator('.tree-name', { hasText: `spot_triangulated (SH L=${L})` }) })
  .first()
  .click();
await page.locator('[data-result-view="Harmonic Compress"]').waitFor();
for (const title of ['Transform', 'Inspect', 'Result: harmonic-compress'])
  await page.locator('.properties-gui .lil-title', { hasText: title }).first().click();
// Frame the original and the reconstruction together, seen from the front-left.
const frame = (direction: number[]) =>
  page.evaluate((d) => {
    type V = { x: number; y: number; z: number; set(x: number, y: number, z: number): void };
    type O = { name: string; visible: boolean };
    const app = (
      window as unknown as {
        homeomorph: {
          viewport: { camera: { position: V }; controls: { target: V }; frameSelected(): void };
          editor: { active: O; scene: { children: O[] }; select(o: O, additive?: boolean): void };
        };
      }
    ).homeomorph;
    const result = app.editor.active;
    const { camera, controls } = app.viewport;
    const t = controls.target;
    camera.position.set(t.x + d[0]!, t.y + d[1]!, t.z + d[2]!);
    for (const o of app.editor.scene.children)
      if (o.visible) app.editor.select(o, o !== app.editor.scene.children.find((c) => c.visible));
    app.viewport.frameSelected();
    app.editor.select(result);
  }, direction);
const direction = (process.env.DIRECTION ?? '-0.35,0.55,-2').split(',').map(Number);
await frame(direction);
await page.locator('[data-result-view="Harmonic Compress"]').scrollIntoViewIfNeeded();
await page.waitForTimeout(1500);
await page.screenshot({ path: process.env.SHOT ?? join(repoRoot, 'docs', 'harmonic-editor.png') });
await s.close();
await server.close();
console.log('docs/harmonic-editor.png written');
