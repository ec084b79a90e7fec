import { describe, expect, it } from 'vitest';
import { meshPattern } from '../../../src/core/geometry/meshPattern';
import { minimumDegree } from '../../../src/core/sparse/minimumDegree';
import { SymmetricPattern } from '../../../src/core/sparse/SymmetricPattern';
import { minimumDegreeWasm } from '../../../src/core/wasm/wasmOrdering';
import { hasShared, loadSharedMesh } from '../../helpers/shared';
import { rng } from '../sparse/denseHelpers';

/** The adjacency of a random graph: n vertices, `edges` random edges, plus `hubs` vertices joined to all. */
function randomGraph(n: number, edges: number, hubs: number, seed: number): { xadj: Int32Array; adj: Int32Array } {
  const random = rng(seed);
  const pairs: number[] = [];
  for (let e = 0; e < edges; e++) pairs.push(Math.floor(random() * n), Math.floor(random() * n));
  for (let h = 0; h < hubs; h++) for (let v = 0; v < n; v++) pairs.push(h, v);
  return SymmetricPattern.fromEdges(n, pairs).adjacency();
}

function expectSameOrder(xadj: Int32Array, adj: Int32Array): Int32Array {
  const js = minimumDegree(xadj, adj);
  const wasm = minimumDegreeWasm(xadj, adj);
  expect(wasm).not.toBeNull();
  expect(Array.from(wasm!)).toEqual(Array.from(js));
  return wasm!;
}

describe('minimum degree in WebAssembly', () => {
  it('gives the JavaScript ordering on random graphs: sparse, dense, with dense rows, isolated vertices, tiny', () => {
    const cases: [number, number, number][] = [
      [1, 0, 0],
      [2, 1, 0],
      [3, 0, 0], // no edges: every vertex isolated
      [50, 20, 0], // mostly isolated vertices, several components
      [200, 600, 0],
      [300, 3000, 0], // average degree 20
      [400, 1200, 2], // two rows denser than 10·√n, ordered last
      [1000, 2500, 1],
    ];
    cases.forEach(([n, edges, hubs], seed) => {
      const { xadj, adj } = randomGraph(n, edges, hubs, seed + 1);
      const perm = expectSameOrder(xadj, adj);
      // A permutation of 0..n-1.
      expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    });
    expect(minimumDegreeWasm(new Int32Array([0]), new Int32Array(0))).toEqual(new Int32Array(0));
  });

  it.skipIf(!hasShared)('gives the JavaScript ordering on shared meshes', () => {
    for (const name of ['spot_low', 'bunny', 'fandisk']) {
      const mesh = loadSharedMesh(`${name}.obj`);
      const { xadj, adj } = meshPattern(mesh.indices, mesh.positions.length / 3).pattern.adjacency();
      expectSameOrder(xadj, adj);
    }
  });
});
