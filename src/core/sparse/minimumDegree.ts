/**
 * Fill-reducing ordering by approximate minimum degree on the quotient graph (after Amestoy, Davis &
 * Duff's AMD, written from the paper's description, without supervariables). Eliminating a vertex p
 * turns it into an *element*, the clique of its uneliminated neighbours L_p, and absorbs the elements
 * that p belonged to, so the graph never grows. A vertex's degree is bounded from above by
 *   min(n − k, d_old + |L_p|, |A_i| + |L_p| + Σ_{e ∈ E_i, e ≠ p} |L_e \ L_p|),
 * where E_i are its elements and A_i its remaining vertex neighbours; the |L_e \ L_p| come from one
 * pass over L_p. Elements wholly inside L_p are absorbed as well ("aggressive absorption").
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
  for (let k = 0; k < n; k++) {
    while (head[minDegree] === -1) minDegree++;
    const p = head[minDegree];
    remove(p);
    perm[k] = p;
    stamp++;

    // L_p: the uneliminated vertices reachable through p's elements and p's vertex neighbours.
    const lp: number[] = [];
    mark[p] = stamp;
    for (const e of elementsOf[p]!) {
      if (absorbed[e]) continue;
      for (const i of members[e]!) {
        if (mark[i] !== stamp && !eliminated[i]) {
          mark[i] = stamp;
          lp.push(i);
        }
      }
      absorbed[e] = 1;
      members[e] = null;
    }
    for (const i of neighboursOf[p]!) {
      if (mark[i] !== stamp && !eliminated[i]) {
        mark[i] = stamp;
        lp.push(i);
      }
    }
    eliminated[p] = 1;
    members[p] = lp;
    elementsOf[p] = null;
    neighboursOf[p] = null;

    // |L_e \ L_p| for every live element e next to L_p.
    for (const i of lp) {
      remove(i);
      for (const e of elementsOf[i]!) {
        if (absorbed[e]) continue;
        if (externalMark[e] !== stamp) {
          externalMark[e] = stamp;
          external[e] = members[e]!.length;
        }
        external[e]--;
      }
    }

    // Update the vertices of L_p: element lists, pruned neighbour lists, degree bounds.
    const remaining = n - k - 1;
    for (const i of lp) {
      const elements: number[] = [p];
      let externalSum = 0;
      for (const e of elementsOf[i]!) {
        if (absorbed[e] || e === p) continue;
        if (external[e] === 0) {
          // L_e ⊆ L_p: e adds nothing p does not; absorb it.
          absorbed[e] = 1;
          members[e] = null;
          continue;
        }
        elements.push(e);
        externalSum += external[e];
      }
      const neighbours: number[] = [];
      for (const j of neighboursOf[i]!) {
        // Eliminated neighbours are elements now (listed in E_i); members of L_p are reached through p.
        if (!eliminated[j] && mark[j] !== stamp) neighbours.push(j);
      }
      elementsOf[i] = elements;
      neighboursOf[i] = neighbours;
      const others = lp.length - 1;
      const bound = Math.min(remaining, degree[i] + others, neighbours.length + others + externalSum);
      insert(i, Math.max(bound, 0));
    }
  }
  return perm;
}
