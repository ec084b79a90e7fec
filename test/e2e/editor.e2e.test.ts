import { describe, expect, it } from 'vitest';
import { canvasCoverage, hasChromium } from './browser';
import { editorForSuite } from './editorSuite';

/** The basics an artist meets first: the sample scene, the outliner, the properties, undo/redo. */
describe.skipIf(!hasChromium)('editor basics', () => {
  const s = editorForSuite();

  it('opens on the sample scene and draws it (the canvas is not blank)', async () => {
    expect(await s.page.locator('.tree-row .tree-name').allTextContents()).toEqual(['Spot']);
    await s.page.waitForTimeout(300);
    const coverage = await canvasCoverage(s.page);
    // Spot fills a good part of the framed view; an empty view only has the grid's thin lines.
    expect(coverage).toBeGreaterThan(0.08);
    await s.page.evaluate(() =>
      (window as unknown as { homeomorph: { editor: { select(o: null): void } } }).homeomorph.editor.select(
        null,
      ),
    );
    await s.page.keyboard.press('h'); // nothing selected: no-op
    await s.page.locator('.tree-row').first().click();
    await s.page.keyboard.press('h');
    await s.page.waitForTimeout(300);
    expect(await canvasCoverage(s.page)).toBeLessThan(0.03);
    await s.page.keyboard.press('Control+z');
    await s.page.waitForTimeout(300);
    expect(await canvasCoverage(s.page)).toBeGreaterThan(0.08);
  });

  it('picks by clicking in the view without reordering the mesh (face order is data)', async () => {
    // The first faces of spot.obj (and of the sample built from it) are 1 2 3 and 4 2 1.
    const firstFaces = () =>
      s.page.evaluate(() => {
        const mesh = (
          window as unknown as {
            homeomorph: {
              editor: { scene: { children: { geometry: { index: { array: Uint32Array } } }[] } };
            };
          }
        ).homeomorph.editor.scene.children[0]!;
        return Array.from(mesh.geometry.index.array.slice(0, 6));
      });
    await s.page.keyboard.press('Escape');
    const canvas = (await s.page.locator('#viewport canvas').boundingBox())!;
    await s.page.mouse.click(canvas.x + 5, canvas.y + 5); // empty space: nothing selected
    await expect.poll(() => s.page.locator('.tree-row.active').count()).toBe(0);
    await s.page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2); // Spot, framed in the middle
    await expect.poll(() => s.page.locator('.tree-row.active .tree-name').textContent()).toBe('Spot');
    expect(await firstFaces()).toEqual([0, 1, 2, 3, 1, 0]);
  });

  it('selects in the outliner and shows the object in the properties panel', async () => {
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.locator('.tree-row.active').count()).toBe(0);
    await s.page.locator('.tree-row', { hasText: 'Spot' }).click();
    await expect.poll(() => s.page.locator('.tree-row.active .tree-name').textContent()).toBe('Spot');
    await expect.poll(() => s.page.locator('.properties-gui > .lil-title').textContent()).toContain('Spot');
    expect(await s.page.locator('#properties').textContent()).toContain('11,533');
  });

  it('renames in the outliner, duplicates and groups, and undoes and redoes each with the keyboard', async () => {
    const names = () => s.page.locator('.tree-row .tree-name').allTextContents();
    await s.page.locator('.tree-row', { hasText: 'Spot' }).dblclick();
    await s.page.keyboard.press('Control+a');
    await s.page.keyboard.type('Cow');
    await s.page.keyboard.press('Enter');
    await expect.poll(names).toEqual(['Cow']);
    await s.page.locator('.tree-row', { hasText: 'Cow' }).click();
    await s.page.keyboard.press('Shift+D');
    await expect.poll(names).toEqual(['Cow', 'Cow.copy']);
    await s.page
      .locator('.tree-row', { hasText: 'Cow' })
      .first()
      .click({ modifiers: ['Shift'] });
    await s.page.keyboard.press('Control+g');
    await expect.poll(names).toEqual(['Group', 'Cow.copy', 'Cow']);
    await s.page.keyboard.press('Control+z');
    await expect.poll(names).toEqual(['Cow', 'Cow.copy']);
    await s.page.keyboard.press('Control+z');
    await expect.poll(names).toEqual(['Cow']);
    await s.page.keyboard.press('Control+z');
    await expect.poll(names).toEqual(['Spot']);
    await s.page.keyboard.press('Control+Shift+z');
    await expect.poll(names).toEqual(['Cow']);
  });

  it('merges a drag of a transform field into one undo step', async () => {
    await s.page.locator('.tree-row').first().click();
    const undoCount = () =>
      s.page.evaluate(
        () =>
          (window as unknown as { homeomorph: { editor: { history: { undos: unknown[] } } } }).homeomorph
            .editor.history.undos.length,
      );
    const before = await undoCount();
    const field = s.page
      .locator('.properties-gui .lil-controller.lil-number', { hasText: 'Location X' })
      .locator('input');
    const box = (await field.boundingBox())!;
    await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await s.page.mouse.down();
    for (let i = 1; i <= 8; i++)
      await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - i * 5);
    await s.page.mouse.up();
    const x = await s.page.evaluate(
      () =>
        (window as unknown as { homeomorph: { editor: { active: { position: { x: number } } } } }).homeomorph
          .editor.active.position.x,
    );
    expect(x).not.toBe(0);
    expect(await undoCount()).toBe(before + 1);
    await s.page.keyboard.press('Control+z');
    const back = await s.page.evaluate(
      () =>
        (window as unknown as { homeomorph: { editor: { active: { position: { x: number } } } } }).homeomorph
          .editor.active.position.x,
    );
    expect(back).toBe(0);
  });
});
