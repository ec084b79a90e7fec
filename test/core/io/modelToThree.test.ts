import type { MeshStandardMaterial } from 'three';
import { DirectionalLight, Group, Mesh as ThreeMesh, Texture, type BufferGeometry } from 'three';
import { describe, expect, it } from 'vitest';
import { IMAGE_FILE_KEY, modelToThree } from '../../../src/core/io/modelToThree';
import type { ImageFile, ModelData } from '../../../src/core/io/ModelData';
import { readModel } from '../../../src/core/io/readModel';
import { threeToModel } from '../../../src/core/io/threeToModel';
import { writeModel } from '../../../src/core/io/writeModel';
import { richModel, richOctahedron } from './fixtures';

const png: ImageFile = {
  name: 'tex/skin.png',
  mime: 'image/png',
  bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
};

describe('modelToThree', () => {
  it('builds Groups and Meshes with names, transforms, userData, materials and shared arrays', () => {
    const model = richModel();
    const root = modelToThree(model);
    expect(root).toBeInstanceOf(Group);
    expect(root.userData).toEqual(model.root.userData);
    const mesh = root.children[0] as ThreeMesh<BufferGeometry, MeshStandardMaterial>;
    expect(mesh).toBeInstanceOf(ThreeMesh);
    expect(mesh.name).toBe('octahedron');
    expect(mesh.position.toArray()).toEqual([1, 2, 3]);
    expect(mesh.scale.toArray()).toEqual([2, 2, 2]);
    expect(mesh.geometry.getIndex()!.array).toBe(model.root.children[0]!.mesh!.indices);
    expect(mesh.geometry.userData.attributeInfo).toEqual(model.root.children[0]!.meshUserData!.attributeInfo);
    expect(mesh.material.color.toArray()).toEqual([1, 0, 0]);
    expect(mesh.material.transparent).toBe(true);
    expect(mesh.material.vertexColors).toBe(true);
    expect(root.children[1]).toBeInstanceOf(Group);
  });

  it('round-trips through threeToModel: same arrays, float64 positions and userData back', () => {
    const model = richModel();
    const back = threeToModel(modelToThree(model));
    const node = back.root.children[0]!;
    const source = model.root.children[0]!;
    expect(node.mesh!.positions).toBe(source.mesh!.positions);
    expect(node.mesh!.indices).toBe(source.mesh!.indices);
    expect(node.mesh!.faceAttributes!._AREA).toBe(source.mesh!.faceAttributes!._AREA);
    expect(node.matrix).toEqual(source.matrix);
    expect(node.userData).toEqual(source.userData);
    expect(node.meshUserData).toEqual(source.meshUserData);
    expect(node.material).toMatchObject({ name: 'red', opacity: 0.5, roughness: 0.25, metalness: 0.75 });
    expect(node.material!.color![0]).toBeCloseTo(1, 6);
    expect(back.warnings).toEqual([]);
  });

  it('keeps hidden objects hidden through GLB, and their userData apart from our key', async () => {
    const root = modelToThree(richModel());
    const hidden = root.children[0]!;
    hidden.visible = false;
    const back = modelToThree(
      await readModel({ name: 'scene.glb', data: await writeModel(threeToModel(root), 'glb') }),
    );
    const node = back.getObjectByName('octahedron')!;
    expect(node.visible).toBe(false);
    expect(node.userData).toEqual(hidden.userData);
    expect(back.children.filter((c) => c !== node).every((c) => c.visible)).toBe(true);
  });

  it('computes display normals for meshes without them but does not export them', () => {
    const mesh = richOctahedron();
    delete mesh.normals;
    const object = modelToThree({
      name: 'n',
      warnings: [],
      root: { name: 'n', mesh, children: [] },
    }) as ThreeMesh;
    expect(object.geometry.getAttribute('normal')).toBeDefined();
    expect(threeToModel(object).root.mesh!.normals).toBeUndefined();
  });

  it('hands image bytes to the texture hook, keeps them in userData, and re-exports them', async () => {
    const model: ModelData = {
      name: 't',
      warnings: [],
      root: { name: 't', mesh: richOctahedron(), material: { map: png }, children: [] },
    };
    const seen: ImageFile[] = [];
    const hooked = modelToThree(model, {
      loadTexture: (image) => (seen.push(image), new Texture()),
    }) as ThreeMesh<BufferGeometry, MeshStandardMaterial>;
    expect(seen).toEqual([png]);
    expect(hooked.material.map!.userData[IMAGE_FILE_KEY]).toBe(png);
    // Without a hook (Node, workers) the texture has no image, only the bytes, and export keeps them.
    const plain = modelToThree(model);
    const again = threeToModel(plain);
    expect(again.root.material!.map).toBe(png);
    const glb = await readModel({ name: 'x.glb', data: await writeModel(again, 'glb') });
    expect(glb.root.material!.map!.bytes).toEqual(png.bytes);
    expect(glb.root.material!.map!.mime).toBe('image/png');
  });

  it('skips lights and cameras with a warning', () => {
    const group = new Group();
    group.add(
      new DirectionalLight(),
      modelToThree({ name: 'm', warnings: [], root: { name: 'm', mesh: richOctahedron(), children: [] } }),
    );
    const model = threeToModel(group);
    expect(model.root.children.length).toBe(1);
    expect(model.warnings).toEqual(['1 lights skipped (only meshes and groups are kept)']);
  });
});

describe('display normals', () => {
  it('match three.js computeVertexNormals, and stay smooth across UV seams', async () => {
    const { displayNormals } = await import('../../../src/core/io/displayNormals');
    const { meshToGeometry, CORNER_UVS } = await import('../../../src/core/mesh/threeGeometry');
    const mesh = richOctahedron();
    const geometry = meshToGeometry({ positions: mesh.positions, indices: mesh.indices });
    geometry.computeVertexNormals();
    const ours = displayNormals(mesh.positions, mesh.indices);
    const theirs = geometry.getAttribute('normal').array;
    for (let i = 0; i < ours.length; i++) expect(ours[i]).toBeCloseTo(theirs[i]!, 6);
    // A seam-split mesh: the copies get their original's normal.
    const seams = {
      positions: mesh.positions,
      indices: mesh.indices,
      faceAttributes: {
        [CORNER_UVS]: { array: Float32Array.from({ length: 48 }, (_, i) => i), itemSize: 6 },
      },
    };
    const object = modelToThree({
      name: 's',
      warnings: [],
      root: { name: 's', mesh: seams, children: [] },
    }) as ThreeMesh;
    const split = object.geometry.getAttribute('normal');
    const source = object.geometry.userData.seamSource as Uint32Array;
    expect(split.count).toBe(6 + source.length);
    for (let s = 0; s < source.length; s++) expect(split.getX(6 + s)).toBe(ours[3 * source[s]!]);
  });
});
