type Positions = Float32Array | Float64Array;

/**
 * The intrinsic Delaunay triangulation of a closed manifold mesh (Bobenko & Springborn 2007; Sharp &
 * Crane's intrinsic triangulations): the same surface metric — same vertices, same flat triangles
 * glued the same way — re-triangulated by edge flips *within* the surface until every edge has
 * opposite angles summing to at most π. Its cotangent Laplacian has no negative weights (a discrete
 * maximum principle), which the mesh's own cotangent Laplacian loses on obtuse triangles.
 *
 * Input: positions #V×3, indices #F×3 (closed, manifold, consistently oriented).
 * Output: faces #F×3 (vertex ids; an edge may now join two vertices that no mesh edge joins, and two
 * vertices may be joined twice) and lengths #F×3 (the length of the edge opposite each corner).
 */
export function intrinsicDelaunay(
  positions: Positions,
  indices: Uint32Array,
): { faces: Uint32Array; lengths: Float64Array; flips: number } {
  const faceCount = indices.length / 3;
  const n = positions.length / 3;
  const faces = Uint32Array.from(indices);
  // Halfedge 3f+k runs from corner k to corner k+1 of face f; len[h] is its length.
  const len = new Float64Array(3 * faceCount);
  const twin = new Int32Array(3 * faceCount).fill(-1);
  const open = new Map<number, number>();
  for (let h = 0; h < 3 * faceCount; h++) {
    const a = faces[h];
    const b = faces[h - (h % 3) + ((h + 1) % 3)];
    len[h] = Math.hypot(
      positions[3 * b] - positions[3 * a],
      positions[3 * b + 1] - positions[3 * a + 1],
      positions[3 * b + 2] - positions[3 * a + 2],
    );
    const back = open.get(b * n + a);
    if (back !== undefined) {
      twin[h] = back;
      twin[back] = h;
      open.delete(b * n + a);
    } else open.set(a * n + b, h);
  }
  if (open.size > 0) throw new Error('intrinsicDelaunay needs a closed, consistently oriented manifold mesh');

  const next = (h: number): number => h - (h % 3) + ((h + 1) % 3);
  const prev = (h: number): number => h - (h % 3) + ((h + 2) % 3);
  /** cot of the angle opposite halfedge h in its face. */
  const cotOpposite = (h: number): number => {
    const a = len[h];
    const b = len[next(h)];
    const c = len[prev(h)];
    const area = triangleArea(a, b, c);
    return (b * b + c * c - a * a) / (4 * Math.max(area, 1e-300));
  };

  const stack: number[] = [];
  const queued = new Uint8Array(3 * faceCount);
  for (let h = 0; h < 3 * faceCount; h++) {
    if (h < twin[h]) {
      stack.push(h);
      queued[h] = 1;
    }
  }
  let flips = 0;
  const maxFlips = 50 * faceCount; // a safety net; Delaunay flipping terminates
  while (stack.length > 0 && flips < maxFlips) {
    const h = stack.pop()!;
    queued[h] = 0;
    const t = twin[h];
    if (cotOpposite(h) + cotOpposite(t) >= -1e-12) continue;
    // Face f1 = (a, b, c) with h = a→b; face f2 = (b, a, d) with t = b→a.
    const f1 = (h / 3) | 0;
    const f2 = (t / 3) | 0;
    const hbc = next(h);
    const hca = prev(h);
    const had = next(t);
    const hdb = prev(t);
    const a = faces[h];
    const b = faces[t];
    const c = faces[hca];
    const d = faces[hdb];
    const outside = [twin[hbc], twin[hca], twin[had], twin[hdb]];
    if (c === d || outside.some((o) => ((o / 3) | 0) === f1 || ((o / 3) | 0) === f2)) continue; // degenerate quad
    // Length of the new diagonal c–d, from the quad unfolded into the plane along a–b.
    const lab = len[h];
    const lbc = len[hbc];
    const lca = len[hca];
    const lad = len[had];
    const ldb = len[hdb];
    const xc = (lab * lab + lca * lca - lbc * lbc) / (2 * lab);
    const yc = Math.sqrt(Math.max(lca * lca - xc * xc, 0));
    const xd = (lab * lab + lad * lad - ldb * ldb) / (2 * lab);
    const yd = Math.sqrt(Math.max(lad * lad - xd * xd, 0));
    const lcd = Math.hypot(xc - xd, yc + yd);
    const [tbc, tca, tad, tdb] = outside;
    // f1 := (c, a, d), f2 := (d, b, c).
    faces[3 * f1] = c;
    faces[3 * f1 + 1] = a;
    faces[3 * f1 + 2] = d;
    faces[3 * f2] = d;
    faces[3 * f2 + 1] = b;
    faces[3 * f2 + 2] = c;
    const link = (x: number, y: number, length: number): void => {
      twin[x] = y;
      twin[y] = x;
      len[x] = length;
      len[y] = length;
    };
    link(3 * f1, tca, lca); // c→a
    link(3 * f1 + 1, tad, lad); // a→d
    link(3 * f1 + 2, 3 * f2 + 2, lcd); // d→c / c→d
    link(3 * f2, tdb, ldb); // d→b
    link(3 * f2 + 1, tbc, lbc); // b→c
    flips++;
    for (const e of [3 * f1, 3 * f1 + 1, 3 * f2, 3 * f2 + 1]) {
      const key = Math.min(e, twin[e]);
      if (!queued[key]) {
        queued[key] = 1;
        stack.push(key);
      }
    }
  }

  // Lengths per corner: the edge opposite corner k is the halfedge from corner k+1 to k+2.
  const lengths = new Float64Array(3 * faceCount);
  for (let f = 0; f < faceCount; f++) {
    for (let k = 0; k < 3; k++) lengths[3 * f + k] = len[3 * f + ((k + 1) % 3)];
  }
  return { faces, lengths, flips };
}

/** Area from side lengths (Kahan's stable Heron). */
export function triangleArea(a: number, b: number, c: number): number {
  // Sort a ≥ b ≥ c.
  if (a < b) [a, b] = [b, a];
  if (b < c) [b, c] = [c, b];
  if (a < b) [a, b] = [b, a];
  const p = (a + (b + c)) * (c - (a - b)) * (c + (a - b)) * (a + (b - c));
  return 0.25 * Math.sqrt(Math.max(p, 0));
}
