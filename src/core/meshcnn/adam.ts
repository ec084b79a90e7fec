import type { Param } from './tape';

/** Adam (Kingma & Ba 2015) over MeshUNet parameters; state is kept per parameter name for checkpoints. */
export class Adam {
  step = 0;
  readonly m = new Map<string, Float32Array>();
  readonly v = new Map<string, Float32Array>();

  constructor(
    public learningRate = 1e-3,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-8,
  ) {}

  update(params: readonly Param[]): void {
    this.step++;
    const c1 = 1 - this.beta1 ** this.step;
    const c2 = 1 - this.beta2 ** this.step;
    const lr = this.learningRate;
    for (const p of params) {
      let m = this.m.get(p.name);
      let v = this.v.get(p.name);
      if (!m || !v) {
        m = new Float32Array(p.data.length);
        v = new Float32Array(p.data.length);
        this.m.set(p.name, m);
        this.v.set(p.name, v);
      }
      const { data, grad } = p;
      for (let i = 0; i < data.length; i++) {
        const g = grad[i]!;
        const mi = (m[i] = this.beta1 * m[i]! + (1 - this.beta1) * g);
        const vi = (v[i] = this.beta2 * v[i]! + (1 - this.beta2) * g * g);
        data[i]! -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + this.epsilon);
      }
    }
  }
}
