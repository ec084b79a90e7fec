import { net, protocol } from 'electron';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The editor is served from app://homeomorph/ rather than file://: a real origin lets module Web
 * Workers and WebAssembly load, and lets us send COOP/COEP (cross-origin isolation for
 * onnxruntime-web threads) and the CSP as headers.
 */
export const APP_ORIGIN = 'app://homeomorph';

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "worker-src 'self' blob:; connect-src 'self' blob: data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.glb': 'model/gltf-binary',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.onnx': 'application/octet-stream',
};

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
    },
  ]);
}

/** Serves files under `root` (the built renderer) and nothing outside it. */
export function serveAppProtocol(root: string): void {
  const base = normalize(root + sep);
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'homeomorph') return new Response('not found', { status: 404 });
    const path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(base)) return new Response('forbidden', { status: 403 });
    const file = await net.fetch(pathToFileURL(path).toString()).catch(() => null);
    if (!file || !file.ok) return new Response('not found', { status: 404 });
    const headers = new Headers({
      'Content-Type': MIME[extname(path)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
    });
    return new Response(file.body, { status: 200, headers });
  });
}
