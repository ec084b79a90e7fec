import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import type { OnnxRuntime, OnnxSession, OnnxSessionOptions, OnnxTensor } from '../../core/onnx/OnnxRuntime';
import { chooseNodeProvider, type ProviderChoice } from './chooseProvider';

const require = createRequire(import.meta.url);

/** An OnnxRuntime that also says why it chose its provider. */
export interface NodeOnnxRuntime extends OnnxRuntime {
  /** Why `provider` was chosen, or why a GPU provider was given up for the CPU. */
  readonly reason: string;
}

/**
 * onnxruntime-node as the core's OnnxRuntime. Chooses the best execution provider present
 * (see chooseNodeProvider); if that provider fails to create the first session (driver missing,
 * no adapter), it falls back to the CPU for that and every later session and `provider` says 'cpu'.
 * Loaded synchronously on first use, so a worker that never runs a model never loads the binding.
 */
export function createNodeOnnxRuntime(): NodeOnnxRuntime {
  const ort = require('onnxruntime-node') as typeof Ort;
  let choice: ProviderChoice = chooseNodeProvider(nodeProviderFacts(ort));
  let verified = choice.provider === 'cpu';

  const create = async (model: Uint8Array, options: OnnxSessionOptions): Promise<Ort.InferenceSession> => {
    const threads = options.threads ? { intraOpNumThreads: options.threads } : {};
    if (!verified) {
      try {
        const session = await ort.InferenceSession.create(model, {
          executionProviders: [choice.provider],
          ...threads,
        });
        verified = true;
        return session;
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        choice = {
          provider: 'cpu',
          reason: `${choice.provider} failed (${message.slice(0, 160)}); using the CPU`,
        };
        verified = true;
      }
    }
    return ort.InferenceSession.create(model, { executionProviders: [choice.provider], ...threads });
  };

  return {
    get provider() {
      return choice.provider;
    },
    get reason() {
      return choice.reason;
    },
    async createSession(model: Uint8Array, options: OnnxSessionOptions = {}): Promise<OnnxSession> {
      const session = await create(model, options);
      return {
        inputNames: session.inputNames,
        outputNames: session.outputNames,
        run: (feeds) =>
          session.run(feeds as Record<string, Ort.Tensor>) as Promise<Record<string, OnnxTensor>>,
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
  } as NodeOnnxRuntime;
}

function nodeProviderFacts(ort: typeof Ort) {
  const bindingDir = join(
    dirname(require.resolve('onnxruntime-node')),
    '..',
    'bin',
    'napi-v6',
    process.platform,
    process.arch,
  );
  const nvidiaGpu = existsSync('/proc/driver/nvidia/version') || process.platform === 'win32';
  const renderNodes =
    existsSync('/dev/dri') && readdirSync('/dev/dri').some((name) => name.startsWith('renderD'));
  return {
    platform: process.platform,
    backends: ort.listSupportedBackends(),
    nvidiaGpu,
    // macOS and Windows machines have a GPU driver; on Linux look for one.
    anyGpu: process.platform !== 'linux' || renderNodes || existsSync('/dev/nvidia0'),
    cudaLibraryPresent:
      existsSync(join(bindingDir, 'libonnxruntime_providers_cuda.so')) ||
      existsSync(join(bindingDir, 'onnxruntime_providers_cuda.dll')),
    forced: process.env.HOMEOMORPH_ONNX_PROVIDER || undefined,
  };
}
