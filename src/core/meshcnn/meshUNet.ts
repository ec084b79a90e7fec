import { EDGE_FEATURE_COUNT } from './edgeFeatures';
import { poolMesh, rowSquaredNorms, type PoolRecord } from './meshPool';
import { edgeCountOf, type MeshLevel } from './meshTopology';
import {
  add,
  concatColumns,
  instanceNorm,
  meshConv,
  pool,
  relu,
  tensor,
  unpool,
  type Param,
  type Tape,
  type Tensor,
} from './tape';

/**
 * MeshCNN's segmentation U-Net (MeshEncoderDecoder). Encoder level i: MeshConv → norm → ReLU, then
 * `resBlocks` residual blocks (MeshConv → norm → + skip → ReLU), then pooling to poolEdges[i] (no pooling
 * after the last level). Decoder level i (coarse to fine): MeshConv to the finer width, unpool, concatenate
 * the encoder's features from before that pooling, MeshConv → norm → ReLU, residual blocks. Last: a MeshConv
 * to class scores.
 */
export interface MeshUNetConfig {
  /** Feature widths per encoder level, e.g. [32, 64, 128, 256] (MeshCNN's ncf). */
  channels: number[];
  /** Edge counts after each pooling, e.g. [1800, 1350, 600]; one fewer than `channels`. */
  poolEdges: number[];
  resBlocks: number;
  classCount: number;
}

export interface MeshUNetOutput {
  /** #E×classCount class scores. */
  logits: Tensor;
  /** What each pooling layer did (its coarser mesh and edge groups), finest first. */
  pools: PoolRecord[];
}

export class MeshUNet {
  readonly params: Param[] = [];
  private readonly byName = new Map<string, Param>();

  constructor(
    readonly config: MeshUNetConfig,
    seed = 1,
  ) {
    const { channels, poolEdges, resBlocks, classCount } = config;
    if (poolEdges.length !== channels.length - 1)
      throw new Error('MeshUNet: poolEdges needs one entry fewer than channels');
    const random = mulberry32(seed);
    const conv = (name: string, cin: number, cout: number) => {
      // He initialisation for ReLU networks: N(0, 2 / fan-in).
      const std = Math.sqrt(2 / (5 * cin));
      const w = new Float32Array(5 * cin * cout);
      for (let i = 0; i < w.length; i++) w[i] = gaussian(random) * std;
      this.add(`${name}.weight`, [5 * cin, cout], w);
      this.add(`${name}.bias`, [cout], new Float32Array(cout));
    };
    const norm = (name: string, c: number) => {
      this.add(`${name}.gamma`, [c], new Float32Array(c).fill(1));
      this.add(`${name}.beta`, [c], new Float32Array(c));
    };
    const block = (name: string, cin: number, cout: number) => {
      conv(`${name}.conv0`, cin, cout);
      norm(`${name}.norm0`, cout);
      for (let b = 1; b <= resBlocks; b++) {
        conv(`${name}.conv${b}`, cout, cout);
        norm(`${name}.norm${b}`, cout);
      }
    };
    let cin = EDGE_FEATURE_COUNT;
    channels.forEach((c, i) => {
      block(`down${i}`, cin, c);
      cin = c;
    });
    for (let i = channels.length - 2; i >= 0; i--) {
      conv(`up${i}.upconv`, channels[i + 1]!, channels[i]!);
      block(`up${i}`, 2 * channels[i]!, channels[i]!);
    }
    conv('classifier', channels[0]!, classCount);
  }

  param(name: string): Param {
    const p = this.byName.get(name);
    if (!p) throw new Error(`MeshUNet: no parameter ${name}`);
    return p;
  }

  parameterCount(): number {
    return this.params.reduce((n, p) => n + p.data.length, 0);
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad.fill(0);
  }

  /**
   * @param level the mesh at input resolution
   * @param features #E×5 normalised input features
   * @param reusePools pooling decisions of an earlier pass to replay instead of deciding anew (gradient checks)
   * @param poolEdges edge counts after each pooling (defaults to the config's; scaled for meshes of other sizes)
   */
  forward(
    tape: Tape,
    level: MeshLevel,
    features: Float32Array,
    reusePools?: PoolRecord[],
    poolEdges = this.config.poolEdges,
  ): MeshUNetOutput {
    const { channels } = this.config;
    const edgeCount = edgeCountOf(level);
    let x = tensor(features, edgeCount, EDGE_FEATURE_COUNT);
    const levels: MeshLevel[] = [level];
    const pools: PoolRecord[] = [];
    const skips: Tensor[] = [];
    for (let i = 0; i < channels.length; i++) {
      x = this.block(tape, `down${i}`, x, levels[i]!.gemm);
      if (i < poolEdges.length) {
        skips.push(x);
        const record =
          reusePools?.[i] ?? poolMesh(levels[i]!, rowSquaredNorms(x.data, x.cols), poolEdges[i]!);
        pools.push(record);
        levels.push(record.level);
        x = pool(tape, x, record);
      }
    }
    for (let i = channels.length - 2; i >= 0; i--) {
      x = this.conv(tape, `up${i}.upconv`, x, levels[i + 1]!.gemm);
      x = unpool(tape, x, pools[i]!);
      x = concatColumns(tape, x, skips[i]!);
      x = this.block(tape, `up${i}`, x, levels[i]!.gemm);
    }
    return { logits: this.conv(tape, 'classifier', x, level.gemm), pools };
  }

  private block(tape: Tape, name: string, x: Tensor, gemm: Int32Array): Tensor {
    let h = relu(tape, this.norm(tape, `${name}.norm0`, this.conv(tape, `${name}.conv0`, x, gemm)));
    for (let b = 1; b <= this.config.resBlocks; b++) {
      const y = this.norm(tape, `${name}.norm${b}`, this.conv(tape, `${name}.conv${b}`, h, gemm));
      h = relu(tape, add(tape, y, h));
    }
    return h;
  }

  private conv(tape: Tape, name: string, x: Tensor, gemm: Int32Array): Tensor {
    return meshConv(tape, x, gemm, this.param(`${name}.weight`), this.param(`${name}.bias`));
  }

  private norm(tape: Tape, name: string, x: Tensor): Tensor {
    return instanceNorm(tape, x, this.param(`${name}.gamma`), this.param(`${name}.beta`));
  }

  private add(name: string, shape: number[], data: Float32Array): void {
    const p: Param = { name, shape, data, grad: new Float32Array(data.length) };
    this.params.push(p);
    this.byName.set(name, p);
  }
}

/** Small, fast, seedable PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
