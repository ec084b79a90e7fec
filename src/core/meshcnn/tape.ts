import {
  gatherNeighbourhood,
  matmulBias,
  matmulGradInput,
  matmulGradWeights,
  scatterNeighbourhood,
} from './kernels';
import {
  poolFeatures,
  poolFeaturesBackward,
  unpoolFeatures,
  unpoolFeaturesBackward,
  type PoolRecord,
} from './meshPool';

/**
 * A minimal reverse-mode autodiff for MeshCNN's layers: each op computes its output and, when the tape
 * records, pushes a closure that turns the output's gradient into its inputs' gradients. Our own because the
 * layers (MeshConv over gemm, pooling over edge groups) are ours and the whole network must run and train
 * in any host without a native library.
 */

/** A #rows×cols row-major activation (rows = edges). `grad` is allocated on first use. */
export interface Tensor {
  data: Float32Array;
  rows: number;
  cols: number;
  grad: Float32Array | null;
}

/** A trainable array with its gradient. */
export interface Param {
  name: string;
  shape: number[];
  data: Float32Array;
  grad: Float32Array;
}

export class Tape {
  private readonly steps: (() => void)[] = [];
  /** Buffers lent out in this pass, and buffers free for the next pass by capacity. */
  private readonly lent: Float32Array[] = [];
  private readonly free = new Map<number, Float32Array[]>();
  constructor(readonly recording: boolean) {}

  push(step: () => void): void {
    if (this.recording) this.steps.push(step);
  }

  /** Runs the recorded steps in reverse; the loss op must have seeded its input's gradient. */
  backward(): void {
    for (let i = this.steps.length - 1; i >= 0; i--) this.steps[i]!();
    this.steps.length = 0;
  }

  /**
   * A #length array for this pass's activations and gradients. A recording tape recycles them (see
   * `recycle`): a training step allocated ~100 MB of short-lived arrays, and the garbage collector took
   * a tenth of the step. A non-recording tape (inference) returns fresh arrays, which callers keep.
   * @param zeroed false where the caller overwrites every element
   */
  floats(length: number, zeroed = true): Float32Array {
    if (!this.recording) return new Float32Array(length);
    // Capacities in steps of at most 1/8, so meshes of slightly different sizes share buffers.
    const shift = Math.max(0, 28 - Math.clz32(length));
    const capacity = Math.ceil(length / 2 ** shift) * 2 ** shift;
    const reused = this.free.get(capacity)?.pop();
    const buffer = reused ?? new Float32Array(capacity);
    this.lent.push(buffer);
    const view = buffer.subarray(0, length);
    if (reused && zeroed) view.fill(0);
    return view;
  }

  /** Takes back every array lent in the pass: after this, no tensor of the pass may be read. */
  recycle(): void {
    this.steps.length = 0;
    for (const buffer of this.lent) {
      let stack = this.free.get(buffer.length);
      if (!stack) this.free.set(buffer.length, (stack = []));
      stack.push(buffer);
    }
    this.lent.length = 0;
  }
}

export function tensor(data: Float32Array, rows: number, cols: number): Tensor {
  return { data, rows, cols, grad: null };
}

function gradOf(tape: Tape, t: Tensor): Float32Array {
  return (t.grad ??= tape.floats(t.data.length));
}

/** MeshConv: y = [x_e, x_a+x_c, x_b+x_d, |x_a−x_c|, |x_b−x_d|] · W + b. W: 5·Cin×Cout, b: Cout. */
export function meshConv(tape: Tape, x: Tensor, gemm: Int32Array, weight: Param, bias: Param): Tensor {
  const rows = x.rows;
  const k = 5 * x.cols;
  const n = bias.data.length;
  if (weight.data.length !== k * n)
    throw new Error(`${weight.name}: expects ${weight.shape[0]! / 5} input channels, got ${x.cols}`);
  const g = tape.floats(rows * k, false);
  gatherNeighbourhood(x.data, gemm, rows, x.cols, g);
  const y = tensor(tape.floats(rows * n, false), rows, n);
  matmulBias(g, weight.data, bias.data, rows, k, n, y.data);
  tape.push(() => {
    if (!y.grad) return;
    matmulGradWeights(g, y.grad, rows, k, n, weight.grad, bias.grad);
    const dg = tape.floats(rows * k, false);
    matmulGradInput(y.grad, weight.data, rows, k, n, dg);
    scatterNeighbourhood(x.data, gemm, dg, rows, x.cols, gradOf(tape, x));
  });
  return y;
}

const NORM_EPSILON = 1e-5;

/**
 * Instance norm over the edges of one mesh, per channel, with learned scale and shift (γ, β: C). The
 * loops read local typed arrays and keep per-channel sums in float64; the backward pass needs only Σdy
 * and Σdy·x̂ per channel (γ's and β's gradients are those sums).
 */
