/**
 * `npm run bench -- spherical [MESH…] [--refactor]`: our cMCF sphere map side by side with the native
 * reference (../shared/tools/cmcf-native, Eigen SimplicialLDLT) on the same meshes in the same run.
 * The reference is compiled into .bench/ from its source (never copied into the project); the
 * ~140k-vertex mesh (one midpoint subdivision of nefertiti_lowres) is written to .bench/ too.
 * `--refactor` adds a row for our solver refactoring every step (no stale-factor PCG). The JIT is
 * warmed up on bunny before anything is timed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Mesh } from '../../src/core/mesh/Mesh';
import { parseObjMesh } from '../../src/core/io/parseObjMesh';
import {
  sphericalParametrize,
  type SphericalMetrics,
  type StepSolver,
} from '../../src/core/spherical/sphericalParametrize';
import { datasetPath, hasShared, sharedDir } from '../helpers/shared';
import { machineLine } from './machine';

const benchDir = resolve('.bench');
const referenceSource = join(sharedDir, 'tools', 'cmcf-native', 'cmcf.cpp');
const referenceBinary = join(benchDir, 'cmcf');
const BIG = 'nefertiti_lowres_x4';

const args = process.argv.slice(2).filter((a) => a !== '--');
const withRefactor = args.includes('--refactor');
const requested = args.filter((a) => !a.startsWith('--'));
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

const buildProblem = buildReference();
// One untimed run first, so the JIT compiles the flow's code before anything is timed (a worker pays
// this once; the native reference has nothing to warm up).
for (const stepSolver of ['reuse', 'refactor'] as const) {
  await sphericalParametrize(parseObjMesh(readFileSync(datasetPath('meshes', 'bunny.obj'), 'utf8')), {
    stepSolver,
    maxSteps: 20,
  });
}
console.log(machineLine());
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (2 cores; other work on the machine inflates both columns)`,
);
if (buildProblem) console.log(`NOTE: ${buildProblem} — showing our figures only`);
console.log('');
console.log(
  '| mesh | V | solver | steps | seconds | ×ref | flips | angle mean | angle max | area mean | rad. dev. | factorisations | PCG its | nnz(L) |',
);
console.log('|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const name of meshes) {
  const file = meshFile(name);
  const mesh = parseObjMesh(readFileSync(file, 'utf8'));
  const V = mesh.positions.length / 3;
  const reference = buildProblem ? null : runReference(file);
  let refSeconds = NaN;
  if (typeof reference === 'string') console.log(`| ${name} | ${V} | reference | ${reference} |`);
  else if (reference) {
    refSeconds = reference.total_s;
    console.log(
      `| ${name} | ${V} | reference Eigen LDLᵀ | ${reference.steps} | ${fmt(reference.total_s)} | 1 | ${reference.flipped} | ${fmt(reference.angle_mean)} | ${fmt(reference.angle_max)} | ${fmt(reference.area_log_mean)} | ${fmt(reference.radial_dev, 2)} | ${reference.steps} | – | – |`,
    );
  }
  const solvers: StepSolver[] = withRefactor ? ['reuse', 'refactor'] : ['reuse'];
  for (const stepSolver of solvers) {
    const m: SphericalMetrics = (await sphericalParametrize(mesh, { stepSolver })).metrics;
    console.log(
      `| ${name} | ${V} | ours (${stepSolver === 'reuse' ? 'reuse: stale-factor PCG' : 'refactor each step'}) | ${m.steps} | ${fmt(m.seconds)} | ${fmt(m.seconds / refSeconds, 2)} | ${m.flippedTriangles} | ${fmt(m.angleDistortionMean)} | ${fmt(m.angleDistortionMax)} | ${fmt(m.areaDistortionMean)} | ${fmt(m.radialDeviation, 2)} | ${m.factorizations} | ${m.pcgIterations} | ${m.factorNonzeros} |`,
    );
  }
}
console.log('');
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  "seconds: ours = normalisation, Laplacian, ordering and analysis, all steps, projection (the reference's total_s); angle = mean/max |θ′−θ|/θ over corners; area = mean |ln(a′/a)|.",
);
