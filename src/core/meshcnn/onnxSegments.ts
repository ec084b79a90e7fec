import { OnnxGraphBuilder } from '../nn/onnx/OnnxGraphBuilder';
import { ONNX_FLOAT, ONNX_INT32 } from '../nn/onnx/onnxSchema';
import type { OnnxRuntime, OnnxSession, OnnxTensor } from '../onnx/OnnxRuntime';
import { EDGE_FEATURE_COUNT } from './edgeFeatures';
import { poolFeatures, poolMesh, rowSquaredNorms, unpoolFeatures, type PoolRecord } from './meshPool';
import { edgeCountOf, type MeshLevel } from './meshTopology';
import type { MeshUNet } from './meshUNet';

/**
 * MeshUNet as ONNX models for onnxruntime: one model per stretch of the network between pooling layers
 * (the encoder levels; the bottom level with the first up-convolution; each decoder level with the next
 * up-convolution; the last decoder level with the classifier). Pooling decisions (a sequential edge-collapse
 * queue over the mesh) and the pooling/unpooling averages run in TypeScript between them, exactly the code
 * the training uses, so the two paths differ only in float rounding.
 *
 * Inputs of every segment: `x` [E,C] float32, `ab` and `cd` [E,2] int32 (the one-ring neighbours a, b and
 * c, d of each edge; a missing one is E, which selects an appended zero row); decoder segments also take
 * `skip` [E,C]. Output `y`.
 */
export interface MeshcnnOnnxSegments {
  /** Encoder levels 0 … L−2 (each ends before its pooling). */
  down: Uint8Array[];
  /** Encoder level L−1 and the up-convolution to width C_{L−2}. */
  bottom: Uint8Array;
  /** Decoder levels L−2 … 1 (index i = level i; index 0 unused), each with the next up-convolution. */
  up: Uint8Array[];
  /** Decoder level 0 and the classifier: logits [E, classes]. */
  last: Uint8Array;
}

export function exportMeshcnnSegments(net: MeshUNet): MeshcnnOnnxSegments {
  const { channels } = net.config;
  const L = channels.length;
  const down: Uint8Array[] = [];
  for (let i = 0; i < L - 1; i++) {
    const g = segmentGraph(i === 0 ? EDGE_FEATURE_COUNT : channels[i - 1]!, false);
    g.builder.node(
      'Identity',
      [block(g, net, `down${i}`, g.x, i === 0 ? EDGE_FEATURE_COUNT : channels[i - 1]!, channels[i]!)],
      {},
      'y',
    );
    down.push(g.finish(channels[i]!));
  }
  const b = segmentGraph(channels[L - 2]!, false);
  const bottomOut = block(b, net, `down${L - 1}`, b.x, channels[L - 2]!, channels[L - 1]!);
  b.builder.node('Identity', [conv(b, net, `up${L - 2}.upconv`, bottomOut, channels[L - 1]!)], {}, 'y');
  const bottom = b.finish(channels[L - 2]!);
  const up: Uint8Array[] = [new Uint8Array(0)];
  for (let i = 1; i <= L - 2; i++) {
    const g = segmentGraph(channels[i]!, true);
    const h = block(
      g,
      net,
      `up${i}`,
      g.builder.node('Concat', [g.x, g.skip!], { axis: 1 }),
      2 * channels[i]!,
      channels[i]!,
    );
    g.builder.node('Identity', [conv(g, net, `up${i - 1}.upconv`, h, channels[i]!)], {}, 'y');
    up[i] = g.finish(channels[i - 1]!);
  }
  const l = segmentGraph(channels[0]!, true);
  const h = block(
    l,
    net,
    'up0',
    l.builder.node('Concat', [l.x, l.skip!], { axis: 1 }),
    2 * channels[0]!,
    channels[0]!,
  );
  l.builder.node('Identity', [conv(l, net, 'classifier', h, channels[0]!)], {}, 'y');
  const last = l.finish(net.config.classCount);
  return { down, bottom, up, last };
}

interface SegmentGraph {
  builder: OnnxGraphBuilder;
  x: string;
  skip?: string;
  /** [E,2] int32: one-ring neighbours a, b of each edge */
  ab: string;
  /** [E,2] int32: one-ring neighbours c, d */
  cd: string;
  finish(outChannels: number): Uint8Array;
}

