import type { Page } from 'playwright-core';

/** Client points where the active mesh is under the pointer: a grid over the canvas, raycast in the page. */
export async function surfacePoints(page: Page, step = 12): Promise<{ x: number; y: number }[]> {
  return page.evaluate((gridStep) => {
    type App = {
      editor: { active: unknown };
      viewport: { canvas: HTMLCanvasElement; raycastMesh(mesh: unknown, x: number, y: number): unknown };
    };
    const app = (window as unknown as { homeomorph: App }).homeomorph;
    const rect = app.viewport.canvas.getBoundingClientRect();
    const out: { x: number; y: number }[] = [];
    for (let y = rect.top + gridStep; y < rect.bottom - gridStep; y += gridStep)
      for (let x = rect.left + gridStep; x < rect.right - gridStep; x += gridStep)
        if (app.viewport.raycastMesh(app.editor.active, x, y)) out.push({ x, y });
    return out;
  }, step);
}

/** A real mouse stroke: press at the first point, move through the others in small steps, release. */
export async function stroke(page: Page, points: { x: number; y: number }[]): Promise<void> {
  await page.mouse.move(points[0]!.x, points[0]!.y);
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(p.x, p.y, { steps: 4 });
  await page.mouse.up();
}

/**
 * A zigzag stroke over one vertical band of the mesh's silhouette (0 = left edge, 1 = right edge):
 * three rows in the middle of the band, each from its first to its last surface point. Few waypoints —
 * software WebGL draws each pointer move, and a test must not wait minutes for a stroke.
 */
export function bandStroke(
  points: { x: number; y: number }[],
  from: number,
  to: number,
  rows = 3,
): { x: number; y: number }[] {
  const xs = points.map((p) => p.x);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const inBand = points.filter((p) => p.x >= min + from * (max - min) && p.x <= min + to * (max - min));
  const ys = [...new Set(inBand.map((p) => p.y))].sort((a, b) => a - b);
  const picked = Array.from(
    { length: rows },
    (_, i) => ys[Math.floor(ys.length * (0.35 + (0.3 * i) / Math.max(1, rows - 1)))]!,
  );
  return picked.flatMap((y, i) => {
    const row = inBand.filter((p) => p.y === y).sort((a, b) => a.x - b.x);
    const ends = [row[0]!, row[row.length - 1]!];
    return i % 2 === 0 ? ends : ends.reverse();
  });
}

/** Folds every plugin panel but "Paint labels", so its list stays short and the canvas keeps its size. */
export async function showOnlyLabelPanel(page: Page): Promise<void> {
  for (const plugin of await page.locator('[data-plugin]').all())
    if (!(await plugin.evaluate((e) => e.classList.contains('lil-closed'))))
      await plugin.locator('> .lil-title').click();
  await page.locator('[data-plugin="Paint labels"] > .lil-title').click();
}

/** A lil-gui controller of the label panel, by its label. */
export function labelPanelController(page: Page, label: string) {
  return page
    .locator('[data-plugin="Paint labels"] .lil-controller', {
      has: page.locator('.lil-name', { hasText: new RegExp(`^${label}$`) }),
    })
    .first();
}
