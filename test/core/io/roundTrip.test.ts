import type { Group, Mesh as ThreeMesh } from 'three';
import { describe, expect, it } from 'vitest';
import { CORNER_UVS } from '../../../src/core/mesh/threeGeometry';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import {
  MATERIAL_FACE_ATTRIBUTE,
  modelMeshNodes,
  modelBuffers,
  type ModelData,
} from '../../../src/core/io/ModelData';
import { modelToThree } from '../../../src/core/io/modelToThree';
import { threeToModel } from '../../../src/core/io/threeToModel';
import { readModel } from '../../../src/core/io/readModel';
import { writeModel } from '../../../src/core/io/writeModel';
import { hasShared } from '../../helpers/shared';
import { richModel, richOctahedron, sharedFile, values } from './fixtures';

const f32 = (a: ArrayLike<number> | undefined) => values(a).map(Math.fround);

function expectClose(
  actual: ArrayLike<number> | undefined,
  expected: ArrayLike<number> | undefined,
  tolerance: number,
): void {
  const a = values(actual);
  const e = values(expected);
  expect(a.length).toBe(e.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - e[i]!));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

/** Equal element by element (after `map`), reporting the first difference; much faster than toEqual on big arrays. */
function expectSame(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  map: (x: number) => number = (x) => x,
  label = '',
): void {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    if (map(actual[i]!) !== map(expected[i]!))
      expect(`${label}[${i}] = ${actual[i]}`).toBe(`${label}[${i}] = ${expected[i]}`);
  }
}

async function roundTrip(model: ModelData, format: 'glb' | 'obj' | 'ply' | 'stl'): Promise<ModelData> {
  const bytes = await writeModel(model, format);
  return readModel({ name: `out.${format}`, data: bytes });
}

describe('GLB round trip keeps everything plugins add', () => {
  it('restores structure, transforms, userData, materials, and every attribute with its type', async () => {
    const model = richModel();
    const back = await roundTrip(model, 'glb');
    expect(back.warnings).toEqual([]);
    expect(back.root.name).toBe('root');
    expect(back.root.userData).toEqual(model.root.userData);
    expect(back.root.children.map((c) => c.name)).toEqual(['octahedron', 'empty group']);
    const node = back.root.children[0]!;
    const original = model.root.children[0]!;
    expect(node.matrix).toEqual(original.matrix);
    expect(node.userData).toEqual(original.userData);
    expect(node.meshUserData).toEqual(original.meshUserData);
    expect(node.material).toMatchObject({
      name: 'red',
      color: [1, 0, 0],
      opacity: 0.5,
      roughness: 0.25,
      metalness: 0.75,
    });
    const mesh = node.mesh!;
    const source = original.mesh!;
    expect(values(mesh.positions)).toEqual(f32(source.positions)); // glTF positions are float32
    expect(mesh.indices).toEqual(source.indices);
    expect(mesh.normals).toEqual(source.normals);
    expectClose(mesh.uvs, source.uvs, 1e-7); // v is flipped to glTF's convention and back
    expect(mesh.colors).toEqual(source.colors);
    expect(mesh.colorSize).toBe(4);
    // Vertex attributes: glTF-typed ones as '_' attributes, int32 exactly via stored arrays; float64 → float32.
    expect(mesh.vertexAttributes!._SCALAR!.array).toEqual(source.vertexAttributes!._SCALAR!.array);
    expect(mesh.vertexAttributes!._SEGMENT!.array).toEqual(source.vertexAttributes!._SEGMENT!.array);
    expect(mesh.vertexAttributes!._COUNTS).toEqual(source.vertexAttributes!._COUNTS);
    expect(values(mesh.vertexAttributes!._PRECISE!.array)).toEqual(
      f32(source.vertexAttributes!._PRECISE!.array),
    );
    // Face attributes keep their exact type and values (float64 included).
    for (const name of ['_LABEL', '_AREA', '_PAIR'])
      expect(mesh.faceAttributes![name]).toEqual(source.faceAttributes![name]);
  });

  it('keeps UV seams as per-corner UVs on the geometric vertices', async () => {
    const mesh: Mesh = richOctahedron();
    delete mesh.uvs;
    const corners = Float32Array.from({ length: 48 }, (_, i) => ((i * 7) % 13) / 12);
    mesh.faceAttributes = { [CORNER_UVS]: { array: corners, itemSize: 6 } };
    const model: ModelData = { name: 'seams', warnings: [], root: { name: 'seams', mesh, children: [] } };
    const back = await roundTrip(model, 'glb');
    expect(back.root.mesh!.positions.length).toBe(18);
    expect(back.root.mesh!.indices).toEqual(mesh.indices);
    expectClose(back.root.mesh!.faceAttributes![CORNER_UVS]!.array, corners, 1e-7);
  });

  it('refuses to write a model without meshes, in every format', async () => {
    const empty: ModelData = {
      name: 'empty',
      warnings: [],
      root: { name: 'group', children: [{ name: 'child', children: [] }] },
    };
    for (const format of ['glb', 'obj', 'ply', 'stl'] as const) {
      await expect(writeModel(empty, format)).rejects.toThrow(
        'empty: nothing to write, the model has no meshes',
      );
    }
  });

  it('lists each buffer once for transfer', () => {
    const model = richModel();
    const buffers = modelBuffers(model);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(model.root.children[0]!.mesh!.positions.buffer);
  });
});

