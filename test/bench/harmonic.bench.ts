// npm run bench -- harmonic [--quick]
// The Harmonic Compress targets: basis vs scipy, transform round trip and speed, LOD redraw, grid
// lookup (ours vs three-mesh-bvh), error vs degree on spot, armadillo and bunny_hr, texture colour.
// Sphere maps: the job's own (Spherical Parametrize once merged); HARMONIC_SPHERE_DIR=dir reads
// dir/NAME_sphere.obj instead (e.g. written by ../shared/tools/cmcf-native --write-sphere).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { BufferAttribute, BufferGeometry, DoubleSide, Mesh as ThreeMesh, Ray, Scene, Vector3 } from 'three';
import { MeshBVH } from 'three-mesh-bvh';
import { HeadlessSceneHost } from '../../src/core/commands/SceneHost';
import { ShEvaluator } from '../../src/core/harmonics/shEvaluator';
import { shCount, shIndex } from '../../src/core/harmonics/shIndex';
import { ShTransform } from '../../src/core/harmonics/shTransform';
import { locateGridPoints } from '../../src/core/harmonics/sphereGridLookup';
import { parseObjMesh } from '../../src/core/io/parseObjMesh';
import type { Mesh } from '../../src/core/mesh/Mesh';
import type { JobContext } from '../../src/core/plugin/Job';
import { sphericalParametrize } from '../../src/core/spherical/sphericalParametrize';
import { resolveProps } from '../../src/core/plugin/PropSpec';
import { harmonicCompressJob } from '../../src/plugins/harmonic-compress/job';
import { harmonicCompressOperator, showHarmonicDegree } from '../../src/plugins/harmonic-compress/operator';
import { harmonicCompressProps } from '../../src/plugins/harmonic-compress/props';
import type {
  HarmonicCompressInput,
  HarmonicCompressOutput,
} from '../../src/plugins/harmonic-compress/types';
import { datasetPath, hasShared } from '../helpers/shared';
import { machineLine } from './machine';

const quick = process.argv.includes('--quick');
const ctx: JobContext = {
  signal: new AbortController().signal,
  progress: () => {},
  onnx: undefined as never,
};

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}

function randomCoefficients(channels: number, L: number, seed: number): Float64Array {
  let s = seed;
  const a = new Float64Array(channels * shCount(L));
  for (let i = 0; i < a.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 2 ** 31 - 1;
  }
  return a;
}

function relativeError(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}

console.log('# Harmonic Compress benchmark');
console.log(machineLine());
console.log('(2 shared cores: timings under load are upper bounds)\n');

// 1. Basis vs scipy.special.sph_harm.
{
  const python = '/usr/bin/python3';
  const ok =
    existsSync(python) &&
    spawnSync(python, ['-c', 'import scipy.special'], { encoding: 'utf8' }).status === 0;
  if (!ok) console.log('basis vs scipy: skipped (no python3-scipy at /usr/bin/python3)');
  else {
    const pairs: [number, number][] = [];
    for (let l = 0; l <= 12; l++) for (let m = -l; m <= l; m++) pairs.push([l, m]);
    pairs.push([64, 30], [64, -63], [128, 40], [256, -45], [512, 0], [512, 3], [512, -20]);
    const points: [number, number][] = [
      [1.1, 0.3],
      [0.05, 2.0],
      [Math.PI / 2, -1.3],
      [2.9, 4.0],
      [1e-3, 0.7],
      [0.8, 5.9],
    ];
    const script = `
import json, sys
from scipy.special import sph_harm
pairs, points = json.loads(sys.stdin.read())
out = []
for (l, m) in pairs:
    row = []
    for (t, p) in points:
        y = complex(sph_harm(abs(m), l, p, t)); s = (-1) ** abs(m)
        row.append(2 ** 0.5 * s * y.real if m > 0 else (2 ** 0.5 * s * y.imag if m < 0 else y.real))
    out.append(row)
print(json.dumps(out))`;
    const run = spawnSync(python, ['-c', script], {
      input: JSON.stringify([pairs, points]),
      encoding: 'utf8',
    });
    const reference = JSON.parse(run.stdout) as number[][];
    const xyz = points.flatMap(([t, p]) => [
      Math.sin(t) * Math.cos(p),
      Math.sin(t) * Math.sin(p),
      Math.cos(t),
    ]);
    let worst = 0;
    let compared = 0;
    pairs.forEach(([l, m], row) => {
      const a = new Float64Array(shCount(l));
      a[shIndex(l, m)] = 1;
      const ours = new ShEvaluator(a, 1).evaluate(xyz);
      points.forEach((_, i) => {
        if (!Number.isFinite(reference[row][i])) return;
        compared++;
        worst = Math.max(
          worst,
          Math.abs(ours[i] - reference[row][i]) / Math.sqrt((2 * l + 1) / (4 * Math.PI)),
        );
      });
    });
    console.log(
      `basis vs scipy.special.sph_harm: ${compared} values, l ≤ 512, max |ours − scipy| / √((2l+1)/4π) = ${worst.toExponential(2)}`,
    );
  }
}

