import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/meshcnn/meshUNet';
import { poolMesh } from '../../../src/core/meshcnn/meshPool';
import { buildMeshLevel, edgeCountOf } from '../../../src/core/meshcnn/meshTopology';
import * as T from '../../../src/core/meshcnn/tape';
import { icosphere } from './icosphere';

describe('MeshCNN layers: backward passes against central differences', () => {
  const sphere = icosphere(2, 0.15, 3);
  const level = buildMeshLevel(sphere.positions, sphere.indices);
  const E = edgeCountOf(level);
  const random = mulberry32(1);
  const C = 3;
  const values = (n: number) => Float32Array.from({ length: n }, () => random() - 0.5);
  const param = (name: string, n: number): T.Param => ({
    name,
    shape: [n],
    data: values(n),
    grad: new Float32Array(n),
  });
  const record = poolMesh(level, values(E), 360);
  const weight = param('w', 5 * C * 4);
  const bias = param('b', 4);
  const gamma = param('gamma', C);
  const beta = param('beta', C);
  const ops: Record<string, (tape: T.Tape, x: T.Tensor) => T.Tensor> = {
    meshConv: (t, x) => T.meshConv(t, x, level.gemm, weight, bias),
    instanceNorm: (t, x) => T.instanceNorm(t, x, gamma, beta),
    pool: (t, x) => T.pool(t, x, record),
    'pool → unpool': (t, x) => T.unpool(t, T.pool(t, x, record), record),
    'concat with relu': (t, x) => T.concatColumns(t, x, T.relu(t, x)),
    'pool → meshConv on the pooled mesh': (t, x) =>
      T.meshConv(t, T.pool(t, x, record), record.level.gemm, weight, bias),
  };
  for (const [name, op] of Object.entries(ops)) {
    it(name, () => {
      const x0 = values(E * C);
      const probe = values(E * 8);
      const run = (tape: T.Tape) => {
        const x = T.tensor(x0, E, C);
        return { x, y: op(tape, x) };
      };
      const loss = (y: T.Tensor) => y.data.reduce((s, v, i) => s + v * probe[i]!, 0);
      const tape = new T.Tape(true);
      const { x, y } = run(tape);
      y.grad = probe.slice(0, y.data.length);
      tape.backward();
      let worst = 0;
      for (let t = 0; t < 60; t++) {
        const j = Math.floor(random() * x0.length);
        const saved = x0[j]!;
        x0[j] = saved + 1e-3;
        const up = loss(run(new T.Tape(false)).y);
        x0[j] = saved - 1e-3;
        const down = loss(run(new T.Tape(false)).y);
        x0[j] = saved;
        const numeric = (up - down) / 2e-3;
        worst = Math.max(worst, Math.abs(numeric - x.grad![j]!) / (1e-2 + Math.abs(numeric)));
      }
      expect(worst).toBeLessThan(0.02);
    });
  }
});