describe('OBJ, PLY and STL round trips', () => {
  it('OBJ keeps float64 positions exactly, vertex and face order, normals, UVs and colours (transform baked)', async () => {
    const mesh = richOctahedron();
    const model: ModelData = { name: 'm', warnings: [], root: { name: 'm', mesh, children: [] } };
    const back = (await roundTrip(model, 'obj')).root.mesh!;
    expect(back.positions).toEqual(mesh.positions);
    expect(back.indices).toEqual(mesh.indices);
    expect(back.normals).toEqual(mesh.normals);
    expect(back.uvs).toEqual(mesh.uvs);
    expect(values(back.colors)).toEqual(values(mesh.colors).filter((_, i) => i % 4 !== 3)); // RGB only
  });

  it('OBJ of a multi-mesh model bakes transforms and concatenates meshes in order', async () => {
    const model = richModel();
    const back = (await roundTrip(model, 'obj')).root.mesh!;
    const source = model.root.children[0]!.mesh!;
    expect(back.positions[0]).toBeCloseTo(source.positions[0]! * 2 + 1, 12);
    expect(back.indices).toEqual(source.indices);
  });

  it('PLY keeps vertex and face order, normals, UVs, colours and custom vertex attributes', async () => {
    const mesh = richOctahedron();
    mesh.colorSize = 3;
    mesh.colors = Float32Array.from({ length: 18 }, (_, i) => (i % 3) / 2);
    const model: ModelData = { name: 'm', warnings: [], root: { name: 'm', mesh, children: [] } };
    const back = (await roundTrip(model, 'ply')).root.mesh!;
    expect(values(back.positions)).toEqual(f32(mesh.positions));
    expect(back.indices).toEqual(mesh.indices);
    expect(back.normals).toEqual(mesh.normals);
    expect(back.uvs).toEqual(mesh.uvs);
    expectClose(back.colors, mesh.colors, 1 / 255); // stored as 8-bit sRGB
    expect(values(back.vertexAttributes!._SCALAR!.array)).toEqual(
      values(mesh.vertexAttributes!._SCALAR!.array),
    );
    expect(values(back.vertexAttributes!._SEGMENT!.array)).toEqual(
      values(mesh.vertexAttributes!._SEGMENT!.array),
    );
    expect(back.vertexAttributes!._COUNTS!.itemSize).toBe(2);
    expect(values(back.vertexAttributes!._COUNTS!.array)).toEqual(
      values(mesh.vertexAttributes!._COUNTS!.array),
    );
  });

  it('STL keeps the triangles (welded back into the same surface)', async () => {
    const mesh = richOctahedron();
    const model: ModelData = { name: 'm', warnings: [], root: { name: 'm', mesh, children: [] } };
    const back = (await roundTrip(model, 'stl')).root.mesh!;
    expect(back.positions.length).toBe(18);
    expect(back.indices.length).toBe(mesh.indices.length);
    for (let c = 0; c < mesh.indices.length; c++) {
      for (let k = 0; k < 3; k++) {
        expect(back.positions[3 * back.indices[c]! + k]).toBe(
          Math.fround(mesh.positions[3 * mesh.indices[c]! + k]!),
        );
      }
    }
  });

  it('OFF is read with vertex colours and polygons fan-triangulated', async () => {
    const text =
      'COFF\n# a quad and a triangle\n5 2 0\n0 0 0 255 0 0\n1 0 0 0 255 0\n1 1 0 0 0 255\n0 1 0 255 255 255\n0 0 1 0 0 0\n4 0 1 2 3\n3 0 1 4\n';
    const model = await readModel({ name: 'quad.off', data: new TextEncoder().encode(text) });
    const mesh = model.root.mesh!;
    expect(values(mesh.indices)).toEqual([0, 1, 2, 0, 2, 3, 0, 1, 4]);
    expect(values(mesh.colors).slice(0, 6)).toEqual([1, 0, 0, 0, 1, 0]);
  });
});

