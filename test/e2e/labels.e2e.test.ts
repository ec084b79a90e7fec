import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadModel } from '../../src/core/meshcnn/modelFile';
import { describe, expect, it } from 'vitest';
import { dropFiles, hasChromium, repoRoot } from './browser';
import { editorForSuite } from './editorSuite';
import { bandStroke, labelPanelController, showOnlyLabelPanel, stroke, surfacePoints } from './labelBrush';

/** What the test reads of the editor, in the page. */
function state(page: Page) {
  return page.evaluate(() => {
    type G = {
      uuid: string;
      userData: {
        faceAttributes?: Record<string, { array: ArrayLike<number> }>;
        attributeInfo?: Record<string, { classes?: { name: string }[] }>;
      };
    };
    type O = { name: string; geometry?: G; userData: Record<string, { props?: { model?: string } }> };
    type App = {
      editor: { active: O | null; history: { undos: { name: string }[] }; scene: { children: O[] } };
      viewport: { camera: { position: { toArray(): number[] } } };
      models: { models: { name: string }[] };
      labels: { labels: { name: string }[] };
    };
    const app = (window as unknown as { homeomorph: App }).homeomorph;
    const active = app.editor.active;
    const paint = active?.geometry?.userData.faceAttributes?._PAINT?.array;
    const counts: number[] = [];
    if (paint) for (let f = 0; f < paint.length; f++) counts[paint[f]!] = (counts[paint[f]!] ?? 0) + 1;
    return {
      undos: app.editor.history.undos.map((c) => c.name),
      active: active?.name ?? null,
      geometry: active?.geometry?.uuid ?? null,
      objects: app.editor.scene.children.length,
      counts: Array.from(counts, (c) => c ?? 0),
      faceAttributes: Object.keys(active?.geometry?.userData.faceAttributes ?? {}),
      segmentClasses: active?.geometry?.userData.attributeInfo?._SEGMENT?.classes?.map((c) => c.name) ?? null,
      segmentModel: active?.userData.segmentMeshcnn?.props?.model ?? null,
      camera: app.viewport.camera.position.toArray(),
      models: app.models.models.map((m) => m.name),
      labels: app.labels.labels.map((c) => c.name),
    };
  });
}

/** Clicks "Learn from painted meshes" and waits until the run has ended; returns its data-state. */
async function learn(page: Page, timeout: number): Promise<string> {
  const folder = page.locator('[data-operator="meshcnn.finetune"]');
  await page.locator('[data-run="meshcnn.finetune"]').click();
  await expect.poll(() => folder.getAttribute('data-state'), { timeout }).not.toBe('running');
  return (await folder.getAttribute('data-state'))!;
}

const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

