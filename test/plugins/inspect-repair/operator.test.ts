import type { Object3D } from 'three';
import { Group, Mesh as ThreeMesh, MeshStandardMaterial, Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { inspectMesh } from '../../../src/core/mesh/inspect';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import { FACE_PROBLEM_ATTRIBUTE, VERTEX_PROBLEM_ATTRIBUTE } from '../../../src/core/mesh/problemLabels';
import { geometryToMesh, meshToGeometry } from '../../../src/core/mesh/threeGeometry';
import { defaultProps, resolveProps } from '../../../src/core/plugin/PropSpec';
import type { JobContext } from '../../../src/core/plugin/Job';
import { inspectJob, repairJob } from '../../../src/plugins/inspect-repair/job';
import {
  fillHolesOperator,
  inspectOperator,
  repairAllOperator,
} from '../../../src/plugins/inspect-repair/operator';
import { jobs } from '../../../src/plugins/jobs';
import type { OperatorContext } from '../../../src/plugins/Operator';
import { findOperator } from '../../../src/plugins/operators';
import { hasShared, loadSharedMesh } from '../../helpers/shared';
import { cube, flipFaces } from '../../core/mesh/fixtures';

const jobContext: JobContext = {
  signal: new AbortController().signal,
  progress: () => {},
  onnx: undefined as never,
};

function sceneWith(mesh: Mesh): { object: ThreeMesh; ctx: OperatorContext } {
  const scene = new Scene();
  const object = new ThreeMesh(meshToGeometry(mesh), new MeshStandardMaterial());
  object.name = 'model';
  scene.add(object);
  return { object, ctx: { object, selection: [object], host: new HeadlessSceneHost(scene) } };
}

/** prepare → (transfer, as a worker would) → job → apply, as the editor and the CLI do. */
async function run<I, O>(
  operator: {
    prepare: (ctx: OperatorContext, props: never) => { input: I; transfer: ArrayBuffer[] };
    apply: (ctx: OperatorContext, output: O, props: never) => { execute(): void; undo(): void };
  },
  job: (input: I, props: never, ctx: JobContext) => Promise<{ output: O }>,
  ctx: OperatorContext,
  props: unknown,
) {
  const { input, transfer } = operator.prepare(ctx, props as never);
  const sent = structuredClone(input, { transfer });
  const { output } = await job(sent, props as never, jobContext);
  const command = operator.apply(ctx, output, props as never);
  command.execute();
  return { command, output };
}

describe('Inspect & Repair operators', () => {
  it('are registered with their jobs', async () => {
    expect(findOperator('mesh.repair')).toBe(repairAllOperator);
    expect(findOperator('mesh.inspect')).toBe(inspectOperator);
    expect(await jobs['mesh.repair']!()).toBe(repairJob);
    expect(await jobs['mesh.inspect']!()).toBe(inspectJob);
  });

  it('poll asks for a mesh, and repairs refuse what the rebuilt geometry would lose', () => {
    const host = new HeadlessSceneHost(new Scene());
    const empty = new Group();
    expect(inspectOperator.poll({ object: null, selection: [], host })?.reason).toBe('Select a mesh first');
    expect(repairAllOperator.poll({ object: empty as Object3D, selection: [empty], host })?.reason).toBe(
      'Select a mesh first',
    );
    expect(repairAllOperator.poll(sceneWith(cube()).ctx)).toBeNull();
    const morphed = sceneWith(cube());
    morphed.object.geometry.morphAttributes.position = [
      morphed.object.geometry.getAttribute('position').clone(),
    ];
    expect(repairAllOperator.poll(morphed.ctx)?.reason).toMatch(/morph targets/);
    expect(inspectOperator.poll(morphed.ctx)).toBeNull(); // inspecting is fine
  });

  it('inspect writes labels and the report as one undoable command, leaving the scene’s arrays attached', async () => {
    const broken = flipFaces(cube([0, 0, 0], [1]), [0]);
    const { object, ctx } = sceneWith(broken);
    const before = object.geometry;
    const positions = before.getAttribute('position').array;
    const { command } = await run(inspectOperator, inspectJob, ctx, defaultProps(inspectOperator.props));
    expect(positions.byteLength).toBeGreaterThan(0); // not detached by the transfer
    const inspection = object.userData.inspection as {
      plugin: string;
      metrics: { boundaryEdges: number; inconsistentEdges: number };
    };
    expect(inspection.plugin).toBe('inspect-repair');
    expect(inspection.metrics.boundaryEdges).toBe(4);
    expect(inspection.metrics.inconsistentEdges).toBe(3);
    const faceLabels = object.geometry.userData.faceAttributes[FACE_PROBLEM_ATTRIBUTE];
    expect(faceLabels.array.length).toBe(10);
    expect(object.geometry.getAttribute(VERTEX_PROBLEM_ATTRIBUTE).count).toBe(8);
    expect(object.geometry.userData.attributeInfo[FACE_PROBLEM_ATTRIBUTE].kind).toBe('label');
    expect(object.geometry.getAttribute('position')).toBe(before.getAttribute('position')); // shared, not copied
    command.undo();
    expect(object.geometry).toBe(before);
    expect(object.userData.inspection).toBeUndefined();
  });

  it('repair replaces the geometry, records what it did, and undoes', async () => {
    const { object, ctx } = sceneWith(flipFaces(cube([0, 0, 0], [2]), [3]));
    const before = object.geometry;
    const { command, output } = await run(
      repairAllOperator,
      repairJob,
      ctx,
      defaultProps(repairAllOperator.props),
    );
    const r = inspectMesh(geometryToMesh(object.geometry));
    expect([r.closed, r.manifold, r.inconsistentEdges, r.genus]).toEqual([true, true, 0, 0]);
    expect((object.userData.repair as { metrics: { message: string } }).metrics.message).toBe(
      'Flipped 1 face; Filled 1 hole with 2 faces',
    );
    expect(repairAllOperator.metrics(output, defaultProps(repairAllOperator.props))).toMatchObject({
      changed: true,
      before: { closed: false },
      after: { closed: true, genus: 0 },
    });
    command.undo();
    expect(object.geometry).toBe(before);
    expect(object.userData.repair).toBeUndefined();
  });

  it('a single-step operator runs only its step', async () => {
    const { object, ctx } = sceneWith(flipFaces(cube([0, 0, 0], [2]), [3]));
    await run(fillHolesOperator, repairJob, ctx, resolveProps(fillHolesOperator.props, { maxEdges: 8 }));
    const r = inspectMesh(geometryToMesh(object.geometry));
    expect(r.closed).toBe(true);
    expect(r.inconsistentEdges).toBe(3); // the flipped face stays flipped
  });

  it.skipIf(!hasShared)('repairs cow_pinched into a closed genus-0 mesh', async () => {
    const { object, ctx } = sceneWith(loadSharedMesh('cow_pinched.obj'));
    await run(repairAllOperator, repairJob, ctx, defaultProps(repairAllOperator.props));
    const r = inspectMesh(geometryToMesh(object.geometry));
    expect([r.vertices, r.closed, r.manifold, r.genus]).toEqual([2904, true, true, 0]);
    expect((object.userData.inspection as { metrics: { genus: number } }).metrics.genus).toBe(0);
  });
});
