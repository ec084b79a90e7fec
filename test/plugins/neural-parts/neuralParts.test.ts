import type { Group } from 'three';
import { BufferAttribute, BufferGeometry, Mesh as ThreeMesh, MeshBasicMaterial, Object3D } from 'three';
import { describe, expect, it } from 'vitest';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { inspectMesh } from '../../../src/core/mesh/inspect';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import { CancelledError, InputError, type JobContext } from '../../../src/core/plugin/Job';
import { resolveProps } from '../../../src/core/plugin/PropSpec';
import { neuralPartsJob, neuralPartsRefusal } from '../../../src/plugins/neural-parts/job';
import { neuralPartsOperator } from '../../../src/plugins/neural-parts/operator';
import { neuralPartsProps } from '../../../src/plugins/neural-parts/props';
import type { NeuralPartsOutput, NeuralPartsPreview } from '../../../src/plugins/neural-parts/types';
import { icosphere } from '../../core/sdf/shapes';
import { nodeOnnx } from '../fit-sdf/nodeOnnx';

/** Tiny, fast settings: a small network for a few dozen steps. */
const quick = resolveProps(neuralPartsProps, {
  parts: 2,
  steps: 25,
  hidden: 8,
  codeSize: 4,
  batch: 200,
  meshDetail: 2,
  evalSamples: 4000,
});

/** Two separate balls in one mesh, off-centre and in arbitrary units. */
function twoBalls(): Mesh {
  const a = icosphere(1, 2),
    b = icosphere(0.8, 2);
  const n = a.positions.length / 3;
  const positions = new Float32Array(a.positions.length + b.positions.length);
  positions.set(a.positions);
  for (let i = 0; i < b.positions.length; i++)
    positions[a.positions.length + i] = b.positions[i]! + (i % 3 === 0 ? 3 : 0);
  for (let i = 0; i < positions.length; i += 3) positions[i + 1] = positions[i + 1]! + 5;
  const indices = new Uint32Array(a.indices.length + b.indices.length);
  indices.set(a.indices);
  for (let i = 0; i < b.indices.length; i++) indices[a.indices.length + i] = b.indices[i]! + n;
  return { positions, indices };
}

function context(signal = new AbortController().signal) {
  const previews: unknown[] = [];
  const ctx: JobContext = {
    signal,
    onnx: nodeOnnx,
    progress: (_f, _m, preview) => void (preview !== undefined && previews.push(preview)),
  };
  return { ctx, previews };
}

