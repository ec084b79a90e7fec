import { Document } from '@gltf-transform/core';
import { describe, expect, it } from 'vitest';
import { FileError } from '../../../src/core/io/FileError';
import { InMemoryGltfIO } from '../../../src/core/io/gltfIO';
import { readModel } from '../../../src/core/io/readModel';
import { writeModel } from '../../../src/core/io/writeModel';
import { InputError } from '../../../src/core/plugin/Job';
import { hasShared } from '../../helpers/shared';
import { richModel, sharedFile } from './fixtures';

const text = (s: string) => new TextEncoder().encode(s);
const read = (name: string, data: Uint8Array | string, maxTriangles?: number) =>
  readModel({ name, data: typeof data === 'string' ? text(data) : data }, undefined, { maxTriangles });

async function rejection(promise: Promise<unknown>): Promise<FileError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileError);
  expect(error).toBeInstanceOf(InputError);
  return error as FileError;
}

function binaryStl(triangles: number, declared = triangles): Uint8Array {
  const bytes = new Uint8Array(84 + 50 * triangles);
  new DataView(bytes.buffer).setUint32(80, declared, true);
  return bytes;
}

function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('empty files', () => {
  for (const ext of ['obj', 'glb', 'gltf', 'ply', 'stl', 'off', 'hshc']) {
    it(`.${ext}`, async () => {
      expect((await rejection(read(`empty.${ext}`, ''))).message).toBe(`empty.${ext}: the file is empty`);
    });
  }
});

