import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { datasetPath, hasShared } from '../helpers/shared';
import { dropFiles, hasChromium, repoRoot, sceneNames } from './browser';
import { editorForSuite } from './editorSuite';

/** Facts about the editor's state, read in the page. */
function state(page: Page) {
  return page.evaluate(() => {
    type O = {
      name: string;
      id: number;
      geometry?: {
        uuid: string;
        getAttribute(n: string): { count: number } | undefined;
        userData: Record<string, unknown>;
      };
      userData: Record<string, unknown>;
      morphTargetInfluences?: number[];
    };
    const app = (
      window as unknown as {
        homeomorph: {
          editor: {
            active: O | null;
            history: { undos: { name: string }[]; redos: unknown[] };
            scene: { children: O[] };
          };
        };
      }
    ).homeomorph;
    const active = app.editor.active;
    return {
      names: app.editor.scene.children.map((o) => o.name),
      undos: app.editor.history.undos.map((c) => c.name),
      redos: app.editor.history.redos.length,
      active: active?.name ?? null,
      geometry: active?.geometry?.uuid ?? null,
      vertices: active?.geometry?.getAttribute('position')?.count ?? null,
      attributes: active?.geometry
        ? Object.keys((active.geometry as unknown as { attributes: object }).attributes)
        : [],
      faceAttributes: Object.keys((active?.geometry?.userData.faceAttributes as object | undefined) ?? {}),
      userData: active?.userData ?? {},
      morphs: active?.morphTargetInfluences?.length ?? 0,
    };
  });
}

async function selectByName(page: Page, name: string): Promise<void> {
  await page
    .locator('.tree-row', { has: page.locator('.tree-name', { hasText: new RegExp(`^${name}$`) }) })
    .first()
    .click();
  await expect.poll(async () => (await state(page)).active).toBe(name);
}

/** Clicks an operator's Run button and waits until its panel reports how the run ended. */
async function runOperator(page: Page, idname: string): Promise<string> {
  const folder = page.locator(`[data-operator="${idname}"]`);
  if (await folder.evaluate((e) => e.classList.contains('lil-closed')))
    await folder.locator('> .lil-title').click();
  await page.locator(`[data-run="${idname}"]`).click();
  await expect.poll(() => folder.getAttribute('data-state'), { timeout: 90_000 }).not.toBe('running');
  return (await folder.getAttribute('data-state'))!;
}

