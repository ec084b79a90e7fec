// Makes docs/meshcnn-paint.png: the label brush on Spot mid-stroke — two labels painted, the brush
// outline under the pointer, the Paint labels & learn panel open with its label set.
// Run: npm run build:web && npx vite-node test/e2e/paintScreenshot.ts
import { join } from 'node:path';
import { openEditor, repoRoot, startServer } from './browser';
import { bandStroke, showOnlyLabelPanel, stroke, surfacePoints } from './labelBrush';

const server = await startServer();
const s = await openEditor(server);
const page = s.page;
const t0 = Date.now();
const log = (what: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
log('editor open');
await showOnlyLabelPanel(page);
await page.locator('[data-role="paint-toggle"] input').check();
await page.waitForTimeout(500);
const points = await surfacePoints(page, 10);
log(`${points.length} surface points`);
await page.locator('[data-label="1"]').click(); // head
await stroke(page, bandStroke(points, 0.62, 1));
log('stroke 1');
await page.locator('[data-label="5"]').click(); // torso
await stroke(page, bandStroke(points, 0.2, 0.55));
await page.locator('[data-label="7"]').click(); // lower leg
log('stroke 2');
// The legs: the lowest rows of surface points. Mid-stroke: pressed and moving, not released, so the
// outline shows where the brush is.
const bottom = Math.max(...points.map((q) => q.y));
const legRow = points.filter((p) => p.y === bottom - 30).sort((a, b) => a.x - b.x);
await page.mouse.move(legRow[0]!.x, legRow[0]!.y);
await page.mouse.down();
await page.mouse.move(legRow[Math.floor(legRow.length / 2)]!.x, legRow[0]!.y, { steps: 8 });
await page.waitForTimeout(800);
await page.screenshot({ path: join(repoRoot, 'docs', 'meshcnn-paint.png') });
await page.mouse.up();
await s.close();
await server.close();
console.log('docs/meshcnn-paint.png written');
