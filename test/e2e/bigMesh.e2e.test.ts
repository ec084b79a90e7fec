import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openEditor, startServer } from './browser';
import type { Session } from './browser';

/**
 * A closed, genus-0 UV sphere as binary little-endian PLY: `rings` latitude bands × `segments`
 * longitudes, two pole vertices, 2·segments·(rings−1) triangles (1 000 000 for 501 × 1000).
 */
function spherePly(rings: number, segments: number): { bytes: Uint8Array; faces: number } {
  const vertices = 2 + (rings - 1) * segments;
  const faces = 2 * segments * (rings - 1);
  const header = new TextEncoder().encode(
    `ply\nformat binary_little_endian 1.0\nelement vertex ${vertices}\nproperty float x\nproperty float y\nproperty float z\n` +
      `element face ${faces}\nproperty list uchar uint vertex_indices\nend_header\n`,
  );
  const bytes = new Uint8Array(header.length + vertices * 12 + faces * 13);
  bytes.set(header);
  const view = new DataView(bytes.buffer);
  let at = header.length;
  const vertex = (x: number, y: number, z: number) => {
    view.setFloat32(at, x, true);
    view.setFloat32(at + 4, y, true);
    view.setFloat32(at + 8, z, true);
    at += 12;
  };
  vertex(0, 1, 0); // north pole: 0
  for (let r = 1; r < rings; r++) {
    const theta = (Math.PI * r) / rings;
    for (let s = 0; s < segments; s++) {
      const phi = (2 * Math.PI * s) / segments;
      vertex(Math.sin(theta) * Math.cos(phi), Math.cos(theta), Math.sin(theta) * Math.sin(phi));
    }
  }
  vertex(0, -1, 0); // south pole: vertices − 1
  const ring = (r: number, s: number) => 1 + (r - 1) * segments + (s % segments);
  const face = (a: number, b: number, c: number) => {
    view.setUint8(at, 3);
    view.setUint32(at + 1, a, true);
    view.setUint32(at + 5, b, true);
    view.setUint32(at + 9, c, true);
    at += 13;
  };
  for (let s = 0; s < segments; s++) face(0, ring(1, s + 1), ring(1, s)); // outward (counter-clockwise seen from outside)
  for (let r = 1; r < rings - 1; r++) {
    for (let s = 0; s < segments; s++) {
      face(ring(r, s), ring(r, s + 1), ring(r + 1, s + 1));
      face(ring(r, s), ring(r + 1, s + 1), ring(r + 1, s));
    }
  }
  for (let s = 0; s < segments; s++) face(vertices - 1, ring(rings - 1, s), ring(rings - 1, s + 1));
  return { bytes, faces };
}

