import { Group, Mesh as ThreeMesh, BufferGeometry, BufferAttribute, MeshBasicMaterial } from 'three';
import { describe, expect, it } from 'vitest';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { inspectMesh } from '../../../src/core/mesh/inspect';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import { CancelledError, InputError, type JobContext } from '../../../src/core/plugin/Job';
import { defaultProps, resolveProps } from '../../../src/core/plugin/PropSpec';
import { meshSignedVolume } from '../../../src/core/sdf/normaliseMesh';
import { fitSdfJob, fitSdfRefusal, fitSdfWarnings } from '../../../src/plugins/fit-sdf/job';
import { fitSdfOperator, sdfModels } from '../../../src/plugins/fit-sdf/operator';
import { fitSdfProps } from '../../../src/plugins/fit-sdf/props';
import type { FitSdfOutput } from '../../../src/plugins/fit-sdf/types';
import { icosphere } from '../../core/sdf/shapes';
import { nodeOnnx } from './nodeOnnx';

/** Small, fast settings: a few hundred steps on a small grid. */
const quick = resolveProps(fitSdfProps, {
  seconds: 3600, // the step count bounds these runs, never the clock
  steps: 150,
  resolution: 48,
  levels: 8,
  log2TableSize: 14,
  batch: 2048,
  trainSamples: 30_000,
  evalSamples: 10_000,
});

function context(signal = new AbortController().signal) {
  const previews: unknown[] = [];
  const ctx: JobContext = {
    signal,
    onnx: nodeOnnx,
    progress: (_f, _m, preview) => void (preview !== undefined && previews.push(preview)),
  };
  return { ctx, previews };
}

function threeMesh(mesh: Mesh): ThreeMesh {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(Float32Array.from(mesh.positions), 3));
  g.setIndex(new BufferAttribute(mesh.indices, 1));
  return new ThreeMesh(g, new MeshBasicMaterial());
}

