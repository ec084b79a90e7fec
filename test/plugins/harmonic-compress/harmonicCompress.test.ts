import { decode } from 'fast-png';
import { BufferAttribute, BufferGeometry, Mesh as ThreeMesh, MeshStandardMaterial, Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { readCoefficientFile } from '../../../src/core/harmonics/coefficientFile';
import { icosphere } from '../../../src/core/harmonics/icosphere';
import { radialSphereMap } from '../../../src/core/harmonics/radialSphereMap';
import { rebuildMesh } from '../../../src/core/harmonics/rebuildMesh';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import { CancelledError, InputError, type JobContext } from '../../../src/core/plugin/Job';
import { defaultProps, resolveProps } from '../../../src/core/plugin/PropSpec';
import { harmonicCompressJob } from '../../../src/plugins/harmonic-compress/job';
import type { HarmonicLod } from '../../../src/plugins/harmonic-compress/lod';
import {
  harmonicCompressOperator,
  harmonicLodJobInput,
  harmonicLodOf,
  setHarmonicLod,
  showHarmonicDegree,
} from '../../../src/plugins/harmonic-compress/operator';
import { harmonicCompressProps } from '../../../src/plugins/harmonic-compress/props';
import { harmonicResultView } from '../../../src/plugins/harmonic-compress/resultView';
import type { HarmonicCompressInput } from '../../../src/plugins/harmonic-compress/types';
import { jobs } from '../../../src/plugins/jobs';
import { findOperator } from '../../../src/plugins/operators';
import { hasShared, loadSharedMesh } from '../../helpers/shared';

function context(): JobContext & { messages: string[] } {
  const messages: string[] = [];
  return {
    signal: new AbortController().signal,
    progress: (_f: number, message?: string) => void (message && messages.push(message)),
    onnx: undefined as never,
    messages,
  };
}

/** A star-shaped genus-0 mesh: an icosphere with radial bumps and a colour gradient. */
function bumpySphere(level = 4): HarmonicCompressInput {
  const ico = icosphere(level);
  const V = ico.positions.length / 3;
  const positions = new Float32Array(3 * V);
  const colors = new Float32Array(3 * V);
  for (let v = 0; v < V; v++) {
    const [x, y, z] = [ico.positions[3 * v], ico.positions[3 * v + 1], ico.positions[3 * v + 2]];
    const r = 1 + 0.15 * x * y + 0.1 * z * z * z + 0.04 * Math.sin(6 * x + 1) * Math.cos(5 * y);
    positions.set([0.3 + r * x, r * y, r * z], 3 * v);
    colors.set([0.5 + 0.5 * x, 0.5 + 0.5 * y, 0.5], 3 * v);
  }
  return { positions, indices: ico.indices, colors, colorSize: 3 };
}

function sceneObject(input: {
  positions: ArrayLike<number>;
  indices: Uint32Array;
  colors?: Float32Array;
}): ThreeMesh {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(Float32Array.from(input.positions), 3));
  geometry.setIndex(new BufferAttribute(Uint32Array.from(input.indices), 1));
  if (input.colors) geometry.setAttribute('color', new BufferAttribute(Float32Array.from(input.colors), 3));
  return new ThreeMesh(geometry, new MeshStandardMaterial());
}

