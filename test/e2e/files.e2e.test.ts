import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetPath, hasShared } from '../helpers/shared';
import { hasChromium } from './browser';
import { editorForSuite } from './editorSuite';

type AppHandle = {
  editor: {
    scene: { children: { name: string; material?: { map?: { image?: { width: number } } } }[] };
    execute(c: unknown): void;
    history: { undos: unknown[] };
  };
  autosave: { saveNow(): Promise<void> };
};

describe.skipIf(!hasChromium)('files: folders with textures, crash recovery', () => {
  const s = editorForSuite();
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'homeomorph-folder-'));
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.skipIf(!hasShared)(
    'opens a folder (File ▸ Open folder) and the OBJ finds its MTL and texture beside it',
    async () => {
      const dir = join(folder, 'spot_color');
      mkdirSync(dir);
      for (const name of ['spot_color.obj', 'spot_color.mtl', 'spot_texture.png'])
        copyFileSync(datasetPath('meshes', name), join(dir, name));
      const chooser = s.page.waitForEvent('filechooser');
      await s.page.locator('[data-menu="File"]').click();
      await s.page.locator('[data-action="file.open_folder"]').click();
      await (await chooser).setFiles(dir);
      await expect
        .poll(
          () =>
            s.page.evaluate(() =>
              (window as unknown as { homeomorph: AppHandle }).homeomorph.editor.scene.children.map(
                (o) => o.name,
              ),
            ),
          { timeout: 60_000 },
        )
        .toHaveLength(2);
      // The texture decodes off the main thread; the material gets its image when it is ready.
      await expect
        .poll(() =>
          s.page.evaluate(() => {
            const scene = (window as unknown as { homeomorph: AppHandle }).homeomorph.editor.scene;
            let width = 0;
            (
              scene as unknown as {
                traverse(f: (o: { material?: { map?: { image?: { width: number } } } }) => void): void;
              }
            ).traverse((o) => {
              width = Math.max(width, o.material?.map?.image?.width ?? 0);
            });
            return width;
          }),
        )
        .toBeGreaterThan(0);
    },
  );

  it('offers to restore the autosaved scene at the next start after a crash', async () => {
    await s.page.locator('.tree-row').first().dblclick();
    await s.page.keyboard.press('Control+a');
    await s.page.keyboard.type('Recovered cow');
    await s.page.keyboard.press('Enter');
    await s.page.evaluate(() =>
      (window as unknown as { homeomorph: AppHandle }).homeomorph.autosave.saveNow(),
    );
    // This page never closes cleanly (as after a crash); a new start in the same profile finds the copy.
    const second = await s.page.context().newPage();
    await second.goto(s.url);
    const dialog = second.locator('.dialog', { hasText: 'Restore your last scene?' });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.locator('button', { hasText: 'Restore' }).click();
    await expect
      .poll(
        () =>
          second.evaluate(() =>
            (window as unknown as { homeomorph: AppHandle }).homeomorph.editor.scene.children.map(
              (o) => o.name,
            ),
          ),
        { timeout: 30_000 },
      )
      .toContain('Recovered cow');
    // Restoring starts a fresh history, and a clean close removes the recovery copy.
    expect(
      await second.evaluate(
        () => (window as unknown as { homeomorph: AppHandle }).homeomorph.editor.history.undos.length,
      ),
    ).toBe(0);
    await second.close({ runBeforeUnload: true });
    await s.page.close({ runBeforeUnload: true });
    const third = await s.browser.contexts()[0]!.newPage();
    await third.goto(s.url);
    await third.waitForFunction(
      () => (window as unknown as { homeomorph?: AppHandle }).homeomorph?.editor.scene.children.length === 1,
      null,
      { timeout: 30_000 },
    );
    expect(await third.locator('.dialog').count()).toBe(0);
    expect(
      await third.evaluate(
        () => (window as unknown as { homeomorph: AppHandle }).homeomorph.editor.scene.children[0]!.name,
      ),
    ).toBe('Spot');
  });
});