describe.skipIf(!hasChromium)('import, plugins, undo, cancel, export', () => {
  const s = editorForSuite();

  it('imports an OBJ and a GLB dropped together as one undo step', async () => {
    const obj = new TextEncoder().encode(
      '# a tetrahedron\nv 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 3 2\nf 1 2 4\nf 1 4 3\nf 2 3 4\n',
    );
    const glb = readFileSync(join(repoRoot, 'resources', 'sample', 'spot.glb'));
    await dropFiles(s.page, [
      { name: 'tetra.obj', bytes: obj },
      { name: 'cow.glb', bytes: glb },
    ]);
    await expect.poll(() => sceneNames(s.page)).toHaveLength(3);
    const after = await state(s.page);
    expect(after.names[0]).toBe('Spot');
    expect(after.names.slice(1).join(' ')).toMatch(/tetra/);
    expect(after.undos).toEqual(['Import 2 models']);
    await s.page.locator('[data-menu="Edit"]').click();
    await s.page.locator('[data-action="edit.undo"]').click();
    await expect.poll(() => sceneNames(s.page)).toEqual(['Spot']);
  });

  it('says clearly why a corrupted file cannot be opened, and changes nothing', async () => {
    const before = await state(s.page);
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    garbage.set(new TextEncoder().encode('glTF'), 0); // claims to be a GLB, then is not
    await dropFiles(s.page, [{ name: 'broken.glb', bytes: garbage }]);
    const toast = s.page.locator('.toast.error', { hasText: 'broken.glb' });
    await toast.waitFor({ timeout: 30_000 });
    expect(await toast.textContent()).toMatch(/Could not open broken\.glb: .+\s+Nothing was added/);
    const after = await state(s.page);
    expect(after.names).toEqual(before.names);
    expect(after.undos).toEqual(before.undos);
  });

  describe.skipIf(!hasShared)('on the open Stanford bunny', () => {
    it('is greyed out where a plugin cannot run, with the reason and a Fix button', async () => {
      await dropFiles(s.page, [
        {
          name: 'stanford_bunny_open.obj',
          bytes: readFileSync(datasetPath('meshes', 'stanford_bunny_open.obj')),
        },
      ]);
      await expect
        .poll(async () => (await state(s.page)).active, { timeout: 60_000 })
        .toBe('stanford_bunny_open');
      const panel = s.page.locator('[data-operator="mesh.spherical_parametrize"]');
      await expect
        .poll(() => panel.locator('.poll-reason').textContent(), { timeout: 30_000 })
        .toMatch(/cannot map onto the sphere/);
      expect(await panel.locator('[data-fix="mesh.repair"]').count()).toBe(1);
      expect(await s.page.locator('[data-run="mesh.spherical_parametrize"]').isDisabled()).toBe(true);
    });

    it('runs Inspect, shows the problems as a colour map, and undoes and redoes it as one step', async () => {
      const before = await state(s.page);
      expect(await runOperator(s.page, 'mesh.inspect')).toBe('done');
      const after = await state(s.page);
      expect(after.undos).toEqual([...before.undos, 'Inspect stanford_bunny_open']);
      expect(after.faceAttributes).toContain('_INSPECTION');
      expect(
        (after.userData.inspection as { metrics: { boundaryEdges: number; unusedVertices: number } }).metrics,
      ).toMatchObject({ boundaryEdges: 223, unusedVertices: 1113 });
      await s.page.selectOption('[data-role="attribute-view"]', '_INSPECTION');
      await expect.poll(() => s.page.locator('.legend').isVisible()).toBe(true);
      await s.page.selectOption('[data-role="attribute-view"]', '');
      await s.page.keyboard.press('Control+z');
      await expect.poll(async () => (await state(s.page)).faceAttributes).toEqual([]);
      expect((await state(s.page)).geometry).toBe(before.geometry);
      await s.page.keyboard.press('Control+Shift+z');
      await expect.poll(async () => (await state(s.page)).faceAttributes).toContain('_INSPECTION');
    });

    it('repairs through the Fix button; undo gives the original mesh back, redo the repaired one', async () => {
      const before = await state(s.page);
      await s.page.locator('[data-operator="mesh.spherical_parametrize"] [data-fix="mesh.repair"]').click();
      const repair = s.page.locator('[data-operator="mesh.repair"]');
      await expect.poll(() => repair.getAttribute('data-state'), { timeout: 90_000 }).toBe('done');
      const repaired = await state(s.page);
      expect(repaired.undos).toHaveLength(before.undos.length + 1);
      expect(repaired.vertices).toBeLessThan(before.vertices!);
      expect(repaired.geometry).not.toBe(before.geometry);
      await s.page.keyboard.press('Control+z');
      await expect.poll(async () => (await state(s.page)).geometry).toBe(before.geometry);
      expect((await state(s.page)).vertices).toBe(35_947);
      await s.page.keyboard.press('Control+Shift+z');
      await expect.poll(async () => (await state(s.page)).geometry).toBe(repaired.geometry);
    });

    it('exports the inspected bunny as GLB and re-imports it with its attributes and plugin metadata', async () => {
      await s.page.keyboard.press('Control+z'); // back to the inspected, unrepaired bunny
      await expect.poll(async () => (await state(s.page)).faceAttributes).toContain('_INSPECTION');
      const download = s.page.waitForEvent('download');
      await s.page.locator('[data-menu="File"]').click();
      await s.page.locator('[data-action="file.export_selected.glb"]').click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('stanford_bunny_open.glb');
      const bytes = readFileSync((await file.path())!);
      await dropFiles(s.page, [{ name: 'reimported.glb', bytes }]);
      await expect
        .poll(async () => (await state(s.page)).names.length, { timeout: 60_000 })
        .toBeGreaterThan(2);
      const back = await state(s.page);
      expect(back.names.at(-1)).toMatch(/stanford_bunny_open|reimported/);
      expect(back.vertices).toBe(35_947);
      expect(back.faceAttributes).toContain('_INSPECTION');
      expect(back.attributes).toContain('_INSPECTION_VERTEX');
      expect(back.userData.inspection).toMatchObject({
        plugin: 'inspect-repair',
        metrics: { boundaryEdges: 223 },
      });
    });
  });

  describe('a long job (Spherical Parametrize on Spot)', () => {
    // Long tasks are wall-clock: on a shared, overloaded machine a descheduled 20 ms task reads as
    // 150 ms, hence the retries (a real regression fails all three).
    it(
      'keeps every main-thread task under 100 ms while it runs, and applies its result as one step',
      { retry: 2 },
      async () => {
        await selectByName(s.page, 'Spot');
        const before = await state(s.page);
        await s.page.evaluate(() => {
          const w = window as unknown as { longTasks: number[][]; longTaskObserver?: PerformanceObserver };
          w.longTasks = [];
          w.longTaskObserver?.disconnect(); // a retry must not count tasks twice
          w.longTaskObserver = new PerformanceObserver((list) => {
            for (const e of list.getEntries())
              w.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
          });
          w.longTaskObserver.observe({ type: 'longtask' });
        });
        const started = Date.now();
        expect(await runOperator(s.page, 'mesh.spherical_parametrize')).toBe('done');
        const seconds = (Date.now() - started) / 1000;
        await s.page.waitForTimeout(1500); // let the view and panels catch up, to report their tasks too
        const longTasks = await s.page.evaluate(
          () => (window as unknown as { longTasks: number[][] }).longTasks,
        );
        const mark = (name: string) =>
          s.page.evaluate((n) => performance.getEntriesByName(n).at(-1)!.startTime, name);
        const jobStart = await mark('homeomorph:job-start');
        const jobDone = await mark('homeomorph:job-done');
        // The task that receives the result and applies it contains the job-done mark; it is not "during".
        const during = longTasks.filter(
          ([start, duration]) => start! + duration! > jobStart && start! + duration! <= jobDone,
        );
        const afterwards = longTasks.filter(([start, duration]) => start! + duration! > jobDone);
        console.log(
          `Spherical Parametrize on Spot in the browser: ${seconds.toFixed(1)} s (job ${((jobDone - jobStart) / 1000).toFixed(1)} s); ` +
            `main-thread tasks over 50 ms [start, ms] during the job: ${JSON.stringify(during)}, after it (apply, redraw, panels): ${JSON.stringify(afterwards)}`,
        );
        expect(Math.max(0, ...during.map((t) => t[1]!))).toBeLessThan(100);
        const after = await state(s.page);
        expect(after.undos).toHaveLength(before.undos.length + 1);
        expect(after.morphs).toBeGreaterThan(0);
        await s.page.keyboard.press('Control+z');
        await expect.poll(async () => (await state(s.page)).geometry).toBe(before.geometry);
      },
    );

    it('cancels: the scene is unchanged and there is no undo entry', async () => {
      const before = await state(s.page);
      const folder = s.page.locator('[data-operator="mesh.spherical_parametrize"]');
      await s.page.locator('[data-run="mesh.spherical_parametrize"]').click();
      await expect.poll(() => folder.getAttribute('data-state')).toBe('running');
      // Wait for the job to report progress from the worker, so the cancel reaches a running job.
      await expect
        .poll(() => folder.locator('.job-progress-text').textContent(), { timeout: 30_000 })
        .not.toMatch(/^0 %/);
      await s.page.locator('[data-cancel="mesh.spherical_parametrize"]').click();
      await expect.poll(() => folder.getAttribute('data-state'), { timeout: 30_000 }).toBe('cancelled');
      expect(await folder.locator('.job-result').textContent()).toContain('nothing was changed');
      const after = await state(s.page);
      expect(after.geometry).toBe(before.geometry);
      expect(after.undos).toEqual(before.undos);
      expect(after.morphs).toBe(before.morphs);
    });
  });
});
