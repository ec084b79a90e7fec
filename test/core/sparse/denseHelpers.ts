import { SymmetricPattern } from '../../../src/core/sparse/SymmetricPattern';

/** A seeded generator so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Dense n×n of a symmetric matrix given by upper-triangle values on a pattern. */
export function toDense(pattern: SymmetricPattern, values: Float64Array): Float64Array[] {
  const n = pattern.n;
  const a = Array.from({ length: n }, () => new Float64Array(n));
  for (let j = 0; j < n; j++) {
    for (let p = pattern.colPtr[j]; p < pattern.colPtr[j + 1]; p++) {
      const i = pattern.rowIdx[p];
      a[i][j] += values[p];
      if (i !== j) a[j][i] += values[p];
    }
  }
  return a;
}

/** Solves a dense SPD system by Gaussian elimination with partial pivoting (b: n×k row-major). */
export function denseSolve(a: Float64Array[], b: Float64Array, k: number): Float64Array {
  const n = a.length;
  const m = a.map((row) => Float64Array.from(row));
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    [m[c], m[piv]] = [m[piv], m[c]];
    for (let q = 0; q < k; q++) [x[c * k + q], x[piv * k + q]] = [x[piv * k + q], x[c * k + q]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      if (f === 0) continue;
      for (let j = c; j < n; j++) m[r][j] -= f * m[c][j];
      for (let q = 0; q < k; q++) x[r * k + q] -= f * x[c * k + q];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    for (let q = 0; q < k; q++) {
      let s = x[c * k + q];
      for (let j = c + 1; j < n; j++) s -= m[c][j] * x[j * k + q];
      x[c * k + q] = s / m[c][c];
    }
  }
  return x;
}

/** A random sparse SPD matrix: a random graph's weighted Laplacian plus a positive diagonal shift. */
export function randomSpd(
  n: number,
  extraEdges: number,
  seed: number,
  shift = 1e-3,
): { pattern: SymmetricPattern; values: Float64Array } {
  const random = rng(seed);
  const edges: number[] = [];
  for (let i = 1; i < n; i++) edges.push(i, Math.floor(random() * i)); // a spanning tree: connected
  for (let e = 0; e < extraEdges; e++) edges.push(Math.floor(random() * n), Math.floor(random() * n));
  const pattern = SymmetricPattern.fromEdges(n, edges);
  const values = new Float64Array(pattern.nnz);
  for (let j = 0; j < n; j++) {
    for (let p = pattern.colPtr[j]; p < pattern.colPtr[j + 1] - 1; p++) {
      const w = 0.1 + random();
      values[p] = -w;
      values[pattern.diagSlot(j)] += w;
      values[pattern.diagSlot(pattern.rowIdx[p])] += w;
    }
    values[pattern.diagSlot(j)] += shift * (0.5 + random());
  }
  return { pattern, values };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