describe('mesh.neural_parts', () => {
  const shape = twoBalls();
  const F = shape.indices.length / 3;
  let output: NeuralPartsOutput;

  it('decomposes two balls into two closed primitives and splits every face exactly once', async () => {
    const run = context();
    output = (
      await neuralPartsJob(
        { positions: Float32Array.from(shape.positions), indices: shape.indices.slice() },
        { ...quick, seconds: 0 },
        run.ctx,
      )
    ).output;
    const m = output.metrics;
    expect(m.parts).toBe(2);
    expect(m.steps).toBe(25);
    expect(m.iou).toBeGreaterThan(0.5); // two balls start near their starting ellipsoids
    // where the IoU is lost: its two parts, in units of the input's inside
    expect(m.falseInside).toBeGreaterThanOrEqual(0);
    expect(m.falseOutside).toBeGreaterThanOrEqual(0);
    expect((1 - m.falseOutside) / (1 + m.falseInside)).toBeCloseTo(m.iou, 6);
    expect(m.chamferL1).toBeGreaterThan(0);
    expect(m.chamferL1).toBeLessThan(0.1);
    expect(output.primitives).toHaveLength(2);
    for (const p of output.primitives) {
      const t = inspectMesh(p);
      expect(t.closed && t.manifold).toBe(true);
      expect(p.positions.every(Number.isFinite)).toBe(true);
    }
    // each face exactly once: the parts' faces add up, and the labels are in range
    expect(output.faceParts).toHaveLength(F);
    expect(output.faceParts.every((l) => l >= 0 && l < 2)).toBe(true);
    expect(output.parts.reduce((s, p) => s + p.indices.length / 3, 0)).toBe(F);
    expect(m.perPart.reduce((s, p) => s + p.faces, 0)).toBe(F);
    // the two balls end up in different parts (each ball's faces mostly in one part)
    const firstBall = output.faceParts.subarray(0, F / 2);
    const secondBall = output.faceParts.subarray(F / 2);
    const majority = (a: Int32Array): number => (a.reduce((s, l) => s + l, 0) > a.length / 2 ? 1 : 0);
    expect(majority(firstBall)).not.toBe(majority(secondBall));
    for (const p of m.perPart) expect(p.volume).toBeGreaterThan(0);
    // live previews: decimated primitives with the loss chart
    const previews = run.previews as NeuralPartsPreview[];
    if (previews.length > 0) {
      expect(previews[0]!.positions).toBeInstanceOf(Float32Array);
      expect(previews[0]!.primitives).toBe(2);
      expect(Number.isFinite(previews[0]!.chart.loss)).toBe(true);
    }
  });

  it('applies as one undoable command: a group of primitives and a group of parts', () => {
    const scene = new Object3D();
    const host = new HeadlessSceneHost(scene);
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(Float32Array.from(shape.positions), 3));
    g.setIndex(new BufferAttribute(shape.indices, 1));
    const source = new ThreeMesh(g, new MeshBasicMaterial());
    source.name = 'balls';
    scene.add(source);
    const ctx = { object: source, selection: [source], host };
    expect(neuralPartsOperator.poll(ctx)).toBeNull();
    const command = neuralPartsOperator.apply(ctx, output, quick);
    command.execute();
    const groups = scene.children.filter((c): c is Group => (c as Group).isGroup);
    expect(groups.map((c) => c.name)).toEqual(['balls primitives', 'balls parts']);
    expect(groups[0]!.children).toHaveLength(2);
    expect(groups[1]!.children.length).toBe(output.parts.length);
    expect(groups[0]!.userData).toMatchObject({
      plugin: 'mesh.neural_parts',
      version: 3,
      props: { parts: 2 },
    });
    const metrics = neuralPartsOperator.metrics(output, quick);
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['parts', 'iou', 'chamferL1', 'seconds']));
    command.undo();
    expect(scene.children).toEqual([source]);
  });

  it('shows the primitives live while fitting, updated in place, and clears them', () => {
    const scene = new Object3D();
    const host = new HeadlessSceneHost(scene);
    const source = new ThreeMesh(new BufferGeometry(), new MeshBasicMaterial());
    scene.add(source);
    const ctx = { object: source, selection: [source], host };
    const sphere = output.primitives[0]!;
    const preview = (shift: number): NeuralPartsPreview => {
      const positions = new Float32Array(2 * sphere.positions.length);
      positions.set(sphere.positions);
      positions.set(
        sphere.positions.map((v) => v + shift),
        sphere.positions.length,
      );
      return { chart: { loss: 1, iou: 0.5 }, positions, indices: sphere.indices, primitives: 2 };
    };
    const first = neuralPartsOperator.livePreview!(ctx, preview(0));
    expect(scene.children).toHaveLength(2);
    const live = scene.children[1] as Group;
    expect(live.children).toHaveLength(2);
    const second = neuralPartsOperator.livePreview!(ctx, preview(1));
    expect(second).toBe(first);
    expect(scene.children).toHaveLength(2); // updated, not added
    const moved = (live.children[1] as ThreeMesh).geometry.getAttribute('position').getX(0);
    expect(moved).toBeCloseTo(sphere.positions[0]! + 1, 5);
    first!.clear();
    expect(scene.children).toEqual([source]);
    expect(neuralPartsOperator.livePreview!(ctx, { chart: { loss: 1 } })).toBeUndefined(); // no primitives in it: nothing shown
  });

  it('counts the fitting budget in CPU seconds when asked, and reports both clocks', async () => {
    const { output: cpuRun } = await neuralPartsJob(
      { positions: Float32Array.from(shape.positions), indices: shape.indices.slice() },
      { ...quick, steps: 0, seconds: 0.4, clock: 'cpu' },
      context().ctx,
    );
    const m = cpuRun.metrics;
    expect(m.clock).toBe('cpu');
    expect(m.steps).toBeGreaterThan(0);
    expect(m.cpuSeconds).toBeGreaterThanOrEqual(0.4);
    expect(m.cpuSeconds).toBeLessThan(0.4 + 2); // it stops within a step of the budget
    expect(m.totalCpuSeconds).toBeGreaterThanOrEqual(m.cpuSeconds);
    expect(m.seconds).toBeGreaterThan(0);
  });

  it('refuses bad input with a clear message and stops when cancelled', async () => {
    expect(neuralPartsRefusal({ positions: new Float32Array(0), indices: new Uint32Array(0) })).toMatch(
      /empty/,
    );
    const flat = {
      positions: Float32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0]),
      indices: Uint32Array.from([0, 1, 2, 1, 3, 2]),
    };
    expect(neuralPartsRefusal(flat)).toMatch(/flat/);
    await expect(neuralPartsJob(flat, quick, context().ctx)).rejects.toBeInstanceOf(InputError);
    await expect(
      neuralPartsJob(
        { positions: Float32Array.from(shape.positions), indices: shape.indices.slice() },
        { ...quick, parts: 17 },
        context().ctx,
      ),
    ).rejects.toThrow(/1 to 16/);
    const controller = new AbortController();
    controller.abort();
    await expect(
      neuralPartsJob(
        { positions: Float32Array.from(shape.positions), indices: shape.indices.slice() },
        quick,
        context(controller.signal).ctx,
      ),
    ).rejects.toBeInstanceOf(CancelledError);
  });
});