// 2. Transform: round trip at L = 256 and speed at L = 128 (and 256, 512).
{
  console.log('\n| L | grid | inverse ms | forward ms | forward+inverse ms | round-trip relative error |');
  console.log('|--:|--|--:|--:|--:|--:|');
  for (const L of quick ? [128, 256] : [64, 128, 256, 512]) {
    const t = new ShTransform(L);
    const a = randomCoefficients(1, L, L);
    const inv: number[] = [];
    const fwd: number[] = [];
    let error = 0;
    for (let rep = 0; rep < (L <= 128 ? 7 : 3); rep++) {
      const [grid, ti] = time(() => t.inverse(a, 1));
      const [back, tf] = time(() => t.forward(grid, 1));
      inv.push(ti);
      fwd.push(tf);
      error = relativeError(back, a);
    }
    console.log(
      `| ${L} | ${t.rings}×${t.samplesPerRing} | ${median(inv).toFixed(1)} | ${median(fwd).toFixed(1)} | ${(median(inv) + median(fwd)).toFixed(1)} | ${error.toExponential(2)} |`,
    );
  }
  console.log('targets: round trip ≤ 1e-10 at L = 256; forward + inverse ≤ 200 ms at L = 128 (medians)');
}

// Sphere maps and meshes for the shared-data parts.
function loadMesh(name: string): Mesh {
  return parseObjMesh(readFileSync(datasetPath('meshes', `${name}.obj`), 'utf8'));
}
function givenSphere(name: string): Float64Array | undefined {
  const dir = process.env.HARMONIC_SPHERE_DIR;
  if (!dir) return undefined;
  const file = join(dir, `${name}_sphere.obj`);
  if (!existsSync(file)) return undefined;
  const sphere = Float64Array.from(parseObjMesh(readFileSync(file, 'utf8')).positions);
  for (let i = 0; i < sphere.length; i += 3) {
    const r = Math.hypot(sphere[i], sphere[i + 1], sphere[i + 2]);
    sphere[i] /= r;
    sphere[i + 1] /= r;
    sphere[i + 2] /= r;
  }
  return sphere;
}

/** The given sphere map, else Spherical Parametrize's (cMCF, default settings). */
async function sphereFor(name: string, mesh: Mesh): Promise<Float64Array> {
  return givenSphere(name) ?? (await sphericalParametrize(mesh)).sphere;
}

if (!hasShared) {
  console.log('\nshared datasets absent: mesh benchmarks skipped');
  process.exit(0);
}

// 3. Grid lookup: our rasterisation vs a three-mesh-bvh ray cast from the origin, on spot's sphere map.
{
  const spot = loadMesh('spot');
  const spotSphere = await sphereFor('spot', spot);
  const t = new ShTransform(128);
  const [lookup, ours] = time(() => locateGridPoints(spotSphere, spot.indices, t));
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(Float32Array.from(spotSphere), 3));
  geometry.setIndex(new BufferAttribute(Uint32Array.from(spot.indices), 1));
  // indirect: keeps the index order, so hit.faceIndex is comparable with ours.
  const [bvh, build] = time(() => new MeshBVH(geometry, { indirect: true }));
  const ray = new Ray(new Vector3(), new Vector3());
  let agree = 0;
  const [, cast] = time(() => {
    for (let j = 0; j < t.rings; j++) {
      for (let k = 0; k < t.samplesPerRing; k++) {
        const phi = t.longitude(k);
        ray.direction.set(t.sinTheta[j] * Math.cos(phi), t.sinTheta[j] * Math.sin(phi), t.cosTheta[j]);
        const hit = bvh.raycastFirst(ray, DoubleSide);
        if (hit && hit.faceIndex === lookup.triangle[j * t.samplesPerRing + k]) agree++;
      }
    }
  });
  console.log(
    `\ngrid lookup on spot's sphere map, L = 128 grid (${t.gridSize} points): ours ${ours.toFixed(0)} ms; three-mesh-bvh build ${build.toFixed(0)} ms + ray casts ${cast.toFixed(0)} ms; same face for ${((100 * agree) / t.gridSize).toFixed(2)} % (differences: points on shared edges)`,
  );
}

