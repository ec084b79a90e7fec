import { describe, expect, it } from 'vitest';
import { meshPattern } from '../../../src/core/geometry/meshPattern';
import { permutedEliminationTree, postorder } from '../../../src/core/sparse/eliminationTree';
import { minimumDegree } from '../../../src/core/sparse/minimumDegree';
import { analyseSupernodes } from '../../../src/core/sparse/SupernodalLdlt';
import { inversePermutation, SymmetricPattern } from '../../../src/core/sparse/SymmetricPattern';
import { symbolicKernel } from '../../../src/core/wasm/wasmSymbolic';
import { hasShared, loadSharedMesh } from '../../helpers/shared';
import { rng } from '../sparse/denseHelpers';

/** The pattern of a random graph: n vertices, `edges` random edges, plus `hubs` vertices joined to all. */
function randomPattern(n: number, edges: number, hubs: number, seed: number): SymmetricPattern {
  const random = rng(seed);
  const pairs: number[] = [];
  for (let e = 0; e < edges; e++) pairs.push(Math.floor(random() * n), Math.floor(random() * n));
  for (let h = 0; h < hubs; h++) for (let v = 0; v < n; v++) pairs.push(h, v);
  return SymmetricPattern.fromEdges(n, pairs);
}

const list = (a: Int32Array): number[] => Array.from(a);

/** Every step of the symbolic phase, WebAssembly against JavaScript, on one pattern. */
function expectSameSymbolicPhase(pattern: SymmetricPattern): void {
  const n = pattern.n;
  const kernel = symbolicKernel(pattern);
  expect(kernel).not.toBeNull();
  const { xadj, adj } = pattern.adjacency();
  expect(list(kernel!.xadj)).toEqual(list(xadj));
  expect(list(kernel!.adj)).toEqual(list(adj));

  const perm = minimumDegree(xadj, adj);
  expect(list(kernel!.minimumDegree())).toEqual(list(perm));
  expect(list(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));

  const tree = permutedEliminationTree(xadj, adj, perm, inversePermutation(perm));
  const wasmTree = kernel!.eliminationTree(perm);
  expect(list(wasmTree.parent)).toEqual(list(tree.parent));
  expect(list(wasmTree.columnCounts)).toEqual(list(tree.columnCounts));

  // SparseSolver's renumbering by a postorder of the tree.
  const post = postorder(tree.parent);
  const rank = inversePermutation(post);
  const post2 = kernel!.postorderTree(perm, tree);
  expect(list(post2.perm)).toEqual(list(post).map((k) => perm[k]!));
  expect(list(post2.tree.parent)).toEqual(
    list(post).map((k) => (tree.parent[k] === -1 ? -1 : rank[tree.parent[k]!]!)),
  );
  expect(list(post2.tree.columnCounts)).toEqual(list(post).map((k) => tree.columnCounts[k]!));

  const permuted = pattern.permute(post2.perm);
  const wasmPermuted = kernel!.permute(post2.perm);
  expect(list(wasmPermuted.pattern.colPtr)).toEqual(list(permuted.pattern.colPtr));
  expect(list(wasmPermuted.pattern.rowIdx)).toEqual(list(permuted.pattern.rowIdx));
  expect(list(wasmPermuted.slotMap)).toEqual(list(permuted.slotMap));

  // SupernodalLdlt's analysis of the permuted pattern.
  const analysis = analyseSupernodes(permuted.pattern, post2.tree);
  const wasmAnalysis = kernel!.supernodes(permuted.pattern, post2.tree);
  expect(wasmAnalysis).not.toBeNull();
  for (const [key, value] of Object.entries(analysis)) {
    const wasmValue = wasmAnalysis![key as keyof typeof analysis];
    if (typeof value === 'number') expect(wasmValue, key).toBe(value);
    else expect(Array.from(wasmValue as ArrayLike<number>), key).toEqual(Array.from(value));
  }
}

describe('the symbolic phase in WebAssembly', () => {
  it('gives the JavaScript arrays on random graphs: sparse, dense, with dense rows, isolated vertices, tiny', () => {
    const cases: [number, number, number][] = [
      [1, 0, 0],
      [2, 1, 0],
      [3, 0, 0], // no edges: every vertex isolated
      [50, 20, 0], // mostly isolated vertices, several components
      [200, 600, 0],
      [300, 3000, 0], // average degree 20
      [400, 1200, 2], // two rows denser than 10·√n, ordered last; columns longer than 32
      [1000, 2500, 1],
    ];
    cases.forEach(([n, edges, hubs], seed) =>
      expectSameSymbolicPhase(randomPattern(n, edges, hubs, seed + 1)),
    );
  });

  it('gives the JavaScript arrays on a pattern without some diagonal entries', () => {
    // fromEdges always adds the diagonal; drop it from every third column.
    const full = randomPattern(120, 300, 0, 11);
    const colPtr = new Int32Array(full.n + 1);
    const rows: number[] = [];
    for (let j = 0; j < full.n; j++) {
      for (let p = full.colPtr[j]!; p < full.colPtr[j + 1]!; p++)
        if (!(full.rowIdx[p] === j && j % 3 === 0)) rows.push(full.rowIdx[p]!);
      colPtr[j + 1] = rows.length;
    }
    const { xadj, adj } = new SymmetricPattern(full.n, colPtr, Int32Array.from(rows)).adjacency();
    const kernel = symbolicKernel(new SymmetricPattern(full.n, colPtr, Int32Array.from(rows)));
    expect(list(kernel!.xadj)).toEqual(list(xadj));
    expect(list(kernel!.adj)).toEqual(list(adj));
    expect(list(kernel!.minimumDegree())).toEqual(list(minimumDegree(xadj, adj)));
  });

  it('refuses a pattern that is not in elimination-tree postorder, as the JavaScript does', () => {
    const pattern = randomPattern(60, 150, 0, 12);
    const kernel = symbolicKernel(pattern)!;
    const { xadj, adj } = pattern.adjacency();
    const perm = minimumDegree(xadj, adj);
    const tree = permutedEliminationTree(xadj, adj, perm, inversePermutation(perm));
    // The ordered pattern before its postorder: some parent comes before its child.
    const unordered = pattern.permute(perm).pattern;
    const reversed = {
      parent: tree.parent.map((p, j) => (p === -1 ? -1 : j > 0 ? 0 : p)),
      columnCounts: tree.columnCounts,
    };
    expect(() => analyseSupernodes(unordered, reversed)).toThrow(/postorder/);
    expect(() => kernel.supernodes(unordered, reversed)).toThrow(/postorder/);
  });

  it.skipIf(!hasShared)('gives the JavaScript arrays on shared meshes', () => {
    for (const name of ['spot_low', 'bunny', 'fandisk']) {
      const mesh = loadSharedMesh(`${name}.obj`);
      expectSameSymbolicPhase(meshPattern(mesh.indices, mesh.positions.length / 3).pattern);
    }
  });
});
