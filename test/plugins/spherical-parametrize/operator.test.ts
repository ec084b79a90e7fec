import type { BufferGeometry } from 'three';
import { Mesh as ThreeMesh, MeshStandardMaterial, Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { faceAreas } from '../../../src/core/geometry/triangles';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import { meshToGeometry } from '../../../src/core/mesh/threeGeometry';
import { CancelledError, InputError, type JobContext } from '../../../src/core/plugin/Job';
import { defaultProps } from '../../../src/core/plugin/PropSpec';
import type { OperatorContext } from '../../../src/plugins/Operator';
import { jobs } from '../../../src/plugins/jobs';
import { findOperator } from '../../../src/plugins/operators';
import { sphericalParametrizeJob } from '../../../src/plugins/spherical-parametrize/job';
import {
  ANGLE_DISTORTION,
  AREA_DISTORTION,
  SPHERE_COORDS,
  USERDATA_KEY,
  sphericalParametrizeOperator as operator,
} from '../../../src/plugins/spherical-parametrize/operator';
import { sphericalProps } from '../../../src/plugins/spherical-parametrize/props';
import { hasShared, loadSharedMesh } from '../../helpers/shared';

function sceneWith(mesh: Mesh): { ctx: OperatorContext; object: ThreeMesh } {
  const scene = new Scene();
  const object = new ThreeMesh(meshToGeometry(mesh), new MeshStandardMaterial());
  scene.add(object);
  return { ctx: { object, selection: [object], host: new HeadlessSceneHost(scene) }, object };
}

function jobContext(signal = new AbortController().signal): JobContext & { previews: unknown[] } {
  const previews: unknown[] = [];
  return {
    signal,
    previews,
    progress: (_fraction, _message, preview) => void previews.push(preview),
    onnx: undefined as never,
  };
}

describe('mesh.spherical_parametrize registration', () => {
  it('is in the operator and job registries', async () => {
    expect(findOperator('mesh.spherical_parametrize')).toBe(operator);
    expect(await jobs[operator.job]()).toBe(sphericalParametrizeJob);
  });

  it('asks for a mesh when nothing is selected', () => {
    expect(
      operator.poll({ object: null, selection: [], host: new HeadlessSceneHost(new Scene()) })?.reason,
    ).toBe('select a mesh');
  });
});

describe.skipIf(!hasShared)('mesh.spherical_parametrize on the shared meshes', () => {
  const props = defaultProps(sphericalProps);

  it.each([
    ['cow_genus1.obj', 'not genus 0: 1 handle'],
    ['cow_pinched.obj', 'non-manifold vertex (1)'],
    ['stanford_bunny_open.obj', 'open boundary with 223 edges'],
  ])('refuses %s: "%s", offers Inspect & Repair, and the job refuses the same way', async (name, reason) => {
    const mesh = loadSharedMesh(name);
    const { ctx } = sceneWith(mesh);
    const failure = operator.poll(ctx);
    expect(failure?.reason).toBe(`cannot map onto the sphere: ${reason}`);
    expect(failure?.fix).toEqual({ idname: 'mesh.repair', label: 'Inspect & Repair' });
    const { input } = operator.prepare(ctx, props);
    const run = sphericalParametrizeJob(input, props, jobContext());
    await expect(run).rejects.toBeInstanceOf(InputError);
    await expect(
      sphericalParametrizeJob(operator.prepare(ctx, props).input, props, jobContext()),
    ).rejects.toThrow(reason);
  });

  it('runs on spot_low and applies one undoable command: morph target, attributes, material, userData', async () => {
    const mesh = loadSharedMesh('spot_low.obj');
    const { ctx, object } = sceneWith(mesh);
    expect(operator.poll(ctx)).toBeNull();
    const originalGeometry = object.geometry as BufferGeometry;
    const originalMaterial = object.material;
    const { input, transfer } = operator.prepare(ctx, props);
    // The job gets copies: transferring them must not detach the scene's arrays.
    expect(transfer).not.toContain(originalGeometry.getAttribute('position').array.buffer);
    const jobCtx = jobContext();
    const { output } = await sphericalParametrizeJob(input, props, jobCtx);
    expect(jobCtx.previews.length).toBe(101); // one "building" message, then one per step
    expect(jobCtx.previews[100]).toEqual({ chart: { radialDeviation: output.metrics.radialDeviation } });

    const metrics = operator.metrics(output, props);
    for (const key of [
      'steps',
      'seconds',
      'flippedTriangles',
      'angleDistortionMean',
      'angleDistortionMax',
      'areaDistortionMean',
      'radialDeviation',
    ]) {
      expect(typeof metrics[key]).toBe('number');
    }
    expect(metrics.flippedTriangles).toBe(0);
    expect(JSON.parse(JSON.stringify(metrics))).toEqual(metrics);

    const command = operator.apply(ctx, output, props);
    command.execute();
    const geometry = object.geometry as BufferGeometry;
    expect(geometry).not.toBe(originalGeometry);
    expect(geometry.morphAttributes.position).toHaveLength(1);
    expect(object.morphTargetInfluences).toEqual([0]);
    expect(geometry.getAttribute(SPHERE_COORDS).itemSize).toBe(2);
    expect(geometry.getAttribute('uv1').count).toBe(829);
    const faceAttributes = geometry.userData.faceAttributes as Record<string, { array: Float32Array }>;
    expect(faceAttributes[ANGLE_DISTORTION].array.length).toBe(1654);
    expect(faceAttributes[AREA_DISTORTION].array.length).toBe(1654);
    expect(geometry.userData.attributeInfo[ANGLE_DISTORTION]).toMatchObject({
      kind: 'scalar',
      domain: 'face',
    });
    expect(object.userData[USERDATA_KEY]).toMatchObject({
      plugin: 'spherical-parametrize',
      props,
      metrics: output.metrics,
    });
    expect((object.material as MeshStandardMaterial).map?.channel).toBe(1);
    // The morph target is a sphere of the original's area around the original's area centroid.
    const target = geometry.morphAttributes.position![0].array as Float32Array;
    const areas = faceAreas(mesh.positions, mesh.indices);
    const area = areas.reduce((a, b) => a + b, 0);
    const centre = [0, 0, 0];
    for (let f = 0; f < areas.length; f++)
      for (let k = 0; k < 3; k++)
        for (const v of mesh.indices.subarray(3 * f, 3 * f + 3))
          centre[k] += (areas[f] / 3) * mesh.positions[3 * v + k];
    for (let i = 0; i < target.length; i += 3) {
      const r = Math.hypot(
        target[i] - centre[0] / area,
        target[i + 1] - centre[1] / area,
        target[i + 2] - centre[2] / area,
      );
      expect(r).toBeCloseTo(Math.sqrt(area / (4 * Math.PI)), 4);
    }

    command.undo();
    expect(object.geometry).toBe(originalGeometry);
    expect(object.material).toBe(originalMaterial);
    expect(object.userData[USERDATA_KEY]).toBeUndefined();
    expect(originalGeometry.userData.faceAttributes?.[ANGLE_DISTORTION]).toBeUndefined();
  });

  it('cancels between flow steps', async () => {
    const { ctx } = sceneWith(loadSharedMesh('spot_low.obj'));
    const controller = new AbortController();
    const jobCtx = jobContext(controller.signal);
    const progress = jobCtx.progress;
    jobCtx.progress = (fraction, message, preview) => {
      progress(fraction, message, preview);
      if (jobCtx.previews.length === 5) controller.abort();
    };
    await expect(
      sphericalParametrizeJob(operator.prepare(ctx, props).input, props, jobCtx),
    ).rejects.toBeInstanceOf(CancelledError);
  });
});
