import protobuf from 'protobufjs/light';
import { ONNX_BOOL, ONNX_FLOAT, ONNX_INT32, ONNX_INT64, ONNX_SCHEMA } from './onnxSchema';

/** An attribute value: ints by default; `{ f }` / `{ floats }` for floats. */
export type OnnxAttribute = number | number[] | string | { f: number } | { floats: number[] };

/** A symbolic or fixed dimension of a graph input/output. */
export type OnnxDim = number | string;

let modelType: protobuf.Type | null = null;
function model(): protobuf.Type {
  modelType ??= protobuf.Root.fromJSON(ONNX_SCHEMA).lookupType('onnx.ModelProto');
  return modelType;
}

/**
 * Builds an ONNX graph node by node and serialises it as a ModelProto (opset 18, IR version 8),
 * so a model trained with our own kernels can be run by onnxruntime anywhere. Names of
 * intermediate values are generated.
 */
export class OnnxGraphBuilder {
  private readonly nodes: object[] = [];
  private readonly initializers: object[] = [];
  private readonly inputs: object[] = [];
  private readonly outputs: object[] = [];
  private counter = 0;

  private fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  input(name: string, elemType: number, dims: OnnxDim[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: number, dims: OnnxDim[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  /**
   * A float32 initializer (weights). A name given twice refers to the first one (weights shared by
   * several branches of a graph are stored once).
   */
  float(data: Float32Array | number[], dims: number[], name = this.fresh('f')): string {
    if (this.initializers.some((i) => (i as { name: string }).name === name)) return name;
    const f = data instanceof Float32Array ? data : Float32Array.from(data);
    this.initializers.push({ name, dims, dataType: ONNX_FLOAT, rawData: bytesOf(f) });
    return name;
  }

  /** An int64 initializer (shapes, axes, integer constants; all below 2^53). */
  int64(values: number[], dims: number[] = [values.length], name = this.fresh('i')): string {
    const b = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims, dataType: ONNX_INT64, rawData: bytesOf(b) });
    return name;
  }

  /** An int32 initializer. */
  int32(values: number[], dims: number[] = [values.length], name = this.fresh('i32')): string {
    const b = Int32Array.from(values);
    this.initializers.push({ name, dims, dataType: ONNX_INT32, rawData: bytesOf(b) });
    return name;
  }

  /** A bool initializer. */
  bool(values: boolean[], dims: number[] = [values.length], name = this.fresh('b')): string {
    this.initializers.push({
      name,
      dims,
      dataType: ONNX_BOOL,
      rawData: Uint8Array.from(values.map((v) => (v ? 1 : 0))),
    });
    return name;
  }

  /** Adds a node; returns its (single) output's name. */
  node(
    opType: string,
    inputs: string[],
    attributes: Record<string, OnnxAttribute> = {},
    outputName?: string,
  ): string {
    const output = outputName ?? this.fresh(opType.toLowerCase());
    const attribute = Object.entries(attributes).map(([name, v]) => attributeProto(name, v));
    this.nodes.push({ opType, input: inputs, output: [output], name: this.fresh(`n_${opType}`), attribute });
    return output;
  }

  /** Serialises the model: ModelProto bytes. */
  toBytes(meta: { producer?: string; doc?: string; properties?: Record<string, string> } = {}): Uint8Array {
    const message = {
      irVersion: 8,
      producerName: meta.producer ?? 'homeomorph',
      producerVersion: '1',
      docString: meta.doc ?? '',
      opsetImport: [{ domain: '', version: 18 }],
      metadataProps: Object.entries(meta.properties ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: 'graph',
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
    const type = model();
    const error = type.verify(message);
    if (error) throw new Error(`ONNX model does not match the schema: ${error}`);
    return type.encode(type.fromObject(message)).finish();
  }
}

function valueInfo(name: string, elemType: number, dims: OnnxDim[]): object {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attributeProto(name: string, v: OnnxAttribute): object {
  if (typeof v === 'number') return { name, type: 2, i: v };
  if (typeof v === 'string') return { name, type: 3, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  if ('f' in v) return { name, type: 1, f: v.f };
  return { name, type: 6, floats: v.floats };
}

/** Little-endian bytes of a typed array (every platform we run on is little-endian). */
function bytesOf(a: Float32Array | Int32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}
