/**
 * Fill-reducing ordering by nested dissection with level-structure separators (George & Liu).
 *
 * Why our own: npm has no maintained sparse Cholesky with a fill-reducing ordering (checked:
 * ml-sparse-matrix, @thi.ng/sparse and ndarray-cholesky-factorization have none). For the graphs
 * the flow factors — triangle meshes of surfaces — nested dissection is the natural choice: a
 * surface of n vertices has separators of about √n vertices, which bounds the factor's fill at
 * O(n log n) and groups the factor into dense blocks at the separators.
 *
 * Each region is split by a breadth-first level of a pseudo-peripheral vertex (a "ring" around a
 * surface), picked as the smallest level that leaves both sides with at least a quarter of the
 * region, then thinned (separator vertices that touch only one side move to that side). Both sides
 * are ordered first, recursively, then the separator last. Small regions are ordered by a greedy
 * minimum degree on their own subgraph.
 *
 * Input: the graph's adjacency in compressed rows (xadj: n+1, adj: neighbours, no self-loops).
 * Output: `perm` with perm[newIndex] = oldIndex.
 */
/** Interior candidate roots tried per region besides the two ends of the pseudo-diameter. */
const EXTRA_ROOTS = 2;
export function nestedDissection(xadj: Int32Array, adj: Int32Array, leafSize = 48): Int32Array {
  const n = xadj.length - 1;
  const perm = new Int32Array(n);
  // region[v]: the id of the region v belongs to while it is unordered; -1 once ordered.
  const region = new Int32Array(n);
  const level = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let nextRegion = 1;

  // Work stack of (vertices, end): order `vertices` into perm[end - vertices.length, end).
  const stack: { vertices: Int32Array; end: number }[] = [];
  const all = new Int32Array(n);
  for (let v = 0; v < n; v++) all[v] = v;
  stack.push({ vertices: all, end: n });

  /** BFS from `root` inside region `id`, filling queue and level; returns the number reached. */
  const bfs = (root: number, id: number): number => {
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    level[root] = 0;
    while (head < tail) {
      const v = queue[head++];
      for (let p = xadj[v]; p < xadj[v + 1]; p++) {
        const w = adj[p];
        if (region[w] === id && level[w] < 0) {
          level[w] = level[v] + 1;
          queue[tail++] = w;
        }
      }
    }
    return tail;
  };
  const clearLevels = (count: number): void => {
    for (let k = 0; k < count; k++) level[queue[k]] = -1;
  };
  /**
   * For the BFS in queue[0..reached): the narrowest level leaving at least a quarter of the region on
   * each side (or the median level if none does), its width, and the deepest level.
   */
  const bestLevel = (reached: number, size: number): [level: number, width: number, maxLevel: number] => {
    const maxLevel = level[queue[reached - 1]];
    const levelStart = new Int32Array(maxLevel + 2);
    for (let k = 0; k < reached; k++) levelStart[level[queue[k]] + 1]++;
    for (let l = 0; l <= maxLevel; l++) levelStart[l + 1] += levelStart[l];
    let best = -1;
    let bestSize = Infinity;
    for (let l = 1; l < maxLevel; l++) {
      const before = levelStart[l];
      const after = size - levelStart[l + 1];
      const width = levelStart[l + 1] - levelStart[l];
      if (before >= size / 4 && after >= size / 4 && width < bestSize) {
        best = l;
        bestSize = width;
      }
    }
    if (best < 0) {
      // Unbalanced level structure (a star, a path of cliques): take the median level.
      best = 0;
      while (best < maxLevel && levelStart[best + 1] <= size / 2) best++;
      if (best === 0 && maxLevel > 0) best = 1;
      bestSize = levelStart[best + 1] - levelStart[best];
    }
    return [best, bestSize, maxLevel];
  };

  while (stack.length > 0) {
    const { vertices, end } = stack.pop()!;
    const size = vertices.length;
    if (size === 0) continue;
    const id = nextRegion++;
    for (let k = 0; k < size; k++) region[vertices[k]] = id;

    if (size <= leafSize) {
      minimumDegreeLeaf(vertices, xadj, adj, region, id, perm, end - size);
      for (let k = 0; k < size; k++) region[vertices[k]] = -1;
      continue;
    }

    // Connected components are independent: order each on its own.
    let reached = bfs(vertices[0], id);
    if (reached < size) {
      const component = queue.slice(0, reached);
      clearLevels(reached);
      for (let k = 0; k < reached; k++) region[component[k]] = 0;
      const rest = new Int32Array(size - reached);
      let r = 0;
      for (let k = 0; k < size; k++) if (region[vertices[k]] === id) rest[r++] = vertices[k];
      stack.push({ vertices: component, end: end - rest.length });
      stack.push({ vertices: rest, end });
      continue;
    }

    // Pseudo-peripheral root: restart the search from the farthest vertex while the depth grows.
    let far = queue[reached - 1];
    let depth = level[far];
    for (let tries = 0; tries < 4; tries++) {
      clearLevels(reached);
      reached = bfs(far, id);
      const newFar = queue[reached - 1];
      if (level[newFar] <= depth) break;
      depth = level[newFar];
      far = newFar;
    }
    // Candidate roots: both ends of the pseudo-diameter, and a few spread-out vertices (rings around
    // an interior vertex sometimes cut a blob more cheaply than rings from its tip). Keep the root
    // whose best level is narrowest.
    const candidates = [far, queue[reached - 1]];
    for (let c = 1; c <= EXTRA_ROOTS; c++)
      candidates.push(vertices[Math.floor((c * size) / (EXTRA_ROOTS + 1))]);
    let bestRoot = -1;
    let bestWidth = Infinity;
    for (const root of candidates) {
      clearLevels(reached);
      reached = bfs(root, id);
      const [, width] = bestLevel(reached, size);
      if (width < bestWidth) {
        bestWidth = width;
        bestRoot = root;
      }
    }
    clearLevels(reached);
    reached = bfs(bestRoot, id);
    const [best, , maxLevel] = bestLevel(reached, size);
    if (maxLevel === 0) {
      // A clique: nothing to dissect.
      minimumDegreeLeaf(vertices, xadj, adj, region, id, perm, end - size);
      clearLevels(reached);
      for (let k = 0; k < size; k++) region[vertices[k]] = -1;
      continue;
    }
    // Thin the separator: a level-`best` vertex with no neighbour in level best+1 separates nothing.
    const sepList: number[] = [];
    const sideA: number[] = [];
    const sideB: number[] = [];
    for (let k = 0; k < reached; k++) {
      const v = queue[k];
      const l = level[v];
      if (l < best) sideA.push(v);
      else if (l > best) sideB.push(v);
      else {
        let touchesB = false;
        for (let p = xadj[v]; p < xadj[v + 1] && !touchesB; p++) {
          const w = adj[p];
          touchesB = region[w] === id && level[w] === best + 1;
        }
        if (touchesB) sepList.push(v);
        else sideA.push(v);
      }
    }
    clearLevels(reached);
    for (let k = 0; k < size; k++) region[vertices[k]] = 0;
    const sep = Int32Array.from(sepList);
    for (let k = 0; k < sep.length; k++) {
      perm[end - sep.length + k] = sep[k];
      region[sep[k]] = -1;
    }
    const b = Int32Array.from(sideB);
    stack.push({ vertices: Int32Array.from(sideA), end: end - sep.length - b.length });
    stack.push({ vertices: b, end: end - sep.length });
  }
  return perm;
}