describe.skipIf(!hasShared)('shared meshes through every format', () => {
  it('spot_color.obj: geometric vertices kept, UV seams as corner UVs, MTL colour and texture found', async () => {
    const { file, resolve } = sharedFile('spot_color.obj');
    const model = await readModel(file, resolve);
    const mesh = model.root.mesh!;
    expect(mesh.positions.length / 3).toBe(2930);
    expect(mesh.uvs).toBeUndefined();
    expect(mesh.faceAttributes![CORNER_UVS]!.array.length).toBe(mesh.indices.length * 2);
    expect(model.root.material!.map!.mime).toBe('image/png');
    expect(model.root.material!.map!.bytes.length).toBe(78699);
    expect(model.root.material!.color![0]).toBeCloseTo(0.6038, 3); // Kd 0.8 (sRGB) in linear
    // The texture, corner UVs and topology survive GLB.
    const back = await roundTrip(model, 'glb');
    expectSame(back.root.mesh!.indices, mesh.indices);
    expectSame(back.root.material!.map!.bytes, model.root.material!.map!.bytes);
    expectClose(
      back.root.mesh!.faceAttributes![CORNER_UVS]!.array,
      mesh.faceAttributes![CORNER_UVS]!.array,
      1e-7,
    );
    // And OBJ (per-corner vt lines).
    const obj = await roundTrip(model, 'obj');
    expect(obj.root.mesh!.faceAttributes![CORNER_UVS]).toEqual(mesh.faceAttributes![CORNER_UVS]);
  });

  for (const name of ['spot.obj', 'bunny.obj', 'cow_pinched.obj']) {
    it(`${name}: positions and faces survive GLB, OBJ and PLY exactly, STL as the same triangles`, async () => {
      const { file } = sharedFile(name);
      const model = await readModel(file);
      const mesh = modelMeshNodes(model)[0]!.mesh;
      for (const format of ['glb', 'obj', 'ply'] as const) {
        const back = (await roundTrip(model, format)).root.mesh!;
        expectSame(back.positions, mesh.positions, Math.fround, `${format} positions`);
        expectSame(back.indices, mesh.indices, undefined, `${format} indices`);
      }
      const stl = (await roundTrip(model, 'stl')).root.mesh!;
      expect(stl.indices.length).toBe(mesh.indices.length);
      for (let c = 0; c < mesh.indices.length; c += 997) {
        expect(stl.positions[3 * stl.indices[c]!]).toBe(Math.fround(mesh.positions[3 * mesh.indices[c]!]!));
      }
    });
  }
});

describe('writeModelFiles', () => {
  it('writes OBJ with its MTL and texture, and readModel with a resolver over them gets the material back', async () => {
    const { writeModelFiles } = await import('../../../src/core/io/writeModel');
    const png = {
      name: 'tex/skin.png',
      mime: 'image/png',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 9]),
    };
    const model: ModelData = {
      name: 'm',
      warnings: [],
      root: {
        name: 'm',
        mesh: richOctahedron(),
        material: {
          name: 'skin tone',
          color: [0.2, 0.4, 0.6],
          opacity: 0.75,
          roughness: 0.5,
          metalness: 0.25,
          map: png,
        },
        children: [],
      },
    };
    const files = await writeModelFiles(model, 'obj', 'out');
    expect(files.map((f) => f.name)).toEqual(['out.obj', 'out.mtl', 'tex/skin.png']);
    const byName = new Map(files.map((f) => [f.name, f.data]));
    const back = await readModel(files[0]!, (path) => byName.get(path));
    expect(back.warnings).toEqual([]);
    const material = back.root.material!;
    expect(material.name).toBe('skin_tone');
    for (let k = 0; k < 3; k++) expect(material.color![k]).toBeCloseTo(model.root.material!.color![k]!, 5);
    expect(material.opacity).toBe(0.75);
    expect(material.roughness).toBeCloseTo(0.5, 5);
    expect(material.metalness).toBe(0.25);
    expect(material.map!.bytes).toEqual(png.bytes);
    expect((await writeModelFiles(model, 'glb', 'out')).map((f) => f.name)).toEqual(['out.glb']);
  });
});

