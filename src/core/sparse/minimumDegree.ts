/**
 * Fill-reducing ordering by approximate minimum degree (Amestoy, Davis & Duff's AMD, in the form
 * of Davis, "Direct Methods for Sparse Linear Systems", SIAM 2006, §7.1).
 *
 * Why our own: npm has no maintained AMD. This is the array-based version of the algorithm: the
 * quotient graph lives in one Int32Array (`store`) with elbow room (as much again) and is compacted when full, so a
 * run allocates nothing per pivot (an earlier version with a JS array per vertex took 10–20× longer,
 * which mattered: the ordering is a fixed cost of every flow run).
 *
 * The quotient graph: eliminating pivot k turns it into an *element*, the clique of its
 * uneliminated neighbours L_k, absorbing the elements it touched, so the graph never grows. Each
 * variable i keeps a list of its elements (the first elen[i] entries of its list) then of its
 * remaining variable neighbours. Degrees are approximate external degrees, upper bounds computed
 * from |L_e \ L_k| in one pass over L_k. Elements wholly inside L_k are absorbed (aggressive
 * absorption); variables of L_k with identical lists (found by hashing) merge into supervariables
 * that are eliminated together; a variable with nothing outside L_k is eliminated with k (mass
 * elimination). Rows denser than 10√n are ordered last. The order is a postorder of the
 * assembly tree.
 *
 * The phases of a pivot step are methods of a small class rather than one loop nest: V8 compiles
 * small functions in a few milliseconds, where one 300-line loop nest took it over 100 ms, during
 * which a cold run interpreted it.
 *
 * Input: the graph's adjacency in compressed rows (xadj: n+1, adj; no self-loops, symmetric).
 * Output: `perm` with perm[newIndex] = oldIndex.
 */
export function minimumDegree(xadj: Int32Array, adj: Int32Array): Int32Array {
  const n = xadj.length - 1;
  if (n === 0) return new Int32Array(0);
  const amd = new QuotientGraph(xadj, adj);
  while (amd.eliminated < n) amd.eliminateNext();
  return amd.postorder();
}

class QuotientGraph {
  readonly n: number;
  readonly capacity: number;
  readonly store: Int32Array;
  /** List start in `store`; flip(e) once absorbed into e. */
  readonly start: Int32Array;
  readonly len: Int32Array;
  /** Supervariable size (negated while in L_k; 0 when absorbed). */
  readonly nv: Int32Array;
  readonly next: Int32Array;
  readonly last: Int32Array;
  /** Degree lists. */
  readonly head: Int32Array;
  /** Number of elements in a variable's list (−2: element, −1: dead). */
  readonly elen: Int32Array;
  readonly degree: Int32Array;
  /** Marks and |L_e \ L_k|. */
  readonly w: Int32Array;
  /** Hash buckets. */
  readonly hhead: Int32Array;
  mark: number;
  /** Variables ordered so far (counting supervariable members). */
  eliminated = 0;
  /** store[free..capacity) is unused. */
  free: number;
  minDegree = 0;
  /** The largest |L_k| so far. */
  maxElement = 0;
  // The current pivot step: pivot k, its element in store[pk1..pk2), |L_k| and k's weight.
  k = -1;
  pk1 = 0;
  pk2 = 0;
  dk = 0;
  nvk = 0;

