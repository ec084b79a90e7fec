import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWat, wasmModuleSource } from '../../../scripts/build-wasm.mjs';
import { wasmGemm } from '../../../src/core/wasm/wasmGemm';

const dir = join(import.meta.dirname, '..', '..', '..', 'src', 'core', 'wasm');

describe('WebAssembly SIMD gemm', () => {
  it('is the compiled form of its .wat source (re-run scripts/build-wasm.mjs after editing it)', async () => {
    // Every kernel: gemm, the supernodal factorisation and solves, the flow step, the symbolic phase.
    for (const name of ['gemm', 'supernodal', 'flowStep', 'symbolic']) {
      const binary = await compileWat(`${name}.wat`, readFileSync(join(dir, `${name}.wat`), 'utf8'));
      expect(readFileSync(join(dir, `${name}.wasm.ts`), 'utf8')).toBe(wasmModuleSource(name, binary));
    }
  });

  it('runs in Node and computes the whole tiles of A·B + bias, leaving the rest alone', () => {
    const gemm = wasmGemm();
    expect(gemm).not.toBeNull();
    const rows = 10,
      k = 7,
      n = 13; // tiles: 8 rows × 8 columns
    const a = Float32Array.from({ length: rows * k }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i));
    const bias = Float32Array.from({ length: n }, (_, j) => j);
    const out = new Float32Array(rows * n).fill(-7);
    expect(gemm!.gemmTiles(a, b, bias, rows, k, n, out)).toBe(true);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < n; j++) {
        if (r >= 8 || j >= 8) {
          expect(out[r * n + j]).toBe(-7);
          continue;
        }
        let s = bias[j]!;
        for (let i = 0; i < k; i++) s += a[r * k + i]! * b[i * n + j]!;
        expect(out[r * n + j]).toBeCloseTo(s, 5);
      }
    expect(gemm!.gemmTiles(a, b, null, 3, k, n, out)).toBe(false);
  });

  it('grows its memory for large matrices', () => {
    const rows = 2048,
      k = 64,
      n = 64;
    const a = new Float32Array(rows * k).fill(0.5),
      b = new Float32Array(k * n).fill(0.25);
    const out = new Float32Array(rows * n);
    wasmGemm()!.gemmTiles(a, b, null, rows, k, n, out);
    expect(out[0]).toBeCloseTo(8, 5);
    expect(out[rows * n - 1]).toBeCloseTo(8, 5);
  });
});
