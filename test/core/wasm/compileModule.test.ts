import { describe, expect, it } from 'vitest';
import { KernelModule, kernelModulesReady } from '../../../src/core/wasm/compileModule';
import { SYMBOLIC_WASM_BASE64 } from '../../../src/core/wasm/symbolic.wasm';

describe('kernel modules compiled in the background', () => {
  it('compiles a kernel off the main thread and hands the same module out', async () => {
    const kernel = new KernelModule(SYMBOLIC_WASM_BASE64);
    await kernelModulesReady();
    const module = kernel.get();
    expect(module).toBeInstanceOf(WebAssembly.Module);
    expect(kernel.get()).toBe(module);
    expect(WebAssembly.Module.exports(module!).map((e) => e.name)).toContain('minimumDegree');
  });

  it('compiles at once when asked before the background compile is done', () => {
    const kernel = new KernelModule(SYMBOLIC_WASM_BASE64);
    expect(kernel.get()).toBeInstanceOf(WebAssembly.Module);
  });

  it('gives null for a binary the runtime cannot compile, and kernelModulesReady still resolves', async () => {
    const broken = new KernelModule(btoa('\0asm\x01\0\0\0\x7f'));
    await expect(kernelModulesReady()).resolves.toBeUndefined();
    expect(broken.get()).toBeNull();
  });
});
