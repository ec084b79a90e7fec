import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dropFiles, hasChromium } from './browser';
import { editorForSuite } from './editorSuite';

/** The active object's positions and the undo history, read through the editor's window.homeomorph. */
function state(page: Page) {
  return page.evaluate(() => {
    type O = { name: string; uuid: string; geometry?: { attributes: { position: { array: Float32Array } } } };
    const app = (
      window as unknown as {
        homeomorph: { editor: { active: O | null; history: { undos: { name: string }[] } } };
      }
    ).homeomorph;
    const active = app.editor.active;
    return {
      active: active?.name ?? null,
      uuid: active?.uuid ?? null,
      positions: active?.geometry ? Array.from(active.geometry.attributes.position.array) : [],
      undos: app.editor.history.undos.map((c) => c.name),
    };
  });
}

const maxDifference = (a: number[], b: number[]) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

/** Drags a lil-gui slider from its current value to the fraction `to` (0 = min, 1 = max) of its track. */
async function dragSlider(page: Page, selector: string, to: number): Promise<void> {
  const track = page.locator(`${selector} .lil-slider`);
  await track.scrollIntoViewIfNeeded();
  const box = (await track.boundingBox())!;
  const fill = (await page.locator(`${selector} .lil-fill`).boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(fill.x + fill.width - 1, y);
  await page.mouse.down();
  for (let k = 1; k <= 5; k++)
    await page.mouse.move(
      fill.x + fill.width - 1 + ((box.x + to * box.width - (fill.x + fill.width - 1)) * k) / 5,
      y,
    );
  await page.mouse.up();
}

describe.skipIf(!hasChromium)('Harmonic Compress in the editor', () => {
  const s = editorForSuite();
  const L = 16;
  const slider = '[data-role="result-slider"]';

  it('runs on Spot from its panel and shows the result view when the result is selected', async () => {
    const page = s.page;
    const panel = page.locator('[data-operator="mesh.harmonic_compress"]');
    if (await panel.evaluate((e) => e.classList.contains('lil-closed')))
      await panel.locator('> .lil-title').click();
    const degree = panel
      .locator('.lil-controller', { has: page.locator('.lil-name', { hasText: /^Degree L$/ }) })
      .locator('input')
      .first();
    await degree.fill(String(L));
    await degree.press('Enter');
    await page.locator('[data-run="mesh.harmonic_compress"]').click();
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 110_000 }).toBe('done');
    const name = `Spot (SH L=${L})`;
    await page
      .locator('.tree-row', { has: page.locator('.tree-name', { hasText: name }) })
      .first()
      .click();
    await expect.poll(async () => (await state(page)).active).toBe(name);
    await page.locator('[data-result-view="Harmonic Compress"]').waitFor();
    expect(await page.locator(`${slider} input`).inputValue()).toBe(String(L));
    const figures = await page.locator('[data-role="result-figures"]').textContent();
    expect(figures).toContain(`${3 * (L + 1) ** 2} (L = ${L})`); // x, y, z: the sample has no colours
    expect(figures).toMatch(/float16.*% of the mesh/);
    expect(await page.locator('[data-role="result-plot"]').isVisible()).toBe(true);
  });

  it('moves the level-of-detail slider: the reconstruction changes live and the undo history does not', async () => {
    const page = s.page;
    const before = await state(page);
    await dragSlider(page, slider, 0.25);
    await expect.poll(() => page.locator(slider).getAttribute('data-shown')).toMatch(/^[1-6]$/);
    const coarse = await state(page);
    expect(coarse.positions).toHaveLength(before.positions.length);
    expect(maxDifference(coarse.positions, before.positions)).toBeGreaterThan(1e-3);
    expect(coarse.undos).toEqual(before.undos);
    // Back to full degree: the job's reconstruction again.
    await dragSlider(page, slider, 1.05);
    await expect.poll(() => page.locator(slider).getAttribute('data-shown')).toBe(String(L));
    expect(maxDifference((await state(page)).positions, before.positions)).toBeLessThan(1e-4);
  });

  it('draws the coefficient images and exports them as PNG and the coefficients as .hshc', async () => {
    const page = s.page;
    const images = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLCanvasElement>('[data-role="result-image"]')].map((c) => {
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        const colours = new Set<number>();
        let opaque = 0;
        for (let i = 0; i < data.length; i += 4) {
          colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
          if (data[i + 3] === 255) opaque++;
        }
        return {
          name: c.dataset.name,
          width: c.width,
          height: c.height,
          colours: colours.size,
          opaque,
          visible: c.offsetWidth > 0,
        };
      }),
    );
    expect(images.map((i) => i.name)).toEqual(['geometry']);
    for (const image of images) {
      expect(image).toMatchObject({ width: L + 1, height: L + 1, opaque: (L + 1) ** 2, visible: true });
      expect(image.colours).toBeGreaterThan(20); // a spectrum, not a blank or flat square
    }

    const png = page.waitForEvent('download');
    await page.locator('[data-export="Spot_SH_L_16_-geometry.png"]').click();
    const pngFile = await png;
    const pngBytes = readFileSync((await pngFile.path())!);
    expect([...pngBytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(pngBytes.readUInt32BE(16)).toBe(L + 1); // IHDR width

    const hshc = page.waitForEvent('download');
    await page.locator('[data-export="Spot_SH_L_16_.hshc"]').click();
    const hshcFile = await hshc;
    expect(hshcFile.suggestedFilename()).toBe('Spot_SH_L_16_.hshc');
    const bytes = readFileSync((await hshcFile.path())!);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('HSHC');
  });

  it('after a GLB round trip, rebuilds the level-of-detail table in a worker and the slider works again', async () => {
    const page = s.page;
    const download = page.waitForEvent('download');
    await page.locator('[data-menu="File"]').click();
    await page.locator('[data-action="file.export_selected.glb"]').click();
    const bytes = readFileSync((await (await download).path())!);
    const before = await state(page);
    await dropFiles(page, [{ name: 'reloaded.glb', bytes }]);
    await expect
      .poll(async () => (await state(page)).undos.length, { timeout: 60_000 })
      .toBe(before.undos.length + 1);
    const reloaded = await state(page);
    expect(reloaded.uuid).not.toBe(before.uuid);
    expect(reloaded.positions).toHaveLength(before.positions.length);
    await page.locator('[data-result-view="Harmonic Compress"]').waitFor();
    await expect
      .poll(() => page.locator('.result-view-note').textContent(), { timeout: 60_000 })
      .toMatch(/^Ready/);
    await dragSlider(page, slider, 0.2);
    await expect.poll(() => page.locator(slider).getAttribute('data-shown')).toMatch(/^[1-5]$/);
    expect(maxDifference((await state(page)).positions, reloaded.positions)).toBeGreaterThan(1e-3);
  });
});
