/**
 * `npm run bench -- spherical [MESH…] [--refactor] [--warm] [--repeat N]`: our cMCF sphere map side by
 * side with the native reference (../shared/tools/cmcf-native, Eigen SimplicialLDLT) on the same
 * meshes in the same run. The reference is compiled into .bench/ from its source (never copied into
 * the project); the ~140k-vertex mesh (one midpoint subdivision of nefertiti_lowres) is written to
 * .bench/ too.
 *
 * Every timed run of ours is a *cold* run in a fresh Node process (what a user gets from a new
 * worker: JIT compilation included), like the native reference, which starts fresh each time.
 * `--warm` adds a row for a second run in the same process (JIT already warm), labelled as such.
 * `--repeat N` runs both sides N times, each in a fresh process, and keeps the fastest of each
 * (useful on a loaded machine). `--refactor` adds a row for our solver refactoring every step.
 * `--js-kernel` adds a row for our solver with the JavaScript factorisation kernel instead of the
 * WebAssembly one (same results to the bit), run interleaved with the default.
 * `--before DIR` adds a row for another checkout of this project (e.g. an earlier commit unpacked with
 * `git archive`, with a node_modules link), its own bench file run as the child, interleaved in the same
 * rounds: before/after figures under the same load.
 * `--host` instead measures the job host: the CLI's worker (out/cli/worker.mjs, built by
 * `node scripts/build-cli.mjs`) started fresh per run, the job posted with the mesh, and the times to
 * its first progress message (worker start, module load, topology check), to the first flow step and
 * to the result, beside the flow's own `seconds`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Mesh } from '../../src/core/mesh/Mesh';
import { parseObjMesh } from '../../src/core/io/parseObjMesh';
import {
  sphericalParametrize,
  type SphericalMetrics,
  type StepSolver,
} from '../../src/core/spherical/sphericalParametrize';
import type { SupernodalKernelChoice } from '../../src/core/sparse/SupernodalLdlt';
import { datasetPath, hasShared, sharedDir } from '../helpers/shared';
import { machineLine } from './machine';

const benchDir = resolve('.bench');
const referenceSource = join(sharedDir, 'tools', 'cmcf-native', 'cmcf.cpp');
const referenceBinary = join(benchDir, 'cmcf');
const BIG = 'nefertiti_lowres_x4';

const args = process.argv.slice(2).filter((a) => a !== '--');
const withRefactor = args.includes('--refactor');
const withJsKernel = args.includes('--js-kernel');
// Mesh names: the arguments that are neither flags nor a flag's value.
const requested = args.filter(
  (a, i) => !a.startsWith('--') && args[i - 1] !== '--repeat' && args[i - 1] !== '--before',
);
const beforeAt = args.indexOf('--before');
const beforeDir = beforeAt >= 0 ? resolve(args[beforeAt + 1] ?? '') : null;
const meshes =
  requested.length > 0
    ? requested
    : [
        'spot_low',
        'human_man',
        'spot',
        'armadillo',
        'bunny_hr',
        'nefertiti_lowres',
        BIG,
        'bunny',
        'human_woman',
        'cheburashka',
        'fandisk',
      ];

if (!hasShared) {
  console.log(`shared datasets not found at ${sharedDir}: nothing to benchmark`);
  process.exit(0);
}
mkdirSync(benchDir, { recursive: true });

/** Compiles the reference like its build.sh does (g++ -O3 -march=native, Eigen + CHOLMOD), once. */
function buildReference(): string | null {
  if (!existsSync(referenceSource)) return `reference source not found at ${referenceSource}`;
  if (existsSync(referenceBinary) && statSync(referenceBinary).mtimeMs > statSync(referenceSource).mtimeMs)
    return null;
  if (!existsSync('/usr/include/eigen3') || !existsSync('/usr/include/suitesparse')) {
    return 'Eigen or SuiteSparse headers missing: apt-get install -y g++ libeigen3-dev libsuitesparse-dev';
  }
  const result = spawnSync(
    'g++',
    [
      '-std=c++17',
      '-O3',
      '-march=native',
      '-DNDEBUG',
      '-isystem',
      '/usr/include/eigen3',
      '-isystem',
      '/usr/include/suitesparse',
      referenceSource,
      '-o',
      referenceBinary,
      '-lcholmod',
      '-lsuitesparseconfig',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0)
    return `could not build the reference: ${(result.stderr || result.error?.message || '').slice(0, 400)}`;
  return null;
}

interface ReferenceRun {
  steps: number;
  total_s: number;
  factor_s: number;
  flipped: number;
  angle_mean: number;
  angle_max: number;
  area_log_mean: number;
  radial_dev: number;
  error?: string;
}

function runReference(file: string): ReferenceRun | string {
  const result = spawnSync(referenceBinary, ['--solver', 'eigen', '--factor-reps', '1', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as ReferenceRun;
  } catch {
    return `reference failed: ${result.stderr.slice(0, 200)}`;
  }
}

/** One round of midpoint (1→4) subdivision: new vertices at edge midpoints, in float64. */
function midpointSubdivide(mesh: Mesh): Mesh {
  const n = mesh.positions.length / 3;
  const positions: number[] = Array.from(mesh.positions);
  const midpoint = new Map<number, number>();
  const mid = (a: number, b: number): number => {
    const key = a < b ? a * n + b : b * n + a;
    let m = midpoint.get(key);
    if (m === undefined) {
      m = positions.length / 3;
      for (let c = 0; c < 3; c++) positions.push((mesh.positions[3 * a + c] + mesh.positions[3 * b + c]) / 2);
      midpoint.set(key, m);
    }
    return m;
  };
  const indices: number[] = [];
  for (let f = 0; f < mesh.indices.length; f += 3) {
    const [a, b, c] = [mesh.indices[f], mesh.indices[f + 1], mesh.indices[f + 2]];
    const ab = mid(a, b);
    const bc = mid(b, c);
    const ca = mid(c, a);
    indices.push(a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca);
  }
  return { positions: Float64Array.from(positions), indices: Uint32Array.from(indices) };
}

function writeObj(mesh: Mesh, file: string): void {
  const lines: string[] = [];
  for (let i = 0; i < mesh.positions.length; i += 3)
    lines.push(`v ${mesh.positions[i]} ${mesh.positions[i + 1]} ${mesh.positions[i + 2]}`);
  for (let f = 0; f < mesh.indices.length; f += 3)
    lines.push(`f ${mesh.indices[f] + 1} ${mesh.indices[f + 1] + 1} ${mesh.indices[f + 2] + 1}`);
  writeFileSync(file, lines.join('\n') + '\n');
}

function meshFile(name: string): string {
  if (name !== BIG) return datasetPath('meshes', `${name}.obj`);
  const file = join(benchDir, `${BIG}.obj`);
  if (!existsSync(file))
    writeObj(
      midpointSubdivide(parseObjMesh(readFileSync(datasetPath('meshes', 'nefertiti_lowres.obj'), 'utf8'))),
      file,
    );
  return file;
}

const fmt = (v: number, digits = 3): string =>
  Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : '∞';

/**
 * Child mode: `--child FILE SOLVER WARM KERNEL` runs ours once cold (and once warm) and prints JSON
 * lines.
 */
const childAt = args.indexOf('--child');
if (childAt >= 0) {
  const [file, stepSolver, warm, kernel] = args.slice(childAt + 1);
  const mesh = parseObjMesh(readFileSync(file, 'utf8'));
  const runs = warm === 'warm' ? 2 : 1;
  for (let r = 0; r < runs; r++) {
    const { metrics } = await sphericalParametrize(mesh, {
      stepSolver: stepSolver as StepSolver,
      kernel: kernel as SupernodalKernelChoice,
    });
    console.log(JSON.stringify(metrics));
  }
  process.exit(0);
}

const withWarm = args.includes('--warm');
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Math.max(1, Number(args[repeatAt + 1]) || 1) : 1;

/** Ours in a fresh process: [cold metrics, warm metrics (only if asked for)]. */
function runOurs(
  file: string,
  stepSolver: StepSolver,
  kernel: SupernodalKernelChoice,
  checkout?: string,
): SphericalMetrics[] | string {
  const viteNode = resolve('node_modules', 'vite-node', 'vite-node.mjs');
  const self = checkout
    ? join(checkout, 'test', 'bench', 'spherical.bench.ts')
    : fileURLToPath(import.meta.url);
  const result = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=8192',
      viteNode,
      self,
      '--',
      '--child',
      file,
      stepSolver,
      withWarm ? 'warm' : 'cold',
      kernel,
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      cwd: checkout,
      env: { ...process.env, HOMEOMORPH_SHARED: sharedDir },
    },
  );
  const lines = result.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'));
  if (result.status !== 0 || lines.length === 0) return `ours failed: ${result.stderr.slice(0, 300)}`;
  return lines.map((l) => JSON.parse(l) as SphericalMetrics);
}

