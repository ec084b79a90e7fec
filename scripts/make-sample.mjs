// Builds resources/sample/spot.glb, the scene the editor opens on, from Keenan Crane's Spot
// (public domain) in ../shared/datasets/meshes/spot.obj. Run once by hand: the GLB is committed,
// since ../shared does not ship with the app. Indexed and closed (genus 0), so every plugin runs on it.
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const text = readFileSync(join(root, '..', 'shared', 'datasets', 'meshes', 'spot.obj'), 'utf8');
const positions = [];
const indices = [];
for (const line of text.split('\n')) {
  const f = line.trim().split(/\s+/);
  if (f[0] === 'v') positions.push(+f[1], +f[2], +f[3]);
  else if (f[0] === 'f') {
    const p = f.slice(1).map((s) => parseInt(s, 10) - 1);
    for (let k = 1; k + 1 < p.length; k++) indices.push(p[0], p[k], p[k + 1]);
  }
}
const V = positions.length / 3;
const pos = Float32Array.from(positions);
const normals = new Float32Array(pos.length);
for (let t = 0; t < indices.length; t += 3) {
  const [a, b, c] = [indices[t], indices[t + 1], indices[t + 2]];
  const e1 = [0, 1, 2].map((k) => pos[3 * b + k] - pos[3 * a + k]);
  const e2 = [0, 1, 2].map((k) => pos[3 * c + k] - pos[3 * a + k]);
  const n = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
  for (const v of [a, b, c]) for (let k = 0; k < 3; k++) normals[3 * v + k] += n[k];
}
for (let v = 0; v < V; v++) {
  const l = Math.hypot(normals[3 * v], normals[3 * v + 1], normals[3 * v + 2]) || 1;
  for (let k = 0; k < 3; k++) normals[3 * v + k] /= l;
}
const idx = V < 65536 ? Uint16Array.from(indices) : Uint32Array.from(indices);
const min = [0, 1, 2].map((k) => Math.min(...Array.from({ length: V }, (_, v) => pos[3 * v + k])));
const max = [0, 1, 2].map((k) => Math.max(...Array.from({ length: V }, (_, v) => pos[3 * v + k])));
const pad4 = (n) => (n + 3) & ~3;
const chunks = [pos, normals, idx];
const offsets = [];
let length = 0;
for (const c of chunks) {
  offsets.push(length);
  length = pad4(length + c.byteLength);
}
const bin = new Uint8Array(length);
chunks.forEach((c, i) => bin.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), offsets[i]));
const gltf = {
  asset: {
    version: '2.0',
    generator: 'homeomorph scripts/make-sample.mjs',
    copyright: 'Spot by Keenan Crane, public domain',
  },
  scene: 0,
  scenes: [{ name: 'Sample', nodes: [0] }],
  nodes: [{ name: 'Spot', mesh: 0 }],
  meshes: [
    { name: 'Spot', primitives: [{ attributes: { POSITION: 0, NORMAL: 1 }, indices: 2, material: 0 }] },
  ],
  materials: [
    {
      name: 'Spot',
      pbrMetallicRoughness: {
        baseColorFactor: [0.5, 0.22, 0.1, 1],
        metallicFactor: 0,
        roughnessFactor: 0.55,
      },
    },
  ],
  buffers: [{ byteLength: length }],
  bufferViews: [
    { buffer: 0, byteOffset: offsets[0], byteLength: pos.byteLength, target: 34962 },
    { buffer: 0, byteOffset: offsets[1], byteLength: normals.byteLength, target: 34962 },
    { buffer: 0, byteOffset: offsets[2], byteLength: idx.byteLength, target: 34963 },
  ],
  accessors: [
    { bufferView: 0, componentType: 5126, count: V, type: 'VEC3', min, max },
    { bufferView: 1, componentType: 5126, count: V, type: 'VEC3' },
    {
      bufferView: 2,
      componentType: idx instanceof Uint16Array ? 5123 : 5125,
      count: idx.length,
      type: 'SCALAR',
    },
  ],
};
let json = new Uint8Array(Buffer.from(JSON.stringify(gltf)));
const jsonPadded = new Uint8Array(pad4(json.length)).fill(0x20);
jsonPadded.set(json);
json = jsonPadded;
const total = 12 + 8 + json.length + 8 + bin.length;
const out = new Uint8Array(total);
const dv = new DataView(out.buffer);
dv.setUint32(0, 0x46546c67, true);
dv.setUint32(4, 2, true);
dv.setUint32(8, total, true);
dv.setUint32(12, json.length, true);
dv.setUint32(16, 0x4e4f534a, true);
out.set(json, 20);
dv.setUint32(20 + json.length, bin.length, true);
dv.setUint32(24 + json.length, 0x004e4942, true);
out.set(bin, 28 + json.length);
writeFileSync(join(root, 'resources', 'sample', 'spot.glb'), out);
console.log(`spot.glb: ${V} vertices, ${indices.length / 3} triangles, ${out.length} bytes`);
