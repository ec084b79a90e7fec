import type { SymmetricPattern } from './SymmetricPattern';

/**
 * The elimination tree of a symmetric pattern (parent[j] = the first off-diagonal row of column j
 * of L, −1 for a root) and the number of strictly-lower entries of each column of L, in
 * O(nnz(L)) by walking each row's reach (Liu).
 */
export interface EliminationTree {
  /** parent[j]: the first off-diagonal row of column j of L, −1 for a root. */
  parent: Int32Array;
  /** Strictly-lower entries of each column of L. */
  columnCounts: Int32Array;
}

export function eliminationTree(pattern: SymmetricPattern): EliminationTree {
  const { n, colPtr, rowIdx } = pattern;
  const parent = new Int32Array(n);
  const flag = new Int32Array(n);
  const columnCounts = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    parent[k] = -1;
    flag[k] = k;
    for (let p = colPtr[k]; p < colPtr[k + 1]; p++) {
      for (let i = rowIdx[p]; i < k && flag[i] !== k; i = parent[i]) {
        if (parent[i] === -1) parent[i] = k;
        columnCounts[i]++;
        flag[i] = k;
      }
    }
  }
  return { parent, columnCounts };
}

/** A postorder of a forest given by parent pointers: post[k] = the k-th vertex visited. */
export function postorder(parent: Int32Array): Int32Array {
  const n = parent.length;
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1);
  // Children lists in increasing order (insert in decreasing order).
  for (let j = n - 1; j >= 0; j--) {
    if (parent[j] !== -1) {
      next[j] = head[parent[j]];
      head[parent[j]] = j;
    }
  }
  const post = new Int32Array(n);
  const stack = new Int32Array(n);
  let k = 0;
  for (let root = 0; root < n; root++) {
    if (parent[root] !== -1) continue;
    let top = 0;
    stack[0] = root;
    while (top >= 0) {
      const v = stack[top];
      const child = head[v];
      if (child === -1) {
        post[k++] = v;
        top--;
      } else {
        head[v] = next[child];
        stack[++top] = child;
      }
    }
  }
  return post;
}

/**
 * The elimination tree and column counts of P·A·Pᵀ, in the new numbering, straight from A's graph
 * (xadj/adj: adjacency without the diagonal; perm[new] = old, inv[old] = new), so that comparing
 * orderings or postordering one needs no permuted copy of the pattern.
 */
export function permutedEliminationTree(
  xadj: Int32Array,
  adj: Int32Array,
  perm: Int32Array,
  inv: Int32Array,
): EliminationTree {
  const n = perm.length;
  const parent = new Int32Array(n);
  const flag = new Int32Array(n);
  const columnCounts = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    parent[k] = -1;
    flag[k] = k;
    const v = perm[k];
    for (let p = xadj[v]; p < xadj[v + 1]; p++) {
      for (let i = inv[adj[p]]; i < k && flag[i] !== k; i = parent[i]) {
        if (parent[i] === -1) parent[i] = k;
        columnCounts[i]++;
        flag[i] = k;
      }
    }
  }
  return { parent, columnCounts };
}
