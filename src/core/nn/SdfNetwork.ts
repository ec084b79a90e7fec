import type { Rng } from '../sampling/Rng';
import { createHashTable, hashGridEncode, type HashGridConfig } from './hashGrid';
import { Mlp } from './Mlp';
import { Tape } from './Tape';
import { Tensor } from './Tensor';

/** Settings of the SDF network: a hash-grid encoding followed by a small ReLU MLP. */
export interface SdfNetworkConfig {
  grid: HashGridConfig;
  /** hidden layer widths of the MLP (reference: [64, 64]) */
  hidden: number[];
}

/** f(x) = MLP(hashGrid(x)) — x: [N,3] in the box [−boxHalf, boxHalf]³ → signed distance [N,1]. */
export class SdfNetwork {
  readonly table: Tensor;
  readonly mlp: Mlp;

  constructor(
    readonly config: SdfNetworkConfig,
    rng: Rng,
  ) {
    this.table = createHashTable(config.grid, rng);
    const g = config.grid;
    this.mlp = new Mlp([g.levels * g.features, ...config.hidden, 1], 'relu', rng);
  }

  get parameters(): Tensor[] {
    return [this.table, ...this.mlp.parameters];
  }

  get parameterCount(): number {
    return this.parameters.reduce((n, p) => n + p.size, 0);
  }

  /** x: [N,3] → [N,1], recorded on the tape */
  forward(tape: Tape, x: Tensor): Tensor {
    return this.mlp.forward(tape, hashGridEncode(tape, x, this.table, this.config.grid));
  }

  /**
   * The training-time model's values at points: #N×3 → #N, in chunks, without gradients (tests
   * compare the ONNX export against it; the plugin itself evaluates through onnxruntime).
   */
  predict(points: Float32Array, chunk = 16384): Float32Array {
    const n = points.length / 3;
    const out = new Float32Array(n);
    const tape = new Tape();
    for (let s = 0; s < n; s += chunk) {
      const e = Math.min(n, s + chunk);
      const x = Tensor.constant(points.subarray(3 * s, 3 * e), [e - s, 3]);
      // no parameter requires a gradient through a constant-only path, but the table does: the
      // tape records it; reset drops the records.
      out.set(this.forward(tape, x).data, s);
      tape.reset();
    }
    return out;
  }
}
