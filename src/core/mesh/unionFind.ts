/**
 * Disjoint sets over 0…n−1 in one typed array (path halving, no ranks: the inputs here are mesh
 * elements in file order, where that is fast enough and keeps the code short).
 */
export function createUnionFind(n: number): Uint32Array {
  const parent = new Uint32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  return parent;
}

export function find(parent: Uint32Array, i: number): number {
  while (parent[i] !== i) {
    const grand = parent[parent[i]!]!;
    parent[i] = grand;
    i = grand;
  }
  return i;
}

/** Joins the sets of a and b; the smaller root becomes the root, so roots are each set's first element. */
export function union(parent: Uint32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
}
