// `npm run bench -- inspect`: inspection and repair times on a 1M-triangle mesh, with a per-stage breakdown.
import { loadavg } from 'node:os';
import { boundaryLoops } from '../../src/core/mesh/boundaryLoops';
import { connectedComponents } from '../../src/core/mesh/connectedComponents';
import { buildEdgeTopology, oppositeHalfEdges } from '../../src/core/mesh/edgeTopology';
import { findDegenerateFaces, findDuplicateFaces } from '../../src/core/mesh/faceChecks';
import { inspectMesh } from '../../src/core/mesh/inspect';
import type { Mesh } from '../../src/core/mesh/Mesh';
import { orientationPatches } from '../../src/core/mesh/orientationPatches';
import { repairMesh } from '../../src/core/mesh/repair/repairMesh';
import { vertexFans } from '../../src/core/mesh/vertexFans';
import { torus } from '../core/mesh/fixtures';
import { machineLine } from './machine';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median wall time and median CPU time (user + system) in ms; on a shared machine CPU time is the steadier figure. */
function time(run: () => void): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    run();
    const cpu = process.cpuUsage(cpuStart);
    walls.push(performance.now() - start);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

// A torus grid of 1000 × 500 quads: 500k vertices, 1M triangles, genus 1.
const big: Mesh = torus(1000, 500);
big.positions = Float32Array.from(big.positions);
const faces = big.indices.length / 3;
console.log(
  `mesh: torus grid, ${(big.positions.length / 3).toLocaleString('en-US')} vertices, ${faces.toLocaleString('en-US')} triangles`,
);

const stages: [string, () => void][] = [
  ['edge topology', () => buildEdgeTopology(big)],
  [
    'vertex fans (incl. topology)',
    () => vertexFans(big, oppositeHalfEdges(buildEdgeTopology(big), big.indices.length)),
  ],
  ['components', () => connectedComponents(big)],
  [
    'orientation patches (incl. topology)',
    () => orientationPatches(big, oppositeHalfEdges(buildEdgeTopology(big), big.indices.length)),
  ],
  ['boundary loops (incl. topology)', () => boundaryLoops(big, buildEdgeTopology(big))],
  ['degenerate faces', () => findDegenerateFaces(big)],
  ['duplicate faces', () => findDuplicateFaces(big)],
  ['inspectMesh (all)', () => inspectMesh(big)],
  ['repairMesh (default, nothing to fix)', () => repairMesh(big)],
];
console.log(`| stage | wall ms (median of ${RUNS}) | CPU ms (median) |`);
console.log('|---|---|---|');
for (const [name, run] of stages) {
  const { wall, cpu } = time(run);
  console.log(`| ${name} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} |`);
}
console.log(machineLine());
console.log(
  `load average during the run: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1 / 5 / 15 min)`,
);
