import { describe, expect, it } from 'vitest';
import { LdltFactor, NotPositiveDefiniteError } from '../../../src/core/sparse/LdltFactor';
import { minimumDegree } from '../../../src/core/sparse/minimumDegree';
import { nestedDissection } from '../../../src/core/sparse/nestedDissection';
import { SparseSolver } from '../../../src/core/sparse/SparseSolver';
import { SupernodalLdlt } from '../../../src/core/sparse/SupernodalLdlt';
import { SymmetricPattern, symmetricMultiply } from '../../../src/core/sparse/SymmetricPattern';
import { denseSolve, maxAbs, maxAbsDiff, randomSpd, rng, toDense } from './denseHelpers';

describe('SymmetricPattern', () => {
  it('stores the upper triangle by columns, sorted, deduplicated, diagonal last', () => {
    const p = SymmetricPattern.fromEdges(4, [0, 1, 1, 0, 2, 0, 3, 3, 1, 3, 0, 1]);
    expect(Array.from(p.colPtr)).toEqual([0, 1, 3, 5, 7]);
    expect(Array.from(p.rowIdx)).toEqual([0, 0, 1, 0, 2, 1, 3]);
    expect(p.slot(2, 0)).toBe(3);
    expect(p.slot(0, 3)).toBe(-1);
    expect(p.diagSlot(3)).toBe(6);
  });

  it('multiplies like the dense matrix, for 1 and 3 right-hand sides', () => {
    const { pattern, values } = randomSpd(30, 40, 7);
    const dense = toDense(pattern, values);
    const random = rng(3);
    for (const k of [1, 3]) {
      const x = new Float64Array(30 * k).map(() => random() - 0.5);
      const y = new Float64Array(30 * k);
      symmetricMultiply(pattern, values, x, y, k);
      const expected = new Float64Array(30 * k);
      for (let i = 0; i < 30; i++)
        for (let j = 0; j < 30; j++)
          for (let c = 0; c < k; c++) expected[i * k + c] += dense[i][j] * x[j * k + c];
      expect(maxAbsDiff(y, expected)).toBeLessThan(1e-12);
    }
  });
});

describe('SymmetricPattern.permute', () => {
  it('moves every entry to its permuted slot (columns sorted), also with a long column', () => {
    // A random SPD pattern plus one vertex joined to everything (a column longer than 32).
    const { pattern: base } = randomSpd(80, 120, 5);
    const edges: number[] = [];
    for (let j = 0; j < base.n; j++)
      for (let p = base.colPtr[j]; p < base.colPtr[j + 1] - 1; p++) edges.push(base.rowIdx[p], j);
    for (let i = 1; i < 80; i++) edges.push(0, i);
    const pattern = SymmetricPattern.fromEdges(80, edges);
    const random = rng(9);
    const perm = Int32Array.from({ length: 80 }, (_, i) => i).sort(() => random() - 0.5);
    const { pattern: permuted, slotMap } = pattern.permute(perm);
    expect(permuted.nnz).toBe(pattern.nnz);
    const inv = new Int32Array(80);
    perm.forEach((old, k) => (inv[old] = k));
    for (let j = 0; j < 80; j++) {
      for (let q = permuted.colPtr[j]; q < permuted.colPtr[j + 1] - 1; q++)
        expect(permuted.rowIdx[q]).toBeLessThan(permuted.rowIdx[q + 1]);
      for (let p = pattern.colPtr[j]; p < pattern.colPtr[j + 1]; p++)
        expect(slotMap[p]).toBe(permuted.slot(inv[pattern.rowIdx[p]], inv[j]));
    }
  });
});

