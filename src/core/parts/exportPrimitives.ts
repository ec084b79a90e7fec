import { OnnxGraphBuilder } from '../nn/onnx/OnnxGraphBuilder';
import { ONNX_FLOAT } from '../nn/onnx/onnxSchema';
import type { OnnxRuntime } from '../onnx/OnnxRuntime';
import { Tape } from '../nn/Tape';
import type { ConditionalFlow } from './ConditionalFlow';

/** Input name of the exported model: points on the source sphere [N,3]. */
export const PRIMITIVES_INPUT = 'sphere_points';
/** Output names: one [N,3] per primitive. */
export const primitiveOutput = (m: number): string => `primitive_${m}`;

/**
 * The forward map φ(·; C_m) of every primitive as one ONNX model (opset 18): sphere points [N,3] →
 * primitive_m [N,3] for m = 0…M−1. Each primitive's code is folded into constants (its first-layer
 * terms, σ, R, t), so the graph holds plain MatMul/Add/Relu/Exp/Clip arithmetic.
 */
export function exportPrimitives(flow: ConditionalFlow, properties: Record<string, string> = {}): Uint8Array {
  const M = flow.config.primitives;
  const frozen = flow.frozen();
  const tape = new Tape();
  const cond = frozen.condition(tape);
  const g = new OnnxGraphBuilder();
  const x = g.input(PRIMITIVES_INPUT, ONNX_FLOAT, ['N', 3]);
  const H = flow.config.hidden;
  // shared weights, one initializer each
  const layers = flow.couplings.map((layer, l) => ({
    layer,
    reads: g.int64(layer.reads),
    coordinate: g.int64([layer.coordinate], []),
    oneHot: g.float(
      [0, 1, 2].map((k) => (k === layer.coordinate ? 1 : 0)),
      [1, 3],
    ),
    pointWeight: g.float(
      layer.pointWeight.data.map((w) => w * (flow.config.pointScale ?? 1)),
      [2, H],
      `coupling${l}_point_w`,
    ),
    w1: g.float(layer.rest.layers[0]!.weight.data, [H, H], `coupling${l}_w1`),
    b1: g.float(layer.rest.layers[0]!.bias.data, [H], `coupling${l}_b1`),
    w2: g.float(layer.rest.layers[1]!.weight.data, [H, 2], `coupling${l}_w2`),
    b2: g.float(layer.rest.layers[1]!.bias.data, [2], `coupling${l}_b2`),
  }));
  const zero = g.int64([0], []),
    one = g.int64([1], []),
    axis1 = g.int64([1]);
  const bound = flow.config.sMax ?? 10;
  const sMin = g.float([-bound], []),
    sMax = g.float([bound], []);
  for (let m = 0; m < M; m++) {
    let y = x;
    layers.forEach((e, l) => {
      const term = g.float(
        cond.codeTerms[l]!.data.subarray(m * H, (m + 1) * H),
        [H],
        `coupling${l}_code${m}`,
      );
      const pair = g.node('Gather', [y, e.reads], { axis: 1 });
      const h1 = g.node('Relu', [g.node('Add', [g.node('MatMul', [pair, e.pointWeight]), term])]);
      const h2 = g.node('Relu', [g.node('Add', [g.node('MatMul', [h1, e.w1]), e.b1])]);
      const st = g.node('Add', [g.node('MatMul', [h2, e.w2]), e.b2]);
      const s = g.node('Clip', [g.node('Gather', [st, zero], { axis: 1 }), sMin, sMax]);
      const t = g.node('Gather', [st, one], { axis: 1 });
      const yc = g.node('Gather', [y, e.coordinate], { axis: 1 });
      const changed = g.node('Add', [g.node('Mul', [yc, g.node('Exp', [s])]), t]);
      y = g.node('Add', [
        y,
        g.node('Mul', [g.node('Unsqueeze', [g.node('Sub', [changed, yc]), axis1]), e.oneHot]),
      ]);
    });
    const sigma = g.float(cond.sigma.data.subarray(3 * m, 3 * m + 3), [1, 3], `sigma${m}`);
    const rotation = g.float(cond.rotation.data.subarray(9 * m, 9 * m + 9), [3, 3], `rotation${m}`);
    const translation = g.float(cond.translation.data.subarray(3 * m, 3 * m + 3), [1, 3], `translation${m}`);
    g.node(
      'Add',
      [g.node('MatMul', [g.node('Div', [y, sigma]), rotation]), translation],
      {},
      primitiveOutput(m),
    );
    g.output(primitiveOutput(m), ONNX_FLOAT, ['N', 3]);
  }
  tape.reset();
  return g.toBytes({
    doc: 'Neural Parts primitives fitted by Homeomorph: points on the source sphere [N,3] -> each primitive surface point [N,3], in normalised unit-cube coordinates.',
    properties: { ...properties, config: JSON.stringify(flow.config) },
  });
}

/** Maps sphere points (#N×3) through every primitive with onnxruntime → M arrays #N×3. */
export async function runPrimitives(
  runtime: OnnxRuntime,
  model: Uint8Array,
  spherePoints: Float32Array,
  primitives: number,
): Promise<Float32Array[]> {
  const session = await runtime.createSession(model);
  try {
    const result = await session.run({
      [PRIMITIVES_INPUT]: runtime.tensor('float32', spherePoints, [spherePoints.length / 3, 3]),
    });
    return Array.from({ length: primitives }, (_, m) => {
      const data = result[primitiveOutput(m)]!.data;
      if (!(data instanceof Float32Array))
        throw new Error('the primitives model did not return float32 values');
      return Float32Array.from(data);
    });
  } finally {
    await session.release();
  }
}
