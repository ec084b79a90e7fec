import { describe, expect, it } from 'vitest';
import type { OnnxRuntime } from '../../../src/core/onnx/OnnxRuntime';
import { chooseNodeProvider, type ProviderFacts } from '../../../src/hosts/onnx/chooseProvider';
import { createNodeOnnxRuntime } from '../../../src/hosts/onnx/nodeOnnxRuntime';
import { tinyAddMulModel } from '../../../src/hosts/onnx/tinyOnnxModel';
import { createWebOnnxRuntime, isHardwareAdapter } from '../../../src/hosts/onnx/webOnnxRuntime';

async function runTinyModel(runtime: OnnxRuntime): Promise<number[]> {
  const session = await runtime.createSession(tinyAddMulModel());
  expect(session.inputNames).toEqual(['a', 'b']);
  expect(session.outputNames).toEqual(['y']);
  const a = Float32Array.from([1, -2, 0.5, 3]);
  const b = Float32Array.from([10, 20, 30, -3]);
  const out = await session.run({
    a: runtime.tensor('float32', a, [4]),
    b: runtime.tensor('float32', b, [4]),
  });
  await session.release();
  expect(out.y.dims).toEqual([4]);
  return Array.from(out.y.data as Float32Array);
}

describe('onnxruntime helpers', () => {
  it('onnxruntime-node runs a model built in the test and says it chose the CPU here', async () => {
    const runtime = createNodeOnnxRuntime();
    expect(await runTinyModel(runtime)).toEqual([11, -36, 15.25, 0]);
    // This machine has no GPU (CI neither); a GPU machine would say cuda/dml/coreml/webgpu.
    if (!process.env.HOMEOMORPH_ONNX_PROVIDER) expect(runtime.provider).toBe('cpu');
    expect(runtime.reason.length).toBeGreaterThan(0);
  });

  it('falls back to the CPU when the forced provider cannot create a session', async () => {
    process.env.HOMEOMORPH_ONNX_PROVIDER = 'tensorrt';
    try {
      const runtime = createNodeOnnxRuntime();
      expect(runtime.provider).toBe('tensorrt');
      expect(await runTinyModel(runtime)).toEqual([11, -36, 15.25, 0]);
      expect(runtime.provider).toBe('cpu');
      expect(runtime.reason).toMatch(/^tensorrt failed/);
    } finally {
      delete process.env.HOMEOMORPH_ONNX_PROVIDER;
    }
  });

  it('onnxruntime-web (wasm) runs the same model with the same numbers', async () => {
    const runtime = await createWebOnnxRuntime();
    expect(runtime.provider).toBe('wasm');
    expect(await runTinyModel(runtime)).toEqual([11, -36, 15.25, 0]);
  });

  describe('provider policy', () => {
    const base: ProviderFacts = {
      platform: 'linux',
      backends: [
        { name: 'cpu', bundled: true },
        { name: 'webgpu', bundled: true },
        { name: 'cuda', bundled: false },
      ],
      nvidiaGpu: false,
      anyGpu: false,
      cudaLibraryPresent: false,
    };
    it('uses the CPU without a GPU, never a software WebGPU adapter', () => {
      expect(chooseNodeProvider(base).provider).toBe('cpu');
    });
    it('uses CUDA on an NVIDIA machine only when its provider library is installed', () => {
      const gpu = { ...base, nvidiaGpu: true, anyGpu: true };
      expect(chooseNodeProvider({ ...gpu, cudaLibraryPresent: true }).provider).toBe('cuda');
      expect(chooseNodeProvider(gpu).provider).toBe('webgpu');
    });
    it('uses DirectML on Windows and CoreML on macOS', () => {
      const dml = {
        ...base,
        platform: 'win32',
        anyGpu: true,
        backends: [...base.backends, { name: 'dml', bundled: true }],
      };
      expect(chooseNodeProvider(dml).provider).toBe('dml');
      const coreml = {
        ...base,
        platform: 'darwin',
        anyGpu: true,
        backends: [...base.backends, { name: 'coreml', bundled: true }],
      };
      expect(chooseNodeProvider(coreml).provider).toBe('coreml');
    });
    it('lets the user force a provider', () => {
      expect(chooseNodeProvider({ ...base, forced: 'cuda' })).toEqual({
        provider: 'cuda',
        reason: 'forced by HOMEOMORPH_ONNX_PROVIDER',
      });
    });
    it('tells hardware WebGPU adapters from software ones', () => {
      expect(isHardwareAdapter({ info: { vendor: 'nvidia', architecture: 'ampere' } })).toBe(true);
      expect(isHardwareAdapter({ info: { vendor: 'google', architecture: 'swiftshader' } })).toBe(false);
      expect(
        isHardwareAdapter({ info: { vendor: 'mesa', device: 'llvmpipe (LLVM 15.0.6, 256 bits)' } }),
      ).toBe(false);
      expect(isHardwareAdapter({ isFallbackAdapter: true, info: { vendor: 'intel' } })).toBe(false);
      expect(isHardwareAdapter(null)).toBe(false);
    });
  });
});
