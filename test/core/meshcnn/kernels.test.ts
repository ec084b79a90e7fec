import { describe, expect, it } from 'vitest';
import { matmulBias, matmulGradInput, matmulGradWeights } from '../../../src/core/meshcnn/kernels';
import { mulberry32 } from '../../../src/core/meshcnn/meshUNet';

describe('MeshCNN matmul kernels (tiled) against the plain triple loop', () => {
  const random = mulberry32(4);
  const values = (n: number) => Float32Array.from({ length: n }, () => random() - 0.5);
  for (const [rows, k, n] of [
    [9, 15, 8],
    [8, 10, 3],
    [7, 7, 5],
    [4, 4, 4],
    [13, 24, 17],
    [37, 33, 40],
    [64, 80, 16],
  ] as const) {
    it(`${rows}×${k} · ${k}×${n}`, () => {
      const a = values(rows * k),
        w = values(k * n),
        bias = values(n),
        dy = values(rows * n);
      const out = new Float32Array(rows * n);
      matmulBias(a, w, bias, rows, k, n, out);
      const gw = values(k * n),
        gb = values(n);
      const gw0 = gw.slice(),
        gb0 = gb.slice();
      matmulGradWeights(a, dy, rows, k, n, gw, gb);
      const da = new Float32Array(rows * k);
      matmulGradInput(dy, w, rows, k, n, da);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < n; j++) {
          let s = bias[j]!;
          for (let i = 0; i < k; i++) s += a[r * k + i]! * w[i * n + j]!;
          expect(out[r * n + j]).toBeCloseTo(s, 5);
        }
        for (let i = 0; i < k; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += dy[r * n + j]! * w[i * n + j]!;
          expect(da[r * k + i]).toBeCloseTo(s, 5);
        }
      }
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < n; j++) {
          let s = gw0[i * n + j]!;
          for (let r = 0; r < rows; r++) s += a[r * k + i]! * dy[r * n + j]!;
          expect(gw[i * n + j]).toBeCloseTo(s, 5);
        }
      }
      for (let j = 0; j < n; j++) {
        let s = gb0[j]!;
        for (let r = 0; r < rows; r++) s += dy[r * n + j]!;
        expect(gb[j]).toBeCloseTo(s, 5);
      }
    });
  }
});