  constructor(xadj: Int32Array, adj: Int32Array) {
    const n = (this.n = xadj.length - 1);
    const nnz = xadj[n];
    // Node n is a sentinel that dense rows are absorbed into.
    const size = n + 1;
    const capacity = (this.capacity = 2 * nnz + 2 * n + 1);
    const store = (this.store = new Int32Array(capacity));
    store.set(adj.subarray(0, nnz));
    const start = (this.start = new Int32Array(size));
    const len = (this.len = new Int32Array(size));
    const nv = (this.nv = new Int32Array(size));
    const next = (this.next = new Int32Array(size));
    const last = (this.last = new Int32Array(size));
    const head = (this.head = new Int32Array(size));
    const elen = (this.elen = new Int32Array(size));
    const degree = (this.degree = new Int32Array(size));
    const w = (this.w = new Int32Array(size));
    const hhead = (this.hhead = new Int32Array(size));
    for (let i = 0; i < n; i++) {
      start[i] = xadj[i];
      len[i] = xadj[i + 1] - xadj[i];
    }
    len[n] = 0;
    for (let i = 0; i < size; i++) {
      head[i] = -1;
      last[i] = -1;
      next[i] = -1;
      hhead[i] = -1;
      nv[i] = 1;
      w[i] = 1;
      elen[i] = 0;
      degree[i] = len[i];
    }
    this.mark = clearMarks(0, 0, w, n);
    elen[n] = -2;
    start[n] = -1;
    w[n] = 0;
    const dense = Math.min(n - 2, Math.max(16, Math.floor(10 * Math.sqrt(n))));
    let eliminated = 0;
    for (let i = 0; i < n; i++) {
      const d = degree[i];
      if (d === 0) {
        // An isolated vertex: an element with nothing in it.
        elen[i] = -2;
        eliminated++;
        start[i] = -1;
        w[i] = 0;
      } else if (d > dense) {
        nv[i] = 0;
        elen[i] = -1;
        eliminated++;
        start[i] = flip(n);
        nv[n]++;
      } else {
        if (head[d] !== -1) last[head[d]] = i;
        next[i] = head[d];
        head[d] = i;
      }
    }
    this.eliminated = eliminated;
    this.free = nnz;
  }

  /** One pivot step: pick a variable of least approximate degree and eliminate it. */
  eliminateNext(): void {
    const { n, head, next, last, elen, nv } = this;
    let k = -1;
    let minDegree = this.minDegree;
    for (; minDegree < n && (k = head[minDegree]) === -1; minDegree++);
    this.minDegree = minDegree;
    if (next[k] !== -1) last[next[k]] = -1;
    head[minDegree] = next[k];
    const elenk = elen[k];
    this.k = k;
    this.nvk = nv[k];
    this.eliminated += nv[k];
    // Compact the store when the new element might not fit at its end.
    if (elenk > 0 && this.free + minDegree >= this.capacity) this.compact();
    this.buildElement(k, elenk);
    this.externalDegrees();
    this.updateDegrees();
    this.maxElement = Math.max(this.maxElement, this.dk);
    this.mark = clearMarks(this.mark + this.maxElement, this.maxElement, this.w, n);
    this.mergeSupervariables();
    this.finaliseElement(elenk);
  }

  /** Moves every live list to the front of the store, in order. */
  private compact(): void {
    const { n, store, start, len } = this;
    for (let j = 0; j < n; j++) {
      const p = start[j];
      if (p >= 0) {
        start[j] = store[p]; // keep the object's first entry; mark its start with flip(j)
        store[p] = flip(j);
      }
    }
    let q = 0;
    for (let p = 0; p < this.free;) {
      const j = flip(store[p++]);
      if (j >= 0) {
        store[q] = start[j];
        start[j] = q++;
        for (let t = 0; t < len[j] - 1; t++) store[q++] = store[p++];
      }
    }
    this.free = q;
  }

