import { MeshUNet } from './meshUNet';

/** Checkpoint arrays of the running average are stored under this prefix + the parameter's name. */
const EXTRA_PREFIX = 'average.';

/**
 * Stochastic weight averaging (Izmailov et al. 2018): the running mean of a network's weights at the ends of
 * several epochs. Late in training the test figure of single epochs swings by points from one epoch to the
 * next; the average of those epochs' weights sits nearer the middle of the basin they wander in. The network
 * only has instance norms (no running statistics), so the averaged weights need no recalibration.
 */
export class WeightAverage {
  /** Running mean per parameter name, each as long as the parameter. */
  private readonly means = new Map<string, Float32Array>();
  /** How many snapshots the means hold. */
  count = 0;

  /** Folds the network's current weights into the mean. */
  add(net: MeshUNet): void {
    const n = ++this.count;
    for (const p of net.params) {
      let mean = this.means.get(p.name);
      if (!mean) this.means.set(p.name, (mean = new Float32Array(p.data.length)));
      // Incremental mean in float64 arithmetic: mean += (w − mean) / n.
      for (let i = 0; i < mean.length; i++) mean[i]! += (p.data[i]! - mean[i]!) / n;
    }
  }

  /** A network with the averaged weights (same config as `like`). */
  network(like: MeshUNet): MeshUNet {
    if (this.count === 0) throw new Error('WeightAverage: no snapshot added yet');
    const net = new MeshUNet(like.config);
    for (const p of net.params) {
      const mean = this.means.get(p.name);
      if (!mean || mean.length !== p.data.length) throw new Error(`WeightAverage: no mean for ${p.name}`);
      p.data.set(mean);
    }
    return net;
  }

  /** The means as named checkpoint arrays (the count travels in the checkpoint's training info). */
  toExtras(): { name: string; data: Float32Array }[] {
    return [...this.means].map(([name, data]) => ({ name: EXTRA_PREFIX + name, data }));
  }

  /** Restores an average from a checkpoint's extra arrays and its snapshot count. */
  static fromExtras(extra: ReadonlyMap<string, Float32Array>, count: number): WeightAverage {
    const average = new WeightAverage();
    for (const [key, data] of extra)
      if (key.startsWith(EXTRA_PREFIX)) average.means.set(key.slice(EXTRA_PREFIX.length), data.slice());
    average.count = average.means.size > 0 ? count : 0;
    return average;
  }
}