/**
 * Orders a small region by greedy minimum degree on its subgraph with explicit elimination
 * (simulated fill, fine for a few dozen vertices), writing perm[start..start+size).
 */
function minimumDegreeLeaf(
  vertices: Int32Array,
  xadj: Int32Array,
  adj: Int32Array,
  region: Int32Array,
  id: number,
  perm: Int32Array,
  start: number,
): void {
  const size = vertices.length;
  const local = new Map<number, number>();
  for (let k = 0; k < size; k++) local.set(vertices[k], k);
  const neighbours: Set<number>[] = [];
  for (let k = 0; k < size; k++) {
    const v = vertices[k];
    const set = new Set<number>();
    for (let p = xadj[v]; p < xadj[v + 1]; p++) {
      const w = adj[p];
      if (region[w] === id) set.add(local.get(w)!);
    }
    neighbours.push(set);
  }
  const done = new Uint8Array(size);
  for (let step = 0; step < size; step++) {
    let pick = -1;
    let pickDegree = Infinity;
    for (let k = 0; k < size; k++) {
      if (!done[k] && neighbours[k].size < pickDegree) {
        pick = k;
        pickDegree = neighbours[k].size;
      }
    }
    done[pick] = 1;
    perm[start + step] = vertices[pick];
    const nb = [...neighbours[pick]];
    for (const a of nb) {
      neighbours[a].delete(pick);
      for (const b of nb) if (a !== b) neighbours[a].add(b);
    }
  }
}
