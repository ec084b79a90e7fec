import { compileModule, instantiateWithMemory, MemoryLayout } from './compileModule';
import { ORDERING_WASM_BASE64 } from './ordering.wasm';

let compiled: WebAssembly.Module | null | undefined;

/**
 * Approximate minimum degree (src/core/sparse/minimumDegree.ts) in WebAssembly (ordering.wat): the
 * same permutation, without the cold start of interpreted JavaScript (see the .wat's header).
 * Input: the graph's adjacency in compressed rows (xadj: n+1, adj; no self-loops, symmetric).
 * Returns perm (perm[new] = old), or null where WebAssembly is missing or the graph would not fit.
 */
export function minimumDegreeWasm(xadj: Int32Array, adj: Int32Array): Int32Array | null {
  const n = xadj.length - 1;
  if (n === 0) return new Int32Array(0);
  if (compiled === undefined) compiled = compileModule(ORDERING_WASM_BASE64);
  if (!compiled) return null;
  const nnz = xadj[n]!;
  const layout = new MemoryLayout();
  const xadjAt = layout.place(n + 1, 4);
  const adjAt = layout.place(nnz, 4);
  const orderAt = layout.place(n + 1, 4);
  // The quotient graph's store (2·nnz + 2n + 1) and its ten arrays of n+1.
  const workAt = layout.place(2 * nnz + 2 * n + 1 + 10 * (n + 1), 4);
  const instance = instantiateWithMemory(compiled, layout.bytes);
  if (!instance) return null;
  const buffer = instance.memory.buffer;
  new Int32Array(buffer, xadjAt, n + 1).set(xadj);
  new Int32Array(buffer, adjAt, nnz).set(adj.subarray(0, nnz));
  (instance.exports.minimumDegree as (n: number, xadj: number, adj: number, work: number, order: number) => void)(
    n,
    xadjAt,
    adjAt,
    workAt,
    orderAt,
  );
  return new Int32Array(buffer, orderAt, n).slice();
}