describe('interoperability', () => {
  it("three.js's GLTFLoader reads our GLB: geometry, '_' attributes, UVs, node and geometry userData", async () => {
    const { GLTFLoader } = await import('three/examples/jsm/loaders/GLTFLoader.js');
    const model = richModel();
    const glb = await writeModel(model, 'glb');
    const gltf = await new Promise<{ scene: Group }>((resolve, reject) =>
      new GLTFLoader().parse(glb.slice().buffer, '', resolve as never, reject),
    );
    const object = gltf.scene.getObjectByName('octahedron') as ThreeMesh;
    const source = model.root.children[0]!;
    expect(object.userData).toMatchObject(source.userData!);
    expect(object.geometry.userData.attributeInfo).toEqual(source.meshUserData!.attributeInfo);
    expect(Array.from(object.geometry.getIndex()!.array)).toEqual(Array.from(source.mesh!.indices));
    // Read item by item, whatever the layout (interleaved or not).
    const items = (name: string) => {
      const a = object.geometry.getAttribute(name);
      return Array.from({ length: a.count * a.itemSize }, (_, i) =>
        a.getComponent(Math.floor(i / a.itemSize), i % a.itemSize),
      );
    };
    // GLTFLoader lower-cases custom attribute names ('_SCALAR' → '_scalar'); readModel keeps them as written.
    expect(items('_scalar')).toEqual(Array.from(source.mesh!.vertexAttributes!._SCALAR!.array));
    expect(items('_counts')).toEqual(Array.from(source.mesh!.vertexAttributes!._COUNTS!.array));
    // three.js keeps glTF's UVs as they are and sets flipY = false on textures; ours are flipped back on read.
    const uv = object.geometry.getAttribute('uv');
    expect(uv.getY(1)).toBeCloseTo(1 - source.mesh!.uvs![3]!, 6);
  });
});

describe('several materials on one mesh', () => {
  const obj =
    'mtllib m.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nusemtl red\nf 1 3 2\nusemtl green\nf 1 2 4\nusemtl red\nf 2 3 4\nusemtl blue\nf 3 1 4\n';
  const mtl = 'newmtl red\nKd 1 0 0\nnewmtl green\nKd 0 1 0\nnewmtl blue\nKd 0 0 1\n';
  const read = () =>
    readModel({ name: 't.obj', data: new TextEncoder().encode(obj) }, (path) =>
      path === 'm.mtl' ? new TextEncoder().encode(mtl) : undefined,
    );

  it('survive GLB (one primitive per material sharing the vertices) with face order and topology kept', async () => {
    const model = await read();
    const back = await roundTrip(model, 'glb');
    expect(back.root.materials!.map((m) => m.name)).toEqual(['red', 'green', 'blue']);
    expect(back.root.material!.name).toBe('red');
    expect(back.root.mesh!.indices).toEqual(model.root.mesh!.indices);
    expect(values(back.root.mesh!.faceAttributes![MATERIAL_FACE_ATTRIBUTE]!.array)).toEqual([0, 1, 0, 2]);
    expect(back.root.mesh!.positions.length).toBe(12);
  });

  it('become draw groups and a material array in three.js, and come back from them', async () => {
    const model = await read();
    const object = modelToThree(model) as ThreeMesh;
    expect((object.material as unknown[]).length).toBe(3);
    expect(object.geometry.groups.map((g) => [g.start, g.count, g.materialIndex])).toEqual([
      [0, 3, 0],
      [3, 3, 1],
      [6, 3, 0],
      [9, 3, 2],
    ]);
    const back = threeToModel(object);
    expect(back.root.materials!.map((m) => m.name)).toEqual(['red', 'green', 'blue']);
    expect(values(back.root.mesh!.faceAttributes![MATERIAL_FACE_ATTRIBUTE]!.array)).toEqual([0, 1, 0, 2]);
  });
});

describe('several materials through OBJ files', () => {
  it('writeModelFiles writes usemtl at each change and readModel gets the same face → material map', async () => {
    const { writeModelFiles } = await import('../../../src/core/io/writeModel');
    const obj =
      'mtllib m.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nusemtl a\nf 1 3 2\nusemtl b\nf 1 2 4\nf 2 3 4\nusemtl a\nf 3 1 4\n';
    const mtl = 'newmtl a\nKd 1 0 0\nnewmtl b\nKd 0 1 0\n';
    const model = await readModel({ name: 't.obj', data: new TextEncoder().encode(obj) }, () =>
      new TextEncoder().encode(mtl),
    );
    const files = await writeModelFiles(model, 'obj', 'out');
    expect(new TextDecoder().decode(files[0]!.data).match(/usemtl \w+/g)).toEqual([
      'usemtl a',
      'usemtl b',
      'usemtl a',
    ]);
    const byName = new Map(files.map((f) => [f.name, f.data]));
    const back = await readModel(files[0]!, (path) => byName.get(path));
    expect(back.root.materials!.map((m) => m.name)).toEqual(['a', 'b']);
    expect(values(back.root.mesh!.faceAttributes![MATERIAL_FACE_ATTRIBUTE]!.array)).toEqual([0, 1, 1, 0]);
    expect(back.root.mesh!.indices).toEqual(model.root.mesh!.indices);
  });
});
