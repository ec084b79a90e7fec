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
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
  },
});
