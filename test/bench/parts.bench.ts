/**
 * Decompose into Neural Parts benchmark: the plugin's job (its defaults unless overridden) on shared
 * meshes for several part counts, IoU and Chamfer-L1 next to the paper's D-FAUST figures.
 *
 *   npm run bench -- parts [--shapes human_man,spot,armadillo] [--parts 2,5,8,10] [--seconds 150]
 *                          [--steps 0] [--batch 1000] [--hidden 32] [--lr 0.005] [--seed 0]
 *
 * Every run is a separate fit of one shape (no training set). The machine is shared: the load
 * average is printed with each row, and a figure measured under load is an upper bound on time
 * (and, for a fixed time budget, a lower bound on quality).
 */
import { readFileSync } from 'node:fs';
import { resolveProps } from '../../src/core/plugin/PropSpec';
import type { JobContext } from '../../src/core/plugin/Job';
import { neuralPartsJob } from '../../src/plugins/neural-parts/job';
import { neuralPartsProps } from '../../src/plugins/neural-parts/props';
import { nodeOnnx } from '../plugins/fit-sdf/nodeOnnx';
import { hasShared, loadSharedMesh } from '../helpers/shared';
import { machineLine } from './machine';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const shapes = option('shapes', 'human_man,spot,armadillo').split(',');
const counts = option('parts', '2,5,8,10').split(',').map(Number);
const defaults = resolveProps(neuralPartsProps, {});
const overrides = {
  seconds: Number(option('seconds', String(defaults.seconds))),
  steps: Number(option('steps', '0')),
  batch: Number(option('batch', String(defaults.batch))),
  hidden: Number(option('hidden', String(defaults.hidden))),
  lr: Number(option('lr', String(defaults.lr))),
  seed: Number(option('seed', '0')),
};

const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

if (!hasShared) {
  console.log('parts bench: ../shared/datasets not found, nothing to measure');
  process.exit(0);
}
console.log(machineLine());
console.log(`settings: ${JSON.stringify(overrides)}`);
console.log(
  'paper (D-FAUST, from a single image, trained on the dataset): IoU 0.673–0.678, Chamfer-L1 0.090–0.101 for 2–10 primitives',
);
console.log(
  '| shape | faces | N | IoU | Chamfer-L1 | steps | fit s | total s | faces per part | load (1/5/15 min) |',
);
console.log('|---|--:|--:|--:|--:|--:|--:|--:|---|---|');
for (const shape of shapes) {
  const mesh = loadSharedMesh(`${shape}.obj`);
  for (const parts of counts) {
    const props = resolveProps(neuralPartsProps, { ...overrides, parts });
    const ctx: JobContext = { signal: new AbortController().signal, onnx: nodeOnnx, progress: () => {} };
    const before = load();
    const { output } = await neuralPartsJob(
      { positions: Float32Array.from(mesh.positions), indices: mesh.indices.slice() },
      props,
      ctx,
    );
    const m = output.metrics;
    console.log(
      `| ${shape} | ${mesh.indices.length / 3} | ${parts} | ${m.iou.toFixed(3)} | ${m.chamferL1.toFixed(4)} | ${m.steps} | ${m.seconds.toFixed(1)} | ${m.totalSeconds.toFixed(1)} | ${m.perPart.map((p) => p.faces).join(' ')} | ${before} → ${load()} |`,
    );
  }
}
