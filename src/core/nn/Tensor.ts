/**
 * A dense float32 tensor, row-major. `grad` is allocated for tensors that need gradients: model
 * parameters (persistent, accumulated until the optimiser zeroes them) and the intermediate
 * results of a tape (pooled, reused from step to step).
 */
export class Tensor {
  grad: Float32Array | null = null;

  constructor(
    readonly data: Float32Array,
    readonly shape: readonly number[],
    /** true for parameters and for results that depend on them */
    readonly requiresGrad = false,
  ) {
    let size = 1;
    for (const d of shape) size *= d;
    if (size !== data.length)
      throw new Error(`tensor data has ${data.length} values, shape [${shape.join(', ')}] needs ${size}`);
  }

  get size(): number {
    return this.data.length;
  }

  /** Rows of a 2-d tensor (the first dimension). */
  get rows(): number {
    return this.shape[0]!;
  }

  /** Columns of a 2-d tensor (the product of all but the first dimension). */
  get cols(): number {
    return this.data.length / this.shape[0]!;
  }

  /** The single value of a one-element tensor (a loss). */
  item(): number {
    return this.data[0]!;
  }

  /** A trainable parameter (grad allocated, zeroed). */
  static parameter(data: Float32Array, shape: readonly number[]): Tensor {
    const t = new Tensor(data, shape, true);
    t.grad = new Float32Array(data.length);
    return t;
  }

  /** A constant input (no gradient). */
  static constant(data: Float32Array, shape: readonly number[]): Tensor {
    return new Tensor(data, shape, false);
  }
}
