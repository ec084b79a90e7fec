import type { EliminationTree } from '../sparse/eliminationTree';
import type { SupernodalAnalysis } from '../sparse/SupernodalLdlt';
import { SymmetricPattern } from '../sparse/SymmetricPattern';
import { instantiateWithMemory, KernelModule, MAX_WASM_BYTES, MemoryLayout } from './compileModule';
import { SYMBOLIC_WASM_BASE64 } from './symbolic.wasm';

/**
 * SparseSolver's symbolic phase for one pattern in WebAssembly (symbolic.wat): the same arrays as the
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
  /**
   * analyseSupernodes(pattern, tree) (SupernodalLdlt) of a pattern in elimination-tree postorder (the
   * permuted one), with the same errors; null if the memory for it cannot be had.
   */
  supernodes(pattern: SymmetricPattern, tree: EliminationTree): SupernodalAnalysis | null;
}

const kernelModule = new KernelModule(SYMBOLIC_WASM_BASE64);

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
  const { memory } = instance;
  const ex = instance.exports as Record<string, (...args: number[]) => number>;
  // `supernodes` may grow the memory: views are made from its current buffer.
  const view = (at: number, length: number): Int32Array => new Int32Array(memory.buffer, at, length);
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
    supernodes(permuted, tree) {
      const pnnz = permuted.nnz;
      let sumCounts = 0;
      for (let j = 0; j < n; j++) sumCounts += tree.columnCounts[j]!;
      const more = new MemoryLayout();
      more.bytes = layout.bytes;
      const at = (length: number): number => more.place(length, 4);
      const colPtr = at(n + 1);
      const rowIdx = at(pnnz);
      const parent = at(n);
      const counts = at(n);
      const first = at(n + 1);
      const rowPtr = at(n + 1);
      const rows = at(n + sumCounts);
      const valPtr = more.place(n + 1, 8);
      const assemblyPtr = at(n + 1);
      const assemblySlot = at(pnnz);
      const assemblyOffset = at(pnnz);
      const relPtr = at(n + 1);
      const relIndex = at(sumCounts);
      const childPtr = at(n + 1);
      const childList = at(n);
      const scratch = [at(n), at(n + 1), at(n), at(n), at(n), at(n), at(n), at(n), at(pnnz)];
      const sizes = more.place(n, 8);
      const scalars = more.place(8, 8);
      const pages = Math.ceil((more.bytes - memory.buffer.byteLength) / 65536);
      if (more.bytes > MAX_WASM_BYTES) return null;
      if (pages > 0) {
        try {
          memory.grow(pages);
        } catch {
          return null;
        }
      }
      view(colPtr, n + 1).set(permuted.colPtr);
      view(rowIdx, pnnz).set(permuted.rowIdx.subarray(0, pnnz));
      view(parent, n).set(tree.parent);
      view(counts, n).set(tree.columnCounts);
      const status = ex.supernodes!(
        n,
        colPtr,
        rowIdx,
        parent,
        counts,
        first,
        rowPtr,
        rows,
        valPtr,
        assemblyPtr,
        assemblySlot,
        assemblyOffset,
        relPtr,
        relIndex,
        childPtr,
        childList,
        ...scratch,
        sizes,
        scalars,
      );
      if (status === 1) throw new Error('pattern is not in elimination-tree postorder');
      if (status === 2) throw new Error('factor too large');
      const [S, nnzL, factorFlops, maxFront, maxStack] = new Float64Array(memory.buffer, scalars, 5);
      const firstOut = view(first, S! + 1).slice();
      const rowPtrOut = view(rowPtr, S! + 1).slice();
      const relPtrOut = view(relPtr, S! + 1).slice();
      const childPtrOut = view(childPtr, S! + 1).slice();
      return {
        first: firstOut,
        rowPtr: rowPtrOut,
        rows: view(rows, rowPtrOut[S!]!).slice(),
        valPtr: new Float64Array(memory.buffer, valPtr, S! + 1).slice(),
        nnzL: nnzL!,
        factorFlops: factorFlops!,
        maxFront: maxFront!,
        maxStack: maxStack!,
        assemblyPtr: view(assemblyPtr, S! + 1).slice(),
        assemblySlot: view(assemblySlot, pnnz).slice(),
        assemblyOffset: view(assemblyOffset, pnnz).slice(),
        relPtr: relPtrOut,
        relIndex: view(relIndex, relPtrOut[S!]!).slice(),
        childPtr: childPtrOut,
        childList: view(childList, childPtrOut[S!]!).slice(),
      };
    },
  };
}
