import { GEMM_WASM_BASE64 } from './gemm.wasm';

/**
 * C = A·B + bias (row-major float32) through a WebAssembly SIMD kernel (gemm.wat: 4×8 register tiles of
 * f32x4), 3–5× the speed of our best plain-JavaScript tiles in V8 (measured: see docs/meshcnn.md).
 * The matrices are copied into the module's memory and C back out; the kernel does the rows and columns
 * that fill whole tiles and `rest` (the caller's JavaScript kernel) the remainder. Accumulates in float32.
 */
export interface WasmGemm {
  /**
   * out (rows×n) = a (rows×k) · b (k×n) + bias (n; absent = 0), but only rows < rows & ~3 and
   * columns < n & ~7; returns false (nothing done) when there is no whole tile.
   */
  gemmTiles(
    a: Float32Array,
    b: Float32Array,
    bias: Float32Array | null,
    rows: number,
    k: number,
    n: number,
    out: Float32Array,
  ): boolean;
}

let instance: WasmGemm | null | undefined;

/** The kernel, or null where WebAssembly SIMD is missing (then callers use JavaScript). */
export function wasmGemm(): WasmGemm | null {
  if (instance === undefined) instance = create();
  return instance;
}

function create(): WasmGemm | null {
  let exports: Record<string, unknown>;
  try {
    const binary = atob(GEMM_WASM_BASE64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
  } catch {
    return null;
  }
  const memory = exports.memory as WebAssembly.Memory;
  const gemm = exports.gemm as (
    a: number,
    b: number,
    bias: number,
    c: number,
    rows: number,
    k: number,
    n: number,
  ) => void;
  const PAGE = 65536;
  return {
    gemmTiles(a, b, bias, rows, k, n, out) {
      const rows4 = rows & ~3,
        n8 = n & ~7;
      if (rows4 === 0 || n8 === 0) return false;
      // layout: [bias n][A rows×k][B k×n][C rows×n], byte offsets 16-aligned
      const align = (x: number) => (x + 15) & ~15;
      const biasAt = 0;
      const aAt = align(biasAt + 4 * n);
      const bAt = align(aAt + 4 * rows * k);
      const cAt = align(bAt + 4 * k * n);
      const end = cAt + 4 * rows * n;
      if (memory.buffer.byteLength < end) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
      const heap = new Float32Array(memory.buffer);
      if (bias) heap.set(bias.subarray(0, n), biasAt / 4);
      else heap.fill(0, biasAt / 4, biasAt / 4 + n);
      heap.set(a.subarray(0, rows * k), aAt / 4);
      heap.set(b.subarray(0, k * n), bAt / 4);
      gemm(aAt, bAt, biasAt, cAt, rows4, k, n);
      if (n8 === n) out.set(heap.subarray(cAt / 4, cAt / 4 + rows4 * n));
      else
        for (let r = 0; r < rows4; r++) out.set(heap.subarray(cAt / 4 + r * n, cAt / 4 + r * n + n8), r * n);
      return true;
    },
  };
}