export function instanceNorm(tape: Tape, x: Tensor, gamma: Param, beta: Param): Tensor {
  const { rows, cols } = x;
  const xd = x.data;
  const xhat = tape.floats(rows * cols, false);
  const y = tensor(tape.floats(rows * cols, false), rows, cols);
  const yd = y.data;
  const mean = new Float64Array(cols);
  const invStd = new Float64Array(cols);
  for (let i = 0; i < rows * cols; i += cols) for (let c = 0; c < cols; c++) mean[c]! += xd[i + c]!;
  for (let c = 0; c < cols; c++) mean[c]! /= rows;
  const variance = invStd; // sums of squares first, then turned into 1/σ
  for (let i = 0; i < rows * cols; i += cols) {
    for (let c = 0; c < cols; c++) {
      const d = xd[i + c]! - mean[c]!;
      variance[c]! += d * d;
    }
  }
  for (let c = 0; c < cols; c++) invStd[c] = 1 / Math.sqrt(variance[c]! / rows + NORM_EPSILON);
  const g = gamma.data;
  const b = beta.data;
  for (let i = 0; i < rows * cols; i += cols) {
    for (let c = 0; c < cols; c++) {
      const h = (xd[i + c]! - mean[c]!) * invStd[c]!;
      xhat[i + c] = h;
      yd[i + c] = g[c]! * h + b[c]!;
    }
  }
  tape.push(() => {
    if (!y.grad) return;
    const dy = y.grad;
    const sumDy = new Float64Array(cols);
    const sumDyH = new Float64Array(cols);
    for (let i = 0; i < rows * cols; i += cols) {
      for (let c = 0; c < cols; c++) {
        const d = dy[i + c]!;
        sumDy[c]! += d;
        sumDyH[c]! += d * xhat[i + c]!;
      }
    }
    // dx = γ/σ · (dy − mean(dy) − x̂ · mean(dy·x̂)), per channel
    const scale = new Float64Array(cols);
    for (let c = 0; c < cols; c++) {
      gamma.grad[c]! += sumDyH[c]!;
      beta.grad[c]! += sumDy[c]!;
      scale[c] = g[c]! * invStd[c]!;
      sumDy[c]! /= rows;
      sumDyH[c]! /= rows;
    }
    const dx = gradOf(tape, x);
    for (let i = 0; i < rows * cols; i += cols) {
      for (let c = 0; c < cols; c++)
        dx[i + c]! += scale[c]! * (dy[i + c]! - sumDy[c]! - xhat[i + c]! * sumDyH[c]!);
    }
  });
  return y;
}

export function relu(tape: Tape, x: Tensor): Tensor {
  const xd = x.data;
  const y = tensor(tape.floats(xd.length, false), x.rows, x.cols);
  const yd = y.data;
  for (let i = 0; i < xd.length; i++) yd[i] = xd[i]! > 0 ? xd[i]! : 0;
  tape.push(() => {
    if (!y.grad) return;
    const dy = y.grad;
    const dx = gradOf(tape, x);
    for (let i = 0; i < yd.length; i++) if (yd[i]! > 0) dx[i]! += dy[i]!;
  });
  return y;
}

export function add(tape: Tape, a: Tensor, b: Tensor): Tensor {
  const y = tensor(tape.floats(a.data.length, false), a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) y.data[i] = a.data[i]! + b.data[i]!;
  tape.push(() => {
    if (!y.grad) return;
    const da = gradOf(tape, a);
    const db = gradOf(tape, b);
    for (let i = 0; i < y.grad.length; i++) {
      da[i]! += y.grad[i]!;
      db[i]! += y.grad[i]!;
    }
  });
  return y;
}

/** [a | b] column-wise (same rows). */
export function concatColumns(tape: Tape, a: Tensor, b: Tensor): Tensor {
  const rows = a.rows;
  const cols = a.cols + b.cols;
  const y = tensor(tape.floats(rows * cols, false), rows, cols);
  for (let r = 0; r < rows; r++) {
    y.data.set(a.data.subarray(r * a.cols, (r + 1) * a.cols), r * cols);
    y.data.set(b.data.subarray(r * b.cols, (r + 1) * b.cols), r * cols + a.cols);
  }
  tape.push(() => {
    if (!y.grad) return;
    const da = gradOf(tape, a);
    const db = gradOf(tape, b);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < a.cols; c++) da[r * a.cols + c]! += y.grad[r * cols + c]!;
      for (let c = 0; c < b.cols; c++) db[r * b.cols + c]! += y.grad[r * cols + a.cols + c]!;
    }
  });
  return y;
}

export function pool(tape: Tape, x: Tensor, record: PoolRecord): Tensor {
  const y = tensor(poolFeatures(record, x.data, x.cols), record.groupOffsets.length - 1, x.cols);
  tape.push(() => {
    if (!y.grad) return;
    const d = poolFeaturesBackward(record, y.grad, x.cols);
    const dx = gradOf(tape, x);
    for (let i = 0; i < d.length; i++) dx[i]! += d[i]!;
  });
  return y;
}

export function unpool(tape: Tape, x: Tensor, record: PoolRecord): Tensor {
  const y = tensor(unpoolFeatures(record, x.data, x.cols), record.occurrences.length, x.cols);
  tape.push(() => {
    if (!y.grad) return;
    const d = unpoolFeaturesBackward(record, y.grad, x.cols);
    const dx = gradOf(tape, x);
    for (let i = 0; i < d.length; i++) dx[i]! += d[i]!;
  });
  return y;
}

/**
 * Mean cross-entropy of softmax(logits) against class indices (0-based; negative = ignored); seeds
 * logits.grad. @param logits #E×K  @param labels #E
 */
export function softmaxCrossEntropy(logits: Tensor, labels: Int32Array): number {
  const { rows, cols } = logits;
  const grad = (logits.grad ??= new Float32Array(logits.data.length));
  let counted = 0;
  for (let r = 0; r < rows; r++) if (labels[r]! >= 0) counted++;
  let loss = 0;
  for (let r = 0; r < rows; r++) {
    const label = labels[r]!;
    if (label < 0) continue;
    const o = r * cols;
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, logits.data[o + c]!);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += Math.exp(logits.data[o + c]! - max);
    loss += Math.log(sum) + max - logits.data[o + label]!;
    for (let c = 0; c < cols; c++) {
      const p = Math.exp(logits.data[o + c]! - max) / sum;
      grad[o + c] = (p - (c === label ? 1 : 0)) / counted;
    }
  }
  return loss / Math.max(1, counted);
}
