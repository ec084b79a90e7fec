/**
 * Which onnxruntime-node execution provider to try first on this machine. Pure (facts in, choice out)
 * so the policy is testable without the hardware. GPU providers are only candidates when a real GPU
 * is present: a software WebGPU adapter (SwiftShader, lavapipe) is 10–100× slower than the CPU.
 */
export interface ProviderFacts {
  platform: string;
  /** onnxruntime-node's listSupportedBackends(): name and whether its library ships in the package. */
  backends: readonly { name: string; bundled: boolean }[];
  /** An NVIDIA driver is loaded (/proc/driver/nvidia/version) or, elsewhere, assumed. */
  nvidiaGpu: boolean;
  /** A GPU render node or driver is present (e.g. /dev/dri/renderD*, /dev/nvidia0). */
  anyGpu: boolean;
  /** onnxruntime's CUDA provider library is installed next to the binding. */
  cudaLibraryPresent: boolean;
  /** HOMEOMORPH_ONNX_PROVIDER, if the user forces one. */
  forced?: string;
}

export interface ProviderChoice {
  provider: string;
  reason: string;
}

export function chooseNodeProvider(facts: ProviderFacts): ProviderChoice {
  const has = (name: string): boolean => facts.backends.some((b) => b.name === name);
  if (facts.forced) return { provider: facts.forced, reason: 'forced by HOMEOMORPH_ONNX_PROVIDER' };
  if (has('cuda') && facts.nvidiaGpu && facts.cudaLibraryPresent)
    return { provider: 'cuda', reason: 'NVIDIA GPU and CUDA provider present' };
  if (facts.platform === 'win32' && has('dml') && facts.anyGpu)
    return { provider: 'dml', reason: 'DirectML on Windows' };
  if (facts.platform === 'darwin' && has('coreml')) return { provider: 'coreml', reason: 'CoreML on macOS' };
  if (has('webgpu') && facts.anyGpu) return { provider: 'webgpu', reason: 'WebGPU on a real GPU' };
  const why =
    has('cuda') && facts.nvidiaGpu && !facts.cudaLibraryPresent
      ? ' (CUDA provider library not installed)'
      : '';
  return { provider: 'cpu', reason: `no usable GPU provider${why}` };
}