describe.skipIf(!hasChromium)(
  'a million-triangle mesh dropped with the Spherical Parametrize panel open',
  () => {
    let server: PreviewServer;
    let s: Session;
    let dir: string;
    let faces = 0;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'homeomorph-big-'));
      const sphere = spherePly(501, 1000);
      faces = sphere.faces;
      writeFileSync(join(dir, 'sphere_1m.ply'), sphere.bytes);
      server = await startServer();
      s = await openEditor(server);
      // The page fetches the file from here (a 19 MB drop payload does not go through evaluate()).
      await s.page.route('**/__e2e__/sphere_1m.ply', (route) =>
        route.fulfill({ path: join(dir, 'sphere_1m.ply'), contentType: 'application/octet-stream' }),
      );
    });

    afterAll(async () => {
      await s?.close();
      await server?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    // Long tasks are wall-clock: on a shared, overloaded machine a descheduled task reads longer than it
    // ran, hence the retries and the loose bound. Inspecting these 1M triangles on the UI thread (what
    // the poll did before) takes ≈2 s on the loaded 2-core test machine, so a regression fails all three;
    // what remains is import work (vertex normals, copies for the BVH and inspect workers: ≈0.35 s).
    it(
      'shows "Inspecting…" until the worker answers, then its verdict, without freezing the UI thread',
      { retry: 2 },
      async () => {
        expect(faces).toBe(1_000_000);
        const panel = s.page.locator('[data-operator="mesh.spherical_parametrize"]');
        if (await panel.evaluate((e) => e.classList.contains('lil-closed')))
          await panel.locator('> .lil-title').click();
        await expect.poll(() => panel.getAttribute('data-poll')).toBe('ok'); // Spot, the sample
        const dropName = `sphere_1m_${Date.now()}`;
        await s.page.evaluate(async (name) => {
          type W = {
            longTasks: number[][];
            longTaskObserver?: PerformanceObserver;
            pollStates: [number, string][];
            pollObserver?: MutationObserver;
            dropAt: number;
          };
          const w = window as unknown as W;
          // No drawing: Chromium here rasterises WebGL in software (SwiftShader), where the first frame of a
          // million triangles blocks the page for 2–5 s — a cost of the test machine, not of the editor,
          // that would hide what this test is about (the scene, panels and polls on the UI thread).
          (
            w as unknown as { homeomorph: { viewport: { renderer: { render: () => void } } } }
          ).homeomorph.viewport.renderer.render = () => {};
          const blob = await (await fetch('/__e2e__/sphere_1m.ply')).blob();
          const file = new File([blob], `${name}.ply`);
          w.longTasks = [];
          w.longTaskObserver?.disconnect(); // a retry must not count tasks twice
          w.longTaskObserver = new PerformanceObserver((list) => {
            for (const e of list.getEntries())
              w.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
          });
          w.longTaskObserver.observe({ type: 'longtask' });
          const folder = document.querySelector('[data-operator="mesh.spherical_parametrize"]')!;
          w.pollStates = [];
          w.pollObserver?.disconnect();
          w.pollObserver = new MutationObserver(() =>
            w.pollStates.push([Math.round(performance.now()), folder.getAttribute('data-poll') ?? '']),
          );
          w.pollObserver.observe(folder, { attributes: true, attributeFilter: ['data-poll'] });
          const transfer = new DataTransfer();
          transfer.items.add(file);
          const target = document.getElementById('viewport')!;
          w.dropAt = Math.round(performance.now());
          target.dispatchEvent(
            new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }),
          );
          target.dispatchEvent(
            new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
          );
          target.dispatchEvent(
            new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
          );
        }, dropName);
        const active = () =>
          s.page.evaluate(
            () =>
              (window as unknown as { homeomorph: { editor: { active: { name: string } | null } } })
                .homeomorph.editor.active?.name ?? null,
          );
        await expect.poll(active, { timeout: 90_000 }).toBe(dropName);
        // The verdict on the new mesh: after a 'pending' state (the poll waited for the worker), 'ok'.
        await expect
          .poll(
            () =>
              s.page.evaluate(() =>
                (window as unknown as { pollStates: [number, string][] }).pollStates
                  .map((p) => p[1])
                  .join(' '),
              ),
            { timeout: 90_000 },
          )
          .toMatch(/pending( pending)* ok$/);
        expect(await s.page.locator('[data-run="mesh.spherical_parametrize"]').isDisabled()).toBe(false);
        await s.page.waitForTimeout(300); // let the observer deliver the last tasks
        const { longTasks, pollStates, dropAt } = await s.page.evaluate(() => {
          const w = window as unknown as {
            longTasks: number[][];
            pollStates: [number, string][];
            dropAt: number;
          };
          return { longTasks: w.longTasks, pollStates: w.pollStates, dropAt: w.dropAt };
        });
        const verdictAt = pollStates.at(-1)![0];
        const pendingAt = pollStates.find((p) => p[1] === 'pending')![0];
        const during = longTasks.filter(
          ([start, duration]) => start! + duration! > dropAt && start! <= verdictAt,
        );
        const longest = Math.max(0, ...during.map((t) => t[1]!));
        console.log(
          `1M-triangle PLY drop → Spherical Parametrize verdict: ${((verdictAt - dropAt) / 1000).toFixed(1)} s (Inspecting… shown after ${((pendingAt - dropAt) / 1000).toFixed(1)} s); ` +
            `longest main-thread task ${longest} ms; tasks over 50 ms [start − drop, ms]: ${JSON.stringify(during.map(([t, d]) => [t! - dropAt, d]))}`,
        );
        expect(longest).toBeLessThan(1000);
      },
    );
  },
);
