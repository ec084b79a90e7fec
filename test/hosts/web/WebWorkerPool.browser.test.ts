import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../../scripts/build-cli.mjs';

/**
 * The Web Worker host in a real browser: the page runs the real WebWorkerPool and runJob, the
 * workers the real Web Worker body with the fixture jobs (test/fixtures/jobs/web*.ts).
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium)
  console.warn(`no Chromium at ${chromiumPath}: the browser test of the Web Worker host is skipped`);

type Outcome = { ok: boolean; kind?: string; message?: string; output?: unknown; progress: number };

describe.skipIf(!hasChromium)('Web Worker host in Chromium', () => {
  const outdir = join(root, 'out', 'test-web');
  let server: Server;
  let browser: Browser;
  let page: Page;
  const outcome = (
    job: string,
    input: unknown,
    props: Record<string, unknown>,
    cancelAfterMs?: number,
  ): Promise<Outcome> =>
    page.evaluate(
      ([j, i, p, c]) =>
        (
          window as unknown as { hostTest: { outcome: (...a: unknown[]) => Promise<Outcome> } }
        ).hostTest.outcome(j, i, p, [], c),
      [job, input, props, cancelAfterMs] as const,
    );

  beforeAll(async () => {
    await build({
      entryPoints: {
        page: join(root, 'test/fixtures/jobs/webPage.ts'),
        webWorker: join(root, 'test/fixtures/jobs/webWorker.ts'),
      },
      outdir,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'warning',
    });
    server = createServer((request, response) => {
      const name = request.url === '/' ? 'index.html' : (request.url ?? '').slice(1);
      if (name === 'index.html') {
        response.setHeader('content-type', 'text/html');
        response.end('<!doctype html><script type="module" src="./page.js"></script>');
      } else if (/^[\w.-]+\.js$/.test(name) && existsSync(join(outdir, name))) {
        response.setHeader('content-type', 'text/javascript');
        response.end(readFileSync(join(outdir, name)));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => 'hostTest' in window);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('runs a job, transferring typed arrays (the sender’s buffer is detached)', async () => {
    const result = await page.evaluate(() =>
      (
        window as unknown as { hostTest: { transferDetaches(): Promise<unknown> } }
      ).hostTest.transferDetaches(),
    );
    expect(result).toEqual({ senderBytes: 0, values: [2, 4, 6], sum: 12 });
  });

  it('reports progress and cancels', async () => {
    expect(await outcome('test.progress', null, { steps: 4, sleepMs: 15 })).toMatchObject({
      ok: true,
      output: 4,
    });
    expect((await outcome('test.progress', null, { steps: 4, sleepMs: 15 })).progress).toBeGreaterThanOrEqual(
      2,
    );
    expect(await outcome('test.untilCancelled', null, {}, 50)).toMatchObject({
      ok: false,
      kind: 'cancelled',
    });
  });

  it('reports a throwing job and an input error, and survives a worker killed by a stray error', async () => {
    expect(await outcome('test.throws', null, {})).toMatchObject({
      ok: false,
      kind: 'job',
      message: 'boom: the job has a bug',
    });
    expect(await outcome('test.inputError', null, {})).toMatchObject({ ok: false, kind: 'input' });
    const crashed = await outcome('test.crashesAsync', null, {});
    expect(crashed).toMatchObject({ ok: false, kind: 'crashed' });
    expect(crashed.message).toContain('stray async failure');
    expect(await outcome('test.scale', { values: new Float64Array([4]) }, { factor: 2 })).toMatchObject({
      ok: true,
      output: { sum: 8 },
    });
  });

  it('kills a worker whose job ignores cancel, and the pool goes on', async () => {
    const started = Date.now();
    const result = await page.evaluate(async () => {
      const t = (window as unknown as { hostTest: { outcome: (...a: unknown[]) => Promise<Outcome> } })
        .hostTest;
      return t.outcome('test.ignoresCancel', null, { ms: 8000 }, [], 50);
    });
    expect(result).toMatchObject({ ok: false, kind: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(6000);
    expect(await outcome('test.scale', { values: new Float64Array([1]) }, { factor: 5 })).toMatchObject({
      ok: true,
      output: { sum: 5 },
    });
  });
});
