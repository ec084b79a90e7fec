import { Document } from '@gltf-transform/core';
import { EXTMeshoptCompression, KHRMeshQuantization } from '@gltf-transform/extensions';
import { MeshoptEncoder } from 'meshoptimizer/encoder';
import { describe, expect, it } from 'vitest';
import { InMemoryGltfIO } from '../../../src/core/io/gltfIO';
import { readModel } from '../../../src/core/io/readModel';

/** Each triangle rotated to start at its smallest index (same triangle, same orientation). */
function canonical(indices: ArrayLike<number>): number[][] {
  const out: number[][] = [];
  for (let f = 0; f < indices.length; f += 3) {
    const t = [indices[f]!, indices[f + 1]!, indices[f + 2]!];
    const k = t.indexOf(Math.min(...t));
    out.push([t[k]!, t[(k + 1) % 3]!, t[(k + 2) % 3]!]);
  }
  return out;
}

describe('glTF extensions', () => {
  it('reads quantized (KHR_mesh_quantization) and meshopt-compressed (EXT_meshopt_compression) files', async () => {
    await MeshoptEncoder.ready;
    const doc = new Document();
    doc.createExtension(KHRMeshQuantization).setRequired(true);
    doc
      .createExtension(EXTMeshoptCompression)
      .setRequired(true)
      .setEncoderOptions({ method: EXTMeshoptCompression.EncoderMethod.QUANTIZE });
    const buffer = doc.createBuffer();
    const position = doc
      .createAccessor('p', buffer)
      .setType('VEC3')
      .setNormalized(true)
      .setArray(new Int16Array([0, 0, 0, 32767, 0, 0, 0, 32767, 0, 0, 0, 32767]));
    const indices = [0, 2, 1, 0, 1, 3, 1, 2, 3, 2, 0, 3];
    const primitive = doc
      .createPrimitive()
      .setAttribute('POSITION', position)
      .setIndices(doc.createAccessor('i', buffer).setType('SCALAR').setArray(new Uint16Array(indices)));
    doc
      .createScene()
      .addChild(
        doc.createNode('tetra').setScale([2, 2, 2]).setMesh(doc.createMesh().addPrimitive(primitive)),
      );
    const io = new InMemoryGltfIO('q.glb')
      .registerExtensions([KHRMeshQuantization, EXTMeshoptCompression])
      .registerDependencies({ 'meshopt.encoder': MeshoptEncoder });
    const glb = await io.writeBinary(doc);
    const model = await readModel({ name: 'q.glb', data: glb });
    expect(Array.from(model.root.mesh!.positions)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(canonical(model.root.mesh!.indices)).toEqual(canonical(indices)); // meshopt may rotate triangles
    expect(model.root.matrix![0]).toBe(2);
  });

  it('names Draco compression as the reason a file cannot be read', async () => {
    const json = {
      asset: { version: '2.0' },
      extensionsUsed: ['KHR_draco_mesh_compression'],
      extensionsRequired: ['KHR_draco_mesh_compression'],
      meshes: [{ primitives: [{ attributes: {} }] }],
    };
    await expect(
      readModel({ name: 'd.gltf', data: new TextEncoder().encode(JSON.stringify(json)) }),
    ).rejects.toThrow(
      'd.gltf: the meshes are Draco-compressed, which Homeomorph does not read; export the file without Draco compression (or with meshopt)',
    );
  });
});
