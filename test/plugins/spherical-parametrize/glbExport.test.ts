import { decode } from 'fast-png';
import {
  Mesh as ThreeMesh,
  MeshStandardMaterial,
  NearestFilter,
  Scene,
  type BufferGeometry,
  type Object3D,
} from 'three';
import { describe, expect, it } from 'vitest';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { icosphere } from '../../../src/core/harmonics/icosphere';
import { IMAGE_FILE_KEY, modelToThree } from '../../../src/core/io/modelToThree';
import type { ImageFile } from '../../../src/core/io/ModelData';
import { readModel } from '../../../src/core/io/readModel';
import { threeToModel } from '../../../src/core/io/threeToModel';
import { writeModel } from '../../../src/core/io/writeModel';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import { CORNER_UVS, geometryToMesh, meshToGeometry } from '../../../src/core/mesh/threeGeometry';
import type { JobContext } from '../../../src/core/plugin/Job';
import { defaultProps } from '../../../src/core/plugin/PropSpec';
import { checkerTexture } from '../../../src/plugins/spherical-parametrize/checkerTexture';
import { sphericalParametrizeJob } from '../../../src/plugins/spherical-parametrize/job';
import {
  SPHERE_COORDS,
  USERDATA_KEY,
  sphericalParametrizeOperator as operator,
} from '../../../src/plugins/spherical-parametrize/operator';
import { sphericalProps } from '../../../src/plugins/spherical-parametrize/props';

/** A level-2 icosphere (162 vertices) with bumps, and per-corner UVs that make texture seams. */
function bumpySphere(): Mesh {
  const { positions, indices } = icosphere(2);
  for (let v = 0; v < positions.length; v += 3) {
    const [x, y, z] = [positions[v]!, positions[v + 1]!, positions[v + 2]!];
    const r = 1 + 0.15 * Math.sin(3 * x) * Math.cos(2 * y) + 0.1 * z * z;
    for (let k = 0; k < 3; k++) positions[v + k] *= r;
  }
  const corners = Float32Array.from(
    { length: indices.length * 2 },
    (_, i) => ((i >> 1) % 3) / 4 + (i % 2) * 0.5,
  );
  return { positions, indices, faceAttributes: { [CORNER_UVS]: { array: corners, itemSize: 6 } } };
}

function findMesh(root: Object3D): ThreeMesh {
  let found: ThreeMesh | undefined;
  root.traverse((o) => {
    if ((o as ThreeMesh).isMesh) found ??= o as ThreeMesh;
  });
  if (!found) throw new Error('no mesh');
  return found;
}

const jobContext = (): JobContext => ({
  signal: new AbortController().signal,
  progress: () => undefined,
  onnx: undefined as never,
});

describe('Spherical Parametrize result survives GLB export and re-import', () => {
  it('keeps the sphere morph target and its influence, the uv1 checker UVs and the checker material', async () => {
    const props = defaultProps(sphericalProps);
    expect(props.checker).toBe(true);
    const scene = new Scene();
    const object = new ThreeMesh(meshToGeometry(bumpySphere()), new MeshStandardMaterial());
    object.name = 'bumpy';
    scene.add(object);
    const ctx = { object, selection: [object], host: new HeadlessSceneHost(scene) };
    expect(operator.poll(ctx)).toBeNull();
    const { output } = await sphericalParametrizeJob(operator.prepare(ctx, props).input, props, jobContext());
    operator.apply(ctx, output, props).execute();
    object.morphTargetInfluences![0] = 0.5; // the artist drags the "sphere" slider half way
    const before = geometryToMesh(object.geometry as BufferGeometry);
    expect(before.morphTargets?.map((t) => t.name)).toEqual(['sphere']);
    expect(before.uvs1?.length).toBe(2 * 162);
    expect(object.geometry.getAttribute('position').count).toBeGreaterThan(162); // UV seam copies exist

    const exported = threeToModel(scene);
    expect(exported.warnings).toEqual([]);
    const glb = await writeModel(exported, 'glb');
    const loaded = findMesh(modelToThree(await readModel({ name: 'bumpy.glb', data: glb })));

    // (a) the morph target, by name, with the current influence
    expect(loaded.morphTargetDictionary).toEqual({ sphere: 0 });
    expect(loaded.morphTargetInfluences).toEqual([0.5]);
    const after = geometryToMesh(loaded.geometry);
    expect(after.indices).toEqual(before.indices);
    const expected = before.morphTargets![0]!.positions;
    const actual = after.morphTargets![0]!.positions;
    expect(actual.length).toBe(expected.length);
    // Stored as float32 displacements from the base: a few ulps of the coordinates.
    for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(1e-6);
    // (b) the second UV set, and the seams of the first
    expect(after.uvs1!.length).toBe(before.uvs1!.length);
    for (let i = 0; i < before.uvs1!.length; i++) expect(after.uvs1![i]).toBeCloseTo(before.uvs1![i]!, 6);
    expect(after.faceAttributes![CORNER_UVS]!.array.length).toBe(
      before.faceAttributes![CORNER_UVS]!.array.length,
    );
    // (c) the checker material, read through uv1, nearest filtered, with the checker's own pixels
    const material = loaded.material as MeshStandardMaterial;
    expect(material.name).toBe('sphere checkerboard');
    expect(material.map!.channel).toBe(1);
    expect(material.map!.magFilter).toBe(NearestFilter);
    const png = decode((material.map!.userData[IMAGE_FILE_KEY] as ImageFile).bytes);
    const checker = checkerTexture();
    const data = checker.image.data as Uint8Array;
    expect([png.width, png.height]).toEqual([checker.image.width, checker.image.height]);
    const rowLength = 4 * png.width;
    for (let row = 0; row < png.height; row++) {
      const source = png.height - 1 - row; // PNG rows top first, DataTexture rows bottom first
      expect(Array.from(png.data.subarray(row * rowLength, (row + 1) * rowLength))).toEqual(
        Array.from(data.subarray(source * rowLength, (source + 1) * rowLength)),
      );
    }
    // and what survived before still does
    expect(loaded.geometry.getAttribute(SPHERE_COORDS).itemSize).toBe(2);
    expect(loaded.userData[USERDATA_KEY]).toMatchObject({ plugin: 'spherical-parametrize', props });
  });
});