/** Keeps the faster of two results (an error string wins, so failures show). */
function faster<T extends { seconds: number }>(a: T | string | undefined, b: T | string): T | string {
  if (a === undefined || typeof b === 'string') return b;
  if (typeof a === 'string') return a;
  return b.seconds < a.seconds ? b : a;
}

interface Variant {
  label: string;
  stepSolver: StepSolver;
  kernel: SupernodalKernelChoice;
  /** Another checkout whose code runs this variant (--before). */
  checkout?: string;
  cold?: SphericalMetrics | string;
  warm?: SphericalMetrics | string;
}
if (args.includes('--host')) {
  await benchHost();
  process.exit(0);
}

/** `--host`: cold job runs in a fresh CLI worker (see the header). */
async function benchHost(): Promise<void> {
  const { cliWorkerUrl } = await import('../../src/cli/repoRoot');
  const { createNodeWorkerPool } = await import('../../src/hosts/node/NodeWorkerPool');
  const { runJob } = await import('../../src/core/jobs/runJob');
  const { defaultProps } = await import('../../src/core/plugin/PropSpec');
  const { sphericalProps } = await import('../../src/plugins/spherical-parametrize/props');
  const workerUrl = cliWorkerUrl();
  if (!existsSync(workerUrl)) {
    console.log(`${fileURLToPath(workerUrl)} not found: run \`node scripts/build-cli.mjs\` first`);
    return;
  }
  console.log(machineLine());
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `job host: a fresh CLI worker (worker_threads) per run, ${repeat === 1 ? 'one run each' : `fastest of ${repeat} runs each`}`,
  );
  console.log('');
  console.log(
    '| mesh | V | to first progress ms | to step 1 ms | to result ms | flow seconds (metrics) | outside the flow ms |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|');
  for (const name of meshes) {
    const mesh = parseObjMesh(readFileSync(meshFile(name), 'utf8'));
    let best: number[] | null = null;
    for (let r = 0; r < repeat; r++) {
      const pool = createNodeWorkerPool({ workerUrl, size: 1 });
      const positions = Float64Array.from(mesh.positions);
      const indices = Uint32Array.from(mesh.indices);
      const t0 = performance.now();
      let first = NaN;
      let step1 = NaN;
      const output = await runJob<{ metrics: { seconds: number } }>(
        pool,
        'spherical-parametrize',
        { positions, indices },
        defaultProps(sphericalProps),
        [positions.buffer, indices.buffer],
        {
          onProgress: () => {
            const now = performance.now() - t0;
            if (Number.isNaN(first)) first = now;
            else if (Number.isNaN(step1)) step1 = now;
          },
        },
      );
      const total = performance.now() - t0;
      await pool.dispose();
      const run = [first, step1, total, output.metrics.seconds];
      if (!best || run[2] < best[2]) best = run;
    }
    const [first, step1, total, seconds] = best!;
    console.log(
      `| ${name} | ${mesh.positions.length / 3} | ${fmt(first)} | ${fmt(step1)} | ${fmt(total)} | ${fmt(seconds)} | ${fmt(total - 1000 * seconds)} |`,
    );
  }
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