// 4. Error vs degree, sizes and times on the shared meshes.
const results: {
  name: string;
  output: HarmonicCompressOutput;
  mesh: Mesh;
  sphere: Float64Array;
  mapSeconds: number;
}[] = [];
console.log('\n| mesh | V | sphere map | l | chamferRel | hausdorffRel |');
console.log('|--|--:|--|--:|--:|--:|');
const L = quick ? 64 : 128;
for (const name of quick ? ['spot'] : ['spot', 'armadillo', 'bunny_hr']) {
  const mesh = loadMesh(name);
  try {
    // The sphere map once per mesh (timed apart), shared by the float32 and float16 runs.
    const t0 = performance.now();
    const sphere = await sphereFor(name, mesh);
    const mapSeconds = (performance.now() - t0) / 1000;
    const input: HarmonicCompressInput = { positions: mesh.positions, indices: mesh.indices, sphere };
    const { output } = await harmonicCompressJob(
      input,
      resolveProps(harmonicCompressProps, { degree: L, channels: 'geometry' }),
      ctx,
    );
    results.push({ name, output, mesh, sphere, mapSeconds });
    for (const e of output.metrics.errorVsDegree) {
      console.log(
        `| ${name} | ${mesh.positions.length / 3} | ${givenSphere(name) ? 'reference tool' : 'cMCF (ours)'} | ${e.degree} | ${(100 * e.chamferRel).toFixed(3)} % | ${(100 * e.hausdorffRel).toFixed(2)} % |`,
      );
    }
  } catch (error) {
    console.log(`| ${name} | ${mesh.positions.length / 3} | — | — | ${(error as Error).message} | |`);
  }
}
console.log(
  'aim: chamferRel < 0.5 % at l = 64 on spot (Chamfer: ½(mean a→B + mean b→A) over 10k area-uniform samples per side, point-to-surface; both relative to the input bbox diagonal)',
);
console.log(
  '\n| mesh | L | coefficients | float32 bytes | float16 bytes | mesh bytes (f32 xyz + u32 faces) | .hshc with connectivity | sphere map s | job s (map given) | float16 chamferRel / hausdorffRel at L |',
);
console.log('|--|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const { name, output, mesh, sphere, mapSeconds } of results) {
  const m = output.metrics;
  const half = (
    await harmonicCompressJob(
      { positions: mesh.positions, indices: mesh.indices, sphere },
      resolveProps(harmonicCompressProps, { degree: L, channels: 'geometry', precision: 'float16' }),
      ctx,
    )
  ).output.metrics;
  console.log(
    `| ${name} | ${m.degree} | ${m.coefficients} | ${m.bytesFloat32} | ${m.bytesFloat16} | ${m.meshBytes} | ${m.fileBytes} | ${mapSeconds.toFixed(1)} | ${m.seconds.toFixed(1)} | ${(100 * half.chamferRel).toFixed(3)} % / ${(100 * half.hausdorffRel).toFixed(2)} % |`,
  );
}

// 5. LOD slider redraw on the largest result (bunny_hr, ~30k vertices): positions from the table + normals.
const largest = results[results.length - 1];
if (largest) {
  const scene = new Scene();
  const host = new HeadlessSceneHost(scene);
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(Float32Array.from(largest.mesh.positions), 3));
  geometry.setIndex(new BufferAttribute(largest.mesh.indices, 1));
  const source = new ThreeMesh(geometry);
  scene.add(source);
  const opCtx = { object: source, selection: [source], host };
  harmonicCompressOperator
    .apply(opCtx, largest.output, resolveProps(harmonicCompressProps, { degree: L }))
    .execute();
  const result = scene.children[1];
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const degree = (i * 37) % (L + 1);
    times.push(time(() => showHarmonicDegree(result, degree))[1]);
  }
  console.log(
    `\nLOD slider redraw (${largest.name}, ${largest.output.positions.length / 3} vertices, positions + normals): median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms over 40 moves (target ≤ 50 ms)`,
  );
}

// 6. Texture colour on spot_color (per-corner UVs through the sphere map).
{
  const text = readFileSync(datasetPath('meshes', 'spot_color.obj'), 'utf8');
  const mesh = parseObjMesh(text);
  const colorSphere = await sphereFor('spot_color', mesh);
  const vt: number[] = [];
  const cornerUvs: number[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('vt ')) vt.push(...line.trim().split(/\s+/).slice(1, 3).map(Number));
    else if (line.startsWith('f ')) {
      const corners = line
        .trim()
        .split(/\s+/)
        .slice(1)
        .map((c) => Number(c.split('/')[1]) - 1);
      for (let k = 1; k + 1 < corners.length; k++)
        for (const c of [corners[0], corners[k], corners[k + 1]]) cornerUvs.push(vt[2 * c], vt[2 * c + 1]);
    }
  }
  const png = decode(readFileSync(datasetPath('meshes', 'spot_texture.png')));
  const texture = {
    width: png.width,
    height: png.height,
    channels: png.channels as 3 | 4,
    data: png.data as Uint8Array,
  };
  const { output } = await harmonicCompressJob(
    {
      positions: mesh.positions,
      indices: mesh.indices,
      sphere: colorSphere,
      cornerUvs: Float32Array.from(cornerUvs),
      texture,
    },
    resolveProps(harmonicCompressProps, { degree: 64, channels: 'geometry_color' }),
    ctx,
  );
  console.log(
    `\nspot_color (texture through per-corner UVs), L = 64: channels ${output.metrics.channels.join(',')}, colour from ${output.metrics.colorSource}, chamferRel ${(100 * output.metrics.chamferRel).toFixed(3)} %, ${output.metrics.seconds.toFixed(1)} s`,
  );
}
