// Measures "Learn from your labels" in the browser with a 1-worker and a 2-worker pool (the page is told
// it has 2 or 3 cores), twice each: paints two labels on Spot, runs STEPS steps from the human model and
// prints the wall time and the panel's result line (docs/meshcnn.md, "Not done yet").
// Run: npm run build:web && npx vite-node test/e2e/fineTuneSpeed.ts [STEPS=20]
import { cpus } from 'node:os';
import { openEditor, startServer } from './browser';
import { bandStroke, labelPanelController, showOnlyLabelPanel, stroke, surfacePoints } from './labelBrush';

const steps = Number(process.argv[2] ?? 20);
console.log(`${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
const server = await startServer();
for (const cores of [2, 3, 2, 3]) {
  const s = await openEditor(server, { cores });
  const page = s.page;
  await showOnlyLabelPanel(page);
  await page.locator('[data-role="paint-toggle"] input').check();
  await page.waitForTimeout(500);
  const points = await surfacePoints(page, 10);
  await page.locator('[data-label="1"]').click();
  await stroke(page, bandStroke(points, 0.62, 1));
  await page.locator('[data-label="5"]').click();
  await stroke(page, bandStroke(points, 0.2, 0.55));
  const stepsInput = labelPanelController(page, 'Steps').locator('input');
  await stepsInput.fill(String(steps));
  await stepsInput.press('Enter');
  const folder = page.locator('[data-operator="meshcnn.finetune"]');
  const t0 = Date.now();
  await page.locator('[data-run="meshcnn.finetune"]').click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-operator="meshcnn.finetune"]')?.getAttribute('data-state') !== 'running',
    null,
    { timeout: 600_000, polling: 100 },
  );
  const wall = (Date.now() - t0) / 1000;
  const state = await folder.getAttribute('data-state');
  const all = (await folder.textContent()) ?? '';
  const text = state + ': ' + all.slice(all.indexOf('Saved'));
  console.log(`cores ${cores}: ${wall.toFixed(1)} s wall — ${text.replace(/\s+/g, ' ').slice(0, 220)}`);
  await s.close();
}
await server.close();
