import type { Rng } from '../sampling/Rng';
import { linear, relu, sin, softplus, tanh } from './ops';
import type { Tape } from './Tape';
import { Tensor } from './Tensor';

export type Activation = 'relu' | 'softplus' | 'sin' | 'tanh';

/** One fully connected layer: W [in, out], b [out]. */
export interface LinearLayer {
  weight: Tensor;
  bias: Tensor;
}

/**
 * A multilayer perceptron sizes[0] → … → sizes[last] with the activation between layers (none
 * after the last). Initialised like PyTorch's nn.Linear: W, b ~ U(−1/√in, 1/√in).
 */
export class Mlp {
  readonly layers: LinearLayer[] = [];

  constructor(
    readonly sizes: readonly number[],
    readonly activation: Activation,
    rng: Rng,
  ) {
    for (let i = 0; i + 1 < sizes.length; i++) {
      const fin = sizes[i]!,
        fout = sizes[i + 1]!;
      const bound = 1 / Math.sqrt(fin);
      const w = new Float32Array(fin * fout).map(() => (rng.next() * 2 - 1) * bound);
      const b = new Float32Array(fout).map(() => (rng.next() * 2 - 1) * bound);
      this.layers.push({ weight: Tensor.parameter(w, [fin, fout]), bias: Tensor.parameter(b, [fout]) });
    }
  }

  get parameters(): Tensor[] {
    return this.layers.flatMap((l) => [l.weight, l.bias]);
  }

  /** x: [N, sizes[0]] → [N, sizes[last]] */
  forward(tape: Tape, x: Tensor): Tensor {
    let h = x;
    this.layers.forEach((layer, i) => {
      h = linear(tape, h, layer.weight, layer.bias);
      if (i + 1 < this.layers.length) h = activate(tape, h, this.activation);
    });
    return h;
  }
}

export function activate(tape: Tape, x: Tensor, activation: Activation): Tensor {
  switch (activation) {
    case 'relu':
      return relu(tape, x);
    case 'softplus':
      return softplus(tape, x);
    case 'sin':
      return sin(tape, x);
    case 'tanh':
      return tanh(tape, x);
  }
}
