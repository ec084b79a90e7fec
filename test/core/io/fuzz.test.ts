import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryGltfIO } from '../../../src/core/io/gltfIO';
import { writeModel } from '../../../src/core/io/writeModel';
import { datasetPath, hasShared } from '../../helpers/shared';
import { richModel, richOctahedron } from './fixtures';
import { CORNER_UVS } from '../../../src/core/mesh/threeGeometry';
import type { ModelData } from '../../../src/core/io/ModelData';

/**
 * Feeds deterministic mutations of real files (byte flips, truncations, insertions, duplicated
 * chunks, header corruption, digit swaps) through every reader. Each read must end with a mesh or
 * a FileError (nothing else), within 2 s. The readers run in a worker thread with a watchdog, so a
 * hang is caught and reported (with the input that caused it) instead of freezing the test run.
 */
const PER_READ_LIMIT_MS = 2000;
/** A read still running after this is a hang (twice the limit, so a slow but finishing read is reported as slow instead). */
const WATCHDOG_MS = 2 * PER_READ_LIMIT_MS;
const MUTATIONS_PER_SEED = 140;

interface Sample {
  name: string;
  data: Uint8Array;
}
interface Outcome {
  index: number;
  result: 'ok' | 'file-error' | 'other-error';
  message?: string;
  ms: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One mutation of `bytes`, chosen and placed by the seeded generator; returns the new bytes and what was done. */
function mutate(bytes: Uint8Array, random: () => number): { data: Uint8Array; what: string } {
  const at = (n = bytes.length) => Math.floor(random() * n);
  const kind = Math.floor(random() * 7);
  switch (kind) {
    case 0: {
      const out = bytes.slice();
      const flips = 1 + at(16);
      for (let i = 0; i < flips; i++) out[at()] ^= 1 << at(8);
      return { data: out, what: `${flips} bit flips` };
    }
    case 1: {
      const cut = at();
      return { data: bytes.slice(0, cut), what: `truncated at ${cut}` };
    }
    case 2: {
      const pos = at();
      const insert = Uint8Array.from({ length: 1 + at(64) }, () => at(256));
      const out = new Uint8Array(bytes.length + insert.length);
      out.set(bytes.subarray(0, pos));
      out.set(insert, pos);
      out.set(bytes.subarray(pos), pos + insert.length);
      return { data: out, what: `${insert.length} random bytes inserted at ${pos}` };
    }
    case 3: {
      const out = bytes.slice();
      const n = 1 + at(24);
      for (let i = 0; i < n; i++) out[at(Math.min(bytes.length, 128))] = at(256);
      return { data: out, what: `${n} header bytes replaced` };
    }
    case 4: {
      const start = at();
      const length = Math.min(bytes.length - start, 1 + at(512));
      const pos = at();
      const out = new Uint8Array(bytes.length + length);
      out.set(bytes.subarray(0, pos));
      out.set(bytes.subarray(start, start + length), pos);
      out.set(bytes.subarray(pos), pos + length);
      return { data: out, what: `chunk ${start}+${length} duplicated at ${pos}` };
    }
    case 5: {
      const out = bytes.slice();
      const n = 1 + at(32);
      const swaps = [...'-+.eE/9 \n0nax'].map((c) => c.charCodeAt(0));
      for (let i = 0; i < n; i++) {
        const p = at();
        if (out[p]! >= 48 && out[p]! <= 57) out[p] = swaps[at(swaps.length)]!;
      }
      return { data: out, what: `${n} digit swaps` };
    }
    default: {
      const out = bytes.slice();
      const view = new DataView(out.buffer);
      const p = at(Math.max(1, out.length - 4));
      const values = [0, 0xffffffff, 0x7fffffff, 0x80000000, 3, 5_000_000];
      if (out.length >= 4) view.setUint32(p, values[at(values.length)]!, true);
      return { data: out, what: `uint32 at ${p} overwritten` };
    }
  }
}

const bundleDir = mkdtempSync(join(tmpdir(), 'homeomorph-fuzz-'));
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

/** Builds the readers into one CommonJS file a worker thread can load. */
async function readersBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, '../../../src/core/io/readModel.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const file = join(bundleDir, 'readers.cjs');
  writeFileSync(file, result.outputFiles[0]!.text);
  return file;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readModel } = require(workerData.bundle);
