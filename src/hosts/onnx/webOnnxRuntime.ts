import type { OnnxRuntime, OnnxSession, OnnxTensor } from '../../core/onnx/OnnxRuntime';

/** An OnnxRuntime that also says why it chose its provider. */
export interface WebOnnxRuntime extends OnnxRuntime {
  readonly reason: string;
}

/** What we need of a WebGPU adapter to tell real hardware from a software rasteriser. */
interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
}

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render/i;

/** Whether a WebGPU adapter is real hardware (software adapters are 10–100× slower than wasm). */
export function isHardwareAdapter(adapter: AdapterLike | null | undefined): boolean {
  if (!adapter) return false;
  if (adapter.isFallbackAdapter || adapter.info?.isFallbackAdapter) return false;
  const info = adapter.info ?? {};
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  return !SOFTWARE_ADAPTER.test(text);
}

/**
 * onnxruntime-web as the core's OnnxRuntime, for Web Workers and the browser: WebGPU when a hardware
 * adapter is present, else wasm. Async because asking for an adapter is; a worker calls it once at
 * start-up and hands the result to serveJob.
 */
export async function createWebOnnxRuntime(): Promise<WebOnnxRuntime> {
  const ort = await import('onnxruntime-web');
  let provider = 'wasm';
  let reason = 'no WebGPU in this context';
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<AdapterLike | null> } } })
    .navigator?.gpu;
  if (gpu) {
    const adapter = await gpu.requestAdapter().catch(() => null);
    if (isHardwareAdapter(adapter)) {
      provider = 'webgpu';
      reason = `WebGPU adapter ${adapter?.info?.vendor ?? ''} ${adapter?.info?.architecture ?? ''}`.trim();
    } else {
      reason = adapter ? 'only a software WebGPU adapter' : 'no WebGPU adapter';
    }
  }
  return {
    provider,
    reason,
    async createSession(model: Uint8Array): Promise<OnnxSession> {
      const session = await ort.InferenceSession.create(model, { executionProviders: [provider] });
      return {
        inputNames: session.inputNames,
        outputNames: session.outputNames,
        run: (feeds) =>
          session.run(feeds as Record<string, InstanceType<typeof ort.Tensor>>) as Promise<
            Record<string, OnnxTensor>
          >,
        release: () => session.release(),
      };
    },
    tensor(
      type: 'float32' | 'int32' | 'int64',
      data: Float32Array | Int32Array | BigInt64Array,
      dims: readonly number[],
    ) {
      return new ort.Tensor(type, data, dims) as OnnxTensor;
    },
  } as WebOnnxRuntime;
}