describe('Harmonic Compress job', () => {
  it('compresses a star-shaped genus-0 mesh, error falling with degree, and writes a readable file', async () => {
    const input = bumpySphere(4);
    // A star-shaped mesh has a known sphere map (radial projection): the expansion is tested alone.
    input.sphere = radialSphereMap(input.positions, input.indices)!;
    const props = resolveProps(harmonicCompressProps, { degree: 24, channels: 'all' });
    const { output, transfer } = await harmonicCompressJob(input, props, context());
    const m = output.metrics;
    expect(m.sphereMap).toBe('given');
    expect(m.channels).toEqual([
      'x',
      'y',
      'z',
      'r',
      'g',
      'b',
      'curvatureDensity',
      'areaDistortion',
      'vertexDensity',
    ]);
    expect(m.coefficients).toBe(9 * 25 * 25);
    expect(m.bytes).toBe(4 * m.coefficients);
    expect(m.gridFallbacks).toBe(0);
    // A smooth shape: error is small at L = 24 and falls with the degree.
    expect(m.chamferRel).toBeLessThan(2e-3);
    expect(m.errorVsDegree.map((e) => e.degree)).toEqual([8, 16, 24]);
    expect(m.errorVsDegree[2].chamferRel).toBeLessThan(m.errorVsDegree[0].chamferRel);
    // Same connectivity: vertex-for-vertex close to the input.
    let worst = 0;
    for (let i = 0; i < input.positions.length; i++)
      worst = Math.max(worst, Math.abs(output.positions[i] - input.positions[i]));
    expect(worst).toBeLessThan(5e-3);
    expect(output.colors).toBeDefined();
    expect(Math.abs(output.colors![0] - input.colors![0])).toBeLessThan(0.02);
    // The file holds what the metrics describe and rebuilds the same positions.
    const file = readCoefficientFile(output.file);
    expect(file.degree).toBe(24);
    expect(file.channelNames).toEqual(m.channels);
    expect(file.connectivity?.indices).toEqual(input.indices);
    const rebuilt = rebuildMesh(file);
    expect(rebuilt.indices).toEqual(input.indices);
    let rebuildError = 0;
    for (let i = 0; i < output.positions.length; i++) {
      rebuildError = Math.max(rebuildError, Math.abs(rebuilt.positions[i] - output.positions[i]));
    }
    expect(rebuildError).toBeLessThan(1e-5);
    expect(rebuilt.colors?.length).toBe(input.positions.length);
    const low = rebuildMesh(file, { degree: 4, connectivity: false, icosphereLevel: 2 });
    expect(low.positions.length / 3).toBe(162);
    expect(low.colors).toBeDefined();
    expect(output.images.map((i) => i.name)).toEqual([
      'geometry',
      'color',
      'curvatureDensity',
      'areaDistortion',
      'vertexDensity',
    ]);
    expect(output.images[0].width).toBe(25);
    expect(new Set(transfer).size).toBe(transfer.length);
  });

  it('computes the conformal sphere map itself and reconstructs on a fresh icosphere with float16 coefficients', async () => {
    const input = bumpySphere(3);
    const props = resolveProps(harmonicCompressProps, {
      degree: 16,
      channels: 'geometry',
      precision: 'float16',
      target: 'sphere',
      resolution: 2000,
    });
    const ctx = context();
    const { output } = await harmonicCompressJob(input, props, ctx);
    expect(output.metrics.sphereMap).toBe('conformal (cMCF)');
    expect(ctx.messages.some((m) => /sphere map, step \d+/.test(m))).toBe(true);
    expect(output.positions.length / 3).toBe(2562); // icosphere level 4
    expect(output.metrics.bytes).toBe(2 * 3 * 17 * 17);
    expect(output.metrics.chamferRel).toBeLessThan(5e-3);
    expect(readCoefficientFile(output.file).connectivity).toBeUndefined();
  });

  it('stops with CancelledError when cancelled, from the sphere map to the LOD table', async () => {
    const input = bumpySphere(3);
    const controller = new AbortController();
    const ctx = { ...context(), signal: controller.signal };
    ctx.progress = (_fraction: number, message?: string) => {
      if (message?.startsWith('reconstruction')) controller.abort();
    };
    const props = resolveProps(harmonicCompressProps, { degree: 16, channels: 'geometry' });
    await expect(
      harmonicCompressJob({ ...input, sphere: radialSphereMap(input.positions, input.indices)! }, props, ctx),
    ).rejects.toBeInstanceOf(CancelledError);
    const early = new AbortController();
    early.abort();
    await expect(
      harmonicCompressJob(bumpySphere(3), props, { ...context(), signal: early.signal }),
    ).rejects.toBeInstanceOf(CancelledError);
  });

  it('refuses meshes that are not closed genus-0 manifolds with the exact reason', async () => {
    const open: Mesh = {
      positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]),
      indices: new Uint32Array([0, 1, 2]),
    };
    await expect(harmonicCompressJob(open, defaultProps(harmonicCompressProps), context())).rejects.toThrow(
      /cannot map onto the sphere: open boundary with 3 edges/,
    );
    await expect(
      harmonicCompressJob(open, defaultProps(harmonicCompressProps), context()),
    ).rejects.toBeInstanceOf(InputError);
  });
});