parentPort.on('message', async ({ index, name, data }) => {
  const start = performance.now();
  let result = 'ok', message;
  try { await readModel({ name, data }, undefined, {}); }
  catch (error) {
    result = error && error.name === 'FileError' && typeof error.fileName === 'string' ? 'file-error' : 'other-error';
    message = String(error && (error.stack || error.message) || error);
  }
  parentPort.postMessage({ index, result, message, ms: performance.now() - start });
});
`;

/** Reads every sample in a worker, one at a time; a read that takes over the limit terminates it. */
function readAll(bundle: string, samples: (Sample & { what: string })[]): Promise<Outcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { bundle } });
    const outcomes: Outcome[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      const index = outcomes.length;
      if (index === samples.length) {
        void worker.terminate();
        resolve(outcomes);
        return;
      }
      const sample = samples[index]!;
      timer = setTimeout(() => {
        void worker.terminate();
        reject(
          new Error(`reader hung (no result within ${WATCHDOG_MS} ms) on ${sample.name}: ${sample.what}`),
        );
      }, WATCHDOG_MS);
      worker.postMessage({ index, name: sample.name, data: sample.data });
    };
    worker.on('message', (outcome: Outcome) => {
      clearTimeout(timer);
      outcomes.push(outcome);
      next();
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new Error(
          `the reader crashed the worker on ${samples[outcomes.length]?.name}: ${samples[outcomes.length]?.what}: ${error.message}`,
        ),
      );
    });
    next();
  });
}

/** An octahedron whose UVs are per face corner (seams), written as OBJ with one 'vt' per corner. */
function seamModel(): ModelData {
  const mesh = richOctahedron();
  delete mesh.uvs;
  mesh.faceAttributes = {
    [CORNER_UVS]: { array: Float32Array.from({ length: 48 }, (_, i) => (i % 7) / 6), itemSize: 6 },
  };
  return { name: 'seams', warnings: [], root: { name: 'seams', mesh, children: [] } };
}

async function seeds(): Promise<Sample[]> {
  const model = richModel();
  const ascii = (s: string) => new TextEncoder().encode(s);
  const stl = await writeModel(model, 'stl');
  const asciiStl = ['solid t'];
  for (let f = 0; f < 4; f++) {
    asciiStl.push(' facet normal 0 0 1', '  outer loop');
    for (let k = 0; k < 3; k++) asciiStl.push(`   vertex ${f} ${k} ${f * k}.5`);
    asciiStl.push('  endloop', ' endfacet');
  }
  asciiStl.push('endsolid t');
  const asciiPly =
    'ply\nformat ascii 1.0\ncomment fuzz seed\nelement vertex 4\nproperty float x\nproperty float y\nproperty float z\nproperty uchar red\nproperty uchar green\nproperty uchar blue\n' +
    'element face 4\nproperty list uchar int vertex_indices\nend_header\n0 0 0 255 0 0\n1 0 0 0 255 0\n0 1 0 0 0 255\n0 0 1 9 9 9\n3 0 2 1\n3 0 1 3\n3 1 2 3\n3 2 0 3\n';
  const glb = await writeModel(model, 'glb');
  const io = new InMemoryGltfIO('rich');
  const { json, resources } = await io.writeJSON(await io.readBinary(glb), {
    format: 'GLTF',
    basename: 'rich',
  } as never);
  for (const buffer of json.buffers ?? [])
    buffer.uri = `data:application/octet-stream;base64,${Buffer.from(resources[buffer.uri!]!).toString('base64')}`;
  const samples: Sample[] = [
    { name: 'rich.glb', data: glb },
    { name: 'rich.gltf', data: ascii(JSON.stringify(json)) },
    { name: 'rich.ply', data: await writeModel(model, 'ply') },
    { name: 'ascii.ply', data: ascii(asciiPly) },
    { name: 'rich.stl', data: stl },
    { name: 'ascii.stl', data: ascii(asciiStl.join('\n') + '\n') },
    {
      name: 'tet.off',
      data: ascii(
        'OFF\n# tetrahedron\n4 4 6\n0 0 0\n1 0 0\n0 1 0\n0 0 1\n3 0 2 1\n3 0 1 3\n3 1 2 3\n3 2 0 3\n',
      ),
    },
    { name: 'rich.obj', data: await writeModel(model, 'obj') },
    { name: 'seams.obj', data: await writeModel(seamModel(), 'obj') },
  ];
  if (hasShared)
    samples.push({
      name: 'spot_low.obj',
      data: new Uint8Array(readFileSync(datasetPath('meshes', 'spot_low.obj'))),
    });
  return samples;
}

describe('fuzzing every reader with mutated real files', () => {
  it(`ends every read with a mesh or a FileError, each within ${PER_READ_LIMIT_MS} ms`, async () => {
    const bundle = await readersBundle();
    const samples: (Sample & { what: string })[] = [];
    let seed = 1;
    for (const original of await seeds()) {
      samples.push({ ...original, what: 'unmodified' });
      const random = rng(seed++ * 7919);
      for (let i = 0; i < MUTATIONS_PER_SEED; i++) {
        const { data, what } = mutate(original.data, random);
        samples.push({ name: original.name, data, what: `mutation ${i}: ${what}` });
      }
    }
    expect(samples.length).toBeGreaterThanOrEqual(1000);
    const outcomes = await readAll(bundle, samples);
    const unclean = outcomes
      .filter((o) => o.result === 'other-error')
      .map((o) => `${samples[o.index]!.name} ${samples[o.index]!.what}: ${o.message}`);
    expect(unclean).toEqual([]);
    const slow = outcomes
      .filter((o) => o.ms > PER_READ_LIMIT_MS)
      .map((o) => `${samples[o.index]!.name} ${samples[o.index]!.what}: ${o.ms.toFixed(0)} ms`);
    expect(slow).toEqual([]);
    // The unmodified seeds read, and the mutations exercise both outcomes.
    for (const o of outcomes)
      if (samples[o.index]!.what === 'unmodified') expect(o.result, samples[o.index]!.name).toBe('ok');
    const errors = outcomes.filter((o) => o.result === 'file-error').length;
    expect(errors).toBeGreaterThan(samples.length / 10);
    expect(samples.length - errors).toBeGreaterThan(samples.length / 10);
    console.log(
      `fuzz: ${samples.length} reads, ${errors} clean FileErrors, slowest ${Math.max(...outcomes.map((o) => o.ms)).toFixed(0)} ms`,
    );
  }, 90_000);
});
