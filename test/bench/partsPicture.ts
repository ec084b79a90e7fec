/**
 * Renders a shape decomposed into Neural Parts for the README: the input's faces coloured by part
 * (left) and the fitted primitives (right), headless in Debian's Chromium (software WebGL).
 *
 *   npx vite-node test/bench/partsPicture.ts -- [--shape human_man] [--parts 5] [--seconds 150] [--clock wall|cpu]
 *                                              [--out docs/parts-human.png]
 *
 * It fits with the plugin's job (its defaults otherwise), prints the metrics, and writes the PNG.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { JobContext } from '../../src/core/plugin/Job';
import { resolveProps } from '../../src/core/plugin/PropSpec';
import { neuralPartsJob } from '../../src/plugins/neural-parts/job';
import { partColor } from '../../src/plugins/neural-parts/operator';
import { neuralPartsProps } from '../../src/plugins/neural-parts/props';
import { nodeOnnx } from '../plugins/fit-sdf/nodeOnnx';
import { loadSharedMesh } from '../helpers/shared';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const root = resolve(import.meta.dirname, '..', '..');
const shape = option('shape', 'human_man');
const out = resolve(root, option('out', 'docs/parts-human.png'));
const props = resolveProps(neuralPartsProps, {
  parts: Number(option('parts', '5')),
  seconds: Number(option('seconds', '150')),
  clock: option('clock', 'wall'),
});
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const loadBefore = load();

const mesh = loadSharedMesh(`${shape}.obj`);
const ctx: JobContext = { signal: new AbortController().signal, onnx: nodeOnnx, progress: () => {} };
const { output } = await neuralPartsJob(
  { positions: Float32Array.from(mesh.positions), indices: mesh.indices.slice() },
  props,
  ctx,
);
const { perPart: _perPart, ...summary } = output.metrics;
console.log(JSON.stringify({ ...summary, load: `${loadBefore} → ${load()}` }));

/** One drawable: positions, indices, an sRGB colour. */
interface Drawable {
  positions: number[];
  indices: number[];
  color: string;
}
const parts: Drawable[] = output.parts.map((p) => ({
  positions: Array.from(p.positions),
  indices: Array.from(p.indices),
  color: `#${partColor(p.primitive).getHexString()}`,
}));
const primitives: Drawable[] = output.primitives.map((p, m) => ({
  positions: Array.from(p.positions),
  indices: Array.from(p.indices),
  color: `#${partColor(m).getHexString()}`,
}));

// three.js as one script for the page (no server, no network)
const bundle = await build({
  stdin: { contents: "import * as THREE from 'three'; window.THREE = THREE;", resolveDir: root },
  bundle: true,
  format: 'iife',
  write: false,
  logLevel: 'silent',
});
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'homeomorph-picture-')), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
  ],
  viewport: { width: 1200, height: 800 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setContent(
    '<html><body style="margin:0;background:#fff"><canvas id="c" width="1200" height="800"></canvas></body></html>',
  );
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  await page.evaluate(
    ({ parts, primitives }) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const THREE = (window as any).THREE;
      const canvas = document.getElementById('c') as HTMLCanvasElement;
      const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
      renderer.setClearColor(0xffffff);
      const scene = new THREE.Scene();
      scene.add(new THREE.HemisphereLight(0xffffff, 0x444444, 1.6));
      const sun = new THREE.DirectionalLight(0xffffff, 1.8);
      sun.position.set(1, 2, 3);
      scene.add(sun);
      const group = (items: typeof parts): InstanceType<typeof THREE.Group> => {
        const g = new THREE.Group();
        for (const d of items) {
          const geometry = new THREE.BufferGeometry();
          geometry.setAttribute('position', new THREE.Float32BufferAttribute(d.positions, 3));
          geometry.setIndex(d.indices);
          geometry.computeVertexNormals();
          g.add(
            new THREE.Mesh(geometry, new THREE.MeshStandardMaterial({ color: d.color, roughness: 0.55 })),
          );
        }
        return g;
      };
      const left = group(parts),
        right = group(primitives);
      const box = new THREE.Box3().setFromObject(left);
      const size = box.getSize(new THREE.Vector3()),
        centre = box.getCenter(new THREE.Vector3());
      const shift = Math.max(size.x, size.z) * 1.25;
      left.position.set(-centre.x - shift / 2, -centre.y, -centre.z);
      right.position.set(-centre.x + shift / 2, -centre.y, -centre.z);
      scene.add(left, right);
      const camera = new THREE.PerspectiveCamera(30, 1.5, 0.01, 1000);
      const distance = Math.max(size.y, 1.5 * shift) * 2.2;
      camera.position.set(distance * 0.3, size.y * 0.3, distance);
      camera.lookAt(0, 0, 0);
      renderer.render(scene, camera);
    },
    { parts, primitives },
  );
  await page.locator('#c').screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await context.close();
}
