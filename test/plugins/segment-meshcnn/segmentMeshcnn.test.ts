import { readFileSync } from 'node:fs';
import { Mesh as ThreeMesh, MeshStandardMaterial, Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { modelToThree } from '../../../src/core/io/modelToThree';
import { readModel } from '../../../src/core/io/readModel';
import { threeToModel } from '../../../src/core/io/threeToModel';
import { writeModel } from '../../../src/core/io/writeModel';
import { parseObjMesh } from '../../../src/core/io/parseObjMesh';
import {
  ATTRIBUTE_INFO_KEY,
  FACE_ATTRIBUTES_KEY,
  type AttributeInfo,
} from '../../../src/core/mesh/attributeInfo';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import { meshToGeometry } from '../../../src/core/mesh/threeGeometry';
import { classesFor } from '../../../src/core/meshcnn/datasetClasses';
import { saveModel } from '../../../src/core/meshcnn/modelFile';
import { MeshUNet } from '../../../src/core/meshcnn/meshUNet';
import { buildMeshLevel, edgeCountOf } from '../../../src/core/meshcnn/meshTopology';
import { InputError, type JobContext } from '../../../src/core/plugin/Job';
import { defaultProps } from '../../../src/core/plugin/PropSpec';
import { jobs } from '../../../src/plugins/jobs';
import { findOperator } from '../../../src/plugins/operators';
import { segmentMeshcnnJob } from '../../../src/plugins/segment-meshcnn/job';
import {
  SEGMENT_ATTRIBUTE,
  segmentMeshcnnOperator as operator,
  splitByLabelOperator,
  USERDATA_KEY,
} from '../../../src/plugins/segment-meshcnn/operator';
import { segmentProps } from '../../../src/plugins/segment-meshcnn/props';
import { splitByLabelJob } from '../../../src/plugins/segment-meshcnn/splitJob';
import { datasetPath, hasShared, loadSharedMesh } from '../../helpers/shared';

function jobContext(): JobContext & { messages: string[] } {
  const messages: string[] = [];
  return {
    signal: new AbortController().signal,
    messages,
    progress: (_f, message) => void (message && messages.push(message)),
    onnx: undefined as never,
  };
}

/** A small untrained model: the pipeline's behaviour does not depend on how well it is trained. */
function testModelBytes(extra: { ensemblePasses?: number } = {}): Uint8Array {
  const config = { channels: [8, 16], poolEdges: [1800], resBlocks: 0, classCount: 8 };
  const net = new MeshUNet(config, 3);
  return saveModel(
    {
      name: 'test',
      config,
      classes: classesFor('human_seg', 8),
      featureMean: [2.5, 0.8, 1.2, 0.5, 0.9],
      featureStd: [0.5, 0.3, 0.3, 0.2, 0.3],
      ...extra,
    },
    net,
  );
}

describe('mesh.segment_meshcnn registration', () => {
  it('is in the operator and job registries, with Split by label', async () => {
    expect(findOperator('mesh.segment_meshcnn')).toBe(operator);
    expect(findOperator('mesh.split_by_label')).toBe(splitByLabelOperator);
    expect(await jobs[operator.job]!()).toBe(segmentMeshcnnJob);
    expect(await jobs[splitByLabelOperator.job]!()).toBe(splitByLabelJob);
  });

  it('refuses an empty mesh with a clear message', async () => {
    const props = defaultProps(segmentProps);
    await expect(
      segmentMeshcnnJob(
        { positions: new Float32Array(0), indices: new Uint32Array(0), modelBytes: testModelBytes() },
        props,
        jobContext(),
      ),
    ).rejects.toThrow(InputError);
    await expect(
      segmentMeshcnnJob(
        {
          positions: new Float32Array(9),
          indices: Uint32Array.from([0, 0, 1, 1, 2, 2]),
          modelBytes: testModelBytes(),
        },
        props,
        jobContext(),
      ),
    ).rejects.toThrow(/cannot segment this mesh/);
  });
});

describe.skipIf(!hasShared)('mesh.segment_meshcnn on real meshes', () => {
  const props = { ...defaultProps(segmentProps), smoothBoundaries: false };

  it('segments a human_seg mesh at its own resolution: one label per MeshCNN edge and per face', async () => {
    const mesh = parseObjMesh(readFileSync(datasetPath('human_seg', 'test', 'shrec__10.obj'), 'utf8'));
    const { output } = await segmentMeshcnnJob(
      { positions: mesh.positions, indices: mesh.indices, modelBytes: testModelBytes() },
      props,
      jobContext(),
    );
    expect(output.metrics.direct).toBe(true);
    expect(output.edgeLabels.length).toBe(2250);
    expect(output.faceLabels.length).toBe(1500);
    expect(Math.min(...output.edgeLabels)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...output.edgeLabels)).toBeLessThanOrEqual(8);
    expect(output.pooled.map((p) => edgeCountOf(buildMeshLevel(p.positions, p.indices)))).toEqual([1800]);
  });

  it("averages the model's own default number of passes unless the props name one", async () => {
    const mesh = parseObjMesh(readFileSync(datasetPath('human_seg', 'test', 'shrec__10.obj'), 'utf8'));
    const passesOf = async (modelBytes: Uint8Array, passes: number) =>
      (
        await segmentMeshcnnJob(
          { positions: mesh.positions, indices: mesh.indices, modelBytes },
          { ...props, passes },
          jobContext(),
        )
      ).output.metrics.passes;
    expect(props.passes).toBe(0);
    expect(await passesOf(testModelBytes(), 0)).toBe(8);
    expect(await passesOf(testModelBytes({ ensemblePasses: 3 }), 0)).toBe(3);
    expect(await passesOf(testModelBytes({ ensemblePasses: 3 }), 2)).toBe(2);
  });

  it('simplifies a large mesh to the edge budget and labels every original face', async () => {
    const mesh = loadSharedMesh('bunny.obj');
    const F = mesh.indices.length / 3;
    const ctx = jobContext();
    const { output } = await segmentMeshcnnJob(
      { positions: mesh.positions, indices: mesh.indices, modelBytes: testModelBytes() },
      { ...props, smoothBoundaries: true },
      ctx,
    );
    expect(output.metrics.direct).toBe(false);
    expect(output.faceLabels.length).toBe(F);
    expect(output.faceLabels.every((l) => l >= 1 && l <= 8)).toBe(true);
    const networkEdges = edgeCountOf(buildMeshLevel(output.network.positions, output.network.indices));
    expect(networkEdges).toBeGreaterThan(2000);
    expect(networkEdges).toBeLessThan(2500);
    expect(ctx.messages).toContain('simplifying');
  });

  it('repairs a mesh with a non-manifold vertex instead of crashing', async () => {
    const mesh = loadSharedMesh('cow_pinched.obj');
    const { output } = await segmentMeshcnnJob(
      { positions: mesh.positions, indices: mesh.indices, modelBytes: testModelBytes() },
      props,
      jobContext(),
    );
    expect(output.faceLabels.length).toBe(mesh.indices.length / 3);
  });

  it('applies as one undoable command: _SEGMENT labels with a legend, metrics, hidden pooled meshes; Split by label', async () => {
    const mesh: Mesh = parseObjMesh(readFileSync(datasetPath('human_seg', 'test', 'shrec__10.obj'), 'utf8'));
    const scene = new Scene();
    const object = new ThreeMesh(meshToGeometry(mesh), new MeshStandardMaterial());
    object.name = 'human';
    scene.add(object);
    const host = new HeadlessSceneHost(scene);
    const ctx = { object, selection: [object], host };
    const fullProps = defaultProps(segmentProps);
    expect(operator.poll(ctx)).toBeNull();
    expect(splitByLabelOperator.poll(ctx)?.fix?.idname).toBe('mesh.segment_meshcnn');
    const { input } = operator.prepare(ctx, fullProps);
    const { output } = await segmentMeshcnnJob(
      { ...input, modelBytes: testModelBytes() },
      fullProps,
      jobContext(),
    );
    const oldGeometry = object.geometry;
    const command = operator.apply(ctx, output, fullProps);
    command.execute();
    const labels = (object.geometry.userData[FACE_ATTRIBUTES_KEY] as Record<string, { array: Uint8Array }>)[
      SEGMENT_ATTRIBUTE
    ]!.array;
    expect(labels.length).toBe(1500);
    const info = (object.geometry.userData[ATTRIBUTE_INFO_KEY] as Record<string, AttributeInfo>)[
      SEGMENT_ATTRIBUTE
    ]!;
    expect(info).toMatchObject({ kind: 'label', domain: 'face', firstLabel: 1 });
    expect(info.classes![0]!.name).toBe('head');
    expect((object.userData[USERDATA_KEY] as { plugin: string }).plugin).toBe('segment-meshcnn');
    const levels = object.children.find((c) => c.name === 'MeshCNN levels')!;
    expect(levels.visible).toBe(false);
    expect(levels.children.length).toBe(2);

    // Running it again replaces the pooled meshes of the last run (one group, not two); undo brings them back.
    const again = operator.apply(ctx, output, fullProps);
    again.execute();
    const groups = () => object.children.filter((c) => c.name === 'MeshCNN levels');
    expect(groups()).toHaveLength(1);
    expect(groups()[0]).not.toBe(levels);
    again.undo();
    expect(groups()).toEqual([levels]);

    // The labels and their legend survive GLB export and re-import.
    const glb = await writeModel(threeToModel(scene), 'glb');
    let reread: ThreeMesh | undefined;
    modelToThree(await readModel({ name: 'human.glb', data: glb })).traverse((o) => {
      if (o instanceof ThreeMesh && o.name === 'human') reread = o;
    });
    const rereadLabels = (
      reread!.geometry.userData[FACE_ATTRIBUTES_KEY] as Record<string, { array: ArrayLike<number> }>
    )[SEGMENT_ATTRIBUTE]!.array;
    expect(Array.from(rereadLabels)).toEqual(Array.from(labels));
    expect(
      (reread!.geometry.userData[ATTRIBUTE_INFO_KEY] as Record<string, AttributeInfo>)[SEGMENT_ATTRIBUTE]!
        .classes![7]!.name,
    ).toBe('foot');

    const metrics = operator.metrics(output, fullProps);
    expect(metrics).toMatchObject({ model: 'test', classes: expect.arrayContaining(['head', 'foot']) });
    expect((metrics.faceLabels as number[]).length).toBe(1500);
    expect(typeof metrics.seconds).toBe('number');

    // Split by label: one object per present label, faces adding up.
    expect(splitByLabelOperator.poll(ctx)).toBeNull();
    const split = splitByLabelOperator.prepare(ctx, {});
    const parts = (await splitByLabelJob(split.input, {}, jobContext())).output;
    const before = scene.children.length;
    const splitCommand = splitByLabelOperator.apply(ctx, parts, {});
    splitCommand.execute();
    const present = new Set(labels).size;
    expect(scene.children.length - before).toBe(present);
    expect(parts.parts.reduce((n, p) => n + p.indices.length / 3, 0)).toBe(1500);
    splitCommand.undo();
    expect(scene.children.length).toBe(before);

    command.undo();
    expect(object.geometry).toBe(oldGeometry);
    expect(object.children.length).toBe(0);
    expect(object.userData[USERDATA_KEY]).toBeUndefined();
  });
});