function segmentGraph(inChannels: number, withSkip: boolean): SegmentGraph {
  const builder = new OnnxGraphBuilder();
  const x = builder.input('x', ONNX_FLOAT, ['E', inChannels]);
  const skip = withSkip ? builder.input('skip', ONNX_FLOAT, ['E', inChannels]) : undefined;
  const ab = builder.input('ab', ONNX_INT32, ['E', 2]);
  const cd = builder.input('cd', ONNX_INT32, ['E', 2]);
  return {
    builder,
    x,
    skip,
    ab,
    cd,
    finish: (outChannels) => {
      builder.output('y', ONNX_FLOAT, ['E', outChannels]);
      return builder.toBytes({ doc: 'Homeomorph MeshCNN segment (MeshConv U-Net stretch between poolings)' });
    },
  };
}

/**
 * MeshConv: [x, a+c, b+d, |a−c|, |b−d|] · W + b, as in kernels.ts. The neighbours come as two pairs, (a, b)
 * and (c, d), so one gather each gives [a|b] and [c|d] as rows of width 2C, and one Add and one Sub give
 * both symmetric pairs at once: half the operators of gathering the four one by one.
 */
function conv(g: SegmentGraph, net: MeshUNet, name: string, x: string, inChannels: number): string {
  const B = g.builder;
  const weight = net.param(`${name}.weight`);
  const bias = net.param(`${name}.bias`);
  const padded = B.node('Concat', [x, B.float(new Float32Array(inChannels), [1, inChannels])], { axis: 0 });
  const rows = B.int64([-1, 2 * inChannels]);
  const ab = B.node('Reshape', [B.node('Gather', [padded, g.ab], { axis: 0 }), rows]); // [E,2C]
  const cd = B.node('Reshape', [B.node('Gather', [padded, g.cd], { axis: 0 }), rows]);
  const features = B.node('Concat', [x, B.node('Add', [ab, cd]), B.node('Abs', [B.node('Sub', [ab, cd])])], {
    axis: 1,
  });
  return B.node('Add', [
    B.node('MatMul', [features, B.float(weight.data, weight.shape)]),
    B.float(bias.data, bias.shape),
  ]);
}

/**
 * Instance norm over edges with γ, β (eps as tape.ts), as (x − mean) · s + β with s = γ / √(var + eps): the
 * per-channel scale is formed on [1,C], so only four operators touch the whole [E,C] tensor.
 */
function norm(g: SegmentGraph, net: MeshUNet, name: string, x: string): string {
  const B = g.builder;
  const axes = B.int64([0]);
  const mean = B.node('ReduceMean', [x, axes], { keepdims: 1 });
  const centred = B.node('Sub', [x, mean]);
  const variance = B.node('ReduceMean', [B.node('Mul', [centred, centred]), axes], { keepdims: 1 });
  const gamma = net.param(`${name}.gamma`);
  const beta = net.param(`${name}.beta`);
  const scale = B.node('Div', [
    B.float(gamma.data, gamma.shape),
    B.node('Sqrt', [B.node('Add', [variance, B.float([1e-5], [])])]),
  ]);
  return B.node('Add', [B.node('Mul', [centred, scale]), B.float(beta.data, beta.shape)]);
}

/** conv → norm → ReLU, then residual blocks, as MeshUNet.block. */
function block(
  g: SegmentGraph,
  net: MeshUNet,
  name: string,
  x: string,
  inChannels: number,
  outChannels: number,
): string {
  const B = g.builder;
  let h = B.node('Relu', [norm(g, net, `${name}.norm0`, conv(g, net, `${name}.conv0`, x, inChannels))]);
  for (let b = 1; b <= net.config.resBlocks; b++) {
    const y = norm(g, net, `${name}.norm${b}`, conv(g, net, `${name}.conv${b}`, h, outChannels));
    h = B.node('Relu', [B.node('Add', [y, h])]);
  }
  return h;
}

/** Sessions for the segments of one model. */
export interface MeshcnnOnnxSessions {
  down: OnnxSession[];
  bottom: OnnxSession;
  up: (OnnxSession | null)[];
  last: OnnxSession;
  release(): Promise<void>;
}

