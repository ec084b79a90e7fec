/**
 * Fill-reducing ordering by approximate minimum degree on the quotient graph (after Amestoy, Davis &
 * Duff's AMD, written from the paper's description, without supervariables). Eliminating a vertex p
 * turns it into an *element*, the clique of its uneliminated neighbours L_p, and absorbs the elements
 * that p belonged to, so the graph never grows. A vertex's degree is bounded from above by
 *   min(n − k, d_old + |L_p|, |A_i| + |L_p| + Σ_{e ∈ E_i, e ≠ p} |L_e \ L_p|),
 * where E_i are its elements and A_i its remaining vertex neighbours; the |L_e \ L_p| come from one
 * pass over L_p. Elements wholly inside L_p are absorbed as well ("aggressive absorption"), and
 * vertices of L_p that become indistinguishable (same elements, same neighbours) merge into one
 * supervariable that is eliminated at once; degrees count the vertices a supervariable stands for.
 *
 * Input: the graph's adjacency in compressed rows (xadj: n+1, adj, no self-loops).
 * Output: `perm` with perm[newIndex] = oldIndex.
 */
export function minimumDegree(xadj: Int32Array, adj: Int32Array): Int32Array {
  const n = xadj.length - 1;
  const elementsOf: (number[] | null)[] = new Array<number[] | null>(n);
  const neighboursOf: (number[] | null)[] = new Array<number[] | null>(n);
  const members: (number[] | null)[] = new Array<number[] | null>(n).fill(null);
  const eliminated = new Uint8Array(n);
  const absorbed = new Uint8Array(n);
  const degree = new Int32Array(n);
  // Supervariables: weight[i] vertices stand behind principal variable i (0 for merged-away ones,
  // which follow their principal through `mergedNext`).
  const weight = new Int32Array(n).fill(1);
  const mergedNext = new Int32Array(n).fill(-1);
  const hashKey = new Float64Array(n);
  const elementWeight = new Int32Array(n);
  const mark = new Int32Array(n);
  const external = new Int32Array(n); // |L_e \ L_p| for elements touched in this step
  const externalMark = new Int32Array(n);
  // Degree buckets: doubly linked lists.
  const head = new Int32Array(n + 1).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  let minDegree = n;
  const insert = (i: number, d: number): void => {
    degree[i] = d;
    prev[i] = -1;
    next[i] = head[d];
    if (head[d] !== -1) prev[head[d]] = i;
    head[d] = i;
    if (d < minDegree) minDegree = d;
  };
  const remove = (i: number): void => {
    if (prev[i] !== -1) next[prev[i]] = next[i];
    else head[degree[i]] = next[i];
    if (next[i] !== -1) prev[next[i]] = prev[i];
  };
  for (let i = 0; i < n; i++) {
    elementsOf[i] = [];
    const list: number[] = [];
    for (let q = xadj[i]; q < xadj[i + 1]; q++) if (adj[q] !== i) list.push(adj[q]);
    neighboursOf[i] = list;
    insert(i, list.length);
  }

  const perm = new Int32Array(n);
  let stamp = 0;
  let ordered = 0;
  while (ordered < n) {
    while (head[minDegree] === -1) minDegree++;
    const p = head[minDegree];
    remove(p);
    for (let v = p; v !== -1; v = mergedNext[v]) perm[ordered++] = v;
    stamp++;

    // L_p: the uneliminated vertices reachable through p's elements and p's vertex neighbours.
    const lp: number[] = [];
    mark[p] = stamp;
    for (const e of elementsOf[p]!) {
      if (absorbed[e]) continue;
      for (const i of members[e]!) {
        if (mark[i] !== stamp && !eliminated[i] && weight[i] > 0) {
          mark[i] = stamp;
          lp.push(i);
        }
      }
      absorbed[e] = 1;
      members[e] = null;
    }
    for (const i of neighboursOf[p]!) {
      if (mark[i] !== stamp && !eliminated[i] && weight[i] > 0) {
        mark[i] = stamp;
        lp.push(i);
      }
    }
    eliminated[p] = 1;
    members[p] = lp;
    elementsOf[p] = null;
    neighboursOf[p] = null;

    // |L_e \ L_p| (in vertices) for every live element e next to L_p.
    let lpWeight = 0;
    for (const i of lp) lpWeight += weight[i];
    // An element's vertex count never changes: its members leave only when one of them is
    // eliminated, which absorbs the element, and merging moves weight between two of its members.
    elementWeight[p] = lpWeight;
    for (const i of lp) {
      remove(i);
      for (const e of elementsOf[i]!) {
        if (absorbed[e]) continue;
        if (externalMark[e] !== stamp) {
          externalMark[e] = stamp;
          external[e] = elementWeight[e];
        }
        external[e] -= weight[i];
      }
    }

    // Update the vertices of L_p: element lists, pruned neighbour lists, degree bounds.
    const remaining = n - ordered;
    for (const i of lp) {
      // Both lists only shrink (plus p): filter them in place, no allocation per pivot.
      const elements = elementsOf[i]!;
      let externalSum = 0;
      let kept = 0;
      for (let q = 0; q < elements.length; q++) {
        const e = elements[q];
        if (absorbed[e] || e === p) continue;
        if (external[e] === 0) {
          // L_e ⊆ L_p: e adds nothing p does not; absorb it.
          absorbed[e] = 1;
          members[e] = null;
          continue;
        }
        elements[kept++] = e;
        externalSum += external[e];
      }
      elements.length = kept;
      elements.push(p);
      const neighbours = neighboursOf[i]!;
      let neighbourWeight = 0;
      let hash = 0;
      kept = 0;
      for (let q = 0; q < neighbours.length; q++) {
        const j = neighbours[q];
        // Eliminated neighbours are elements now (listed in E_i); members of L_p are reached through p;
        // merged-away variables are represented by their principal.
        if (!eliminated[j] && mark[j] !== stamp && weight[j] > 0) {
          neighbours[kept++] = j;
          neighbourWeight += weight[j];
          hash += j;
        }
      }
      neighbours.length = kept;
      for (const e of elements) hash += e;
      const others = lpWeight - weight[i];
      const bound = Math.min(
        remaining - weight[i],
        degree[i] + others,
        neighbourWeight + others + externalSum,
      );
      degree[i] = Math.max(bound, 0);
      hashKey[i] = (hash % 1000003) * 64 + Math.min(elements.length + neighbours.length, 63);
    }
    // Supervariables: merge vertices of L_p with identical element and neighbour lists (equal hash
    // keys first, then a full comparison).
    const byKey = lp.length > 1 ? lp.slice().sort((a, b) => hashKey[a] - hashKey[b]) : lp;
    for (let start = 0; start < byKey.length;) {
      let end = start + 1;
      while (end < byKey.length && hashKey[byKey[end]] === hashKey[byKey[start]]) end++;
      for (let a = start; a < end; a++) {
        const i = byKey[a];
        if (weight[i] === 0) continue;
        for (let b = a + 1; b < end; b++) {
          const j = byKey[b];
          if (weight[j] === 0 || !sameSet(elementsOf[i]!, elementsOf[j]!, mark, ++stamp)) continue;
          if (!sameSet(neighboursOf[i]!, neighboursOf[j]!, mark, ++stamp)) continue;
          // j joins i: eliminated right after i, counted in i's weight.
          weight[i] += weight[j];
          degree[i] = Math.max(degree[i] - weight[j], 0);
          weight[j] = 0;
          let tail = i;
          while (mergedNext[tail] !== -1) tail = mergedNext[tail];
          mergedNext[tail] = j;
        }
      }
      start = end;
    }
    for (const i of lp) if (weight[i] > 0) insert(i, Math.min(degree[i], n));
  }
  return perm;
}

/** Whether two lists hold the same values (each list without repeats); `mark` is scratch. */
function sameSet(a: number[], b: number[], mark: Int32Array, stamp: number): boolean {
  if (a.length !== b.length) return false;
  for (const x of a) mark[x] = stamp;
  for (const x of b) if (mark[x] !== stamp) return false;
  return true;
}