  /** L_k: the variables of k's elements and of k's own list, each once (nv negated marks them). */
  private buildElement(k: number, elenk: number): void {
    const { store, start, len, nv, next, last, head, degree, w } = this;
    let dk = 0;
    nv[k] = -nv[k];
    let p = start[k];
    const pk1 = elenk === 0 ? p : this.free; // in place when k has no elements (L_k is no longer than its list)
    let pk2 = pk1;
    for (let k1 = 1; k1 <= elenk + 1; k1++) {
      let e: number;
      let pj: number;
      let ln: number;
      if (k1 > elenk) {
        e = k;
        pj = p;
        ln = len[k] - elenk;
      } else {
        e = store[p++];
        pj = start[e];
        ln = len[e];
      }
      for (let k2 = 1; k2 <= ln; k2++) {
        const i = store[pj++];
        const nvi = nv[i];
        if (nvi <= 0) continue; // dead, or already in L_k
        dk += nvi;
        nv[i] = -nvi;
        store[pk2++] = i;
        // Out of its degree list.
        if (next[i] !== -1) last[next[i]] = last[i];
        if (last[i] !== -1) next[last[i]] = next[i];
        else head[degree[i]] = next[i];
      }
      if (e !== k) {
        start[e] = flip(k); // e is absorbed into k
        w[e] = 0;
      }
    }
    if (elenk !== 0) this.free = pk2;
    degree[k] = dk;
    start[k] = pk1;
    len[k] = pk2 - pk1;
    this.elen[k] = -2;
    this.pk1 = pk1;
    this.pk2 = pk2;
    this.dk = dk;
  }

  /** |L_e \ L_k| for every element e next to L_k, in w[e] − mark. */
  private externalDegrees(): void {
    const { store, start, nv, elen, degree, w, pk1, pk2 } = this;
    const mark = (this.mark = clearMarks(this.mark, this.maxElement, w, this.n));
    for (let pk = pk1; pk < pk2; pk++) {
      const i = store[pk];
      const eln = elen[i];
      if (eln <= 0) continue;
      const nvi = -nv[i];
      const wnvi = mark - nvi;
      for (let q = start[i], end = start[i] + eln; q < end; q++) {
        const e = store[q];
        if (w[e] >= mark) w[e] -= nvi;
        else if (w[e] !== 0) w[e] = degree[e] + wnvi;
      }
    }
  }

  /** Degree update: prune each variable's lists, absorb elements inside L_k, hash for merging. */
  private updateDegrees(): void {
    const { n, store, start, len, nv, next, last, elen, degree, w, hhead, pk1, pk2, k, mark } = this;
    let dk = this.dk;
    for (let pk = pk1; pk < pk2; pk++) {
      const i = store[pk];
      const p1 = start[i];
      const p2 = p1 + elen[i] - 1;
      let pn = p1;
      let h = 0;
      let d = 0;
      for (let q = p1; q <= p2; q++) {
        const e = store[q];
        if (w[e] !== 0) {
          const external = w[e] - mark;
          if (external > 0) {
            d += external;
            store[pn++] = e;
            h += e;
          } else {
            start[e] = flip(k); // aggressive absorption: L_e ⊆ L_k
            w[e] = 0;
          }
        }
      }
      elen[i] = pn - p1 + 1;
      const p3 = pn;
      const p4 = p1 + len[i];
      for (let q = p2 + 1; q < p4; q++) {
        const j = store[q];
        const nvj = nv[j];
        if (nvj <= 0) continue; // dead, or in L_k (reached through k now)
        d += nvj;
        store[pn++] = j;
        h += j;
      }
      if (d === 0) {
        // Mass elimination: i has nothing outside L_k.
        start[i] = flip(k);
        const nvi = -nv[i];
        dk -= nvi;
        this.nvk += nvi;
        this.eliminated += nvi;
        nv[i] = 0;
        elen[i] = -1;
      } else {
        degree[i] = Math.min(degree[i], d);
        // k becomes i's first element.
        store[pn] = store[p3];
        store[p3] = store[p1];
        store[p1] = k;
        len[i] = pn - p1 + 1;
        h %= n;
        next[i] = hhead[h];
        hhead[h] = i;
        last[i] = h;
      }
    }
    degree[k] = dk;
    this.dk = dk;
  }

