import { describe, expect, it } from 'vitest';
import { computeEdgeFeatures } from '../../../src/core/meshcnn/edgeFeatures';
import { MeshUNet, mulberry32 } from '../../../src/core/meshcnn/meshUNet';
import { buildMeshLevel, edgeCountOf } from '../../../src/core/meshcnn/meshTopology';
import { softmaxCrossEntropy, Tape } from '../../../src/core/meshcnn/tape';
import { icosphere } from './icosphere';

describe('MeshUNet', () => {
  const sphere = icosphere(2, 0.15, 3); // 162 vertices, 480 edges, jittered
  const level = buildMeshLevel(sphere.positions, sphere.indices);
  const features = computeEdgeFeatures(level);
  const E = edgeCountOf(level);
  const labels = new Int32Array(E).map((_, e) => (level.positions[3 * level.edges[2 * e]! + 2]! > 0 ? 1 : 0));
  const config = { channels: [6, 8, 10], poolEdges: [360, 270], resBlocks: 1, classCount: 2 };

  it('pools to the configured edge counts and returns one score row per input edge', () => {
    const net = new MeshUNet(config, 1);
    const out = net.forward(new Tape(false), level, features);
    expect(out.logits.rows).toBe(E);
    expect(out.logits.cols).toBe(2);
    expect(out.pools.map((p) => edgeCountOf(p.level))).toEqual([360, 270]);
  });

  it('has gradients that match finite differences', () => {
    const net = new MeshUNet(config, 2);
    const tape = new Tape(true);
    const out = net.forward(tape, level, features);
    // Pooling picks edges by feature norm, a step function: replay the same choices for the differences.
    const lossOf = () =>
      softmaxCrossEntropy(net.forward(new Tape(false), level, features, out.pools).logits, labels);
    softmaxCrossEntropy(out.logits, labels);
    tape.backward();
    const random = mulberry32(5);
    let checked = 0;
    let agreeing = 0;
    for (const p of net.params) {
      for (let t = 0; t < 2; t++) {
        const i = Math.floor(random() * p.data.length);
        const analytic = p.grad[i]!;
        const saved = p.data[i]!;
        const h = 5e-4;
        p.data[i] = saved + h;
        const up = lossOf();
        p.data[i] = saved - h;
        const down = lossOf();
        p.data[i] = saved;
        const numeric = (up - down) / (2 * h);
        if (Math.abs(numeric - analytic) < 2e-3 + 0.05 * Math.abs(numeric)) agreeing++;
        checked++;
      }
    }
    // Float32 central differences across ReLU and |a − c| kinks miss now and then; the per-op checks in
    // tape.test.ts are exact to 1 %. A wrong backward pass disagrees almost everywhere.
    expect(checked).toBeGreaterThan(40);
    expect(agreeing / checked).toBeGreaterThan(0.9);
  });

  it('learns to separate the two halves of a sphere', () => {
    const net = new MeshUNet(config, 3);
    const lossOf = () => softmaxCrossEntropy(net.forward(new Tape(false), level, features).logits, labels);
    const first = lossOf();
    for (let step = 0; step < 30; step++) {
      net.zeroGrad();
      const tape = new Tape(true);
      softmaxCrossEntropy(net.forward(tape, level, features).logits, labels);
      tape.backward();
      for (const p of net.params) for (let i = 0; i < p.data.length; i++) p.data[i]! -= 0.05 * p.grad[i]!;
    }
    expect(lossOf()).toBeLessThan(0.7 * first);
  });

  it('gives the same gradients on a tape that recycles its buffers as on a fresh one', () => {
    const other = icosphere(2, 0.2, 7); // a second mesh: the recycled buffers hold its values
    const otherLevel = buildMeshLevel(other.positions, other.indices);
    const gradients = (tape: Tape, lvl = level, feats = features, lab = labels) => {
      const net = new MeshUNet(config, 4);
      net.zeroGrad();
      softmaxCrossEntropy(net.forward(tape, lvl, feats).logits, lab);
      tape.backward();
      return net.params.map((p) => Float32Array.from(p.grad));
    };
    const fresh = gradients(new Tape(true));
    const reused = new Tape(true);
    for (let round = 0; round < 3; round++) {
      const otherLabels = new Int32Array(edgeCountOf(otherLevel)).map((_, e) => e % 2);
      gradients(reused, otherLevel, computeEdgeFeatures(otherLevel), otherLabels);
      reused.recycle();
      expect(gradients(reused)).toEqual(fresh);
      reused.recycle();
    }
  });

  it('lends recycled buffers zeroed unless told they will be overwritten', () => {
    const tape = new Tape(true);
    tape.floats(1000, false).fill(7);
    tape.floats(1000).fill(7);
    tape.recycle();
    const a = tape.floats(1000, false);
    const b = tape.floats(990);
    expect(a.length).toBe(1000);
    expect(b.length).toBe(990);
    expect(a.buffer).not.toBe(b.buffer);
    expect(b.every((v) => v === 0)).toBe(true);
    expect(new Tape(false).floats(10)).toEqual(new Float32Array(10));
  });
});