export async function createMeshcnnSessions(
  onnx: OnnxRuntime,
  segments: MeshcnnOnnxSegments,
): Promise<MeshcnnOnnxSessions> {
  // One thread per operator: the segments are many small Gather/MatMul operators (see OnnxSessionOptions).
  const options = { threads: 1 };
  const down = await Promise.all(segments.down.map((m) => onnx.createSession(m, options)));
  const bottom = await onnx.createSession(segments.bottom, options);
  const up = await Promise.all(
    segments.up.map((m) => (m.length ? onnx.createSession(m, options) : Promise.resolve(null))),
  );
  const last = await onnx.createSession(segments.last, options);
  return {
    down,
    bottom,
    up,
    last,
    release: async () => {
      for (const s of [...down, bottom, ...up, last]) await s?.release();
    },
  };
}

/**
 * The forward pass with onnxruntime for the dense parts and TypeScript pooling between them.
 * @param features #E×5 normalised  @returns logits #E×classes and the pooling records
 */
export async function forwardOnnx(
  onnx: OnnxRuntime,
  sessions: MeshcnnOnnxSessions,
  net: MeshUNet,
  level: MeshLevel,
  features: Float32Array,
  poolEdges = net.config.poolEdges,
): Promise<{ logits: Float32Array; pools: PoolRecord[] }> {
  const { channels } = net.config;
  const L = channels.length;
  // Each level's neighbour pairs as tensors, made once: the encoder and the decoder both read them.
  type Pairs = { ab: OnnxTensor; cd: OnnxTensor };
  const pairTensors = new Map<MeshLevel, Pairs>();
  const pairsOf = (lvl: MeshLevel): Pairs => {
    let pairs = pairTensors.get(lvl);
    if (!pairs) {
      const E = edgeCountOf(lvl);
      const ab = new Int32Array(2 * E);
      const cd = new Int32Array(2 * E);
      for (let e = 0; e < E; e++) {
        for (let k = 0; k < 2; k++) {
          const first = lvl.gemm[4 * e + k]!;
          const second = lvl.gemm[4 * e + 2 + k]!;
          ab[2 * e + k] = first < 0 ? E : first;
          cd[2 * e + k] = second < 0 ? E : second;
        }
      }
      pairs = { ab: onnx.tensor('int32', ab, [E, 2]), cd: onnx.tensor('int32', cd, [E, 2]) };
      pairTensors.set(lvl, pairs);
    }
    return pairs;
  };
  const run = async (
    session: OnnxSession,
    lvl: MeshLevel,
    x: Float32Array,
    cols: number,
    skip?: Float32Array,
  ): Promise<Float32Array> => {
    const E = edgeCountOf(lvl);
    const feeds: Record<string, OnnxTensor> = { x: onnx.tensor('float32', x, [E, cols]), ...pairsOf(lvl) };
    if (skip) feeds.skip = onnx.tensor('float32', skip, [E, cols]);
    const out = await session.run(feeds);
    return out.y!.data as Float32Array;
  };
  const levels: MeshLevel[] = [level];
  const pools: PoolRecord[] = [];
  const skips: Float32Array[] = [];
  let x = features;
  let cols = EDGE_FEATURE_COUNT;
  for (let i = 0; i < L - 1; i++) {
    const y = await run(sessions.down[i]!, levels[i]!, x, cols);
    skips.push(y);
    const record = poolMesh(levels[i]!, rowSquaredNorms(y, channels[i]!), poolEdges[i]!);
    pools.push(record);
    levels.push(record.level);
    x = poolFeatures(record, y, channels[i]!);
    cols = channels[i]!;
  }
  let y = await run(sessions.bottom, levels[L - 1]!, x, cols);
  for (let i = L - 2; i >= 1; i--) {
    const u = unpoolFeatures(pools[i]!, y, channels[i]!);
    y = await run(sessions.up[i]!, levels[i]!, u, channels[i]!, skips[i]!);
  }
  const u = unpoolFeatures(pools[0]!, y, channels[0]!);
  const logits = await run(sessions.last, levels[0]!, u, channels[0]!, skips[0]!);
  return { logits, pools };
}
