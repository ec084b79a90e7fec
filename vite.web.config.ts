import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The web editor: the renderer alone, served and built by Vite (`npm run web`, `npm run build:web`).
 * COOP/COEP make the page cross-origin isolated, so onnxruntime-web can use threads
 * (SharedArrayBuffer); nothing is loaded from other origins anyway.
 */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  publicDir: false,
  server: { headers: isolation, fs: { allow: [import.meta.dirname] } },
  preview: { headers: isolation },
  worker: { format: 'es' },
  // three-mesh-bvh's worker is loaded by URL relative to its own module: it must not be pre-bundled.
  optimizeDeps: { exclude: ['onnxruntime-web', 'three-mesh-bvh'] },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
  },
});
