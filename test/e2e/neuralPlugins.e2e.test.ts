import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { datasetPath, hasShared } from '../helpers/shared';
import { dropFiles, hasChromium, sceneNames } from './browser';
import { editorForSuite } from './editorSuite';

/** Facts about the editor's state, read in the page. */
function state(page: Page) {
  return page.evaluate(() => {
    type O = {
      name: string;
      children: O[];
      geometry?: { uuid: string; userData: Record<string, unknown> };
      userData: Record<string, unknown>;
    };
    const app = (
      window as unknown as {
        homeomorph: {
          editor: { active: O | null; history: { undos: { name: string }[] }; scene: { children: O[] } };
        };
      }
    ).homeomorph;
    const active = app.editor.active;
    return {
      names: app.editor.scene.children.map((o) => o.name),
      undos: app.editor.history.undos.map((c) => c.name),
      active: active?.name ?? null,
      geometry: active?.geometry?.uuid ?? null,
      children: active?.children.length ?? 0,
      faceAttributes: Object.keys((active?.geometry?.userData.faceAttributes as object | undefined) ?? {}),
      userData: Object.keys(active?.userData ?? {}),
    };
  });
}

/** Opens an operator's panel and types `values` into its controllers, found by their labels. */
async function setProps(page: Page, idname: string, values: Record<string, number | boolean>): Promise<void> {
  const plugin = page.locator(`[data-operator="${idname}"]`);
  // The plugin's panel, then (for a plugin with several operators) the operator's folder in it.
  const category = await plugin.evaluate((e) => (e.closest('[data-plugin]') as HTMLElement).dataset.plugin!);
  const panel = page.locator(`[data-plugin="${category}"]`);
  if (await panel.evaluate((e) => e.classList.contains('lil-closed')))
    await panel.locator('> .lil-title').click();
  if (await plugin.evaluate((e) => e.classList.contains('lil-closed')))
    await plugin.locator('> .lil-title').click();
  for (const [label, value] of Object.entries(values)) {
    const controller = plugin
      .locator('.lil-controller', { has: page.locator('.lil-name', { hasText: new RegExp(`^${label}$`) }) })
      .first();
    if (typeof value === 'boolean') {
      const box = controller.locator('input[type="checkbox"]');
      if ((await box.isChecked()) !== value) await box.click();
    } else {
      const input = controller.locator('input').first();
      await input.fill(String(value));
      await input.press('Enter');
    }
  }
}

/** Clicks an operator's Run button and waits until its panel reports how the run ended. */
async function runFromPanel(page: Page, idname: string, timeout: number): Promise<string> {
  const folder = page.locator(`[data-operator="${idname}"]`);
  await expect.poll(() => page.locator(`[data-run="${idname}"]`).isDisabled()).toBe(false);
  await page.locator(`[data-run="${idname}"]`).click();
  await expect.poll(() => folder.getAttribute('data-state')).toBe('running');
  await expect.poll(() => folder.getAttribute('data-state'), { timeout }).not.toBe('running');
  const outcome = (await folder.getAttribute('data-state'))!;
  if (outcome !== 'done') console.log(`${idname}: ${await folder.locator('.job-error').textContent()}`);
  return outcome;
}

describe.skipIf(!hasChromium)('the neural plugins in the browser', () => {
  const s = editorForSuite();

  it('fits an SDF to Spot from its panel, adds the extracted mesh, and undo removes it', async () => {
    const before = await state(s.page);
    expect(before.active).toBe('Spot');
    await setProps(s.page, 'mesh.fit_sdf', {
      'Training seconds': 2.5,
      'Mesh resolution': 32,
      'Training samples': 20_000,
      'Evaluation samples': 2000,
      'Keep ONNX model': false,
    });
    const started = Date.now();
    expect(await runFromPanel(s.page, 'mesh.fit_sdf', 90_000)).toBe('done');
    console.log(
      `Fit SDF on Spot in the browser (2.5 s budget, 32³ grid): ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const after = await state(s.page);
    expect(after.names).toEqual([...before.names, 'Spot SDF']);
    expect(after.undos).toEqual([...before.undos, 'Fit SDF of Spot']);
    // The run used the values typed into the panel.
    const props = await s.page.evaluate(() => {
      const app = (
        window as unknown as {
          homeomorph: {
            editor: { scene: { children: { userData: { props?: Record<string, unknown> } }[] } };
          };
        }
      ).homeomorph;
      return app.editor.scene.children.at(-1)!.userData.props ?? null;
    });
    expect(props).toMatchObject({
      seconds: 2.5,
      resolution: 32,
      trainSamples: 20_000,
      evalSamples: 2000,
      exportOnnx: false,
    });
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => sceneNames(s.page)).toEqual(before.names);
  });

  it.skipIf(!hasShared)(
    'segments a human_seg test mesh with MeshCNN from its panel, shows the parts, and undoes it',
    async () => {
      await dropFiles(s.page, [
        { name: 'shrec__1.obj', bytes: readFileSync(datasetPath('human_seg', 'test', 'shrec__1.obj')) },
      ]);
      await expect.poll(async () => (await state(s.page)).active, { timeout: 60_000 }).toBe('shrec__1');
      const before = await state(s.page);
      await setProps(s.page, 'mesh.segment_meshcnn', {});
      const started = Date.now();
      expect(await runFromPanel(s.page, 'mesh.segment_meshcnn', 90_000)).toBe('done');
      console.log(
        `Segment with MeshCNN on shrec__1 in the browser: ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      const after = await state(s.page);
      expect(after.faceAttributes).toContain('_SEGMENT');
      expect(after.undos).toEqual([...before.undos, 'Segment with MeshCNN']);
      await s.page.selectOption('[data-role="attribute-view"]', '_SEGMENT');
      const legend = s.page.locator('.legend');
      await expect.poll(() => legend.isVisible()).toBe(true);
      await expect.poll(() => legend.textContent()).toMatch(/head|torso|arm|hand|leg|foot/i);
      await s.page.selectOption('[data-role="attribute-view"]', '');
      await s.page.keyboard.press('Control+z');
      await expect.poll(async () => (await state(s.page)).geometry).toBe(before.geometry);
      expect(await state(s.page)).toEqual(before);
    },
  );
});