describe('fill-reducing orderings', () => {
  it('return permutations, also for disconnected graphs and isolated vertices', () => {
    const { pattern } = randomSpd(500, 300, 11);
    const edges: number[] = [];
    for (let j = 0; j < pattern.n; j++)
      for (let p = pattern.colPtr[j]; p < pattern.colPtr[j + 1] - 1; p++)
        edges.push(pattern.rowIdx[p], j, pattern.rowIdx[p] + 500, j + 500);
    const doubled = SymmetricPattern.fromEdges(1003, edges); // two copies plus 3 isolated vertices
    const { xadj, adj } = doubled.adjacency();
    for (const perm of [nestedDissection(xadj, adj), minimumDegree(xadj, adj)]) {
      expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: 1003 }, (_, i) => i));
    }
  });

  it('minimum degree orders a graph with a dense row (set aside, ordered last) and the solver stays exact', () => {
    const n = 400;
    const { pattern: base, values: baseValues } = randomSpd(n, 600, 21);
    const dense = toDense(base, baseValues);
    // Vertex 7 joined to every other vertex, with small weights that keep the matrix SPD.
    for (let i = 0; i < n; i++) {
      if (i === 7) continue;
      dense[7][i] = dense[i][7] = 0.001;
    }
    const edges: number[] = [];
    for (let j = 0; j < n; j++) for (let i = 0; i < j; i++) if (dense[i][j] !== 0) edges.push(i, j);
    const pattern = SymmetricPattern.fromEdges(n, edges);
    const { xadj, adj } = pattern.adjacency();
    const perm = minimumDegree(xadj, adj);
    expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(perm[n - 1]).toBe(7);
    const values = new Float64Array(pattern.nnz);
    for (let j = 0; j < n; j++)
      for (let p = pattern.colPtr[j]; p < pattern.colPtr[j + 1]; p++) values[p] = dense[pattern.rowIdx[p]][j];
    const solver = new SparseSolver(pattern, 'minimum-degree');
    solver.factor(values);
    const random = rng(4);
    const b = new Float64Array(3 * n).map(() => random() - 0.5);
    const x = new Float64Array(3 * n);
    solver.solve(b, x, 3);
    expect(maxAbsDiff(x, denseSolve(dense, b, 3)) / maxAbs(x)).toBeLessThan(1e-10);
  });

  it('keep the fill of a 2D grid well below the natural order', () => {
    const side = 60;
    const edges: number[] = [];
    for (let r = 0; r < side; r++)
      for (let c = 0; c < side; c++) {
        const v = r * side + c;
        if (c + 1 < side) edges.push(v, v + 1);
        if (r + 1 < side) edges.push(v, v + side);
        if (c + 1 < side && r + 1 < side) edges.push(v, v + side + 1); // triangulated
      }
    const pattern = SymmetricPattern.fromEdges(side * side, edges);
    const natural = new SparseSolver(pattern, 'natural', 'simplicial').nnzL;
    // Natural order on a grid: a band of ~side²·side; the orderings: O(n log n).
    for (const ordering of ['nested-dissection', 'minimum-degree', 'auto'] as const) {
      expect(new SparseSolver(pattern, ordering, 'simplicial').nnzL).toBeLessThan(0.5 * natural);
    }
  });
});