const buildProblem = buildReference();
console.log(machineLine());
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (2 cores; other work on the machine inflates both columns)`,
);
console.log(
  `every run of ours is a cold run in a fresh Node process (JIT compilation included), as the reference is a fresh native process; ${repeat === 1 ? 'one run each' : `fastest of ${repeat} runs each`}${withWarm ? '; "warm" rows: a second run in the same process' : ''}`,
);
if (buildProblem) console.log(`NOTE: ${buildProblem} — showing our figures only`);
console.log('');
console.log(
  '| mesh | V | solver | steps | seconds | ×ref | flips | angle mean | angle max | area mean | rad. dev. | factorisations | PCG its | nnz(L) | factor s |',
);
console.log('|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const name of meshes) {
  const file = meshFile(name);
  const V = parseObjMesh(readFileSync(file, 'utf8')).positions.length / 3;
  // `repeat` rounds, each running the reference and every variant of ours once (interleaved, so
  // a burst of load hits all of them alike); the fastest run of each is kept.
  const variants: Variant[] = [{ label: 'reuse: stale-factor PCG', stepSolver: 'reuse', kernel: 'auto' }];
  if (withJsKernel)
    variants.push({ label: 'reuse: stale-factor PCG, JS kernel', stepSolver: 'reuse', kernel: 'js' });
  if (withRefactor) variants.push({ label: 'refactor each step', stepSolver: 'refactor', kernel: 'auto' });
  if (beforeDir)
    variants.push({
      label: `before: ${beforeDir}`,
      stepSolver: 'reuse',
      kernel: 'auto',
      checkout: beforeDir,
    });
  let reference: (ReferenceRun & { seconds: number }) | string | undefined;
  for (let r = 0; r < repeat; r++) {
    if (!buildProblem) {
      const run = runReference(file);
      reference = faster(reference, typeof run === 'string' ? run : { ...run, seconds: run.total_s });
    }
    for (const variant of variants) {
      const runs = runOurs(file, variant.stepSolver, variant.kernel, variant.checkout);
      variant.cold = faster(variant.cold, typeof runs === 'string' ? runs : runs[0]);
      if (typeof runs === 'string' || runs[1])
        variant.warm = faster(variant.warm, typeof runs === 'string' ? runs : runs[1]);
    }
  }
  let refSeconds = NaN;
  if (typeof reference === 'string') console.log(`| ${name} | ${V} | reference | ${reference} |`);
  else if (reference) {
    refSeconds = reference.total_s;
    console.log(
      `| ${name} | ${V} | reference Eigen LDLᵀ | ${reference.steps} | ${fmt(reference.total_s)} | 1 | ${reference.flipped} | ${fmt(reference.angle_mean)} | ${fmt(reference.angle_max)} | ${fmt(reference.area_log_mean)} | ${fmt(reference.radial_dev, 2)} | ${reference.steps} | – | – | ${fmt(reference.factor_s)} |`,
    );
  }
  for (const variant of variants) {
    const rows: [string, SphericalMetrics | string | undefined][] = [
      [`ours, cold (${variant.label})`, variant.cold],
      [`ours, warm (${variant.label})`, variant.warm],
    ];
    for (const [what, m] of rows) {
      if (m === undefined) continue;
      if (typeof m === 'string') {
        console.log(`| ${name} | ${V} | ${what} | ${m} |`);
        continue;
      }
      console.log(
        `| ${name} | ${V} | ${what} | ${m.steps} | ${fmt(m.seconds)} | ${fmt(m.seconds / refSeconds, 2)} | ${m.flippedTriangles} | ${fmt(m.angleDistortionMean)} | ${fmt(m.angleDistortionMax)} | ${fmt(m.areaDistortionMean)} | ${fmt(m.radialDeviation, 2)} | ${m.factorizations} | ${m.pcgIterations} | ${m.factorNonzeros} | ${fmt(m.factorSeconds)} |`,
      );
    }
  }
}
console.log('');
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  "seconds: ours = normalisation, Laplacian, ordering and analysis, all steps, projection (the reference's total_s; neither counts reading the file); ×ref = ours / reference on the same mesh in this run; angle = mean/max |θ′−θ|/θ over corners; area = mean |ln(a′/a)|; factor s = the numeric factorisations' seconds (the reference's factor_s).",
);
