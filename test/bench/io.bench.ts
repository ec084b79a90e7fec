// `npm run bench -- io [--runs N]`: load time of a ~1M-triangle OBJ and GLB made from the shared
// meshes, our readers against three.js's bare loader parse on the same bytes.
// The test files are generated once into .bench/ (git-ignored), never committed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import type { Mesh } from '../../src/core/mesh/Mesh';
import { modelToThree } from '../../src/core/io/modelToThree';
import type { ModelData } from '../../src/core/io/ModelData';
import { readModel } from '../../src/core/io/readModel';
import { writeModel } from '../../src/core/io/writeModel';
import { hasShared, loadSharedMesh } from '../helpers/shared';
import { machineLine } from './machine';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const benchDir = join(process.cwd(), '.bench');

/** 1-to-4 midpoint subdivision (each edge split once, shared between its two faces). */
function subdivide(mesh: Mesh): Mesh {
  const vertexTotal = mesh.positions.length / 3;
  const faceTotal = mesh.indices.length / 3;
  const positions: number[] = Array.from(mesh.positions);
  const midpoints = new Map<number, number>();
  const midpoint = (a: number, b: number): number => {
    const key = Math.min(a, b) * vertexTotal + Math.max(a, b);
    let m = midpoints.get(key);
    if (m === undefined) {
      m = positions.length / 3;
      for (let k = 0; k < 3; k++) positions.push((positions[3 * a + k]! + positions[3 * b + k]!) / 2);
      midpoints.set(key, m);
    }
    return m;
  };
  const indices = new Uint32Array(faceTotal * 12);
  for (let f = 0; f < faceTotal; f++) {
    const a = mesh.indices[3 * f]!;
    const b = mesh.indices[3 * f + 1]!;
    const c = mesh.indices[3 * f + 2]!;
    const ab = midpoint(a, b);
    const bc = midpoint(b, c);
    const ca = midpoint(c, a);
    indices.set([a, ab, ca, ab, b, bc, ca, bc, c, ab, bc, ca], 12 * f);
  }
  return { positions: Float64Array.from(positions), indices };
}

async function benchFiles(): Promise<{ obj: Uint8Array; glb: Uint8Array; triangles: number }> {
  const objPath = join(benchDir, 'nefertiti_x16_f32.obj');
  const glbPath = join(benchDir, 'nefertiti_x16_f32.glb');
  if (!existsSync(objPath) || !existsSync(glbPath)) {
    mkdirSync(benchDir, { recursive: true });
    const mesh = subdivide(subdivide(loadSharedMesh('nefertiti_lowres.obj')));
    // Float32 positions: written with at most 9 significant digits, as exporters write OBJ
    // (float64 would give 17-digit numbers that no real file has).
    mesh.positions = Float32Array.from(mesh.positions);
    const model: ModelData = {
      name: 'nefertiti_x16',
      warnings: [],
      root: { name: 'nefertiti_x16', mesh, children: [] },
    };
    writeFileSync(objPath, await writeModel(model, 'obj'));
    writeFileSync(glbPath, await writeModel(model, 'glb'));
  }
  const obj = new Uint8Array(readFileSync(objPath));
  const glb = new Uint8Array(readFileSync(glbPath));
  const triangles = (await readModel({ name: 'x.glb', data: glb })).root.mesh!.indices.length / 3;
  return { obj, glb, triangles };
}

async function time(run: () => unknown): Promise<{ median: number; min: number }> {
  await run(); // warm-up (JIT, lazy imports)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

function gltfParse(bytes: Uint8Array): Promise<unknown> {
  const buffer = bytes.slice().buffer;
  return new Promise((resolve, reject) => new GLTFLoader().parse(buffer, '', resolve, reject));
}

async function main(): Promise<void> {
  if (!hasShared) {
    console.log('io benchmark skipped: the shared datasets (../shared/datasets) are not here');
    return;
  }
  const { obj, glb, triangles } = await benchFiles();
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
  console.log(
    `io load benchmark: nefertiti_lowres subdivided twice = ${triangles.toLocaleString('en')} triangles; OBJ ${mb(obj.length)}, GLB ${mb(glb.length)}; median (min) of ${RUNS} runs`,
  );

  const rows: [string, string, { median: number; min: number }][] = [];
  rows.push([
    'OBJ',
    'readModel (ours: indexed, file order kept)',
    await time(() => readModel({ name: 'x.obj', data: obj })),
  ]);
  rows.push([
    'OBJ',
    'readModel + modelToThree (to a three.js Mesh)',
    await time(async () => modelToThree(await readModel({ name: 'x.obj', data: obj }))),
  ]);
  rows.push([
    'OBJ',
    'three.js OBJLoader.parse (decode + parse; de-indexed)',
    await time(() => new OBJLoader().parse(new TextDecoder().decode(obj))),
  ]);
  const objText = new TextDecoder().decode(obj);
  rows.push([
    'OBJ',
    'three.js OBJLoader.parse (string already decoded)',
    await time(() => new OBJLoader().parse(objText)),
  ]);
  rows.push([
    'GLB',
    'readModel (ours: glTF-Transform)',
    await time(() => readModel({ name: 'x.glb', data: glb })),
  ]);
  rows.push([
    'GLB',
    'readModel + modelToThree (to a three.js Mesh)',
    await time(async () => modelToThree(await readModel({ name: 'x.glb', data: glb }))),
  ]);
  rows.push(['GLB', 'three.js GLTFLoader.parse', await time(() => gltfParse(glb))]);

  console.log('\n| file | reader | median ms | min ms |\n|---|---|---:|---:|');
  for (const [file, reader, t] of rows)
    console.log(`| ${file} | ${reader} | ${t.median.toFixed(0)} | ${t.min.toFixed(0)} |`);

  // How fast a file over the limit is refused (counted before anything is allocated for it).
  const face = new TextEncoder().encode('f 1 2 3\n');
  const huge = new Uint8Array(8 + face.length * 5_000_000);
  huge.set(new TextEncoder().encode('v 0 0 0\n'));
  for (let i = 0; i < 5_000_000; i++) huge.set(face, 8 + i * face.length);
  const refusal = await time(() => readModel({ name: 'huge.obj', data: huge }).catch(() => undefined));
  console.log(
    `\nrefusing a 5,000,000-face OBJ (${mb(huge.length)}) over the 4M-triangle limit: median ${refusal.median.toFixed(0)} ms`,
  );
  console.log(machineLine());

  // ── CLI conversion throughput (files per second on the human_seg training meshes) ──
  // That part of `npm run bench -- io` belongs to the jobs/CLI helper, who adds it below this line.
}

await main();
