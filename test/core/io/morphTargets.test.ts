import { decode } from 'fast-png';
import {
  BufferAttribute,
  DataTexture,
  NearestFilter,
  RGBAFormat,
  UnsignedByteType,
  type Group,
  type MeshStandardMaterial,
  type Mesh as ThreeMesh,
} from 'three';
import { describe, expect, it } from 'vitest';
import { modelToThree } from '../../../src/core/io/modelToThree';
import type { ModelData } from '../../../src/core/io/ModelData';
import { readModel } from '../../../src/core/io/readModel';
import { threeToModel } from '../../../src/core/io/threeToModel';
import { writeModel } from '../../../src/core/io/writeModel';
import { withVertices } from '../../../src/core/mesh/meshEdit';
import { meshProblem } from '../../../src/core/mesh/validateMesh';
import { CORNER_UVS, geometryToMesh, meshToGeometry } from '../../../src/core/mesh/threeGeometry';
import { richOctahedron, values } from './fixtures';

const f32 = (a: ArrayLike<number> | undefined) => values(a).map(Math.fround);

/** The octahedron with two morph targets (absolute positions), a second UV set and weights. */
function morphModel(): ModelData {
  const mesh = richOctahedron();
  const base = Float32Array.from(mesh.positions);
  const sphere = base.map((x) => x / 1.5); // the unit octahedron
  const stretch = base.map((x, i) => (i % 3 === 2 ? 2 * x : x));
  mesh.morphTargets = [
    { name: 'sphere', positions: sphere },
    { name: 'stretch', positions: stretch },
  ];
  mesh.uvs1 = Float32Array.from({ length: 12 }, (_, i) => ((i * 7) % 12) / 11);
  return {
    name: 'morph',
    warnings: [],
    root: { name: 'octahedron', mesh, morphWeights: [0.25, 0], children: [] },
  };
}

async function glbRoundTrip(model: ModelData): Promise<ModelData> {
  return readModel({ name: 'out.glb', data: await writeModel(model, 'glb') });
}

function expectClose(actual: ArrayLike<number> | undefined, expected: ArrayLike<number>, digits = 5): void {
  expect(actual?.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual![i]).toBeCloseTo(expected[i]!, digits);
}

describe('morph targets and the second UV set', () => {
  it('survive GLB: absolute positions, names, current weights and TEXCOORD_1', async () => {
    const model = morphModel();
    const back = await glbRoundTrip(model);
    const mesh = back.root.mesh!;
    expect(mesh.morphTargets!.map((t) => t.name)).toEqual(['sphere', 'stretch']);
    for (let t = 0; t < 2; t++)
      expectClose(mesh.morphTargets![t]!.positions, model.root.mesh!.morphTargets![t]!.positions);
    expect(back.root.morphWeights).toEqual([0.25, 0]);
    expectClose(mesh.uvs1, model.root.mesh!.uvs1!, 6); // (u, 1 − v) twice rounds in float32
  });

  it('survive GLB across UV seams (seam copies get their vertex’s target rows and second UVs)', async () => {
    const model = morphModel();
    const mesh = model.root.mesh!;
    // Per-corner UVs that differ between faces: the geometry gets seam copies at the end.
    const corners = Float32Array.from({ length: mesh.indices.length * 2 }, (_, i) => (i % 7) / 6);
    mesh.faceAttributes = { ...mesh.faceAttributes, [CORNER_UVS]: { array: corners, itemSize: 6 } };
    delete mesh.uvs;
    const geometry = meshToGeometry(mesh);
    expect(geometry.getAttribute('position').count).toBeGreaterThan(6);
    expect(geometry.morphAttributes.position![0]!.count).toBe(geometry.getAttribute('position').count);
    const back = await glbRoundTrip(model);
    expect(back.root.mesh!.positions.length).toBe(18);
    expectClose(back.root.mesh!.morphTargets![1]!.positions, mesh.morphTargets![1]!.positions);
    expectClose(back.root.mesh!.uvs1, mesh.uvs1!, 6);
  });

  it('become three.js morph attributes, influences and dictionary, and come back from them', () => {
    const model = morphModel();
    const object = modelToThree(model) as ThreeMesh;
    expect(object.geometry.morphAttributes.position).toHaveLength(2);
    expect(object.geometry.morphTargetsRelative).toBe(false);
    expect(object.morphTargetDictionary).toEqual({ sphere: 0, stretch: 1 });
    expect(object.morphTargetInfluences).toEqual([0.25, 0]);
    expect(object.geometry.getAttribute('uv1').count).toBe(6);
    object.morphTargetInfluences![1] = 0.5;
    const back = threeToModel(object);
    expect(back.root.morphWeights).toEqual([0.25, 0.5]);
    expect(back.root.mesh!.morphTargets![0]!.name).toBe('sphere');
    expect(values(back.root.mesh!.uvs1)).toEqual(f32(model.root.mesh!.uvs1));
  });

  it('turns relative three.js targets (as GLTFLoader makes them) into absolute ones, named by the dictionary', () => {
    const geometry = meshToGeometry({
      positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]),
      indices: new Uint32Array([0, 1, 2]),
    });
    geometry.morphAttributes.position = [
      new BufferAttribute(new Float32Array([0, 0, 1, 0, 0, 1, 0, 0, 1]), 3),
    ];
    geometry.morphTargetsRelative = true;
    const mesh = geometryToMesh(geometry);
    expect(values(mesh.morphTargets![0]!.positions)).toEqual([0, 0, 1, 1, 0, 1, 0, 1, 1]);
  });

  it("three.js's GLTFLoader reads our morph targets, their names, weights and TEXCOORD_1", async () => {
    const { GLTFLoader } = await import('three/examples/jsm/loaders/GLTFLoader.js');
    const model = morphModel();
    const glb = await writeModel(model, 'glb');
    const gltf = await new Promise<{ scene: Group }>((resolve, reject) =>
      new GLTFLoader().parse(glb.slice().buffer, '', resolve as never, reject),
    );
    const object = gltf.scene.getObjectByName('octahedron') as ThreeMesh;
    expect(object.morphTargetDictionary).toEqual({ sphere: 0, stretch: 1 });
    expect(object.morphTargetInfluences).toEqual([0.25, 0]);
    expect(object.geometry.morphTargetsRelative).toBe(true);
    const base = object.geometry.getAttribute('position');
    const delta = object.geometry.morphAttributes.position![0]!;
    const sphere = model.root.mesh!.morphTargets![0]!.positions;
    for (let i = 0; i < base.count; i++)
      for (let k = 0; k < 3; k++)
        expect(base.getComponent(i, k) + delta.getComponent(i, k)).toBeCloseTo(sphere[3 * i + k]!, 5);
    // three.js keeps glTF's UVs as they are (origin top-left); ours are flipped back on read.
    expect(object.geometry.getAttribute('uv1').getY(1)).toBeCloseTo(1 - model.root.mesh!.uvs1![3]!, 6);
  });
});