describe('Harmonic Compress operator', () => {
  it('is registered, applies one undoable command with metrics and drives the LOD slider', async () => {
    expect(findOperator('mesh.harmonic_compress')).toBe(harmonicCompressOperator);
    const scene = new Scene();
    const host = new HeadlessSceneHost(scene);
    const source = sceneObject(bumpySphere(3)); // the job computes the sphere map (cMCF)
    source.name = 'blob';
    scene.add(source);
    const ctx = { object: source, selection: [source], host };
    expect(harmonicCompressOperator.poll(ctx)).toBeNull();
    const props = resolveProps(harmonicCompressProps, { degree: 12 });
    const { input } = harmonicCompressOperator.prepare(ctx, props);
    const { output } = await harmonicCompressJob(input, props, context());
    const command = harmonicCompressOperator.apply(ctx, output, props);
    command.execute();
    const result = scene.children[1] as ThreeMesh;
    expect(result.name).toBe('blob (SH L=12)');
    expect(result.userData.metrics.degree).toBe(12);
    expect(result.userData.plugin).toBe('harmonic-compress');
    const metrics = harmonicCompressOperator.metrics(output, props);
    for (const key of ['degree', 'coefficients', 'bytes', 'chamferRel', 'hausdorffRel', 'seconds'])
      expect(metrics).toHaveProperty(key);
    // The slider: degree 2 differs from degree 12; back to 12 restores the result exactly.
    const position = result.geometry.getAttribute('position');
    const atL = Float32Array.from(position.array);
    expect(showHarmonicDegree(result, 2)).toBe(2);
    expect(Math.abs(position.getX(0) - atL[0]) + Math.abs(position.getY(0) - atL[1])).toBeGreaterThan(1e-4);
    showHarmonicDegree(result, 12);
    expect(Float32Array.from(position.array)).toEqual(atL);
    // A reloaded object (no runtime cache) rebuilds its LOD from userData and _SH_SPHERE.
    const copy = new ThreeMesh(result.geometry.clone(), result.material);
    copy.userData = JSON.parse(JSON.stringify(result.userData));
    const lod = harmonicLodOf(copy)!;
    expect(lod.degrees.length).toBe(13);
    expect(
      Array.from(lod.table.subarray(12 * lod.vertices * lod.channels, 12 * lod.vertices * lod.channels + 6)),
    ).toEqual(
      Array.from(
        harmonicLodOf(result)!.table.subarray(
          12 * lod.vertices * lod.channels,
          12 * lod.vertices * lod.channels + 6,
        ),
      ).map((v) => expect.closeTo(v, 5)),
    );
    // Or off the UI thread: the 'harmonic-compress.lod' job, attached with setHarmonicLod.
    const other = new ThreeMesh(result.geometry.clone(), result.material);
    other.userData = JSON.parse(JSON.stringify(result.userData));
    const lodJob = await jobs['harmonic-compress.lod']();
    const rebuilt = (await lodJob(harmonicLodJobInput(other), {}, context())).output as HarmonicLod;
    setHarmonicLod(other, rebuilt);
    expect(harmonicLodOf(other)).toBe(rebuilt);
    expect(showHarmonicDegree(other, 7)).toBe(7);
    // The panel's view of the result: slider, images (PNG), curve, sizes, coefficient file.
    const view = harmonicResultView(result)!;
    expect(view.slider.max).toBe(12);
    expect(view.slider.set(5)).toBe(5);
    expect(view.slider.value).toBe(5);
    expect(view.images().map((i) => i.name)).toEqual(['geometry', 'color']);
    expect(decode(view.png('geometry')).width).toBe(13);
    expect(view.errorVsDegree.map((e) => e.degree)).toEqual([8, 12]);
    const saved = readCoefficientFile(view.coefficientFile());
    expect(saved.coefficients).toEqual(readCoefficientFile(output.file).coefficients);
    expect(saved.connectivity?.indices).toEqual(readCoefficientFile(output.file).connectivity?.indices);
    expect(harmonicResultView(source)).toBeNull();
    command.undo();
    expect(scene.children.length).toBe(1);
  });

  describe.skipIf(!hasShared)('refusals on the shared bad meshes', () => {
    const cases: [string, RegExp][] = [
      ['cow_genus1.obj', /^cannot map onto the sphere: not genus 0: 1 handle$/],
      ['cow_pinched.obj', /^cannot map onto the sphere: non-manifold vertex \(1\)$/],
      ['stanford_bunny_open.obj', /^cannot map onto the sphere: open boundary with \d+ edges$/],
    ];
    for (const [name, reason] of cases) {
      it(`refuses ${name} with a reason and offers Inspect & Repair`, () => {
        const mesh = loadSharedMesh(name);
        const object = sceneObject(mesh);
        const failure = harmonicCompressOperator.poll({
          object,
          selection: [object],
          host: new HeadlessSceneHost(new Scene()),
        });
        expect(failure?.reason).toMatch(reason);
        expect(failure?.fix).toEqual({ idname: 'mesh.repair', label: 'Inspect & Repair' });
      });
    }
  });
});
