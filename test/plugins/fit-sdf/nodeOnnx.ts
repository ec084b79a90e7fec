import * as ort from 'onnxruntime-node';
import type { OnnxRuntime, OnnxSession, OnnxTensor } from '../../../src/core/onnx/OnnxRuntime';

/** The OnnxRuntime slice over onnxruntime-node, for tests (the hosts provide theirs in src/hosts/onnx). */
export const nodeOnnx: OnnxRuntime = {
  provider: 'cpu',
  async createSession(model: Uint8Array): Promise<OnnxSession> {
    const session = await ort.InferenceSession.create(model, { executionProviders: ['cpu'] });
    return {
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      run: (feeds) => session.run(feeds as Record<string, ort.Tensor>) as Promise<Record<string, OnnxTensor>>,
      release: () => session.release(),
    };
  },
  tensor(
    type: 'float32' | 'int32' | 'int64',
    data: Float32Array | Int32Array | BigInt64Array,
    dims: readonly number[],
  ): OnnxTensor {
    return new ort.Tensor(type, data, dims);
  },
} as OnnxRuntime;