describe('morph targets and second UVs are per-vertex data like the others', () => {
  it('a file whose morph target has a NaN is refused, naming the target', async () => {
    const model = morphModel();
    model.root.mesh!.morphTargets![1]!.positions[4] = NaN;
    await expect(glbRoundTrip(model)).rejects.toThrow(
      'out.glb: octahedron: morph target "stretch": vertex 1 has a non-finite coordinate (NaN)',
    );
  });

  it('meshProblem names a morph target or second UV set of the wrong length', () => {
    const mesh = morphModel().root.mesh!;
    expect(meshProblem(mesh)).toBeNull();
    expect(meshProblem({ ...mesh, uvs1: new Float32Array(4) })).toBe('uvs1 holds 4 values, expected 6 × 2');
    expect(meshProblem({ ...mesh, morphTargets: [{ name: 'sphere', positions: new Float32Array(3) }] })).toBe(
      'morph target sphere holds 3 values, expected 6 × 3',
    );
  });

  it('follow their vertices when a repair renumbers them (withVertices)', () => {
    const mesh = morphModel().root.mesh!;
    const order = [5, 4, 3, 2, 1, 0];
    const renumbered = withVertices(
      mesh,
      order,
      mesh.indices.map((v) => 5 - v),
    );
    expect(meshProblem(renumbered)).toBeNull();
    const sphere = mesh.morphTargets![0]!.positions;
    expect(values(renumbered.morphTargets![0]!.positions.subarray(0, 3))).toEqual(
      values(sphere.subarray(15, 18)),
    );
    expect(values(renumbered.uvs1!.subarray(0, 2))).toEqual(values(mesh.uvs1!.subarray(10, 12)));
  });
});

describe('generated textures', () => {
  /** A 3×2 RGBA DataTexture whose pixels are all different. */
  function dataTexture(): DataTexture {
    const data = Uint8Array.from({ length: 24 }, (_, i) => (i * 11) % 256);
    const texture = new DataTexture(data, 3, 2, RGBAFormat, UnsignedByteType);
    texture.name = 'my checker';
    texture.magFilter = NearestFilter;
    texture.channel = 1;
    return texture;
  }

  it('a DataTexture map is exported as PNG (rows top first) with its UV set and nearest filtering, and re-read', async () => {
    const object = modelToThree(morphModel()) as ThreeMesh;
    const material = object.material as MeshStandardMaterial;
    const texture = dataTexture();
    material.map = texture;
    const model = threeToModel(object);
    expect(model.warnings).toEqual([]);
    const map = model.root.material!.map!;
    expect(map).toMatchObject({ name: 'my_checker.png', mime: 'image/png' });
    const png = decode(map.bytes);
    expect([png.width, png.height, png.channels]).toEqual([3, 2, 4]);
    // DataTexture row 0 is at v = 0, the bottom: it becomes the PNG's last row.
    const data = texture.image.data as Uint8Array;
    expect(Array.from(png.data)).toEqual([...data.subarray(12, 24), ...data.subarray(0, 12)]);
    expect(model.root.material).toMatchObject({ mapChannel: 1, mapNearest: true });

    const back = await glbRoundTrip(model);
    expect(back.root.material).toMatchObject({ mapChannel: 1, mapNearest: true });
    expect(Array.from(back.root.material!.map!.bytes)).toEqual(Array.from(map.bytes));
    const reloaded = (modelToThree(back) as ThreeMesh).material as MeshStandardMaterial;
    expect(reloaded.map!.channel).toBe(1);
    expect(reloaded.map!.magFilter).toBe(NearestFilter);
  });
});
