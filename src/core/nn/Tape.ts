import { Tensor } from './Tensor';

/**
 * Reverse-mode automatic differentiation over Float32Array ops: each op computes its forward values
 * at once and records a closure that, on `backward`, adds its inputs' gradients from its output's.
 *
 * Intermediate buffers come from a pool keyed by length and go back to it on `reset`, so a training
 * loop of fixed batch size allocates nothing after its first step (no GC pauses in the hot loop).
 */
export class Tape {
  private readonly backwards: (() => void)[] = [];
  private readonly pool = new Map<number, Float32Array[]>();
  private readonly inUse: Float32Array[] = [];

  /** A zeroed float32 buffer that lives until `reset`. */
  buffer(length: number): Float32Array {
    const free = this.pool.get(length);
    const b = free && free.length ? free.pop()! : new Float32Array(length);
    b.fill(0);
    this.inUse.push(b);
    return b;
  }

  /** A pooled int32 buffer that lives until `reset` (its bytes reuse a float buffer). */
  intBuffer(length: number): Int32Array {
    const f = this.buffer(length);
    return new Int32Array(f.buffer, f.byteOffset, length);
  }

  /**
   * A result tensor of the given shape computed from `inputs`: it needs a gradient (and gets a
   * pooled gradient buffer) iff any input does.
   */
  result(shape: readonly number[], inputs: readonly Tensor[]): Tensor {
    let size = 1;
    for (const d of shape) size *= d;
    const needs = inputs.some((t) => t.requiresGrad);
    const t = new Tensor(this.buffer(size), shape, needs);
    if (needs) t.grad = this.buffer(size);
    return t;
  }

  /** Records the backward step of the op that produced `output` (skipped when nothing needs it). */
  record(output: Tensor, backward: () => void): void {
    if (output.requiresGrad) this.backwards.push(backward);
  }

  /** Back-propagates from a one-element tensor (seeded with d loss / d loss = 1). */
  backward(loss: Tensor): void {
    if (loss.size !== 1) throw new Error('backward needs a scalar (one-element) loss');
    if (!loss.grad) return;
    loss.grad[0] = 1;
    for (let i = this.backwards.length - 1; i >= 0; i--) this.backwards[i]!();
  }

  /** Forgets the recorded ops and returns every buffer to the pool (results become invalid). */
  reset(): void {
    this.backwards.length = 0;
    for (const b of this.inUse) {
      let free = this.pool.get(b.length);
      if (!free) this.pool.set(b.length, (free = []));
      free.push(b);
    }
    this.inUse.length = 0;
  }
}

/** Adds `src` into `dst` elementwise (gradient accumulation). */
export function accumulate(dst: Float32Array, src: Float32Array): void {
  for (let i = 0; i < dst.length; i++) dst[i] += src[i]!;
}