describe('SparseSolver (LDLᵀ)', () => {
  it('matches a dense solve for random SPD systems, 1 and 3 right-hand sides', () => {
    for (const seed of [1, 2, 3]) {
      const n = 120;
      const { pattern, values } = randomSpd(n, 200, seed);
      const solver = new SparseSolver(pattern);
      solver.factor(values);
      const random = rng(seed + 10);
      for (const k of [1, 3]) {
        const b = new Float64Array(n * k).map(() => random() - 0.5);
        const x = new Float64Array(n * k);
        solver.solve(b, x, k);
        const expected = denseSolve(toDense(pattern, values), b, k);
        expect(maxAbsDiff(x, expected) / maxAbs(expected)).toBeLessThan(1e-10);
      }
    }
  });

  it('is exact to rounding on ill-conditioned systems (κ ≈ 1e9) and at 1e-8 and 1e8 scales', () => {
    const n = 150;
    // A nearly singular Laplacian: the diagonal shift makes κ ≈ λmax/1e-8.
    const { pattern, values } = randomSpd(n, 250, 42, 1e-8);
    const random = rng(5);
    const b = new Float64Array(n * 3).map(() => random() - 0.5);
    for (const scale of [1e-8, 1, 1e8]) {
      const scaled = values.map((v) => v * scale);
      const solver = new SparseSolver(pattern);
      solver.factor(scaled);
      const x = new Float64Array(n * 3);
      solver.solve(b, x, 3);
      // Backward error: the residual relative to ‖A‖‖x‖ is at rounding level whatever κ is.
      const ax = new Float64Array(n * 3);
      symmetricMultiply(pattern, scaled, x, ax, 3);
      const normA = maxAbs(scaled) * 20;
      expect(maxAbsDiff(ax, b) / (normA * maxAbs(x))).toBeLessThan(1e-13);
      // Forward error against a dense solve: bounded by κ·ε.
      const expected = denseSolve(toDense(pattern, scaled), b, 3);
      expect(maxAbsDiff(x, expected) / maxAbs(expected)).toBeLessThan(1e-5);
    }
  });

  it('reuses the symbolic analysis for new values on the same pattern', () => {
    const { pattern, values } = randomSpd(80, 120, 9);
    const solver = new SparseSolver(pattern);
    solver.factor(values);
    // New values on the same pattern, made diagonally dominant (hence SPD).
    const other = values.map((v, p) => v * (1 + 0.3 * Math.sin(p)));
    for (let j = 0; j < 80; j++) {
      let offDiagonal = 0;
      for (let p = pattern.colPtr[j]; p < pattern.colPtr[j + 1] - 1; p++) offDiagonal += Math.abs(other[p]);
      other[pattern.diagSlot(j)] = 2 * offDiagonal + 1;
    }
    for (let j = 0; j < 80; j++)
      for (let p = pattern.colPtr[j]; p < pattern.colPtr[j + 1] - 1; p++)
        other[pattern.diagSlot(pattern.rowIdx[p])] += 2 * Math.abs(other[p]);
    solver.factor(other);
    const b = new Float64Array(80).fill(1);
    const x = new Float64Array(80);
    solver.solve(b, x);
    expect(maxAbsDiff(x, denseSolve(toDense(pattern, other), b, 1))).toBeLessThan(1e-9);
  });

  it('supernodal and simplicial factorisations agree, on a mesh-like graph with large supernodes', () => {
    // A triangulated 40×40 grid: nested dissection gives wide separators, i.e. large fronts.
    const side = 40;
    const edges: number[] = [];
    for (let r = 0; r < side; r++)
      for (let c = 0; c < side; c++) {
        const v = r * side + c;
        if (c + 1 < side) edges.push(v, v + 1);
        if (r + 1 < side) edges.push(v, v + side);
        if (c + 1 < side && r + 1 < side) edges.push(v, v + side + 1);
      }
    const pattern = SymmetricPattern.fromEdges(side * side, edges);
    const random = rng(21);
    const values = new Float64Array(pattern.nnz);
    for (let j = 0; j < pattern.n; j++)
      for (let p = pattern.colPtr[j]; p < pattern.colPtr[j + 1] - 1; p++) {
        const w = 0.5 + random();
        values[p] = -w;
        values[pattern.diagSlot(j)] += w;
        values[pattern.diagSlot(pattern.rowIdx[p])] += w;
      }
    for (let j = 0; j < pattern.n; j++) values[pattern.diagSlot(j)] += 1e-4;
    const b = new Float64Array(pattern.n * 3).map(() => random() - 0.5);
    const xs: Float64Array[] = [];
    for (const kind of ['supernodal', 'simplicial'] as const) {
      const solver = new SparseSolver(pattern, 'nested-dissection', kind);
      solver.factor(values);
      const x = new Float64Array(b.length);
      solver.solve(b, x, 3);
      const x1 = new Float64Array(pattern.n);
      solver.solve(
        b.filter((_, i) => i % 3 === 1),
        x1,
        1,
      );
      expect(
        maxAbsDiff(
          x1,
          x.filter((_, i) => i % 3 === 1),
        ) / maxAbs(x1),
      ).toBeLessThan(1e-12);
      xs.push(x);
    }
    expect(maxAbsDiff(xs[0], xs[1]) / maxAbs(xs[1])).toBeLessThan(1e-10);
    const ax = new Float64Array(b.length);
    symmetricMultiply(pattern, values, xs[0], ax, 3);
    expect(maxAbsDiff(ax, b)).toBeLessThan(1e-9);
  });

  it('refuses a matrix that is not positive definite, naming the pivot', () => {
    const pattern = SymmetricPattern.fromEdges(2, [0, 1]);
    for (const factor of [new LdltFactor(pattern), new SupernodalLdlt(pattern)]) {
      // [[1, 2], [2, 1]] has eigenvalues 3 and −1.
      expect(() => factor.factor(Float64Array.from([1, 2, 1]))).toThrow(NotPositiveDefiniteError);
      // A singular Laplacian (no shift) fails at the last pivot instead of returning garbage.
      expect(() => factor.factor(Float64Array.from([1, -1, 1]))).toThrow(/pivot 1/);
    }
  });

  it('solves by conjugate gradients preconditioned with a stale factor to the requested residual', () => {
    const n = 200;
    const { pattern, values } = randomSpd(n, 300, 77, 1e-2);
    const solver = new SparseSolver(pattern);
    solver.factor(values);
    // The next matrix: the diagonal (a "mass matrix") changed by up to ±30 %.
    const random = rng(8);
    const next = Float64Array.from(values);
    for (let j = 0; j < n; j++) next[pattern.diagSlot(j)] += 1e-2 * (random() - 0.5) * 0.6;
    const b = new Float64Array(n * 3).map(() => random() - 0.5);
    const x = new Float64Array(n * 3);
    const report = solver.solveIterative(next, b, x, 3, 1e-12, 100);
    expect(report.converged).toBe(true);
    expect(report.iterations).toBeLessThan(30);
    const expected = denseSolve(toDense(pattern, next), b, 3);
    expect(maxAbsDiff(x, expected) / maxAbs(expected)).toBeLessThan(1e-9);
  });
});