describe.skipIf(!hasChromium)('painting labels and learning from them in the browser', () => {
  // Only the label panel open: the list stays short and the canvas keeps its size. The page says it has 3
  // cores, so its pool has 2 workers and learning runs data-parallel even on a 2-core machine.
  const s = editorForSuite(({ page }) => showOnlyLabelPanel(page), { cores: 3 });

  it('paints faces with mouse strokes, one undo step each, without orbiting; refuses to learn from too little paint', async () => {
    const page = s.page;
    const before = await state(page);
    expect(before.active).toBe('Spot');
    expect(before.models).toEqual([]);

    // Nothing painted: a clear message, nothing changes.
    expect(await learn(page, 30_000)).toBe('error');
    await expect
      .poll(() => page.locator('[data-operator="meshcnn.finetune"] .job-error').textContent())
      .toMatch(/nothing is painted yet/);
    expect((await state(page)).undos).toEqual(before.undos);

    // A new label set of two, the first renamed.
    await labelPanelController(page, 'Labels from')
      .locator('select')
      .selectOption({ label: 'two new labels' });
    await page.locator('[data-plugin="Paint labels"] button', { hasText: 'Use these labels' }).click();
    await labelPanelController(page, 'Label name').locator('input').fill('head');
    await labelPanelController(page, 'Label name').locator('input').press('Enter');
    await expect.poll(async () => (await state(page)).labels).toEqual(['head', 'part 2']);
    await expect.poll(() => page.locator('[data-label="1"]').textContent()).toMatch(/head/);

    await page.locator('[data-role="paint-toggle"] input').check();
    const points = await surfacePoints(page, 12);
    expect(points.length).toBeGreaterThan(100);
    await stroke(page, bandStroke(points, 0.6, 1));
    await expect.poll(async () => (await state(page)).undos).toEqual([...before.undos, 'Paint head on Spot']);
    const first = await state(page);
    expect(first.counts[1]).toBeGreaterThan(50);
    expect(first.counts.slice(2).every((c) => c === 0)).toBe(true);
    expect(first.camera).toEqual(before.camera); // the drag painted; it did not orbit
    expect(first.active).toBe('Spot');
    expect(await page.locator('[data-role="attribute-view"]').inputValue()).toBe('_PAINT');
    await expect.poll(() => page.locator('.legend').textContent()).toMatch(/head.*part 2/);

    // One label only: a clear message, nothing changes.
    expect(await learn(page, 30_000)).toBe('error');
    await expect
      .poll(() => page.locator('[data-operator="meshcnn.finetune"] .job-error').textContent())
      .toMatch(/only one label is painted \("head", \d+ faces\)/);
    expect((await state(page)).undos).toEqual(first.undos);

    await page.locator('[data-label="2"]').click();
    await stroke(page, bandStroke(points, 0.05, 0.5));
    await expect.poll(async () => (await state(page)).undos.length).toBe(first.undos.length + 1);
    const second = await state(page);
    expect(second.undos.at(-1)).toBe('Paint part 2 on Spot');
    expect(second.counts[2]).toBeGreaterThan(50);

    // Each stroke is one step: undo takes the second stroke back entirely, redo brings it again.
    await blur(page);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await state(page)).counts).toEqual(first.counts);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await state(page)).counts).toEqual(second.counts);
  }, 240_000);

  it('cancels a fine-tune: no model is saved and the scene is unchanged', async () => {
    const page = s.page;
    const before = await state(page);
    await labelPanelController(page, 'Steps').locator('input').fill('500');
    await labelPanelController(page, 'Steps').locator('input').press('Enter');
    await labelPanelController(page, 'Model name').locator('input').fill('e2e parts');
    await labelPanelController(page, 'Model name').locator('input').press('Enter');
    const folder = page.locator('[data-operator="meshcnn.finetune"]');
    await page.locator('[data-run="meshcnn.finetune"]').click();
    await expect.poll(() => folder.getAttribute('data-state')).toBe('running');
    await expect
      .poll(() => folder.locator('.job-progress-text').textContent(), { timeout: 120_000 })
      .toMatch(/step \d+\/500/);
    await page.locator('[data-cancel="meshcnn.finetune"]').click();
    await expect.poll(() => folder.getAttribute('data-state'), { timeout: 60_000 }).toBe('cancelled');
    expect(await folder.locator('.job-result').textContent()).toMatch(/Cancelled — no model was saved/);
    const after = await state(page);
    expect(after.models).toEqual([]);
    expect(after.undos).toEqual(before.undos);
    expect(after.counts).toEqual(before.counts);
  }, 240_000);

  it('fine-tunes for a few steps with a live chart, saves the named model and segments another mesh with it', async () => {
    const page = s.page;
    await labelPanelController(page, 'Steps').locator('input').fill('3');
    await labelPanelController(page, 'Steps').locator('input').press('Enter');
    const started = Date.now();
    expect(await learn(page, 300_000)).toBe('done');
    console.log(
      `fine-tune, 3 steps on painted Spot, in the browser: ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const folder = page.locator('[data-operator="meshcnn.finetune"]');
    expect(await folder.locator('.job-result').textContent()).toMatch(
      /Saved "e2e parts".*3 steps on 1 mesh.*trained on 2 workers at once/s,
    );
    expect(await folder.locator('canvas.chart').isVisible()).toBe(true); // the loss / accuracy chart
    expect((await state(page)).models).toEqual(['e2e parts']);
    const modelSelect = page
      .locator('[data-operator="mesh.segment_meshcnn"] .lil-controller', {
        has: page.locator('.lil-name', { hasText: /^Model$/ }),
      })
      .locator('select');
    await expect.poll(() => modelSelect.locator('option').allTextContents()).toContain('e2e parts (yours)');

    // Another mesh (a second, unpainted copy of Spot from its file) labelled by the new model.
    await page.locator('[data-role="paint-toggle"] input').uncheck();
    const painted = await state(page);
    await dropFiles(page, [
      { name: 'spot.glb', bytes: readFileSync(join(repoRoot, 'resources', 'sample', 'spot.glb')) },
    ]);
    await expect.poll(async () => (await state(page)).objects, { timeout: 60_000 }).toBe(painted.objects + 1);
    const other = await state(page);
    expect(other.geometry).not.toBe(painted.geometry);
    expect(other.faceAttributes).not.toContain('_PAINT');
    await page.locator('[data-plugin="Segment with MeshCNN"] > .lil-title').click();
    expect(
      await modelSelect.evaluate((e: HTMLSelectElement) => e.options[e.selectedIndex]?.textContent),
    ).toBe('e2e parts (yours)'); // picked after saving
    const segmentFolder = page.locator('[data-operator="mesh.segment_meshcnn"]');
    await page.locator('[data-run="mesh.segment_meshcnn"]').click();
    await expect.poll(() => segmentFolder.getAttribute('data-state')).toBe('running');
    await expect
      .poll(() => segmentFolder.getAttribute('data-state'), { timeout: 120_000 })
      .not.toBe('running');
    if ((await segmentFolder.getAttribute('data-state')) !== 'done')
      console.log(await segmentFolder.locator('.job-error').textContent());
    expect(await segmentFolder.getAttribute('data-state')).toBe('done');
    const segmented = await state(page);
    expect(segmented.faceAttributes).toContain('_SEGMENT');
    expect(segmented.segmentClasses).toEqual(['head', 'part 2']);
    expect(segmented.segmentModel).toBe('user:e2e parts');
  }, 420_000);

  it('keeps saved models across a reload (IndexedDB), exports and deletes them', async () => {
    const page = s.page;
    await page.reload({ timeout: 90_000 });
    await page.waitForFunction(
      () => (window as unknown as { homeomorph?: unknown }).homeomorph !== undefined,
      null,
      { timeout: 60_000 },
    );
    await expect.poll(async () => (await state(page)).models, { timeout: 60_000 }).toEqual(['e2e parts']);
    const modelSelect = page
      .locator('[data-operator="mesh.segment_meshcnn"] .lil-controller', {
        has: page.locator('.lil-name', { hasText: /^Model$/ }),
      })
      .locator('select');
    await expect.poll(() => modelSelect.locator('option').allTextContents()).toContain('e2e parts (yours)');
    const panel = page.locator('[data-plugin="Paint labels"]');
    if (await panel.evaluate((e) => e.classList.contains('lil-closed')))
      await panel.locator('> .lil-title').click();
    // Export: a real download of the model file, which is a MeshCNN model with the painted label set.
    const download = page.waitForEvent('download');
    await page.locator('[data-export-model="e2e parts"]').click();
    const file = await (await download).path();
    const exported = loadModel(new Uint8Array(readFileSync(file)));
    expect(exported.info.name).toBe('e2e parts');
    expect(exported.info.classes.map((c) => c.name)).toEqual(['head', 'part 2']);
    // Import it back (as another machine would): a second saved model, named after the file.
    const chooser = page.waitForEvent('filechooser');
    await page.locator('[data-import-model]').click();
    await (
      await chooser
    ).setFiles({ name: 'e2e parts.hmcn', mimeType: 'application/octet-stream', buffer: readFileSync(file) });
    await expect.poll(async () => (await state(page)).models).toEqual(['e2e parts', 'e2e parts 2']);
    await expect.poll(() => modelSelect.locator('option').allTextContents()).toContain('e2e parts 2 (yours)');
    await page.locator('[data-delete-model="e2e parts 2"]').click();
    await page.locator('.dialog button', { hasText: 'Delete' }).click();
    await expect.poll(async () => (await state(page)).models).toEqual(['e2e parts']);
    await page.locator('[data-delete-model="e2e parts"]').click();
    await page.locator('.dialog button', { hasText: 'Delete' }).click();
    await expect.poll(async () => (await state(page)).models).toEqual([]);
    await expect
      .poll(() => modelSelect.locator('option').allTextContents())
      .not.toContain('e2e parts (yours)');
    await page.reload({ timeout: 90_000 });
    await page.waitForFunction(
      () =>
        (window as unknown as { homeomorph?: { editor: { scene: { children: unknown[] } } } }).homeomorph
          ?.editor.scene.children.length === 1,
      null,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(1000); // the library loads right after the page starts
    expect((await state(page)).models).toEqual([]);
  }, 240_000);
});
