import type { EliminationTree } from '../sparse/eliminationTree';
import { SymmetricPattern } from '../sparse/SymmetricPattern';
import { instantiateWithMemory, KernelModule, MemoryLayout } from './compileModule';
import { ORDERING_WASM_BASE64 } from './ordering.wasm';

/**
 * SparseSolver's symbolic phase for one pattern in WebAssembly (ordering.wat): the same arrays as the
 * JavaScript functions named below, without their cold start (run once per flow, a fresh worker
 * interprets those). One instance per pattern; its memory holds the pattern, the graph and the work
 * arrays, so the steps pass arrays along without copying them in again. Every result is a copy.
 */
export interface SymbolicKernel {
  /** The pattern's graph (SymmetricPattern.adjacency): xadj (n+1), adj. */
  readonly xadj: Int32Array;
  readonly adj: Int32Array;
  /** minimumDegree(xadj, adj): perm[new] = old. */
  minimumDegree(): Int32Array;
  /** permutedEliminationTree(xadj, adj, perm, inversePermutation(perm)). */
  eliminationTree(perm: Int32Array): EliminationTree;
  /**
   * A postorder of `tree` (the tree of the ordering `perm`) applied to both: the new perm (perm∘post)
   * and the tree renumbered, as SparseSolver does before the supernodal analysis.
   */
  postorderTree(perm: Int32Array, tree: EliminationTree): { perm: Int32Array; tree: EliminationTree };
  /** pattern.permute(perm). */
  permute(perm: Int32Array): { pattern: SymmetricPattern; slotMap: Int32Array };
}

const kernelModule = new KernelModule(ORDERING_WASM_BASE64);

/** The kernel for `pattern` (with its graph computed), or null where WebAssembly is missing or it would not fit. */
export function symbolicKernel(pattern: SymmetricPattern): SymbolicKernel | null {
  const n = pattern.n;
  if (n === 0) return null;
  const compiled = kernelModule.get();
  if (!compiled) return null;
  const nnz = pattern.nnz;
  const layout = new MemoryLayout();
  const ints = (length: number): number => layout.place(length, 4);
  const colPtrAt = ints(n + 1);
  const rowIdxAt = ints(nnz);
  const xadjAt = ints(n + 1);
  const adjAt = ints(2 * nnz); // at most two entries per off-diagonal one
  // Minimum degree: the quotient graph's store (2·|adj| + 2n + 1) and its ten arrays of n+1.
  const workAt = ints(4 * nnz + 2 * n + 1 + 10 * (n + 1));
  const orderAt = ints(n + 1);
  const [permAt, invAt, parentAt, countsAt, flagAt, headAt, nextAt, stackAt, postAt] = Array.from(
    { length: 9 },
    () => ints(n),
  ) as number[];
  const [outPermAt, outParentAt, outCountsAt, fillAt] = Array.from({ length: 4 }, () => ints(n)) as number[];
  const newColPtrAt = ints(n + 1);
  const newRowIdxAt = ints(nnz);
  const oldSlotAt = ints(nnz);
  const slotMapAt = ints(nnz);
  const instance = instantiateWithMemory(compiled, layout.bytes);
  if (!instance) return null;
  const buffer = instance.memory.buffer;
  const ex = instance.exports as Record<string, (...args: number[]) => void>;
  const view = (at: number, length: number): Int32Array => new Int32Array(buffer, at, length);
  view(colPtrAt, n + 1).set(pattern.colPtr);
  view(rowIdxAt, nnz).set(pattern.rowIdx.subarray(0, nnz));
  ex.adjacency!(n, colPtrAt, rowIdxAt, workAt, xadjAt, adjAt);
  const xadj = view(xadjAt, n + 1).slice();
  const adj = view(adjAt, xadj[n]!).slice();
  return {
    xadj,
    adj,
    minimumDegree() {
      ex.minimumDegree!(n, xadjAt, adjAt, workAt, orderAt);
      return view(orderAt, n).slice();
    },
    eliminationTree(perm) {
      view(permAt, n).set(perm);
      ex.eliminationTree!(n, xadjAt, adjAt, permAt, invAt, parentAt, countsAt, flagAt);
      return { parent: view(parentAt, n).slice(), columnCounts: view(countsAt, n).slice() };
    },
    postorderTree(perm, tree) {
      view(permAt, n).set(perm);
      view(parentAt, n).set(tree.parent);
      view(countsAt, n).set(tree.columnCounts);
      ex.postorderTree!(
        n,
        permAt,
        parentAt,
        countsAt,
        headAt,
        nextAt,
        stackAt,
        postAt,
        outPermAt,
        outParentAt,
        outCountsAt,
      );
      return {
        perm: view(outPermAt, n).slice(),
        tree: { parent: view(outParentAt, n).slice(), columnCounts: view(outCountsAt, n).slice() },
      };
    },
    permute(perm) {
      view(permAt, n).set(perm);
      ex.permute!(
        n,
        colPtrAt,
        rowIdxAt,
        permAt,
        invAt,
        fillAt,
        newColPtrAt,
        newRowIdxAt,
        oldSlotAt,
        slotMapAt,
      );
      return {
        pattern: new SymmetricPattern(n, view(newColPtrAt, n + 1).slice(), view(newRowIdxAt, nnz).slice()),
        slotMap: view(slotMapAt, nnz).slice(),
      };
    },
  };
}
