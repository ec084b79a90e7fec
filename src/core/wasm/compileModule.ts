/**
 * A WebAssembly module from its base64 binary (the NAME.wasm.ts files), compiled synchronously (the
 * modules are small), or null where the runtime has no WebAssembly or lacks a feature it uses (SIMD,
 * bulk memory): callers then run their JavaScript code.
 */
export function compileModule(base64: string): WebAssembly.Module | null {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new WebAssembly.Module(bytes);
  } catch {
    return null;
  }
}

const PAGE = 65536;
/** wasm32 addresses 4 GiB; stay well below, so the JavaScript code takes the largest problems. */
export const MAX_WASM_BYTES = 2 ** 31;

/** A fresh instance of `module` whose memory is grown to at least `bytes`, or null if that fails. */
export function instantiateWithMemory(
  module: WebAssembly.Module,
  bytes: number,
): { exports: Record<string, unknown>; memory: WebAssembly.Memory } | null {
  if (bytes > MAX_WASM_BYTES) return null;
  try {
    const exports = new WebAssembly.Instance(module).exports;
    const memory = exports.memory as WebAssembly.Memory;
    const pages = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
    if (pages > 0) memory.grow(pages);
    return { exports, memory };
  } catch {
    return null; // out of memory: the JavaScript code allocates less
  }
}

/** Byte offsets for consecutive arrays in one memory, each 16-byte aligned. */
export class MemoryLayout {
  bytes = 0;
  /** Reserves `length` elements of `size` bytes; returns their byte offset. */
  place(length: number, size: number): number {
    const at = this.bytes;
    this.bytes = (this.bytes + length * size + 15) & ~15;
    return at;
  }
}
