import { decode } from 'fast-png';
import { BufferAttribute, BufferGeometry, Mesh as ThreeMesh, MeshStandardMaterial, Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { readCoefficientFile } from '../../../src/core/harmonics/coefficientFile';
import { icosphere } from '../../../src/core/harmonics/icosphere';
import { radialSphereMap } from '../../../src/core/harmonics/radialSphereMap';
import type { JobContext } from '../../../src/core/plugin/Job';
import { resolveProps } from '../../../src/core/plugin/PropSpec';
import { harmonicCompressJob } from '../../../src/plugins/harmonic-compress/job';
import { harmonicCompressOperator } from '../../../src/plugins/harmonic-compress/operator';
import { harmonicCompressProps } from '../../../src/plugins/harmonic-compress/props';
import { jobs } from '../../../src/plugins/jobs';

const context = (): JobContext => ({
  signal: new AbortController().signal,
  progress: () => {},
  onnx: undefined as never,
});

/** A star-shaped blob (an icosphere with radial bumps) in a scene, and its Harmonic Compress result at L = 10. */
async function compressedBlob() {
  const ico = icosphere(3);
  const positions = Float32Array.from(
    ico.positions,
    (p, i) => p * (1 + 0.2 * Math.sin(3 * ico.positions[i - (i % 3)])),
  );
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setIndex(new BufferAttribute(ico.indices, 1));
  const source = new ThreeMesh(geometry, new MeshStandardMaterial());
  source.name = 'blob';
  const scene = new Scene();
  scene.add(source);
  const ctx = { object: source, selection: [source], host: new HeadlessSceneHost(scene) };
  const props = resolveProps(harmonicCompressProps, { degree: 10, channels: 'geometry' });
  const { input } = harmonicCompressOperator.prepare(ctx, props);
  input.sphere = radialSphereMap(input.positions, input.indices)!;
  const { output } = await harmonicCompressJob(input, props, context());
  harmonicCompressOperator.apply(ctx, output, props).execute();
  return { source, result: scene.children[1] as ThreeMesh, ctx };
}

describe('Harmonic Compress result view (Operator.resultView)', () => {
  it('offers the slider, images, curve, sizes and exports for its results only', async () => {
    const { source, result, ctx } = await compressedBlob();
    expect(harmonicCompressOperator.resultView!(source, ctx)).toBeNull();
    const view = harmonicCompressOperator.resultView!(result, ctx)!;
    expect(view.title).toBe('Harmonic Compress');
    expect(view.slider).toMatchObject({ min: 0, max: 10, step: 1, value: 10 });
    expect(view.prepare!()).toBeNull(); // made in this session: the LOD table is at hand
    const images = view.images!();
    expect(images.map((i) => [i.name, i.width, i.height, i.data.length])).toEqual([
      ['geometry', 11, 11, 11 * 11 * 4],
    ]);
    expect(decode(view.imagePng!('geometry')).width).toBe(11);
    expect(view.plot!.x).toEqual([8, 10]);
    expect(view.plot!.series.chamfer).toHaveLength(2);
    expect(view.figures!.map(([k]) => k)).toEqual(['Coefficients', 'float32', 'float16', 'Mesh (f32 + u32)']);
    expect(view.figures![0]![1]).toBe('363 (L = 10)');
    expect(view.exports!.map((e) => e.fileName)).toEqual(['blob_SH_L_10_.hshc']);
    expect(readCoefficientFile(view.exports![0]!.bytes()).degree).toBe(10);
  });

  it('keeps the degree shown across views of the same object (a panel rebuild)', async () => {
    const { result, ctx } = await compressedBlob();
    const position = result.geometry.getAttribute('position');
    const atL = Float32Array.from(position.array);
    expect(harmonicCompressOperator.resultView!(result, ctx)!.slider!.set(3)).toBe(3);
    expect(Float32Array.from(position.array)).not.toEqual(atL);
    expect(harmonicCompressOperator.resultView!(result, ctx)!.slider!.value).toBe(3);
  });

  it('after a reload asks for the LOD table job, and works once its output is attached', async () => {
    const { result, ctx } = await compressedBlob();
    const reloaded = new ThreeMesh(result.geometry.clone(), result.material);
    reloaded.userData = JSON.parse(JSON.stringify(result.userData));
    const view = harmonicCompressOperator.resultView!(reloaded, ctx)!;
    const preparation = view.prepare!()!;
    expect(preparation.job).toBe('harmonic-compress.lod');
    expect(jobs[preparation.job]).toBeDefined();
    const job = await jobs[preparation.job]!();
    preparation.attach((await job(preparation.input, {}, context())).output);
    expect(view.prepare!()).toBeNull();
    const position = reloaded.geometry.getAttribute('position');
    const before = Float32Array.from(position.array);
    expect(view.slider!.set(2)).toBe(2);
    expect(Float32Array.from(position.array)).not.toEqual(before);
  });
});
