/**
 * Decompose into Neural Parts benchmark: the plugin's job (its defaults unless overridden) on shared
 * meshes for several part counts, IoU and Chamfer-L1 next to the paper's D-FAUST figures.
 *
 *   npm run bench -- parts [--shapes human_man,spot,armadillo] [--parts 2,5,8,10] [--seconds 150]
 *                          [--clock wall|cpu] [--any-other-prop value …]
 *
 * Any of the operator's props can be given (`--batch 800`, `--lr 0.01`); the rest are its defaults.
 * `--clock cpu` counts the budget in CPU seconds of this process, so a figure at "150 CPU-seconds"
 * does not depend on what else the machine runs; both clocks are printed either way.
 * Every run is a separate fit of one shape (no training set). The machine is shared: the load
 * average is printed with each row, and a figure measured under load is an upper bound on time
 * (and, for a fixed time budget, a lower bound on quality).
 */
import { readFileSync } from 'node:fs';
import { parseProp, resolveProps } from '../../src/core/plugin/PropSpec';
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
const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const overrides: Record<string, unknown> = { seed: 0 };
for (let i = 0; i < args.length; i++) {
  if (!args[i]!.startsWith('--')) continue;
  const name = camel(args[i]!.slice(2));
  if (name === 'shapes' || name === 'parts' || name === 'boxes') continue;
  const spec = (neuralPartsProps as Record<string, (typeof neuralPartsProps)[keyof typeof neuralPartsProps]>)[
    name
  ];
  if (!spec) throw new Error(`unknown option --${args[i]!.slice(2)}`);
  overrides[name] = parseProp(name, spec, args[++i] ?? '');
}

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
  '| shape | faces | N | IoU | false in / out | Chamfer-L1 | steps | fit CPU s | fit wall s | total CPU s | total wall s | faces per part | re-seeded (primitive@step) | load (1/5/15 min) |',
);
console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|---|');
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
      `| ${shape} | ${mesh.indices.length / 3} | ${parts} | ${m.iou.toFixed(3)} | ${m.falseInside.toFixed(3)} / ${m.falseOutside.toFixed(3)} | ${m.chamferL1.toFixed(4)} | ${m.steps} | ${m.cpuSeconds.toFixed(1)} | ${m.seconds.toFixed(1)} | ${m.totalCpuSeconds.toFixed(1)} | ${m.totalSeconds.toFixed(1)} | ${m.perPart.map((p) => p.faces).join(' ')} | ${m.reseeded.map((r) => `${r.primitive}@${r.step}`).join(' ') || '–'} | ${before} → ${load()} |`,
    );
    if (args.includes('--boxes'))
      output.primitives.forEach((p, i) => {
        const lo = [Infinity, Infinity, Infinity],
          hi = [-Infinity, -Infinity, -Infinity];
        p.positions.forEach((v, k) => {
          lo[k % 3] = Math.min(lo[k % 3]!, v);
          hi[k % 3] = Math.max(hi[k % 3]!, v);
        });
        console.log(
          `  primitive ${i}: ${lo.map((v, k) => `${v.toFixed(2)}…${hi[k]!.toFixed(2)}`).join(' ')}`,
        );
      });
  }
}