  /** Supervariables: merges variables of L_k with the same hash and identical lists. */
  private mergeSupervariables(): void {
    const { store, start, len, nv, next, last, elen, w, hhead, pk1, pk2 } = this;
    let mark = this.mark;
    for (let pk = pk1; pk < pk2; pk++) {
      let i = store[pk];
      if (nv[i] >= 0) continue;
      const h = last[i];
      i = hhead[h];
      hhead[h] = -1;
      for (; i !== -1 && next[i] !== -1; i = next[i], mark++) {
        const ln = len[i];
        const eln = elen[i];
        for (let q = start[i] + 1; q <= start[i] + ln - 1; q++) w[store[q]] = mark;
        let jlast = i;
        for (let j = next[i]; j !== -1;) {
          let same = len[j] === ln && elen[j] === eln;
          for (let q = start[j] + 1; same && q <= start[j] + ln - 1; q++)
            if (w[store[q]] !== mark) same = false;
          if (same) {
            start[j] = flip(i);
            nv[i] += nv[j];
            nv[j] = 0;
            elen[j] = -1;
            j = next[j];
            next[jlast] = j;
          } else {
            jlast = j;
            j = next[j];
          }
        }
      }
    }
    this.mark = mark;
  }

  /** Finalises L_k: degrees, degree lists, and drops the dead from the element. */
  private finaliseElement(elenk: number): void {
    const { n, store, start, len, nv, next, last, head, degree, w, pk1, pk2, k, dk, eliminated } = this;
    let minDegree = this.minDegree;
    let pOut = pk1;
    for (let pk = pk1; pk < pk2; pk++) {
      const i = store[pk];
      const nvi = -nv[i];
      if (nvi <= 0) continue;
      nv[i] = nvi;
      const d = Math.min(degree[i] + dk - nvi, n - eliminated - nvi);
      if (head[d] !== -1) last[head[d]] = i;
      next[i] = head[d];
      last[i] = -1;
      head[d] = i;
      minDegree = Math.min(minDegree, d);
      degree[i] = d;
      store[pOut++] = i;
    }
    this.minDegree = minDegree;
    nv[k] = this.nvk;
    if ((len[k] = pOut - pk1) === 0) {
      start[k] = -1; // a root of the assembly tree
      w[k] = 0;
    }
    if (elenk !== 0) this.free = pOut;
  }

  /** The order: a postorder of the assembly tree (absorbed variables right before their element). */
  postorder(): Int32Array {
    const { n, start, nv, next, head, w } = this;
    // Assembly tree: start[j] = flip(parent) for absorbed elements and variables, −1 for roots.
    for (let i = 0; i < n; i++) start[i] = flip(start[i]);
    head.fill(-1);
    // Children lists: absorbed variables first, then elements prepended (both in increasing order).
    for (let j = n; j >= 0; j--) {
      if (nv[j] > 0) continue;
      next[j] = head[start[j]];
      head[start[j]] = j;
    }
    for (let e = n; e >= 0; e--) {
      if (nv[e] <= 0) continue;
      if (start[e] !== -1) {
        next[e] = head[start[e]];
        head[start[e]] = e;
      }
    }
    const order = new Int32Array(n + 1);
    let k = 0;
    for (let i = 0; i <= n; i++) {
      if (start[i] !== -1) continue;
      // Depth-first postorder from root i (w as the stack).
      let top = 0;
      w[0] = i;
      while (top >= 0) {
        const v = w[top];
        const child = head[v];
        if (child === -1) {
          top--;
          order[k++] = v;
        } else {
          head[v] = next[child];
          w[++top] = child;
        }
      }
    }
    // The sentinel n is the last root, so it comes last.
    return order.slice(0, n);
  }
}

/** Encodes "absorbed into e" as a negative number (and back): flip(flip(e)) = e, flip(−1) = −1. */
function flip(e: number): number {
  return -e - 2;
}

/** Starts a fresh mark above every live w, resetting w when the marks would overflow int32. */
function clearMarks(mark: number, maxElement: number, w: Int32Array, n: number): number {
  if (mark < 2 || mark + maxElement >= 0x7fffffff) {
    for (let k = 0; k < n; k++) if (w[k] !== 0) w[k] = 1;
    return 2;
  }
  return mark;
}
