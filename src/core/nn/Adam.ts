import type { Tensor } from './Tensor';

export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /**
   * Parameters whose entries with an exactly zero gradient are left alone (moments included), as
   * Instant-NGP does for hash tables: a batch touches only part of the table, and untouched entries
   * would otherwise keep drifting on stale momentum. Also much faster on big tables.
   */
  sparse?: readonly Tensor[];
}

/**
 * Adam (Kingma & Ba 2015) with bias correction, over parameter tensors; `step` applies the
 * accumulated gradients and zeroes them.
 */
export class Adam {
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;
  private readonly sparse: boolean[];

  constructor(
    readonly params: readonly Tensor[],
    options: AdamOptions,
  ) {
    this.lr = options.lr;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.m = params.map((p) => new Float32Array(p.size));
    this.v = params.map((p) => new Float32Array(p.size));
    this.sparse = params.map((p) => options.sparse?.includes(p) ?? false);
  }

  get steps(): number {
    return this.t;
  }

  step(): void {
    this.t++;
    const b1 = this.beta1,
      b2 = this.beta2,
      eps = this.eps;
    const c1 = 1 - b1 ** this.t,
      c2 = 1 - b2 ** this.t;
    const stepSize = this.lr / c1;
    const invC2 = 1 / Math.sqrt(c2);
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k]!;
      const g = p.grad!;
      const m = this.m[k]!,
        v = this.v[k]!,
        w = p.data;
      const sparse = this.sparse[k]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        if (sparse && gi === 0) continue;
        const mi = (m[i] = b1 * m[i]! + (1 - b1) * gi);
        const vi = (v[i] = b2 * v[i]! + (1 - b2) * gi * gi);
        w[i] -= (stepSize * mi) / (Math.sqrt(vi) * invC2 + eps);
      }
      g.fill(0);
    }
  }
}
