import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { preview } from 'vite';
import type { PreviewServer } from 'vite';

/**
 * The browser tests drive Debian's Chromium (headless, software WebGL) with playwright-core against
 * a production build of the web editor served by `vite preview` (with the COOP/COEP headers).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const hasChromium = existsSync(CHROMIUM);
export const hasBuild = existsSync(join(repoRoot, 'dist', 'web', 'index.html'));

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebGL2 without a GPU: SwiftShader through ANGLE.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export interface Session {
  browser: Browser;
  page: Page;
  url: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<PreviewServer> {
  return preview({
    configFile: join(repoRoot, 'vite.web.config.ts'),
    logLevel: 'error',
    preview: { port: 0, host: '127.0.0.1', open: false },
  });
}

/** Launches Chromium with a fresh profile and opens the editor; resolves once the sample scene is shown. */
export async function openEditor(
  server: PreviewServer,
  /** cores: what navigator.hardwareConcurrency says in the page (sizes its worker pool). */
  options: { waitForSample?: boolean; cores?: number } = {},
): Promise<Session> {
  const url = server.resolvedUrls!.local[0]!;
  const profile = mkdtempSync(join(tmpdir(), 'homeomorph-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
  });
  const browser = context.browser()!;
  const cores = options.cores;
  if (cores !== undefined)
    await context.addInitScript(
      (n) => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => n }),
      cores,
    );
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { timeout: 90_000 }); // a busy shared machine can take long to serve and parse the bundle
  if (options.waitForSample !== false) {
    await page.waitForFunction(
      () =>
        (window as unknown as { homeomorph?: { editor: { scene: { children: unknown[] } } } }).homeomorph
          ?.editor.scene.children.length === 1,
      null,
      { timeout: 30_000 },
    );
  }
  return {
    browser,
    page,
    url,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The share of canvas pixels that differ clearly from the background colour (0x2b2d31). */
export async function canvasCoverage(page: Page): Promise<number> {
  return page.evaluate(() => {
    const source = document.querySelector<HTMLCanvasElement>('#viewport canvas')!;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const g = copy.getContext('2d')!;
    g.drawImage(source, 0, 0);
    const { data } = g.getImageData(0, 0, copy.width, copy.height);
    let differing = 0;
    for (let i = 0; i < data.length; i += 4) {
      const d = Math.abs(data[i]! - 0x2b) + Math.abs(data[i + 1]! - 0x2d) + Math.abs(data[i + 2]! - 0x31);
      if (d > 60) differing++;
    }
    return differing / (data.length / 4);
  });
}

/** Dispatches a real drop event carrying files (bytes from Node) on the viewport. */
export async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString('base64') }));
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const binary = atob(f.base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      transfer.items.add(new File([bytes], f.name));
    }
    const target = document.getElementById('viewport')!;
    target.dispatchEvent(
      new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
    target.dispatchEvent(
      new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, payload);
}

/** Names of the top-level objects in the scene. */
export function sceneNames(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (
      window as unknown as { homeomorph: { editor: { scene: { children: { name: string }[] } } } }
    ).homeomorph.editor.scene.children.map((o) => o.name),
  );
}
