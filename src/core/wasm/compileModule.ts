/**
 * A WebAssembly module from its base64 binary (the NAME.wasm.ts files), compiled synchronously (the
 * modules are small), or null where the runtime has no WebAssembly or lacks a feature it uses (SIMD,
 * bulk memory): callers then run their JavaScript code.
 */
export function compileModule(base64: string): WebAssembly.Module | null {
  try {
    return new WebAssembly.Module(decodeBase64(base64));
  } catch {
    return null;
  }
}

function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const backgroundCompiles: Promise<unknown>[] = [];

/**
 * A kernel's module, compiled once per process. Compiling starts in the background when the kernel's
 * file is imported (WebAssembly.compile runs off the main thread), so a job that loads its modules and
 * then receives and checks its mesh finds the kernels compiled: 2–5 ms less on a small mesh's cold run,
 * where the synchronous compiles sat between the set-up steps. `get` returns the module, compiling it
 * synchronously if the background compile has not finished (or WebAssembly is missing: null).
 */
export class KernelModule {
  private module: WebAssembly.Module | null | undefined;

  constructor(private readonly base64: string) {
    if (typeof WebAssembly === 'undefined' || typeof WebAssembly.compile !== 'function') return;
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = decodeBase64(base64);
    } catch {
      return;
    }
    backgroundCompiles.push(
      WebAssembly.compile(bytes).then(
        (module) => {
          this.module ??= module;
        },
        () => undefined, // `get` compiles synchronously and gets null where the runtime lacks a feature
      ),
    );
  }

  get(): WebAssembly.Module | null {
    if (this.module === undefined) this.module = compileModule(this.base64);
    return this.module;
  }
}

/**
 * Resolves when every kernel module imported so far has been compiled in the background (or failed to);
 * a job awaits it before its set-up, so it never compiles a kernel twice.
 */
export async function kernelModulesReady(): Promise<void> {
  await Promise.all(backgroundCompiles);
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