describe('binary garbage with a mesh extension', () => {
  const garbage = randomBytes(4096, 7);
  const cases: [string, RegExp][] = [
    ['noise.obj', /^noise\.obj: this is a binary file, not a text OBJ file$/],
    ['noise.ply', /^noise\.ply: not a PLY file: it does not start with "ply"$/],
    ['noise.off', /^noise\.off: binary data: only ASCII OFF files are read$/],
    ['noise.hshc', /^noise\.hshc: not a Homeomorph coefficient file \(magic "HSHC" missing\)$/],
    ['noise.glb', /^noise\.glb: not a GLB file: it does not start with "glTF"$/],
    ['noise.gltf', /^noise\.gltf: not a valid glTF file \(/],
    ['noise.stl', /^noise\.stl: .*(truncated|more than the limit)/],
    [
      'noise.xyz',
      /^noise\.xyz: unknown file type "\.xyz": readable are \.glb, \.gltf, \.obj, \.ply, \.stl, \.off, \.hshc$/,
    ],
  ];
  for (const [name, message] of cases) {
    it(name, async () => {
      expect((await rejection(read(name, garbage))).message).toMatch(message);
    });
  }
});

describe('NaN and infinite coordinates', () => {
  it('OBJ names the line and the token', async () => {
    expect((await rejection(read('a.obj', 'v 0 0 0\nv 1 nan 0\nv 0 1 0\nf 1 2 3\n'))).message).toBe(
      'a.obj: line 2: vertex coordinate "nan" is not a number',
    );
    expect((await rejection(read('a.obj', 'v 0 0 0\nv 1 0 0\nv 0 1e999 0\nf 1 2 3\n'))).message).toBe(
      'a.obj: line 3: vertex coordinate "Infinity" is not a finite number',
    );
  });
  it('PLY, STL and OFF name the vertex', async () => {
    const ply =
      'ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 nan 0\n0 1 0\n3 0 1 2\n';
    expect((await rejection(read('a.ply', ply))).message).toBe(
      'a.ply: vertex 1 has a non-finite coordinate (NaN)',
    );
    const stl = binaryStl(1);
    new DataView(stl.buffer).setFloat32(84 + 12 + 4, Infinity, true);
    expect((await rejection(read('a.stl', stl))).message).toBe(
      'a.stl: triangle 0 has a non-finite coordinate (Infinity)',
    );
    expect((await rejection(read('a.off', 'OFF\n3 1 0\n0 0 0\n1 0 0\n0 inf 0\n3 0 1 2\n'))).message).toBe(
      'a.off: line 5: vertex coordinate "inf" is not a number',
    );
  });
  it('GLB names the mesh and the vertex', async () => {
    const model = richModel();
    model.root.children[0]!.mesh!.positions[4] = NaN;
    const bytes = await writeModel(model, 'glb');
    expect((await rejection(read('nan.glb', bytes))).message).toBe(
      'nan.glb: octahedron: vertex 1 has a non-finite coordinate (NaN)',
    );
  });
});

describe('indices out of range', () => {
  it.skipIf(!hasShared)('OBJ: the message names the file, the line, the index and the range', async () => {
    const { file } = sharedFile('spot.obj');
    const lines = new TextDecoder().decode(file.data).split('\n');
    const faceLine = lines.findIndex((l) => l.startsWith('f '));
    lines[faceLine] = 'f 1 2 99999';
    const error = await rejection(read('spot.obj', lines.join('\n')));
    expect(error.message).toBe(`spot.obj: line ${faceLine + 1}: face index 99999 is out of range (1…11533)`);
  });
  it('OBJ relative indices; texture indices that point nowhere only drop the UVs', async () => {
    const dropped = await read('a.obj', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nvt 0 0\nf 1/1 2/2 3/1\n');
    expect(dropped.warnings).toEqual([
      'texture coordinates were dropped: line 5 refers to one that does not exist',
    ]);
    expect(dropped.root.mesh!.uvs).toBeUndefined();
    expect((await rejection(read('a.obj', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf -1 -2 -4\n'))).message).toBe(
      'a.obj: line 4: face index -4 is out of range (1…3)',
    );
  });
  it('PLY, OFF, GLB', async () => {
    const ply =
      'ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 0 0\n0 1 0\n3 0 1 7\n';
    expect((await rejection(read('a.ply', ply))).message).toBe(
      'a.ply: face 0 refers to vertex 7, but there are only 3 vertices (0…2)',
    );
    expect((await rejection(read('a.off', 'OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 3\n'))).message).toBe(
      'a.off: line 6: face 0: vertex index 3 is out of range (0…2)',
    );
    const model = richModel();
    model.root.children[0]!.mesh!.indices[5] = 6;
    expect((await rejection(read('a.glb', await writeModel(model, 'glb')))).message).toBe(
      'a.glb: octahedron: face 1 refers to vertex 6, but there are only 6 vertices (0…5)',
    );
  });
});

describe('zero faces', () => {
  const cases: [string, string | Uint8Array, string][] = [
    [
      'points.obj',
      'v 0 0 0\nv 1 0 0\n',
      "points.obj: no faces (2 vertices but no 'f' lines): a point cloud is not a mesh",
    ],
    ['nothing.obj', '# only a comment\n', 'nothing.obj: no vertices and no faces: this is not an OBJ mesh'],
    [
      'points.ply',
      'ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0 0\n',
      'points.ply: no faces: the PLY file has no face element (a point cloud is not a mesh)',
    ],
    ['none.stl', 'solid x\nendsolid x\n', 'none.stl: no faces: the STL file holds no triangles'],
    ['none0.stl', binaryStl(0), 'none0.stl: no faces: the STL file holds no triangles'],
    ['points.off', 'OFF\n1 0 0\n0 0 0\n', 'points.off: no faces (1 vertices): a point cloud is not a mesh'],
  ];
  for (const [name, data, message] of cases) {
    it(name, async () => {
      expect((await rejection(read(name, data))).message).toBe(message);
    });
  }
  it('a glTF with only points', async () => {
    const doc = new Document();
    const buffer = doc.createBuffer();
    const position = doc.createAccessor('p', buffer).setType('VEC3').setArray(new Float32Array(9));
    const primitive = doc.createPrimitive().setMode(0).setAttribute('POSITION', position);
    doc.createScene().addChild(doc.createNode('n').setMesh(doc.createMesh().addPrimitive(primitive)));
    const glb = await new InMemoryGltfIO('p.glb').writeBinary(doc);
    expect((await rejection(read('p.glb', glb))).message).toBe('p.glb: no triangle meshes in the file');
  });
});

describe('truncated files', () => {
  it('binary STL, binary PLY, GLB, OFF', async () => {
    expect((await rejection(read('t.stl', binaryStl(10).slice(0, 300)))).message).toBe(
      't.stl: the binary STL is truncated: its header declares 10 triangles (584 bytes), the file has 300 bytes',
    );
    const ply = await writeModel(richModel(), 'ply');
    expect((await rejection(read('t.ply', ply.slice(0, ply.length - 40)))).message).toMatch(
      /^t\.ply: the file is truncated: the header declares data of at least \d+ bytes, only \d+ follow$/,
    );
    const glb = await writeModel(richModel(), 'glb');
    expect((await rejection(read('t.glb', glb.slice(0, glb.length - 100)))).message).toMatch(
      /^t\.glb: not a valid GLB file \(/,
    );
    expect(
      (
        await rejection(
          read('t.off', 'OFF\n4 2 0\n0.0 0.0 0.0\n1.0 0.0 0.0\n0.0 1.0 0.0\n0.0 0.0 1.0\n3 0 1 2\n3 0 1'),
        )
      ).message,
    ).toBe('t.off: line 8: face 1: corner "" is not a vertex index (the line ends early)');
    expect((await rejection(read('t2.off', 'OFF\n400 200 0\n0 0 0\n'))).message).toMatch(
      /^t2\.off: the file is truncated: the header declares 400 vertices and 200 faces/,
    );
  });
  it('OBJ cut inside a face line', async () => {
    expect((await rejection(read('t.obj', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nf 1 2'))).message).toBe(
      't.obj: line 5: a face needs at least 3 vertices, this one has 2',
    );
  });
});

describe('huge files are refused before anything is allocated for them', () => {
  it('a 5M-triangle OBJ', async () => {
    const line = text('f 1 2 3\n');
    const bytes = new Uint8Array(8 + line.length * 5_000_000);
    bytes.set(text('v 0 0 0\n'));
    for (let i = 0; i < 5_000_000; i++) bytes.set(line, 8 + i * line.length);
    expect((await rejection(read('huge.obj', bytes))).message).toBe(
      'huge.obj: more than the limit of 4,000,000 triangles (raise the maxTriangles limit to load it)',
    );
  });
  it('5M-triangle STL, PLY, OFF and GLB headers', async () => {
    const limit = /is more than the limit of 4,000,000 .*raise the maxTriangles limit to load it/;
    expect((await rejection(read('huge.stl', binaryStl(1, 5_000_000)))).message).toMatch(limit);
    const ply =
      'ply\nformat binary_little_endian 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 5000000\nproperty list uchar int vertex_indices\nend_header\n';
    expect((await rejection(read('huge.ply', ply))).message).toMatch(limit);
    expect((await rejection(read('huge.off', 'OFF\n3 5000000 0\n'))).message).toMatch(limit);
    const json = {
      asset: { version: '2.0' },
      accessors: [{ count: 15_000_000, type: 'SCALAR', componentType: 5125 }],
      meshes: [{ primitives: [{ attributes: { POSITION: 0 }, indices: 0 }] }],
    };
    expect((await rejection(read('huge.gltf', JSON.stringify(json)))).message).toMatch(limit);
  });
  it('the limit can be raised or lowered', async () => {
    const obj = 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nf 1 3 2\n';
    expect((await rejection(read('two.obj', obj, 1))).message).toMatch(/more than the limit of 1 triangles/);
    expect((await read('two.obj', obj, 2)).root.mesh!.indices.length).toBe(6);
  });
});

describe('glTF with external and embedded buffers', () => {
  async function gltfJson() {
    const model = richModel();
    const glb = await writeModel(model, 'glb');
    const io = new InMemoryGltfIO('x');
    const doc = await io.readBinary(glb);
    return io.writeJSON(doc, { format: 'GLTF', basename: 'scene' } as never);
  }
  it('reads external .bin buffers through the resolver, and names a missing one', async () => {
    const { json, resources } = await gltfJson();
    const uri = json.buffers![0]!.uri!;
    const data = text(JSON.stringify(json));
    const model = await readModel({ name: 'scene.gltf', data }, (path) => resources[path]);
    expect(model.root.children[0]!.mesh!.faceAttributes!._AREA!.array).toEqual(
      richModel().root.children[0]!.mesh!.faceAttributes!._AREA!.array,
    );
    expect((await rejection(readModel({ name: 'scene.gltf', data }, () => undefined))).message).toBe(
      `scene.gltf: the file "${uri}" it refers to was not found beside it`,
    );
  });
  it('reads external textures through the resolver; a missing one is only a warning', async () => {
    const model = richModel();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7]);
    model.root.children[0]!.material!.map = { name: 'skin.png', mime: 'image/png', bytes: png };
    const io = new InMemoryGltfIO('x');
    const { json, resources } = await io.writeJSON(await io.readBinary(await writeModel(model, 'glb')), {
      format: 'GLTF',
      basename: 'scene',
    } as never);
    const imageUri = json.images![0]!.uri!;
    const data = text(JSON.stringify(json));
    const found = await readModel({ name: 'scene.gltf', data }, (path) => resources[path]);
    expect(found.root.children[0]!.material!.map!.bytes).toEqual(png);
    const missing = await readModel({ name: 'scene.gltf', data }, (path) =>
      path === imageUri ? undefined : resources[path],
    );
    expect(missing.root.children[0]!.material!.map).toBeUndefined();
    expect(missing.warnings.join('\n')).toContain(imageUri);
  });

  it('reads buffers embedded as data: URIs', async () => {
    const { json, resources } = await gltfJson();
    for (const buffer of json.buffers ?? []) {
      buffer.uri = `data:application/octet-stream;base64,${Buffer.from(resources[buffer.uri!]!).toString('base64')}`;
    }
    const model = await readModel({ name: 'embedded.gltf', data: text(JSON.stringify(json)) });
    expect(model.root.children[0]!.mesh!.indices.length).toBe(24);
  });
  it('reads a GLB whose extension says OBJ, with a warning', async () => {
    const model = await readModel({ name: 'wrong.obj', data: await writeModel(richModel(), 'glb') });
    expect(model.warnings[0]).toBe('the file is GLB data despite its .obj extension');
  });
});