describe('mesh.fit_sdf', () => {
  // an off-centre ellipsoid in arbitrary units, to exercise the normalisation
  const ellipsoid = icosphere(1, 3);
  for (let i = 0; i < ellipsoid.positions.length; i += 3) {
    ellipsoid.positions[i] = 3 * ellipsoid.positions[i]! + 10;
    ellipsoid.positions[i + 1] = 2 * ellipsoid.positions[i + 1]!;
  }

  let output: FitSdfOutput;
  let previews: unknown[];
  it('fits an ellipsoid: high F1, a closed manifold mesh of about the right volume, an ONNX model', async () => {
    const run = context();
    const result = await fitSdfJob(
      { positions: Float32Array.from(ellipsoid.positions), indices: ellipsoid.indices },
      quick,
      run.ctx,
    );
    output = result.output;
    previews = run.previews;
    const m = output.metrics;
    expect(m.f1Uniform).toBeGreaterThan(0.97);
    expect(m.f1Near).toBeGreaterThan(0.9);
    expect(m.iou).toBeGreaterThan(0.94);
    expect(m.steps).toBe(150);
    expect(m.closedManifold).toBe(true);
    const inspection = inspectMesh({ positions: output.positions, indices: output.indices });
    expect([
      inspection.closed,
      inspection.manifold,
      inspection.orientable,
      inspection.components,
      inspection.genus,
    ]).toEqual([true, true, true, 1, 0]);
    // extracted in the input's coordinates: volume of the 6×4×2 ellipsoid (4/3 π·3·2·1) within 10%
    const volume = meshSignedVolume(output.positions, output.indices);
    expect(Math.abs(volume / ((4 / 3) * Math.PI * 6) - 1)).toBeLessThan(0.1);
    expect(m.chamferL1).toBeLessThan(0.01); // units of the longest side
    expect(output.onnx!.byteLength).toBe(m.modelBytes);
    expect(m.parameters).toBe(8 * 2 ** 14 * 2 + 16 * 64 + 64 + 64 + 1);
    expect(output.slice.values.length).toBe(output.slice.size ** 2);
    expect(m.warnings).toEqual([]);
  }, 180_000); // ~15 s of CPU; generous for a loaded 2-core machine

  it('reports the loss for the live chart while training', () => {
    const losses = previews
      .map((p) => (p as { chart?: { loss?: number } }).chart?.loss)
      .filter((l) => typeof l === 'number');
    expect(losses.length).toBeGreaterThan(0);
    expect(output.lossCurve.length).toBeGreaterThan(0);
  });

  it('applies as one undoable command: the SDF mesh beside the original, its slice, userData and the model', () => {
    const scene = new Group();
    const host = new HeadlessSceneHost(scene);
    const source = threeMesh(ellipsoid);
    source.name = 'egg';
    scene.add(source);
    const ctx = { object: source, selection: [source], host };
    expect(fitSdfOperator.poll(ctx)).toBeNull();
    const command = fitSdfOperator.apply(ctx, output, quick);
    command.execute();
    expect(scene.children.length).toBe(2);
    const added = scene.children[1] as ThreeMesh;
    expect(added.name).toBe('egg SDF');
    expect(added.userData.plugin).toBe('mesh.fit_sdf');
    expect(added.userData.metrics.f1Uniform).toBe(output.metrics.f1Uniform);
    expect(JSON.stringify(added.userData).length).toBeLessThan(10_000); // no model bytes in userData
    expect(sdfModels.get(added)).toBe(output.onnx);
    expect(added.children[0]!.name).toBe('egg SDF slice');
    expect((added.children[0] as ThreeMesh).geometry.getAttribute('_SDF').count).toBe(output.slice.size ** 2);
    expect(fitSdfOperator.artifacts!(output).onnx!.bytes).toBe(output.onnx);
    command.undo();
    expect(scene.children.length).toBe(1);
  });

  it('refuses empty, degenerate and flat meshes with a reason, in poll and in the job', async () => {
    const empty: Mesh = { positions: new Float32Array(0), indices: new Uint32Array(0) };
    const degenerate: Mesh = {
      positions: new Float32Array([0, 0, 0, 1, 1, 1, 2, 2, 2]),
      indices: new Uint32Array([0, 1, 2]),
    };
    const flat: Mesh = {
      positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]),
      indices: new Uint32Array([0, 1, 2]),
    };
    expect(fitSdfRefusal(empty)).toMatch(/empty/);
    expect(fitSdfRefusal(degenerate)).toMatch(/zero area/);
    expect(fitSdfRefusal(flat)).toMatch(/flat/);
    const host = new HeadlessSceneHost(new Group());
    expect(fitSdfOperator.poll({ object: threeMesh(degenerate), selection: [], host })?.reason).toMatch(
      /zero area/,
    );
    expect(fitSdfOperator.poll({ object: new Group(), selection: [], host })?.reason).toMatch(
      /select a mesh/,
    );
    await expect(
      fitSdfJob({ positions: flat.positions as Float32Array, indices: flat.indices }, quick, context().ctx),
    ).rejects.toThrow(InputError);
  });

  it('warns about an open mesh and still gets its inside right', async () => {
    const sphere = icosphere(0.5, 3);
    const kept: number[] = [];
    for (let t = 0; t < sphere.indices.length; t += 3) {
      const z = Math.max(...[0, 1, 2].map((c) => sphere.positions[3 * sphere.indices[t + c]! + 2]!));
      if (z < 0.45) kept.push(sphere.indices[t]!, sphere.indices[t + 1]!, sphere.indices[t + 2]!);
    }
    const open: Mesh = { positions: sphere.positions, indices: new Uint32Array(kept) };
    expect(fitSdfWarnings(open)[0]).toMatch(/open/);
    const { output } = await fitSdfJob(
      { positions: Float32Array.from(open.positions), indices: open.indices },
      { ...quick, steps: 60, resolution: 32 },
      context().ctx,
    );
    expect(output.metrics.warnings[0]).toMatch(/open/);
    expect(output.metrics.f1Uniform).toBeGreaterThan(0.95);
    expect(output.metrics.closedManifold).toBe(true);
  }, 180_000);

  it('stops with CancelledError when cancelled during the ground truth', async () => {
    const controller = new AbortController();
    let calls = 0;
    const ctx: JobContext = {
      signal: controller.signal,
      onnx: nodeOnnx,
      progress: () => void (calls++ === 1 && controller.abort()),
    };
    await expect(
      fitSdfJob(
        { positions: Float32Array.from(ellipsoid.positions), indices: ellipsoid.indices },
        quick,
        ctx,
      ),
    ).rejects.toThrow(CancelledError);
    expect(calls).toBeLessThan(5);
  });

  it('stops with CancelledError when cancelled', async () => {
    const controller = new AbortController();
    const ctx: JobContext = {
      signal: controller.signal,
      onnx: nodeOnnx,
      progress: (f) => {
        if (f > 0.2) controller.abort();
      },
    };
    await expect(
      fitSdfJob(
        { positions: Float32Array.from(ellipsoid.positions), indices: ellipsoid.indices },
        { ...defaultProps(fitSdfProps), ...quick, steps: 0, seconds: 30 },
        ctx,
      ),
    ).rejects.toThrow(CancelledError);
  });
});
